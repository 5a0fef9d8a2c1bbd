/** @jest-environment node */
/**
 * The running preview attacked through its HTTP API (no browser): a session gets a stream
 * of generated events — taps on any element of any recent frame, typing, navigation, tab
 * switches, answers to dialogs that may not be open, live settings — sent in bursts
 * without waiting. The app must answer every one, keep drawing, report no crash, and the
 * server must refuse malformed bodies with 400/413, never fail with 500.
 * RACE_SEED repeats a run (printed with the figures).
 */
import { request as httpRequest, type IncomingMessage } from 'http';
import { LocalCloud } from '../../scripts/local-cloud';
import { startPreview, type RunningPreview } from '../../scripts/preview/server';
import { fcSeed, reportFigure } from '../support/reliability';
import { seededRandom } from '../support/seeded-random';

jest.setTimeout(240_000);

const SEED = Number(process.env.RACE_SEED ?? '') || fcSeed();
const EVENTS = 300;

interface Stream {
  session: string;
  frames: { seq: number; nodes: number; route: string }[];
  ended: string | undefined;
  close(): void;
}

/** Opens the SSE stream of a new session and resolves once the first frame arrived. */
function connect(url: string, device: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const stream: Stream = { session: '', frames: [], ended: undefined, close: () => undefined };
    const request = httpRequest(`${url}/api/connect?device=${device}`, (response: IncomingMessage) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.+)$/m.exec(message)?.[1];
          const data = /^data: (.+)$/m.exec(message)?.[1];
          if (!name || !data) continue;
          const value = JSON.parse(data) as Record<string, unknown>;
          if (name === 'session') stream.session = String(value.id);
          if (name === 'end') stream.ended = String(value.reason);
          if (name === 'frame') {
            const body = (value.webview as { body: string }).body;
            stream.frames.push({
              seq: Number(value.seq),
              nodes: (body.match(/data-p="/g) ?? []).length,
              route: String(value.route),
            });
            if (stream.session) resolve(stream);
          }
        }
      });
    });
    request.on('error', reject);
    request.end();
    stream.close = () => request.destroy();
  });
}

function post(url: string, path: string, body: string, type = 'application/json'): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${path}`,
      { method: 'POST', headers: { 'Content-Type': type } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('live preview under hostile events', () => {
  let cloud: LocalCloud;
  let preview: RunningPreview;
  const problems: string[] = [];

  beforeAll(async () => {
    cloud = new LocalCloud({ load: 'source' });
    preview = await startPreview({ cloud, port: 0, spares: 1, log: (line) => problems.push(line) });
  });

  afterAll(async () => {
    await preview?.close();
    cloud?.close();
  });

  it(`${EVENTS} generated events in bursts: every one answered, frames keep coming, no crash`, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const stream = await connect(preview.url, `hostile-${SEED >>> 0}`);
    const statuses: number[] = [];
    const routes = [
      'pages/home/index',
      'pages/mine/index',
      'packages/account/settings/index',
      'nope',
      '../../x',
    ];
    const answers = ['confirm', 'cancel', 'item:0', 'item:1', 'item:7', 'toggle:scope.camera'];
    const event = (): unknown => {
      const frame = pick(stream.frames.slice(-5));
      const node = Math.floor(random() * (frame.nodes + 3));
      switch (Math.floor(random() * 9)) {
        case 0:
        case 1:
        case 2:
          return { type: 'tap', node, frame: frame.seq };
        case 3:
          return {
            type: pick(['input', 'focus', 'blur', 'confirm']),
            node,
            frame: frame.seq,
            value: '✓'.repeat(Math.floor(random() * 30)),
          };
        case 4:
          return { type: 'nav', button: pick(['back', 'home']) };
        case 5:
          return { type: 'tab', route: pick(routes) };
        case 6:
          return { type: 'native', answer: pick(answers) };
        case 7:
          return { type: 'menu' };
        default:
          return {
            type: 'live',
            settings: {
              network: pick(['normal', 'slow', 'offline', 'failing', 'normal']),
              privacyAgreed: random() < 0.5,
            },
          };
      }
    };
    const path = `/api/sessions/${stream.session}/events`;
    for (let sent = 0; sent < EVENTS;) {
      const burst = 1 + Math.floor(random() * 6);
      const batch: Promise<number>[] = [];
      for (let i = 0; i < burst && sent < EVENTS; i += 1, sent += 1) {
        batch.push(post(preview.url, path, JSON.stringify({ event: event() })));
      }
      statuses.push(...(await Promise.all(batch)));
    }
    // Back to a normal network, then the app still answers and draws.
    expect(
      await post(
        preview.url,
        path,
        JSON.stringify({ event: { type: 'live', settings: { network: 'normal' } } }),
      ),
    ).toBe(200);
    const before = stream.frames.at(-1)?.seq ?? 0;
    expect(
      await post(preview.url, path, JSON.stringify({ event: { type: 'tab', route: 'pages/mine/index' } })),
    ).toBe(200);
    expect(
      await post(preview.url, path, JSON.stringify({ event: { type: 'tab', route: 'pages/home/index' } })),
    ).toBe(200);
    expect(stream.frames.at(-1)!.seq).toBeGreaterThan(before);
    expect(stream.ended).toBeUndefined();

    // Malformed bodies: refused, and the session lives on.
    expect(await post(preview.url, path, '{not json')).toBe(400);
    expect(await post(preview.url, path, JSON.stringify({ event: { type: 'tap', node: 'x' } }))).toBe(400);
    expect(await post(preview.url, path, 'x'.repeat(4 * 1024 * 1024))).toBe(413);
    expect(await post(preview.url, path, '{}', 'text/plain')).toBe(400);
    expect(
      await post(
        preview.url,
        `/api/sessions/${stream.session}/launch`,
        JSON.stringify({ settings: { sdkVersion: '0.0.1' } }),
      ),
    ).toBe(400);
    expect(await post(preview.url, path, JSON.stringify({ event: { type: 'menu' } }))).toBe(200);
    stream.close();

    const failed = statuses.filter((status) => status !== 200).length;
    reportFigure({
      kind: 'race',
      subject: 'preview: hostile event bursts',
      count: statuses.length,
      failures: failed,
      seed: SEED,
    });
    expect({ failed, problems, seed: SEED }).toEqual({ failed: 0, problems: [], seed: SEED });
  });
});
