// The picture format and comparison behind `npm run screenshots -- --check` (no browser).
import {
  compareImages,
  decodePng,
  encodePalettePng,
  paletteImage,
  type Image,
} from '../../scripts/screenshots/png';

/** A w×h picture filled with one colour, with an optional rectangle of another. */
function picture(
  width: number,
  height: number,
  fill: [number, number, number],
  box?: { x: number; y: number; w: number; h: number; color: [number, number, number] },
): Image {
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const inBox = box && x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h;
      const [r, g, b] = inBox ? box.color : fill;
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return { width, height, data };
}

describe('palette pictures', () => {
  it('are lossless up to 256 colours and decode to what comparisons use', () => {
    const source = picture(40, 30, [243, 243, 243], { x: 5, y: 5, w: 10, h: 10, color: [0, 82, 217] });
    const palette = paletteImage(source);
    expect(palette.palette).toHaveLength(2);
    expect(palette.image.data.equals(source.data)).toBe(true);
    const decoded = decodePng(encodePalettePng(palette));
    expect(decoded.width).toBe(40);
    expect(decoded.data.equals(source.data)).toBe(true);
  });

  it('keep more than 256 colours close to the original, deterministically', () => {
    const source = picture(64, 64, [255, 255, 255]);
    for (let i = 0; i < 64 * 64; i += 1) source.data.set([i % 256, (i * 7) % 256, (i * 13) % 256], i * 4);
    const first = paletteImage(source);
    expect(first.palette.length).toBeLessThanOrEqual(256);
    expect(encodePalettePng(first).equals(encodePalettePng(paletteImage(source)))).toBe(true);
    expect(decodePng(encodePalettePng(first)).data.equals(first.image.data)).toBe(true);
  });
});

describe('comparison', () => {
  const base = picture(60, 40, [255, 255, 255], { x: 10, y: 10, w: 20, h: 10, color: [0, 82, 217] });

  it('finds identical pictures the same, with no diff picture', () => {
    expect(
      compareImages(
        base,
        picture(60, 40, [255, 255, 255], { x: 10, y: 10, w: 20, h: 10, color: [0, 82, 217] }),
      ),
    ).toMatchObject({ same: true, diffPixels: 0, diff: undefined });
  });

  it('tolerates colour noise under the threshold and a few pixels', () => {
    const nearly = picture(60, 40, [254, 255, 255], { x: 10, y: 10, w: 20, h: 10, color: [1, 83, 216] });
    expect(compareImages(base, nearly).same).toBe(true);
    const speck = picture(60, 40, [255, 255, 255], { x: 10, y: 10, w: 20, h: 10, color: [0, 82, 217] });
    speck.data.set([0, 0, 0, 255], (39 * 60 + 59) * 4);
    expect(compareImages(base, speck, { threshold: 0.1, maxDiffPixels: 1 }).same).toBe(true);
    expect(compareImages(base, speck, { threshold: 0.1, maxDiffPixels: 0 }).same).toBe(false);
  });

  it('reports a changed style with a three-panel diff picture (baseline | current | changes)', () => {
    const moved = picture(60, 40, [255, 255, 255], { x: 14, y: 10, w: 20, h: 10, color: [213, 73, 65] });
    const result = compareImages(base, moved);
    expect(result.same).toBe(false);
    expect(result.diffPixels).toBeGreaterThan(100);
    const diff = decodePng(result.diff as Buffer);
    expect([diff.width, diff.height]).toEqual([60 * 3 + 32, 40]);
  });

  it('reports a size change', () => {
    const result = compareImages(base, picture(60, 50, [255, 255, 255]));
    expect(result).toMatchObject({ same: false, sizeChanged: true });
    expect(decodePng(result.diff as Buffer).height).toBe(50);
  });
});
