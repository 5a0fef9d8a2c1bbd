// The two font converters ship no types; these are the parts the icon font uses.
declare module 'svg2ttf' {
  function svg2ttf(svgFont: string, options?: { ts?: number; version?: string }): { buffer: ArrayBuffer };
  export = svg2ttf;
}

declare module 'ttf2woff' {
  function ttf2woff(ttf: Uint8Array): { buffer: ArrayBuffer };
  export = ttf2woff;
}
