// `npm run setdata` runs the journey as a jest run: the same jsdom, transforms, module
// mapping and fake `wx` set-up as the page tests (see ../../jest.config.js).
const base = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: '../..',
  roots: ['<rootDir>/scripts/setdata-report'],
  testMatch: ['**/scripts/setdata-report/journey.jest.ts'],
  testTimeout: 120000,
};
