/**
 * The project's own checks, run inside the page's webview next to axe-core (this function
 * is sent to the browser as it is: it uses nothing from outside its body).
 *
 * - `tap-target-size`: every element that reacts to a tap (`data-tap`, see
 *   scripts/screenshots/a11y-attrs.ts) or has an interactive role is at least 44×44 CSS px;
 *   an absolutely positioned ::before / ::after of the element (a larger hit area around a
 *   smaller icon) counts.
 * - `tappable-role`: an element that reacts to a tap has a role (a screen reader announces
 *   it as something that can be activated).
 * - `icon-contrast`: an icon that is not hidden from screen readers (it carries meaning) and
 *   the unchecked circle of a checkbox or radio reach 3:1 against what is behind them.
 */
export interface PageFinding {
  rule: 'tap-target-size' | 'tappable-role' | 'icon-contrast';
  /** The element: its id, else its classes, with its text or name. */
  target: string;
  detail: string;
}

export function projectChecks(minTarget: number): PageFinding[] {
  const findings: PageFinding[] = [];
  const INTERACTIVE = new Set([
    'button',
    'link',
    'checkbox',
    'radio',
    'switch',
    'tab',
    'menuitem',
    'option',
    'textbox',
    'slider',
    'spinbutton',
    'combobox',
    'searchbox',
  ]);

  const hidden = (element: Element): boolean => {
    for (let at: Element | null = element; at; at = at.parentElement) {
      if (at.getAttribute('aria-hidden') === 'true' || at.hasAttribute('hidden')) return true;
      const style = getComputedStyle(at);
      if (style.display === 'none' || style.visibility === 'hidden') return true;
    }
    return false;
  };

  const describe = (element: Element): string => {
    const id = element.getAttribute('id');
    const classes = Array.from(element.classList)
      .map((token) => token.replace(/^[\w-]*--/, ''))
      .filter((token) => !/^(class|t-class)$/.test(token))
      .slice(0, 2)
      .join('.');
    const name = (element.getAttribute('aria-label') ?? element.textContent ?? '')
      .trim()
      .replace(/\s+/g, ' ');
    const where = id ? `#${id}` : classes ? `.${classes}` : element.tagName.toLowerCase();
    return name ? `${where} “${name.slice(0, 24)}”` : where;
  };

  /** The element's box, grown by absolutely positioned ::before / ::after (hit areas). */
  const hitBox = (element: Element) => {
    const rect = element.getBoundingClientRect();
    let { left, top, right, bottom } = rect;
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      // A hit area: absolutely placed, not scaled (WeChat's button draws its border with a
      // 200% ::after scaled by half), and taking taps.
      if (
        style.content === 'none' ||
        style.position !== 'absolute' ||
        style.display === 'none' ||
        style.transform !== 'none' ||
        style.pointerEvents === 'none'
      )
        continue;
      const px = (value: string) => (value.endsWith('px') ? parseFloat(value) : NaN);
      const width = px(style.width);
      const height = px(style.height);
      const l = px(style.left);
      const t = px(style.top);
      if ([width, height, l, t].some(Number.isNaN)) continue;
      left = Math.min(left, rect.left + l);
      top = Math.min(top, rect.top + t);
      right = Math.max(right, rect.left + l + width);
      bottom = Math.max(bottom, rect.top + t + height);
    }
    return { width: right - left, height: bottom - top };
  };

  const parseColor = (value: string): [number, number, number, number] | undefined => {
    const match = /rgba?\(([^)]+)\)/.exec(value);
    if (!match) return undefined;
    const parts = match[1]
      .split(/[\s,/]+/)
      .filter(Boolean)
      .map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const blend = (top: number[], bottom: number[]): number[] => {
    const alpha = top[3];
    return [0, 1, 2].map((i) => top[i] * alpha + bottom[i] * (1 - alpha)).concat(1);
  };
  /** The colour behind the element: its ancestors' backgrounds, blended. */
  const backgroundOf = (element: Element): number[] => {
    const layers: number[][] = [];
    for (let at: Element | null = element; at; at = at.parentElement) {
      const color = parseColor(getComputedStyle(at).backgroundColor);
      if (color && color[3] > 0) {
        layers.push(color);
        if (color[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = blend(layer, result);
    return result;
  };
  const luminance = (rgb: number[]) => {
    const [r, g, b] = rgb.slice(0, 3).map((channel) => {
      const c = channel / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a: number[], b: number[]) => {
    const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (high + 0.05) / (low + 0.05);
  };

  // Tap targets and their roles.
  const targets = Array.from(document.querySelectorAll('[data-tap], [role]')).filter((element) => {
    const role = element.getAttribute('role') ?? '';
    return (element.hasAttribute('data-tap') || INTERACTIVE.has(role)) && !hidden(element);
  });
  /** Nothing to see or hear (TDesign's popup keeps an empty close area when it has no close button). */
  const invisible = (element: Element): boolean =>
    !(element.textContent ?? '').trim() &&
    !element.getAttribute('aria-label') &&
    !element.querySelector('[class*="t-icon-base"], wx-image, [role="img"]') &&
    (parseColor(getComputedStyle(element).backgroundColor)?.[3] ?? 0) === 0;

  for (const element of targets) {
    const rect = element.getBoundingClientRect();
    if ((rect.width === 0 && rect.height === 0) || invisible(element)) continue;
    const role = element.getAttribute('role') ?? '';
    if (element.hasAttribute('data-tap') && !INTERACTIVE.has(role)) {
      findings.push({
        rule: 'tappable-role',
        target: describe(element),
        detail: role ? `reacts to a tap but its role is "${role}"` : 'reacts to a tap but has no role',
      });
    }
    const box = hitBox(element);
    if (box.width + 0.01 < minTarget || box.height + 0.01 < minTarget) {
      findings.push({
        rule: 'tap-target-size',
        target: describe(element),
        detail: `${Math.round(box.width * 10) / 10}×${Math.round(box.height * 10) / 10} px`,
      });
    }
  }

  // Icons that carry meaning, and the unchecked circle of checkboxes and radios.
  const icons = Array.from(document.querySelectorAll('[class*="t-icon-base"]')).filter(
    (icon) => !hidden(icon),
  );
  for (const icon of icons) {
    const drawn = getComputedStyle(icon, '::before');
    const color = parseColor(drawn.backgroundColor) ?? parseColor(getComputedStyle(icon).color);
    if (!color || color[3] === 0) continue;
    const background = backgroundOf(icon.parentElement ?? icon);
    const value = ratio(blend(color, background), background);
    if (value < 3) {
      const owner = icon.closest('[id], [aria-label]') ?? icon;
      findings.push({
        rule: 'icon-contrast',
        target: `${describe(owner)} icon ${Array.from(icon.classList)[0]?.replace(/^.*t-icon-/, '') ?? ''}`,
        detail: `${value.toFixed(2)}:1`,
      });
    }
  }
  const circles = Array.from(document.querySelectorAll('[role="checkbox"] *, [role="radio"] *')).filter(
    (element) => /__icon-(circle|rectangle)/.test(element.className) && !hidden(element),
  );
  for (const circle of circles) {
    const style = getComputedStyle(circle, '::before');
    const own = getComputedStyle(circle);
    const border = parseFloat(style.borderTopWidth) > 0 ? style.borderTopColor : own.borderTopColor;
    const color = parseColor(border);
    if (!color || color[3] === 0) continue;
    const background = backgroundOf(circle.parentElement ?? circle);
    const value = ratio(blend(color, background), background);
    if (value < 3) {
      findings.push({
        rule: 'icon-contrast',
        target: describe(circle.closest('[role]') ?? circle),
        detail: `unchecked outline ${value.toFixed(2)}:1`,
      });
    }
  }
  return findings;
}
