/**
 * The places that name the app, read and rewritten in place by `npm run init` (and read
 * by `npm run deploy`): each edit replaces one value and leaves the rest of the file,
 * formatting included, as it was.
 *
 *   project.config.json      appid, projectname
 *   miniprogram/config.ts    cloudEnvs.develop / trial / release
 *   web/config.js            envId (the release environment: the H5 page is public)
 *   package.json             name (package-lock.json's copy is npm's: the next `npm install`
 *                            updates it; leaving it keeps the built miniprogram_npm current)
 *   README.md                the title line
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EnvVersion } from '../../miniprogram/config';

export const ENV_VERSIONS: readonly EnvVersion[] = ['develop', 'trial', 'release'];

export interface AppIdentity {
  appid: string;
  name: string;
  envs: Record<EnvVersion, string>;
}

/** One value in one file: where it is, and how to replace it. */
interface Field {
  file: string;
  label: string;
  /** Matches the value and what precedes it (group 1), the value itself is group 2; not global. */
  pattern: RegExp;
  /** The value's quotes (none: the README title). */
  quote?: '"' | "'";
  value(identity: AppIdentity): string;
}

const jsonString = (key: string) => new RegExp(`^(\\s*"${key}":\\s*)"([^"\\\\]*)"`, 'm');

const FIELDS: Field[] = [
  {
    file: 'project.config.json',
    label: 'appid',
    pattern: jsonString('appid'),
    quote: '"',
    value: (i) => i.appid,
  },
  {
    file: 'project.config.json',
    label: 'projectname',
    pattern: jsonString('projectname'),
    quote: '"',
    value: (i) => i.name,
  },
  ...ENV_VERSIONS.map((version): Field => ({
    file: 'miniprogram/config.ts',
    label: `cloudEnvs.${version}`,
    pattern: new RegExp(`^(export const cloudEnvs[^=]*= \\{[^}]*?\\n\\s*${version}: )'([^'\\\\]*)'`, 'm'),
    quote: "'",
    value: (i) => i.envs[version],
  })),
  {
    file: 'web/config.js',
    label: 'envId',
    pattern: /^(window\.JUMP_CONFIG = \{[^}]*?\n\s*envId: )'([^'\\]*)'/m,
    quote: "'",
    value: (i) => i.envs.release,
  },
  { file: 'package.json', label: 'name', pattern: jsonString('name'), quote: '"', value: (i) => i.name },
  { file: 'README.md', label: 'title', pattern: /^(# )(.*)/, value: (i) => i.name },
];

function fieldText(root: string, field: Field): string {
  const file = path.join(root, field.file);
  if (!existsSync(file)) throw new Error(`${field.file} is missing`);
  const text = readFileSync(file, 'utf8');
  if (!field.pattern.test(text))
    throw new Error(`${field.file}: cannot find ${field.label} (was the file restructured?)`);
  return text;
}

/** The identity as the files state it today. */
export function readIdentity(root: string): AppIdentity {
  const read = (label: string, file: string) => {
    const field = FIELDS.find((f) => f.label === label && f.file === file);
    if (!field) throw new Error(`no field ${file} ${label}`);
    return field.pattern.exec(fieldText(root, field))?.[2] ?? '';
  };
  return {
    appid: read('appid', 'project.config.json'),
    name: read('name', 'package.json'),
    envs: {
      develop: read('cloudEnvs.develop', 'miniprogram/config.ts'),
      trial: read('cloudEnvs.trial', 'miniprogram/config.ts'),
      release: read('cloudEnvs.release', 'miniprogram/config.ts'),
    },
  };
}

export interface Change {
  file: string;
  label: string;
  from: string;
  to: string;
}

/** Rewrites every field that differs from `identity`; returns what changed (nothing: already so). */
export function writeIdentity(root: string, identity: AppIdentity): Change[] {
  const changes: Change[] = [];
  const texts = new Map<string, string>();
  for (const field of FIELDS) {
    const text = texts.get(field.file) ?? fieldText(root, field);
    const to = field.value(identity);
    const updated = text.replace(field.pattern, (whole, before: string, from: string) => {
      if (from === to) return whole;
      changes.push({ file: field.file, label: field.label, from, to });
      const quote = field.quote ?? '';
      return `${before}${quote}${to}${quote}`;
    });
    texts.set(field.file, updated);
  }
  for (const [file, text] of texts) {
    if (file.endsWith('.json')) JSON.parse(text); // never leave a broken JSON file behind
    const target = path.join(root, file);
    if (readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
  }
  return changes;
}

/** web/config.js's text with `envId` set: deploy uploads the page configured for its environment. */
export function webConfigForEnv(text: string, envId: string): string {
  const field = FIELDS.find((candidate) => candidate.file === 'web/config.js');
  if (!field || !field.pattern.test(text)) throw new Error('web/config.js: cannot find envId');
  return text.replace(field.pattern, (_whole, before: string) => `${before}'${envId}'`);
}
