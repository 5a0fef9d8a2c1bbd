/** @jest-environment node */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MAIN_PACKAGE_LIMIT, measure } from '../scripts/size-report';

describe('size report', () => {
  it('follows usingComponents and imports into the npm packages the pages really use', () => {
    const report = measure();
    const pages = (
      JSON.parse(readFileSync(path.join(__dirname, '../miniprogram/app.json'), 'utf8')) as {
        pages: string[];
      }
    ).pages;
    expect(report.components).toBeGreaterThan(pages.length);
    expect(report.npm.get('tdesign-miniprogram')).toBeGreaterThan(50 * 1024);
    expect(report.npm.get('mobx-miniprogram')).toBeGreaterThan(10 * 1024);
    expect(report.total).toBe(report.own + [...report.npm.values()].reduce((a, b) => a + b, 0));
    expect(report.total).toBeLessThan(MAIN_PACKAGE_LIMIT);
  });
});
