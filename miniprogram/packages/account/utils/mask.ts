/**
 * Shows enough of an identifier to recognise it, not enough to use it:
 * `o1Mcp_iZuQtaOttZhWIRso2tmguF` → `o1Mc…tmguF`. Short values are masked whole.
 */
export function maskIdentifier(value: string, head = 4, tail = 4): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return `${value.slice(0, head)}****${value.slice(value.length - tail)}`;
}
