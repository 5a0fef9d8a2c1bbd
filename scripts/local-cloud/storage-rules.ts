import { readFileSync } from 'fs';
import path from 'path';

/**
 * The production storage security rule (`security/storage.rules.json`, pasted into the
 * CloudBase console), evaluated locally so the dev server enforces exactly that file.
 *
 * The rule is `{ "read": <rule>, "write": <rule> }` where a rule is a boolean or an
 * expression in the subset of CloudBase's rule language this project uses:
 *   `||`, `&&`, `!`, `==`, `!=`, parentheses, `null` / `true` / `false`, 'strings',
 *   `auth.<field>` / `resource.<field>`, and `/regexp/.test(<operand>)`.
 * `auth` is null for a caller without a user; `resource` is `{ openid, path }` (the file's
 * owner and cloud path; for a new upload the owner is the uploader). Anything the
 * evaluator does not understand fails loading; an evaluation error denies.
 */
export const STORAGE_RULES_FILE = path.resolve(__dirname, '..', '..', 'security', 'storage.rules.json');

export interface StorageAuth {
  openid?: string;
  uid?: string;
}

export interface StorageResource {
  /** The cloud path (no bucket, no leading "/"). */
  path: string;
  /** The owner: the uploader of an existing file, the caller for a new upload. */
  openid?: string;
}

type Value = string | boolean | null | undefined | RegExp;
type Scope = { auth: StorageAuth | null; resource: StorageResource };
type Node = (scope: Scope) => Value;

const TOKEN =
  /\s*(?:(\|\||&&|==|!=|!|\(|\)|\.)|('(?:[^'\\]|\\.)*')|(\/(?:[^/\\\n]|\\.)+\/[gimsuy]*)|([A-Za-z_][A-Za-z0-9_]*))/y;

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`unexpected text at ${at}: ${source.slice(at, at + 20)}`);
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4]);
  }
  return tokens;
}

function member(value: Value | object, field: string): Value {
  if (value === null || value === undefined) throw new Error(`cannot read ${field} of null`);
  return (value as Record<string, Value>)[field];
}

const same = (a: Value, b: Value) => (a ?? null) === (b ?? null);

/** Recursive descent over the tokens; returns the expression as a function of the scope. */
function parse(source: string): Node {
  const tokens = tokenize(source);
  let next = 0;
  const peek = () => tokens[next];
  const take = (expected?: string): string => {
    const token = tokens[next];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`expected ${expected ?? 'more'} but found ${token ?? 'the end'}`);
    }
    next += 1;
    return token;
  };

  function operand(): Node {
    const token = take();
    if (token === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (token === 'null') return () => null;
    if (token === 'true' || token === 'false') return () => token === 'true';
    if (token.startsWith("'")) {
      const text = token.slice(1, -1).replace(/\\(.)/g, '$1');
      return () => text;
    }
    if (token.startsWith('/')) {
      const end = token.lastIndexOf('/');
      const pattern = new RegExp(token.slice(1, end), token.slice(end + 1));
      take('.');
      take('test');
      take('(');
      const argument = or();
      take(')');
      return (scope) => {
        const value = argument(scope);
        return typeof value === 'string' && pattern.test(value);
      };
    }
    if (token !== 'auth' && token !== 'resource') throw new Error(`unknown name ${token}`);
    const fields: string[] = [];
    while (peek() === '.') {
      take('.');
      fields.push(take());
    }
    return (scope) =>
      fields.reduce<Value | object>((value, field) => member(value, field), scope[token]) as Value;
  }

  function comparison(): Node {
    const left = operand();
    const operator = peek();
    if (operator !== '==' && operator !== '!=') return left;
    take();
    const right = operand();
    return operator === '=='
      ? (scope) => same(left(scope), right(scope))
      : (scope) => !same(left(scope), right(scope));
  }

  function unary(): Node {
    if (peek() !== '!') return comparison();
    take('!');
    const inner = unary();
    return (scope) => !inner(scope);
  }

  function and(): Node {
    let node = unary();
    while (peek() === '&&') {
      take();
      const left = node;
      const right = unary();
      node = (scope) => left(scope) === true && right(scope) === true;
    }
    return node;
  }

  function or(): Node {
    let node = and();
    while (peek() === '||') {
      take();
      const left = node;
      const right = and();
      node = (scope) => left(scope) === true || right(scope) === true;
    }
    return node;
  }

  const root = or();
  if (next !== tokens.length) throw new Error(`unexpected ${tokens[next]}`);
  return root;
}

function compile(rule: unknown, action: string): Node {
  if (rule === undefined) return () => false; // CloudBase denies an action without a rule.
  if (typeof rule === 'boolean') return () => rule;
  if (typeof rule !== 'string') throw new Error(`"${action}" must be a boolean or an expression`);
  try {
    return parse(rule);
  } catch (error) {
    throw new Error(`"${action}": ${(error as Error).message}`);
  }
}

export class StorageRules {
  private readonly read: Node;
  private readonly write: Node;

  constructor(rules: { read?: unknown; write?: unknown }) {
    this.read = compile(rules.read, 'read');
    this.write = compile(rules.write, 'write');
  }

  /** Reads the rule file (default security/storage.rules.json). */
  static load(file: string = STORAGE_RULES_FILE): StorageRules {
    try {
      return new StorageRules(JSON.parse(readFileSync(file, 'utf8')) as { read?: unknown; write?: unknown });
    } catch (error) {
      throw new Error(`storage rules ${path.basename(file)}: ${(error as Error).message}`);
    }
  }

  /** Whether a client with `auth` (null: no user) may read / write (upload, overwrite, delete) `resource`. */
  allows(action: 'read' | 'write', auth: StorageAuth | null, resource: StorageResource): boolean {
    try {
      return (action === 'read' ? this.read : this.write)({ auth, resource }) === true;
    } catch {
      return false;
    }
  }
}
