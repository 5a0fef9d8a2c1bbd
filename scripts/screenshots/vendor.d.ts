// The parts of pngjs 7 and pixelmatch 5 used here (neither ships type declarations).
declare module 'pngjs' {
  export interface PNGOptions {
    width?: number;
    height?: number;
    /** 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA (the default). */
    colorType?: 0 | 2 | 4 | 6;
    inputColorType?: 0 | 2 | 4 | 6;
    inputHasAlpha?: boolean;
    deflateLevel?: number;
    deflateStrategy?: number;
    filterType?: number | number[];
    bgColor?: { red: number; green: number; blue: number };
  }
  export class PNG {
    constructor(options?: PNGOptions);
    width: number;
    height: number;
    /** RGBA, 4 bytes per pixel. */
    data: Buffer;
    static sync: {
      read(buffer: Buffer): PNG;
      write(png: PNG, options?: PNGOptions): Buffer;
    };
  }
}

declare module 'pixelmatch' {
  interface PixelmatchOptions {
    threshold?: number;
    includeAA?: boolean;
    alpha?: number;
    aaColor?: [number, number, number];
    diffColor?: [number, number, number];
    diffColorAlt?: [number, number, number] | null;
    diffMask?: boolean;
  }
  /** Compares two RGBA buffers; writes the diff into `output`; returns the number of differing pixels. */
  function pixelmatch(
    img1: Uint8Array,
    img2: Uint8Array,
    output: Uint8Array | null,
    width: number,
    height: number,
    options?: PixelmatchOptions,
  ): number;
  export = pixelmatch;
}
