/**
 * Json gates:
 * - schema: app.json, theme.json, sitemap.json and every page and component json against
 *   the JSON schemas miniprogram-ci ships (`dist/schema/dist/*.js`), with ajv. WeChat's
 *   own compile only warns about unknown keys; here they fail.
 * - component: every json reached through any `usingComponents` must say
 *   `"component": true`. Nothing else checks it: DevTools and the compile accept the
 *   project, and the page breaks on the phone.
 */
import Ajv from 'ajv';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Failure, type MiniProgram, readJson, toPosix } from './project';

type SchemaName = 'app' | 'page' | 'theme' | 'sitemap';

function loadSchema(name: SchemaName): object {
  // Plain CommonJS modules inside miniprogram-ci (no types): `module.exports = { ...schema }`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(`miniprogram-ci/dist/schema/dist/${name}.js`) as object;
}

let validators: Map<SchemaName, Ajv.ValidateFunction> | undefined;

function validator(name: SchemaName): Ajv.ValidateFunction {
  if (!validators) {
    // The schemas are draft-07 and carry a `$version` annotation, which ajv ignores.
    const ajv = new Ajv({ allErrors: true, jsonPointers: true });
    validators = new Map(
      (['app', 'page', 'theme', 'sitemap'] as const).map((schema) => [
        schema,
        ajv.compile(loadSchema(schema)),
      ]),
    );
  }
  return validators.get(name)!;
}

function describe(error: Ajv.ErrorObject): string {
  const where = error.dataPath ? error.dataPath.replace(/^\//, '').replace(/\//g, '.') : '(top level)';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where}: unknown key "${String(params.additionalProperty)}"`;
    case 'enum':
      return `${where}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'required':
      return `${where}: missing "${String(params.missingProperty)}"`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

/** Validates one value; returns readable messages (at most a few per file). */
export function validateJson(name: SchemaName, value: unknown): string[] {
  const validate = validator(name);
  if (validate(value)) return [];
  const messages = [...new Set((validate.errors ?? []).map(describe))];
  // anyOf branches repeat one problem several ways: the first few say it.
  return messages.length > 6 ? [...messages.slice(0, 6), `... and ${messages.length - 6} more`] : messages;
}

export function checkSchemas(mp: MiniProgram): { failures: Failure[]; files: number } {
  const rel = (file: string) => toPosix(path.relative(mp.projectDir, file));
  const failures: Failure[] = mp.unreadable.map((entry) => ({
    gate: 'schema' as const,
    file: entry.file,
    message: entry.message,
  }));
  const unreadable = new Set(mp.unreadable.map((entry) => entry.file));
  const targets = new Map<string, SchemaName>();
  if (mp.app) {
    targets.set(path.join(mp.root, 'app.json'), 'app');
    const theme = typeof mp.app.themeLocation === 'string' ? mp.app.themeLocation : null;
    if (theme) targets.set(path.join(mp.root, theme), 'theme');
    const sitemap = typeof mp.app.sitemapLocation === 'string' ? mp.app.sitemapLocation : 'sitemap.json';
    targets.set(path.join(mp.root, sitemap), 'sitemap');
  }
  for (const page of mp.pages) targets.set(`${page}.json`, 'page');
  for (const component of mp.components.keys()) targets.set(`${component}.json`, 'page');

  let files = 0;
  for (const [file, schema] of targets) {
    if (unreadable.has(rel(file))) continue;
    if (!existsSync(file)) {
      // A missing page json is allowed (the page then has no settings); a missing theme or
      // a sitemapLocation that points nowhere is not.
      if (schema === 'theme' || (schema === 'sitemap' && typeof mp.app?.sitemapLocation === 'string')) {
        failures.push({ gate: 'schema', file: rel(file), message: `${schema} file is missing` });
      }
      continue;
    }
    files += 1;
    let value: unknown;
    try {
      value = readJson(file);
    } catch (error) {
      failures.push({
        gate: 'schema',
        file: rel(file),
        message: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    for (const message of validateJson(schema, value)) {
      failures.push({ gate: 'schema', file: rel(file), message: `${message} (${schema}.json schema)` });
    }
  }
  return { failures, files };
}

export function checkComponentFlags(mp: MiniProgram): { failures: Failure[]; components: number } {
  const rel = (file: string) => toPosix(path.relative(mp.projectDir, file));
  const failures: Failure[] = mp.unresolved.map((use) => ({
    gate: 'component' as const,
    file: use.from,
    message: `usingComponents "${use.name}": "${use.target}" resolves to no component json`,
  }));
  for (const [base, uses] of mp.components) {
    const file = `${base}.json`;
    let json: unknown;
    try {
      json = readJson(file);
    } catch {
      continue; // reported by the schema gate
    }
    if ((json as { component?: unknown } | null)?.component === true) continue;
    const named = uses.slice(0, 3).map((use) => `${use.from} ("${use.name}")`);
    const by = uses.length > 3 ? `${named.join(', ')} and ${uses.length - 3} more` : named.join(', ');
    failures.push({
      gate: 'component',
      file: rel(file),
      message: `used as a component by ${by} but does not declare "component": true`,
    });
  }
  return { failures, components: mp.components.size };
}
