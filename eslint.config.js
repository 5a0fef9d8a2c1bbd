// ESLint flat config: typescript-eslint's recommended rules, Prettier owns formatting.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const prettier = require('eslint-config-prettier');

module.exports = tseslint.config(
  {
    ignores: [
      'node_modules/',
      'miniprogram/miniprogram_npm/',
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
    // The mini-program's own code runs on old phone JS engines too (DevTools compiles the
    // syntax, not the library): no ES2021+ operators, no Array#at and friends.
    files: ['miniprogram/**/*.ts'],
    ignores: ['miniprogram/miniprogram_npm/**', 'miniprogram/typings/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression[operator=/^(\\?\\?|\\|\\||&&)=$/]',
          message: 'Logical assignment is ES2021: write it out.',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(at|findLast|findLastIndex|replaceAll)$/]',
          message: 'Not available on older clients.',
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
