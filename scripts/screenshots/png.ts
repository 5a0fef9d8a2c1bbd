/**
 * PNG files and their comparison. Pictures are stored as 8-bit palette PNGs (see
 * `paletteImage`): a screenshot of this UI has a few hundred colours, so 256 entries keep it
 * visually identical at a third of the size of RGB. pngjs reads PNGs (and writes the RGB diff
 * pictures); pixelmatch compares with a colour tolerance (anti-aliased edge pixels are not
 * counted); the diff picture shows baseline | current | changes side by side.
 */
import { deflateSync } from 'zlib';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Buffer;
}

export function decodePng(buffer: Buffer): Image {
  const png = PNG.sync.read(buffer);
  return { width: png.width, height: png.height, data: png.data };
}

/** Opaque RGB PNG, maximum compression (diff pictures). */
export function encodePng(image: Image): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = image.data;
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, deflateLevel: 9 });
}

export interface Tolerance {
  /** pixelmatch's per-pixel colour threshold, 0 (exact) to 1. */
  threshold: number;
  /** How many differing pixels still count as "unchanged". */
  maxDiffPixels: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { threshold: 0.1, maxDiffPixels: 20 };

export interface Comparison {
  same: boolean;
  /** Differing pixels; every pixel when the sizes differ. */
  diffPixels: number;
  sizeChanged: boolean;
  /** The diff picture (PNG) when the images differ at all. */
  diff?: Buffer;
}

function blank(width: number, height: number, grey = 0xd0): Image {
  const data = Buffer.alloc(width * height * 4, grey);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  return { width, height, data };
}

function paste(target: Image, source: Image, left: number): void {
  for (let y = 0; y < Math.min(source.height, target.height); y += 1) {
    const from = y * source.width * 4;
    const width = Math.min(source.width, target.width - left);
    source.data.copy(target.data, (y * target.width + left) * 4, from, from + width * 4);
  }
}

const GAP = 16;

/** baseline | current | changes (red) side by side, on a grey background. */
function diffPicture(expected: Image, actual: Image, changes: Image): Buffer {
  const width = Math.max(expected.width, actual.width);
  const height = Math.max(expected.height, actual.height);
  const sheet = blank(width * 3 + GAP * 2, height);
  paste(sheet, expected, 0);
  paste(sheet, actual, width + GAP);
  paste(sheet, changes, (width + GAP) * 2);
  return encodePng(sheet);
}

export function compareImages(
  expected: Image,
  actual: Image,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): Comparison {
  if (expected.width !== actual.width || expected.height !== actual.height) {
    const width = Math.max(expected.width, actual.width);
    const height = Math.max(expected.height, actual.height);
    const changes = blank(width, height, 0);
    for (let i = 0; i < changes.data.length; i += 4) changes.data[i] = 255;
    return {
      same: false,
      diffPixels: width * height,
      sizeChanged: true,
      diff: diffPicture(expected, actual, changes),
    };
  }
  const changes = blank(expected.width, expected.height);
  const diffPixels = pixelmatch(expected.data, actual.data, changes.data, expected.width, expected.height, {
    threshold: tolerance.threshold,
    includeAA: false,
  });
  return {
    same: diffPixels <= tolerance.maxDiffPixels,
    diffPixels,
    sizeChanged: false,
    diff: diffPixels > 0 ? diffPicture(expected, actual, changes) : undefined,
  };
}

// ---------------------------------------------------------------------------------------
// Palette pictures

const PALETTE_SIZE = 256;
/** Entries given to the most frequent colours (backgrounds, text); the rest come from median cut. */
const POPULAR = 192;

type Entry = [color: number, count: number];

const channel = (color: number, shift: number) => (color >> shift) & 0xff;

/** Median cut over `entries` (colour, pixel count) into at most `boxes` weighted means. */
function medianCut(entries: Entry[], boxes: number): number[] {
  if (entries.length === 0) return [];
  let queue: Entry[][] = [entries];
  const range = (box: Entry[], shift: number) => {
    let low = 255;
    let high = 0;
    for (const [color] of box) {
      const value = channel(color, shift);
      if (value < low) low = value;
      if (value > high) high = value;
    }
    return high - low;
  };
  while (queue.length < boxes) {
    let best = -1;
    let bestScore = 0;
    let bestShift = 0;
    queue.forEach((box, index) => {
      if (box.length < 2) return;
      for (const shift of [16, 8, 0]) {
        const weight = box.reduce((sum, [, count]) => sum + count, 0);
        const score = range(box, shift) * Math.sqrt(weight);
        if (score > bestScore) {
          bestScore = score;
          best = index;
          bestShift = shift;
        }
      }
    });
    if (best < 0) break;
    const box = [...queue[best]].sort(
      (a, b) => channel(a[0], bestShift) - channel(b[0], bestShift) || a[0] - b[0],
    );
    const total = box.reduce((sum, [, count]) => sum + count, 0);
    let seen = 0;
    let cut = 1;
    for (; cut < box.length - 1; cut += 1) {
      seen += box[cut - 1][1];
      if (seen >= total / 2) break;
    }
    queue = [...queue.slice(0, best), box.slice(0, cut), box.slice(cut), ...queue.slice(best + 1)];
  }
  return queue.map((box) => {
    const total = box.reduce((sum, [, count]) => sum + count, 0);
    const mean = (shift: number) =>
      Math.round(box.reduce((sum, [color, count]) => sum + channel(color, shift) * count, 0) / total);
    return (mean(16) << 16) | (mean(8) << 8) | mean(0);
  });
}

export interface PaletteImage {
  width: number;
  height: number;
  /** 0xRRGGBB per entry. */
  palette: number[];
  /** One palette index per pixel. */
  indices: Uint8Array;
  /** The RGBA image the palette PNG decodes to (what comparisons use). */
  image: Image;
}

/**
 * The picture with at most 256 colours, deterministically: lossless when it has 256 or
 * fewer; otherwise the 192 most frequent colours stay exact and median cut covers the rest
 * (anti-aliasing shades, mostly), each pixel taking the nearest entry.
 */
export function paletteImage(source: Image): PaletteImage {
  const { width, height, data } = source;
  // Runs of one colour are the rule in a UI picture: count a run once.
  const histogram = new Map<number, number>();
  let run = -1;
  let runLength = 0;
  for (let i = 0; i < data.length; i += 4) {
    const color = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    if (color === run) {
      runLength += 1;
      continue;
    }
    if (runLength > 0) histogram.set(run, (histogram.get(run) ?? 0) + runLength);
    run = color;
    runLength = 1;
  }
  if (runLength > 0) histogram.set(run, (histogram.get(run) ?? 0) + runLength);
  const byCount = [...histogram].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const palette =
    byCount.length <= PALETTE_SIZE
      ? byCount.map(([color]) => color)
      : [
          ...byCount.slice(0, POPULAR).map(([color]) => color),
          ...medianCut(byCount.slice(POPULAR), PALETTE_SIZE - POPULAR),
        ];
  const indexOf = new Map<number, number>();
  palette.forEach((color, index) => {
    if (!indexOf.has(color)) indexOf.set(color, index);
  });
  for (const [color] of byCount) {
    if (indexOf.has(color)) continue;
    let best = 0;
    let bestDistance = Infinity;
    palette.forEach((entry, index) => {
      const dr = channel(entry, 16) - channel(color, 16);
      const dg = channel(entry, 8) - channel(color, 8);
      const db = channel(entry, 0) - channel(color, 0);
      const distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    indexOf.set(color, best);
  }
  const indices = new Uint8Array(width * height);
  const rgba = Buffer.alloc(width * height * 4);
  let last = -1;
  let lastIndex = 0;
  for (let pixel = 0, i = 0; pixel < indices.length; pixel += 1, i += 4) {
    const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
    if (key !== last) {
      last = key;
      lastIndex = indexOf.get(key) ?? 0;
    }
    const index = lastIndex;
    const color = palette[index];
    indices[pixel] = index;
    rgba[i] = channel(color, 16);
    rgba[i + 1] = channel(color, 8);
    rgba[i + 2] = channel(color, 0);
    rgba[i + 3] = 255;
  }
  return { width, height, palette, indices, image: { width, height, data: rgba } };
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit indexed PNG (pngjs writes no palette PNGs); unfiltered rows compress best here. */
export function encodePalettePng(picture: PaletteImage): Buffer {
  const { width, height, palette, indices } = picture;
  return indexedPng(width, height, palette, indices);
}

/**
 * The bytes of an 8-bit indexed PNG: `colors` as 0xRRGGBB, or with `alphas` (one per entry,
 * a tRNS chunk) for transparency.
 */
function indexedPng(
  width: number,
  height: number,
  colors: readonly number[],
  indices: Uint8Array,
  alphas?: readonly number[],
): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 3; // colour type: palette
  const plte = Buffer.alloc(colors.length * 3);
  colors.forEach((color, index) => {
    plte[index * 3] = channel(color, 16);
    plte[index * 3 + 1] = channel(color, 8);
    plte[index * 3 + 2] = channel(color, 0);
  });
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1)
    raw.set(indices.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    ...(alphas ? [chunk('tRNS', Buffer.from(alphas))] : []),
    chunk('IDAT', deflateSync(raw, { level: 9, memLevel: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * A lossless 8-bit indexed PNG with transparency (PLTE + tRNS) for a picture of at most
 * 256 distinct RGBA colours, such as an anti-aliased one-colour icon; null when it has more.
 * Usually a third of the size of the RGBA PNG a browser screenshot gives.
 */
export function encodeIndexedRgbaPng(image: Image): Buffer | null {
  const { width, height, data } = image;
  const index = new Map<number, number>();
  const indices = new Uint8Array(width * height);
  for (let pixel = 0; pixel < width * height; pixel += 1) {
    const at = pixel * 4;
    // Fully transparent pixels are one colour, whatever their RGB.
    const rgba =
      data[at + 3] === 0
        ? 0
        : ((data[at] << 24) | (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3]) >>> 0;
    let entry = index.get(rgba);
    if (entry === undefined) {
      if (index.size === 256) return null;
      entry = index.size;
      index.set(rgba, entry);
    }
    indices[pixel] = entry;
  }
  const colors = [...index.keys()];
  return indexedPng(
    width,
    height,
    colors.map((rgba) => rgba >>> 8),
    indices,
    colors.map((rgba) => rgba & 0xff),
  );
}
