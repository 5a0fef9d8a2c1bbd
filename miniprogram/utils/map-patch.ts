/**
 * The setData paths that turn one `{ [id]: true }` lookup into another: only the ids that
 * changed, so a page that shows many items sends one or two small paths per change, not
 * the whole map. Removed ids are set to false (WXML reads them as "not in the set"); an
 * emptied set (a logout) is one small write of `{}`.
 */
export function mapPatch(
  name: string,
  before: Readonly<Record<string, boolean>>,
  after: readonly string[],
): Record<string, boolean | Record<string, never>> {
  if (after.length === 0) {
    for (const id in before) if (before[id]) return { [name]: {} };
    return {};
  }
  const patch: Record<string, boolean | Record<string, never>> = {};
  const now = new Set(after);
  for (const id of now) if (!before[id]) patch[`${name}.${id}`] = true;
  for (const [id, on] of Object.entries(before)) if (on && !now.has(id)) patch[`${name}.${id}`] = false;
  return patch;
}
