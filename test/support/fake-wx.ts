// The project-owned fake `wx` for jest (installed before each test by setup.ts).
// Implementation in ./fake-wx/: storage, login, versions, privacy, cloud, router, UI.
export * from './fake-wx/index';
