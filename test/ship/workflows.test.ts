/** @jest-environment node */
/**
 * The GitHub Actions workflows shipped for the template's users: valid YAML, run on the
 * right events, call only scripts that exist, install what .ci/run needs, and use only
 * secrets the README tells users to create.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../support/project-copy';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { 'runs-on': string; env?: Record<string, string>; steps: Step[] }>;
}

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;
const steps = (flow: Workflow) => Object.values(flow.jobs).flatMap((job) => job.steps);
const runs = (flow: Workflow) => steps(flow).flatMap((step) => (step.run ? [step.run] : []));
const scripts = Object.keys(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
);

describe.each(['ci.yml', 'release.yml'])('.github/workflows/%s', (name) => {
  it('runs on Ubuntu with Node.js 20', () => {
    const flow = workflow(name);
    for (const job of Object.values(flow.jobs)) expect(job['runs-on']).toBe('ubuntu-latest');
    expect(steps(flow).find((step) => step.uses?.startsWith('actions/setup-node@'))?.with).toEqual({
      'node-version': 20,
    });
  });

  it('calls only npm scripts that package.json has', () => {
    const called = runs(workflow(name)).flatMap((run) =>
      [...run.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]),
    );
    for (const script of called) expect(scripts).toContain(script);
  });

  it('uses only secrets the README names', () => {
    const secrets = [...read(`.github/workflows/${name}`).matchAll(/secrets\.(\w+)/g)].map((m) => m[1]);
    for (const secret of secrets) expect(read('README.md')).toContain(`\`${secret}\``);
  });
});

describe('ci.yml', () => {
  it('runs .ci/run on every push and pull request', () => {
    const flow = workflow('ci.yml');
    expect(Object.keys(flow.on).sort()).toEqual(['pull_request', 'push']);
    expect(runs(flow)).toContain('bash .ci/run');
    expect(existsSync(path.join(PROJECT_ROOT, '.ci/run'))).toBe(true);
  });

  it('installs the apt packages the screenshot setup needs (and git for the checkout)', () => {
    const needed =
      /^packages=\(([^)]*)\)/m.exec(read('scripts/screenshots/setup.sh'))?.[1].split(/\s+/) ?? [];
    expect(needed.length).toBeGreaterThan(0);
    const install = runs(workflow('ci.yml')).find((run) => run.includes('apt-get install')) ?? '';
    for (const pkg of [...needed, 'git']) expect(install.split(/\s+/)).toContain(pkg);
  });
});

describe('release.yml', () => {
  it('uploads and deploys on a version tag, with the upload key from a secret', () => {
    const flow = workflow('release.yml');
    expect(flow.on).toEqual({ push: { tags: ['v*.*.*'] } });
    const commands = runs(flow);
    const upload = commands.findIndex((run) => run.startsWith('npm run upload'));
    const deploy = commands.findIndex((run) => run.startsWith('npm run deploy'));
    expect(commands.indexOf('npm ci --no-audit --no-fund')).toBeLessThan(upload);
    expect(upload).toBeGreaterThan(-1);
    expect(deploy).toBeGreaterThan(upload);
    expect(flow.jobs.release.env).toEqual({
      MINIPROGRAM_PRIVATE_KEY: '${{ secrets.MINIPROGRAM_PRIVATE_KEY }}',
    });
  });
});
