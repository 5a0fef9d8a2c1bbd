// ESLint flat config: typescript-eslint's recommended rules, Prettier owns formatting.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');
const path = require('node:path');
const app = require('./miniprogram/app.json');

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Subpackage roots of app.json (README "分包"): the import rules below keep them apart. */
const SUBPACKAGE_ROOTS = (app.subPackages ?? app.subpackages ?? []).map((sub) =>
  sub.root.replace(/\/+$/, ''),
);
const NO_FUNCTIONS = {
  group: ['**/cloudfunctions/**'],
  message: 'The mini-program never imports the cloud functions: share through miniprogram/contracts/.',
};

/*
 * Built-ins the minimum base library (2.16.1) lacks: neither its oldest engine (iOS 11 /
 * Chrome 53) nor WeChat's polyfills at 2.16.1 have them. "From x.y.z" is where
 * miniprogram-compat's polyfill data first lists one; never = not polyfilled at all.
 */
/** Method names, flagged when called as `anything.name(...)`. */
const OLD_CLIENT_METHODS = [
  [['at'], 'Array#at / String#at are polyfilled from base library 2.23.1.'],
  [['findLast', 'findLastIndex'], 'Array#findLast / findLastIndex are polyfilled from 2.23.1.'],
  [
    ['toSorted', 'toReversed', 'toSpliced', 'with'],
    'The ES2023 copying array methods are polyfilled from 2.30.3.',
  ],
  [
    ['group', 'groupBy', 'groupToMap'],
    'The withdrawn array-grouping proposals are polyfilled from 2.23.1 / 2.30.3 only.',
  ],
  [['isWellFormed', 'toWellFormed'], 'String#isWellFormed / toWellFormed are polyfilled from 2.30.3.'],
  [
    [
      'union',
      'intersection',
      'difference',
      'symmetricDifference',
      'isSubsetOf',
      'isSupersetOf',
      'isDisjointFrom',
    ],
    'The Set methods are polyfilled from 2.30.3.',
  ],
];
/** `Object.property` pairs. */
const OLD_CLIENT_STATICS = [
  [
    'Object',
    ['hasOwn'],
    'Object.hasOwn is polyfilled from 2.23.1: use Object.prototype.hasOwnProperty.call.',
  ],
  ['Object', ['groupBy'], 'Object.groupBy is never polyfilled.'],
  ['Map', ['groupBy'], 'Map.groupBy is never polyfilled.'],
  ['Array', ['fromAsync'], 'Array.fromAsync is polyfilled from 2.30.3.'],
  ['Promise', ['withResolvers', 'try'], 'Promise.withResolvers / Promise.try are never polyfilled.'],
  [
    'Intl',
    [
      'Segmenter',
      'ListFormat',
      'RelativeTimeFormat',
      'DisplayNames',
      'Locale',
      'PluralRules',
      'DurationFormat',
      'supportedValuesOf',
    ],
    'This Intl API needs a newer engine than iOS 11 / Chrome 53 and is never polyfilled.',
  ],
];
/** Globals. */
const OLD_CLIENT_GLOBALS = [
  ['structuredClone', 'structuredClone is never polyfilled.'],
  ['queueMicrotask', 'queueMicrotask needs iOS 12.2 / Chrome 71: use Promise.resolve().then.'],
  ['WeakRef', 'WeakRef needs iOS 14.5 / Chrome 84.'],
  ['FinalizationRegistry', 'FinalizationRegistry needs iOS 14.5 / Chrome 84.'],
  ['BigInt', 'BigInt needs iOS 14 / Chrome 67.'],
  ['BigInt64Array', 'BigInt64Array needs iOS 15 / Chrome 67.'],
  ['BigUint64Array', 'BigUint64Array needs iOS 15 / Chrome 67.'],
  ['Iterator', 'Iterator helpers are polyfilled from 2.30.3.'],
  ['DisposableStack', 'DisposableStack is polyfilled from 2.30.3.'],
  ['SuppressedError', 'SuppressedError is polyfilled from 2.30.3.'],
];

