// The capture step of `npm run screenshots` runs as a jest run: the same jsdom, transforms,
// module mapping and fake `wx` set-up as the page tests (see ../../jest.config.js).
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/scripts/screenshots'],
  testMatch: ['**/scripts/screenshots/capture.jest.ts'],
  testTimeout: 60000,
};
