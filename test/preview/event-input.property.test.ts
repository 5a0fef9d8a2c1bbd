/** @jest-environment node */
/**
 * What a page may send the preview server, generated: any JSON body is either a clean
 * event or refused with a message (never another kind of failure), and every well-formed
 * event survives the check unchanged. Seeds print with the figures (FC_SEED repeats a run).
 */
import fc from 'fast-check';
import {
  launchSettings,
  MAX_PICTURE_BYTES,
  MAX_TEXT,
  parseUserEvent,
  PICTURE_TYPES,
} from '../../scripts/preview/event-input';
import { BASE_LIBRARIES, NETWORK_MODES, PLATFORMS, type UserEvent } from '../../scripts/preview/protocol';
import { fcSeed, reportFigure } from '../support/reliability';

const SEED = fcSeed();
const RUNS = 1000;

const whole = fc.nat({ max: 100_000 });
const text = fc.string({ maxLength: 50, unit: 'grapheme' });

const wellFormed: fc.Arbitrary<UserEvent> = fc.oneof(
  fc.record({ type: fc.constant('tap' as const), node: whole, frame: whole }),
  fc.record({
    type: fc.constantFrom('input' as const, 'focus' as const, 'blur' as const, 'confirm' as const),
    node: whole,
    frame: whole,
    value: text,
  }),
  fc.record({ type: fc.constant('nav' as const), button: fc.constantFrom('back' as const, 'home' as const) }),
  fc.record({ type: fc.constant('tab' as const), route: fc.string({ maxLength: 200 }) }),
  fc.constant({ type: 'menu' as const }),
  fc.record({
    type: fc.constant('native' as const),
    answer: fc.oneof(
      fc.constantFrom('confirm', 'cancel'),
      fc.nat({ max: 99 }).map((index) => `item:${index}`),
      fc.stringMatching(/^[a-zA-Z]{1,20}$/).map((scope) => `toggle:scope.${scope}`),
    ),
  }),
  fc.record({
    type: fc.constant('native' as const),
    answer: fc.constant('file'),
    file: fc.record({
      ext: fc.constantFrom(...PICTURE_TYPES),
      base64: fc
        .uint8Array({ minLength: 1, maxLength: 300 })
        .map((bytes) => Buffer.from(bytes).toString('base64')),
    }),
  }),
  fc.record({
    type: fc.constant('live' as const),
    settings: fc.record(
      {
        theme: fc.constantFrom('light' as const, 'dark' as const),
        network: fc.constantFrom(...NETWORK_MODES),
        privacyAgreed: fc.boolean(),
      },
      { requiredKeys: ['theme'] },
    ),
  }),
);

function outcome(body: unknown): 'ok' | 'refused' {
  try {
    parseUserEvent(body);
    return 'ok';
  } catch (error) {
    // Refusals are Errors that say what is wrong; anything else would be a crash.
    if (!(error instanceof Error) || error.message.length < 5) throw error;
    return 'refused';
  }
}

describe('preview events from the browser (generated)', () => {
  it('a well-formed event passes unchanged', () => {
    const details = fc.check(
      fc.property(wellFormed, (event) => {
        expect(parseUserEvent(JSON.parse(JSON.stringify({ event })))).toEqual(event);
      }),
      { numRuns: RUNS, seed: SEED },
    );
    reportFigure({
      kind: 'property',
      subject: 'preview event: well-formed',
      count: details.numRuns,
      failures: details.failed ? 1 : 0,
      seed: SEED,
    });
    if (details.failed) throw new Error(`FC_SEED=${SEED}: ${fc.defaultReportMessage(details)}`);
  });

  it('any JSON body is a clean event or a refusal with a message, never a crash', () => {
    const hostile = fc.oneof(
      fc.jsonValue(),
      fc.record({ event: fc.jsonValue() }),
      // Well-formed events with one field replaced by anything.
      fc.tuple(wellFormed, fc.string({ maxLength: 12 }), fc.jsonValue()).map(([event, key, value]) => ({
        event: { ...event, [key in event ? key : Object.keys(event)[0]]: value },
      })),
    );
    const details = fc.check(
      fc.property(hostile, (body) => {
        if (outcome(body) === 'ok') {
          const event = parseUserEvent(body);
          // What passes is what the protocol allows: bounded texts, whole numbers.
          const fields = event as unknown as Record<string, unknown>;
          for (const value of Object.values(fields)) {
            if (typeof value === 'string') expect(value.length).toBeLessThanOrEqual(MAX_TEXT);
            if (typeof value === 'number') expect(Number.isSafeInteger(value) && value >= 0).toBe(true);
          }
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    reportFigure({
      kind: 'property',
      subject: 'preview event: hostile body',
      count: details.numRuns,
      failures: details.failed ? 1 : 0,
      seed: SEED,
    });
    if (details.failed) throw new Error(`FC_SEED=${SEED}: ${fc.defaultReportMessage(details)}`);
  });

  it('refuses what would reach the app as something else', () => {
    const refusal = (event: unknown) => {
      try {
        parseUserEvent({ event });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal({ type: 'tap', node: -1, frame: 0 })).toMatch(/node/);
    expect(refusal({ type: 'tap', node: 1.5, frame: 0 })).toMatch(/node/);
    expect(refusal({ type: 'input', node: 1, frame: 1, value: 'x'.repeat(MAX_TEXT + 1) })).toMatch(/longer/);
    expect(refusal({ type: 'native', answer: 'toggle:../../etc' })).toMatch(/answer/);
    expect(refusal({ type: 'native', answer: 'file', file: { ext: 'exe', base64: 'AAAA' } })).toMatch(/ext/);
    expect(refusal({ type: 'native', answer: 'file', file: { ext: 'png', base64: 'not base64!' } })).toMatch(
      /base64/,
    );
    const tooBig = 'A'.repeat((Math.ceil(MAX_PICTURE_BYTES / 3) + 1) * 4);
    expect(refusal({ type: 'native', answer: 'file', file: { ext: 'png', base64: tooBig } })).toMatch(
      /longer/,
    );
    expect(refusal({ type: 'live', settings: {} })).toMatch(/nothing/);
    expect(refusal({ type: 'live', settings: { network: 'fast' } })).toMatch(/network/);
    expect(refusal({ type: 'eval', code: '1' })).toMatch(/unknown/);
    expect(refusal(null)).toMatch(/body/);
  });

  it('a relaunch takes only the offered base libraries and platforms', () => {
    expect(launchSettings({ settings: { sdkVersion: BASE_LIBRARIES[1], platform: PLATFORMS[1] } })).toEqual({
      sdkVersion: BASE_LIBRARIES[1],
      platform: PLATFORMS[1],
    });
    expect(() => launchSettings({ settings: { sdkVersion: '9.9.9' } })).toThrow(/sdkVersion/);
    expect(() => launchSettings({ settings: { platform: 'symbian' } })).toThrow(/platform/);
    expect(() => launchSettings({ settings: {} })).toThrow(/nothing/);
    expect(() => launchSettings([])).toThrow(/body/);
  });
});
