/** @jest-environment node */
import { readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';
import { REPO_ROOT, StorageRules } from '../../scripts/local-cloud';
import { STORAGE_RULES_FILE } from '../../scripts/local-cloud/storage-rules';

const securityDir = path.join(REPO_ROOT, 'security');

describe('security/storage.rules.json (the production storage rule)', () => {
  const rules = StorageRules.load();
  const me = 'oAlice00000000000000000000000';
  const other = 'oBob0000000000000000000000000';

  it('is a console rule: only "read" and "write", each a boolean or an expression', () => {
    const file = JSON.parse(readFileSync(STORAGE_RULES_FILE, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(file).sort()).toEqual(['read', 'write']);
    for (const rule of Object.values(file)) expect(['boolean', 'string']).toContain(typeof rule);
  });

  it.each([
    ['own new file', `avatars/${me}/1700000000000-abc123.png`, undefined, true],
    ['own existing file', `avatars/${me}/a.png`, me, true],
    ['someone else’s file in own folder', `avatars/${me}/a.png`, other, false],
    ['a server file (no owner)', `avatars/${me}/a.png`, null, false],
    ['outside avatars', 'uploads/a.png', undefined, false],
    ['the folder itself as a file', `avatars/${me}`, undefined, false],
    ['a nested folder', `avatars/${me}/x/a.png`, undefined, false],
    ['a strange folder name', 'avatars/../a.png', undefined, false],
  ])('write: %s', (_name, cloudPath, owner, allowed) => {
    const resource = { path: cloudPath, openid: owner === undefined ? me : (owner ?? undefined) };
    expect(rules.allows('write', { openid: me }, resource)).toBe(allowed);
  });

  it('denies writes without a user or without an openid (web users)', () => {
    const resource = { path: `avatars/${me}/a.png`, openid: me };
    expect(rules.allows('write', null, resource)).toBe(false);
    expect(rules.allows('write', { uid: 'web-user' }, { ...resource, openid: undefined })).toBe(false);
  });

  it('lets anyone read avatars and nothing else', () => {
    expect(rules.allows('read', null, { path: `avatars/${other}/a.png`, openid: other })).toBe(true);
    expect(rules.allows('read', { openid: me }, { path: 'reports/r.txt' })).toBe(false);
  });
});

describe('the rule evaluator', () => {
  it('understands the operators the rule language documents', () => {
    const rules = new StorageRules({
      read: "(auth == null || !(auth.openid != 'x')) && /^a\\/b$/.test(resource.path) == true",
      write: true,
    });
    expect(rules.allows('read', null, { path: 'a/b' })).toBe(true);
    expect(rules.allows('read', { openid: 'x' }, { path: 'a/b' })).toBe(true);
    expect(rules.allows('read', { openid: 'y' }, { path: 'a/b' })).toBe(false);
    expect(rules.allows('read', null, { path: 'a/c' })).toBe(false);
    expect(rules.allows('write', null, { path: 'anything' })).toBe(true);
  });

  it('denies an action without a rule, and when evaluation fails (a field of null)', () => {
    const rules = new StorageRules({ read: 'auth.openid == resource.openid' });
    expect(rules.allows('read', null, { path: 'a', openid: 'o' })).toBe(false);
    expect(rules.allows('write', { openid: 'o' }, { path: 'a', openid: 'o' })).toBe(false);
  });

  it.each([
    'request.auth != null',
    'auth.openid ==',
    'auth.openid = 1',
    "resource.path.startsWith('a')",
    '1 == 1',
    {},
  ])('refuses to load what it does not understand: %j', (rule) => {
    expect(() => new StorageRules({ read: rule })).toThrow();
  });
});

/** Every `collection(X)` in the functions, X a string literal or a constant declared as one. */
function collectionsTheFunctionsUse(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(file).isDirectory()) walk(file);
      else if (name.endsWith('.ts')) files.push(file);
    }
  };
  walk(path.join(REPO_ROOT, 'cloudfunctions'));
  const sources = files.map((file) => readFileSync(file, 'utf8'));
  const constants = new Map<string, string>();
  for (const source of sources) {
    for (const [, name, value] of source.matchAll(/\bconst\s+([A-Z][A-Z0-9_]*)\s*=\s*'([^']+)'/g)) {
      constants.set(name, value);
    }
  }
  const found = new Set<string>();
  for (const source of sources) {
    for (const [, argument] of source.matchAll(/\.collection\(\s*([^)]+?)\s*\)/g)) {
      const literal = /^'([^']+)'$/.exec(argument)?.[1];
      const name = literal ?? constants.get(argument);
      if (name === undefined) {
        // A parameter (db.ts declares collection(name: string)) is not a use.
        if (/^[a-z]\w*(:\s*string)?$/.test(argument)) continue;
        throw new Error(`cannot tell which collection ${argument} is: use a literal or a constant`);
      }
      found.add(name);
    }
  }
  return [...found].sort();
}

describe('security/database.rules.json (the production database permissions)', () => {
  const rules = JSON.parse(readFileSync(path.join(securityDir, 'database.rules.json'), 'utf8')) as Record<
    string,
    unknown
  >;

  it('lists every collection the cloud functions touch', () => {
    const used = collectionsTheFunctionsUse();
    expect(used).toEqual(expect.arrayContaining(['favorites', 'pings', 'rate_limits', 'users']));
    for (const collection of used) expect(Object.keys(rules)).toContain(collection);
  });

  it('gives clients no access to any collection (only the cloud functions, as admin, touch them)', () => {
    for (const [collection, rule] of Object.entries(rules)) {
      expect({ collection, rule }).toEqual({ collection, rule: { read: false, write: false } });
    }
  });

  it('matches a mini-program that never reads the database directly', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (name === 'miniprogram_npm' || name === 'node_modules') continue;
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(ts|js)$/.test(name) && /\.database\(/.test(readFileSync(file, 'utf8')))
          offenders.push(file);
      }
    };
    walk(path.join(REPO_ROOT, 'miniprogram'));
    expect(offenders).toEqual([]);
  });
});
