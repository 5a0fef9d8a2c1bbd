/**
 * Component declarations nothing renders: a TDesign component may name in its json a
 * component its WXML never uses (tdesign-miniprogram 1.16's stepper declares t-cell). WeChat
 * still uploads what the json names, and checkCodeQuality reports it
 * (CONTAINS_UNUSED_COMPONENTS). A tag counts as used when it appears in the component's WXML
 * or in a template that WXML imports or includes.
 */

/** The tags `<tag` used in WXML texts. */
export function usedTags(wxml: readonly string[]): Set<string> {
  const tags = new Set<string>();
  for (const text of wxml) for (const match of text.matchAll(/<([A-Za-z][\w-]*)/g)) tags.add(match[1]);
  return tags;
}

/** The `<import src>` / `<include src>` of a WXML text. */
export function templateSources(wxml: string): string[] {
  return [...wxml.matchAll(/<(?:import|include)\b[^>]*\ssrc=["']([^"']+)["']/g)].map((match) => match[1]);
}

/**
 * The component json without the usingComponents entries whose tag no WXML in `wxml` uses;
 * null when every entry is used (nothing to change).
 */
export function withoutUnusedComponents(json: string, wxml: readonly string[]): string | null {
  const config = JSON.parse(json) as { usingComponents?: Record<string, string> };
  const using = config.usingComponents ?? {};
  const tags = usedTags(wxml);
  const unused = Object.keys(using).filter((tag) => !tags.has(tag));
  if (unused.length === 0) return null;
  for (const tag of unused) delete using[tag];
  return JSON.stringify(config);
}
