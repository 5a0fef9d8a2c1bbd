/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // TDesign (built into miniprogram_npm by `npm run build`) imports tslib from there.
  moduleDirectories: ['node_modules', 'miniprogram_npm'],
  // The mini-program imports TDesign's API modules (Toast, Dialog...) as DevTools' npm
  // build lays them out: resolve them to the same files the rendered components use.
  moduleNameMapper: {
    '^tdesign-miniprogram/(.*)$': '<rootDir>/miniprogram/miniprogram_npm/tdesign-miniprogram/$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
    '^.+\\.js$': 'babel-jest',
  },
  transformIgnorePatterns: [
    '/node_modules/(?!(mobx-miniprogram|mobx-miniprogram-bindings|tdesign-miniprogram)/)',
  ],
  setupFilesAfterEnv: ['<rootDir>/test/support/setup.ts'],
  snapshotSerializers: ['miniprogram-simulate/src/jest-snapshot-plugin'],
  testTimeout: 20000,
  // Prints the figures of the generated tests (property, fault, race, heap) at the end.
  reporters: ['default', '<rootDir>/test/support/reliability-reporter.js'],
};