const COMPAT_PROPERTIES = OLD_CLIENT_STATICS.flatMap(([object, properties, why]) =>
  properties.map((property) => ({
    object,
    property,
    message: `${why} Not on base library 2.16.1 (the minimum).`,
  })),
);
/** Pages open through ui/navigate.ts's goTo: it answers a failed subpackage download. */
const OPEN_PAGES_THROUGH_GOTO = {
  object: 'wx',
  property: 'navigateTo',
  message:
    "Open a page with goTo(name) from ui/navigate.ts: it says so when the page's subpackage fails to load.",
};

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'miniprogram/miniprogram_npm/',
      'miniprogram/packages/*/miniprogram_npm/',
      'cloudfunctions/*/index.js',
      '.local-cloud/',
      'coverage/',
      'screenshots/',
      '.reliability/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': ['error', { allow: ['warn', 'error', 'info'] }],
    },
  },
  {
    // The mini-program's own code runs on every client from MIN_SDK_VERSION (2.16.1, see
    // miniprogram/utils/version.ts) on. The compile transforms syntax, not the library, so a
    // built-in may be used only if the oldest engine has it (2.16.1: iOS 11 / Chrome 53,
    // miniprogram-compat data/browserslist.json) or WeChat polyfills it from 2.16.1
    // (miniprogram-compat data/polyfill.json: Object.fromEntries/entries/values,
    // Promise#finally/allSettled/any, String#padStart/padEnd/trimStart/trimEnd/replaceAll/
    // matchAll, Array#flat/flatMap, globalThis, Symbol#description: allowed).
    files: ['miniprogram/**/*.ts'],
    ignores: [
      'miniprogram/miniprogram_npm/**',
      'miniprogram/packages/*/miniprogram_npm/**',
      'miniprogram/typings/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression[operator=/^(\\?\\?|\\|\\||&&)=$/]',
          message: 'Logical assignment is ES2021: write it out.',
        },
        ...OLD_CLIENT_METHODS.map(([names, why]) => ({
          selector: `CallExpression[callee.property.name=/^(${names.join('|')})$/]`,
          message: `${why} Not on base library 2.16.1 (the minimum): write it without.`,
        })),
        {
          selector: 'Literal[bigint]',
          message: 'BigInt needs iOS 14 / Chrome 67: not on base library 2.16.1 (the minimum).',
        },
        {
          selector: 'Literal[regex.pattern=/\\(\\?<[=!]/]',
          message:
            'Regex lookbehind needs iOS 16.4: a SyntaxError that stops the whole file on older iPhones.',
        },
        {
          selector: 'Literal[regex.pattern=/\\(\\?<[A-Za-z_$]|\\\\[pPk][{<]/]',
          message:
            'Named groups and \\p{...} need iOS 11.3 / Chrome 64, newer than base library 2.16.1 (iOS 11 / Chrome 53).',
        },
        {
          selector: 'Literal[regex.flags=/[sdv]/]',
          message: 'Regex flags s, d and v are newer than base library 2.16.1 (iOS 11 / Chrome 53).',
        },
      ],
      'no-restricted-properties': ['error', ...COMPAT_PROPERTIES, OPEN_PAGES_THROUGH_GOTO],
      'no-restricted-globals': [
        'error',
        ...OLD_CLIENT_GLOBALS.map(([name, why]) => ({
          name,
          message: `${why} Not on base library 2.16.1 (the minimum).`,
        })),
      ],
    },
  },
  {
    files: ['miniprogram/ui/navigate.ts'],
    rules: { 'no-restricted-properties': ['error', ...COMPAT_PROPERTIES] },
  },
  /*
   * Which folder may import which (README "本项目的规矩"). The mini-program and the cloud
   * functions share only miniprogram/contracts/ (error codes, result shapes): the functions
   * may import it and app.json (the page list), nothing else of the mini-program; the
   * mini-program never imports the functions; contracts import nothing outside themselves; the
   * main package never imports a subpackage, nor one subpackage another.
   */
  {
    files: ['miniprogram/**/*.ts'],
    ignores: SUBPACKAGE_ROOTS.map((root) => `miniprogram/${root}/**`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_FUNCTIONS,
            ...SUBPACKAGE_ROOTS.map((root) => ({
              group: [`**/${root}/**`],
              message:
                'The main package never imports a subpackage: WeChat downloads subpackages later, so the module is not there.',
            })),
          ],
        },
      ],
    },
  },
  // A subpackage uses its own files and the main package's, never another subpackage's.
  ...SUBPACKAGE_ROOTS.map((root) => ({
    files: [`miniprogram/${root}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            NO_FUNCTIONS,
            ...SUBPACKAGE_ROOTS.filter((other) => other !== root).map((other) => ({
              // Up out of this subpackage and into the other: `../../content/…`, `../../../packages/content/…`.
              regex: `^(\\.\\./)+(${escapeRegex(path.posix.dirname(other))}/)?${escapeRegex(path.posix.basename(other))}(/|$)`,
              message: `${root} cannot import ${other}: a subpackage may use only itself and the main package.`,
            })),
          ],
        },
      ],
    },
  })),
  {
    files: ['miniprogram/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./[\\w-]+$)',
              message: 'Contracts import only each other: both the client and the functions bundle them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['cloudfunctions/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)miniprogram/(?!contracts/[\\w-]+$|app\\.json$)',
              message: 'A cloud function reads only miniprogram/contracts/ and app.json of the mini-program.',
            },
          ],
        },
      ],
    },
  },
  /*
   * The test harness (fake wx, page rendering, local cloud set-up) is what the screenshot
   * pipeline, the preview and the reports run pages with: they import test/support, never
   * the other way round (shared tooling such as scripts/chromium.ts lives outside both).
   */
  {
    files: ['test/support/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)scripts/(screenshots|preview|a11y|setdata-report)/',
              message:
                'test/support is imported by the screenshot, preview and report scripts, never the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
