/**
 * The icons the app ships (the glyphs of its icon font). Three sources, all checked by
 * test/icon-font: the app's own WXML and code (`appIcons()` finds literal names in `<t-icon
 * name>`, TDesign `icon` props and `icon:` fields, including the branches of `{{a ? 'x' :
 * 'y'}}`); the icons TDesign's components draw by themselves (COMPONENT_ICONS, read from
 * their sources for tdesign-miniprogram 1.16.0, one entry per component the app reaches);
 * and every icon the rendered page-states show.
 */
import { readdirSync, readFileSync } from 'fs';
import path from 'path';

const MINIPROGRAM = path.resolve(__dirname, '..', '..', 'miniprogram');

/** Icons TDesign components draw on their own, by component (empty: draws only what it is given). */
export const COMPONENT_ICONS: Readonly<Record<string, readonly string[]>> = {
  avatar: [],
  badge: [],
  button: [],
  cell: ['chevron-right'],
  'cell-group': [],
  // icon "circle" (the default) / "rectangle" / "line"; minus-* when indeterminate.
  checkbox: [
    'check',
    'check-circle-filled',
    'check-rectangle-filled',
    'minus-circle-filled',
    'minus-rectangle-filled',
  ],
  empty: [],
  icon: [],
  image: ['close'],
  loading: [],
  overlay: [],
  popup: ['close'],
  radio: ['check', 'check-circle-filled'],
  'radio-group': [],
  stepper: ['add', 'remove'],
  toast: ['check-circle', 'error-circle', 'close-circle'],
  transition: [],
};

function files(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : files(full, extensions);
    return extensions.some((extension) => entry.name.endsWith(extension)) ? [full] : [];
  });
}

/** Literal icon names in an attribute value: `star`, `{{on ? 'star-filled' : 'star'}}`. */
function literals(value: string): string[] {
  if (!value.includes('{{')) return [value.trim()];
  return [...value.matchAll(/'([a-z0-9-]+)'|"([a-z0-9-]+)"/g)].map((match) => match[1] ?? match[2]);
}

/**
 * Icon names the app's WXML and TypeScript name literally. In TypeScript only `icon:` values
 * that are TDesign icons count (`wx.showToast({ icon: 'none' })` is WeChat's, not an icon font glyph).
 */
export function appIcons(isIcon: (name: string) => boolean, root = MINIPROGRAM): string[] {
  const names = new Set<string>();
  for (const file of files(root, ['.wxml'])) {
    const text = readFileSync(file, 'utf8');
    for (const tag of text.matchAll(/<t-([a-z-]+)\b([^>]*)>/g)) {
      const attribute = tag[1] === 'icon' ? 'name' : 'icon';
      const value = new RegExp(`\\s${attribute}="([^"]*)"`).exec(tag[2])?.[1];
      if (value !== undefined) for (const name of literals(value)) names.add(name);
    }
  }
  for (const file of files(root, ['.ts'])) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bicon:\s*'([a-z0-9-]+)'/g)) {
      if (isIcon(match[1])) names.add(match[1]);
    }
  }
  names.delete('');
  return [...names].sort();
}

/** Everything the icon font holds. */
export function shippedIcons(isIcon: (name: string) => boolean): string[] {
  return [...new Set([...appIcons(isIcon), ...Object.values(COMPONENT_ICONS).flat()])].sort();
}
