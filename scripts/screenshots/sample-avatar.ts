import { encodePng } from './png';

/** A picture a user might pick as avatar (drawn here: no binary fixture in the repo). */
export function sampleAvatar(size = 160): Buffer {
  const data = Buffer.alloc(size * size * 4);
  const c = size / 2;
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const t = (x + y) / (2 * size);
      let rgb = [Math.round(54 + 40 * t), Math.round(110 + 90 * t), Math.round(244 - 70 * t)];
      const head = Math.hypot(x - c, y - size * 0.4) < size * 0.17;
      const body = Math.hypot(x - c, y - size * 1.02) < size * 0.36;
      if (head || body) rgb = [255, 255, 255];
      data.set([...rgb, 255], (y * size + x) * 4);
    }
  }
  return encodePng({ width: size, height: size, data });
}
