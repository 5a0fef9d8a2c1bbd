// miniprogram-simulate ships no types: its `wx` mock object (src/api) as the fake sees it.
declare module 'miniprogram-simulate/src/api' {
  const api: Record<string, unknown>;
  export default api;
}
