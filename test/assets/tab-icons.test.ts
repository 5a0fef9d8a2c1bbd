/** @jest-environment node */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { decodePng, encodeIndexedRgbaPng } from '../../scripts/screenshots/png';

const dir = path.resolve(__dirname, '../../miniprogram/assets/tabbar');
const icons = readdirSync(dir).filter((file) => file.endsWith('.png'));

describe('tabBar icons', () => {
  it.each(icons)('%s: 81×81, within WeChat’s 40 KB, stored as an indexed PNG', (file) => {
    const bytes = readFileSync(path.join(dir, file));
    const image = decodePng(bytes);
    expect([image.width, image.height]).toEqual([81, 81]);
    expect(bytes.length).toBeLessThan(40 * 1024);
    expect(bytes[25]).toBe(3); // IHDR colour type: palette
  });

  it('encodes an RGBA picture without changing a pixel, and refuses more than 256 colours', () => {
    const image = decodePng(readFileSync(path.join(dir, icons[0])));
    const encoded = encodeIndexedRgbaPng(image);
    if (!encoded) throw new Error('an icon has more than 256 colours');
    const back = decodePng(encoded);
    for (let i = 0; i < image.data.length; i += 4) {
      expect(back.data[i + 3]).toBe(image.data[i + 3]);
      if (image.data[i + 3] > 0)
        expect([...back.data.subarray(i, i + 3)]).toEqual([...image.data.subarray(i, i + 3)]);
    }
    const noisy = { width: 17, height: 17, data: Buffer.alloc(17 * 17 * 4) };
    // 289 pixels, each its own opaque colour.
    for (let i = 0; i < noisy.data.length; i += 4)
      noisy.data.writeUInt32BE(((i / 4) * 0x10101 * 256 + 0xff) >>> 0, i);
    expect(encodeIndexedRgbaPng(noisy)).toBeNull();
  });
});
