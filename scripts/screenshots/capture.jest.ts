/**
 * Jest entry of the capture step (run by index.ts with jest.config.js beside it): renders
 * every declared state and writes the captures to $SCREENSHOTS_CAPTURE_DIR/manifest.json.
 * $SCREENSHOTS_ONLY (comma-separated) keeps the states whose id or route contains a part.
 */
import { mkdirSync, writeFileSync } from 'fs';
import path from 'path';
import { captureState, declaredStates, matchesOnly, useSeededRandomness } from './capture';
import { MANIFEST, type Capture, type CaptureManifest } from './model';

const dir = process.env.SCREENSHOTS_CAPTURE_DIR;
if (!dir) throw new Error('SCREENSHOTS_CAPTURE_DIR is not set: run `npm run screenshots`');
const only = (process.env.SCREENSHOTS_ONLY ?? '')
  .split(',')
  .map((part) => part.trim())
  .filter(Boolean);
useSeededRandomness();
const declared = declaredStates().filter((state) => matchesOnly(state, only));
const captures: Capture[] = [];
const failures: string[] = [];

afterAll(() => {
  mkdirSync(dir, { recursive: true });
  const manifest: CaptureManifest = { createdAt: new Date().toISOString(), captures, failures };
  writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest));
});

describe('screenshots: capture', () => {
  if (declared.length === 0) {
    it('has states to capture', () => {
      throw new Error(`no declared state matches --only ${only.join(',')}`);
    });
  }
  for (const state of declared) {
    it(state.id, async () => {
      try {
        captures.push(await captureState(state));
      } catch (error) {
        failures.push(`${state.id}: ${(error as Error).message}`);
        throw error;
      }
    });
  }
});
