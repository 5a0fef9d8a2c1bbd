/**
 * TDesign's icons as font glyphs. tdesign-icons-svg draws most icons with strokes (2 units
 * wide on a 24-unit grid, square caps, miter joins); a font glyph can only be filled. This
 * turns each stroke into filled contours — one quadrilateral per straight piece (curves
 * are flattened first), a miter (or, past the miter limit, a bevel) at each corner, square
 * caps at open ends — all wound the same way, so the font's nonzero rule draws their union.
 * Filled paths (`fill="currentColor"`) are kept as they are.
 *
 * Only the absolute commands TDesign's SVGs use are read: M L H V C Z.
 */

export type Point = [number, number];
export type Contour = Point[];

const CURVE_STEPS = 12;
const MITER_LIMIT = 4;

interface SubPath {
  points: Point[];
  closed: boolean;
}

/** The subpaths of an SVG path's `d`, curves flattened. */
export function flatten(d: string): SubPath[] {
  const tokens = d.match(/[A-Za-z]|-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/g) ?? [];
  const paths: SubPath[] = [];
  let current: SubPath | undefined;
  let at: Point = [0, 0];
  let command = '';
  let index = 0;
  const number = () => Number(tokens[index++]);
  while (index < tokens.length) {
    if (/^[A-Za-z]$/.test(tokens[index])) command = tokens[index++];
    if (command !== command.toUpperCase())
      throw new Error(`relative path command "${command}" is not supported`);
    switch (command) {
      case 'M':
        at = [number(), number()];
        current = { points: [at], closed: false };
        paths.push(current);
        command = 'L'; // Further pairs after M are lines.
        break;
      case 'L':
        at = [number(), number()];
        current?.points.push(at);
        break;
      case 'H':
        at = [number(), at[1]];
        current?.points.push(at);
        break;
      case 'V':
        at = [at[0], number()];
        current?.points.push(at);
        break;
      case 'C': {
        const c1: Point = [number(), number()];
        const c2: Point = [number(), number()];
        const end: Point = [number(), number()];
        const start = at;
        for (let step = 1; step <= CURVE_STEPS; step += 1) {
          const t = step / CURVE_STEPS;
          const u = 1 - t;
          current?.points.push([
            u * u * u * start[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t * t * t * end[0],
            u * u * u * start[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t * t * t * end[1],
          ]);
        }
        at = end;
        break;
      }
      case 'Z':
        if (current) {
          current.closed = true;
          at = current.points[0];
        }
        command = '';
        break;
      default:
        throw new Error(`path command "${command}" is not supported`);
    }
  }
  return paths.map((path) => ({ ...path, points: withoutRepeats(path.points, path.closed) }));
}

function withoutRepeats(points: Point[], closed: boolean): Point[] {
  const kept = points.filter((point, i) => i === 0 || distance(point, points[i - 1]) > 1e-6);
  if (closed && kept.length > 1 && distance(kept[0], kept[kept.length - 1]) < 1e-6) kept.pop();
  return kept;
}

const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
const add = (a: Point, b: Point, scale = 1): Point => [a[0] + b[0] * scale, a[1] + b[1] * scale];

function unit(from: Point, to: Point): Point {
  const length = distance(from, to);
  return [(to[0] - from[0]) / length, (to[1] - from[1]) / length];
}

/** Twice the signed area (positive: counter-clockwise in y-up coordinates). */
export function signedArea(contour: Contour): number {
  let sum = 0;
  for (let i = 0; i < contour.length; i += 1) {
    const [x1, y1] = contour[i];
    const [x2, y2] = contour[(i + 1) % contour.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** All stroke contours wound one way (their union is what nonzero fills). */
function oriented(contour: Contour): Contour {
  return signedArea(contour) < 0 ? [...contour].reverse() : contour;
}

/** The filled contours of a stroke of `width` along the subpaths. */
export function strokeOutline(paths: SubPath[], width: number): Contour[] {
  const half = width / 2;
  const contours: Contour[] = [];
  for (const { points, closed } of paths) {
    if (points.length === 1) {
      // A zero-length subpath with square caps is a square (TDesign draws dots this way).
      const [x, y] = points[0];
      contours.push([
        [x - half, y - half],
        [x + half, y - half],
        [x + half, y + half],
        [x - half, y + half],
      ]);
      continue;
    }
    const count = closed ? points.length : points.length - 1;
    for (let i = 0; i < count; i += 1) {
      let from = points[i];
      let to = points[(i + 1) % points.length];
      const direction = unit(from, to);
      const normal: Point = [-direction[1], direction[0]];
      // Square caps: an open path's ends reach half the width further.
      if (!closed && i === 0) from = add(from, direction, -half);
      if (!closed && i === count - 1) to = add(to, direction, half);
      contours.push(
        oriented([
          add(from, normal, half),
          add(to, normal, half),
          add(to, normal, -half),
          add(from, normal, -half),
        ]),
      );
    }
    const corners = closed ? points.length : points.length - 2;
    for (let i = 0; i < corners; i += 1) {
      const vertex = closed ? points[i] : points[i + 1];
      const before = closed ? points[(i - 1 + points.length) % points.length] : points[i];
      const after = closed ? points[(i + 1) % points.length] : points[i + 2];
      const join = joinContour(before, vertex, after, half);
      if (join) contours.push(join);
    }
  }
  return contours;
}

/** The wedge that fills the outer side of a corner: a miter, or a bevel past the limit. */
function joinContour(before: Point, vertex: Point, after: Point, half: number): Contour | undefined {
  const d1 = unit(before, vertex);
  const d2 = unit(vertex, after);
  const cross = d1[0] * d2[1] - d1[1] * d2[0];
  if (Math.abs(cross) < 1e-9) return undefined;
  // The outer side is opposite to the turn.
  const side = cross > 0 ? -1 : 1;
  const n1: Point = [-d1[1] * side, d1[0] * side];
  const n2: Point = [-d2[1] * side, d2[0] * side];
  const a = add(vertex, n1, half);
  const b = add(vertex, n2, half);
  const bisector: Point = [n1[0] + n2[0], n1[1] + n2[1]];
  const length = Math.hypot(bisector[0], bisector[1]);
  const cosHalf = length / 2;
  const miterRatio = 1 / cosHalf;
  if (miterRatio > MITER_LIMIT) return oriented([vertex, a, b]);
  const miter = add(vertex, [bisector[0] / length, bisector[1] / length], half * miterRatio);
  return oriented([vertex, a, miter, b]);
}

/** The contours of one TDesign icon SVG: stroked paths outlined, filled paths as drawn. */
export function iconContours(svg: string): Contour[] {
  const contours: Contour[] = [];
  for (const match of svg.matchAll(/<path\b([^>]*)>/g)) {
    const attributes = match[1];
    const read = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes)?.[1];
    const d = read('d');
    if (!d) continue;
    if (read('stroke') === 'currentColor') {
      contours.push(...strokeOutline(flatten(d), Number(read('stroke-width') ?? 2)));
    } else if (read('fill') === 'currentColor') {
      for (const path of flatten(d)) contours.push(path.points);
    }
  }
  return contours;
}
