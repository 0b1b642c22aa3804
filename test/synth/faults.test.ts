// Fault tests of issue 4: whatever goes wrong during a synth, the previous dist/ stays
// intact byte for byte and no temp folder is left behind once a synth has run again.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Chart } from 'cdk8s';
import { buildFixtureApp } from '../fixtures/synth-fixture';
import { FIXTURE, REPO, hashTree, leftovers, removeWorkspaces, runFixture, workspace } from './tree';

// The cached transpile-only loader `npm run synth` uses: child processes start in well under a second.
const TS_REGISTER = path.join(__dirname, '..', '..', 'bin', 'ts-register.js');

afterAll(removeWorkspaces);

/** A workspace whose `dist` holds a finished synth of the fixture app (version v1). */
function previousDist(): { outdir: string; before: Record<string, string> } {
  const outdir = path.join(workspace(), 'dist');
  buildFixtureApp({ outdir, version: 'v1' }).synth();
  return { outdir, before: hashTree(outdir) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function filesUnder(dir: string): number {
  return fs.existsSync(dir) ? Object.keys(hashTree(dir)).filter((k) => !k.endsWith('/')).length : 0;
}

test('fails on a validation error in the 3rd of 5 charts, writing nothing', () => {
  // GIVEN
  const { outdir, before } = previousDist();
  const app = buildFixtureApp({ outdir, version: 'v2', chartsPerEnv: 2, failChart: 3 });
  expect(app.node.findAll().filter(Chart.isChart).map((c) => c.node.path)).toEqual(['staging/Shop', 'staging/svc-1', 'production/Shop', 'production/svc-1', 'cluster-addons']);

  // WHEN / THEN
  expect(() => app.synth()).toThrow(new Error('Validation failed with the following errors:\n  [production/Shop] fixture chart 3 is broken on purpose'));
  expect(hashTree(outdir)).toEqual(before);
  expect(leftovers(outdir)).toEqual([]);
});

test('a process killed (SIGKILL) in the middle of writing leaves the previous dist, and the next synth succeeds', async () => {
  // GIVEN a synth that writes one file every 80 ms
  const { outdir, before } = previousDist();
  const child = spawn(process.execPath, ['-r', TS_REGISTER, FIXTURE], {
    cwd: REPO,
    env: { ...process.env, FIXTURE_OUTDIR: outdir, FIXTURE_VERSION: 'v2', FIXTURE_CHARTS: '6', FIXTURE_SLOW_WRITE_MS: '80' },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));

  // WHEN it has written a few files of its temp tree, kill it
  let tmp: string | undefined;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    tmp = leftovers(outdir).find((n) => n.includes('.tmp-'));
    if (tmp && filesUnder(path.join(path.dirname(outdir), tmp)) >= 3) {
      break;
    }
    await sleep(20);
  }
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');

  // THEN it died mid-write: a partial temp tree, and dist/ exactly as before
  expect(tmp).toBeDefined();
  const written = filesUnder(path.join(path.dirname(outdir), tmp!));
  expect(written).toBeGreaterThanOrEqual(3);
  expect(written).toBeLessThan(6 * 2 + 1 + 4);
  expect(hashTree(outdir)).toEqual(before);

  // AND a fresh synth cleans up and succeeds
  buildFixtureApp({ outdir, version: 'v2', chartsPerEnv: 6 }).synth();
  expect(fs.readFileSync(path.join(outdir, 'staging', 'shop.k8s.yaml'), 'utf8')).toContain('version: v2');
  expect(leftovers(outdir)).toEqual([]);
}, 30_000);

test('a crash between the two renames is repaired by the next synth, even one that fails', () => {
  // GIVEN a synth killed right after it renamed dist/ away (dist/ is missing)
  const { outdir, before } = previousDist();
  const crashed = runFixture({ FIXTURE_OUTDIR: outdir, FIXTURE_VERSION: 'v2', FIXTURE_CRASH_AFTER_FIRST_RENAME: '1' });
  expect(crashed.signal).toBe('SIGKILL');
  expect(fs.existsSync(outdir)).toBe(false);
  expect(leftovers(outdir).map((n) => n.replace(/-\d+-[0-9a-f]+$/, ''))).toEqual(['dist.old', 'dist.tmp']);

  // WHEN the next synth fails validation
  expect(() => buildFixtureApp({ outdir, version: 'v3', failChart: 1 }).synth()).toThrow(/^Validation failed/);

  // THEN the previous dist/ is back, byte for byte, and nothing else is left
  expect(hashTree(outdir)).toEqual(before);
  expect(leftovers(outdir)).toEqual([]);

  // AND a good synth then replaces it
  buildFixtureApp({ outdir, version: 'v3' }).synth();
  expect(fs.readFileSync(path.join(outdir, 'cluster-addons.k8s.yaml'), 'utf8')).toContain('version: v3');
}, 20_000);

describe('full disk', () => {
  const mountPoint = path.join(workspace(), 'small-disk');
  fs.mkdirSync(mountPoint);
  let skip = '';
  if (process.getuid?.() !== 0) {
    skip = 'not running as root';
  } else {
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint], { encoding: 'utf8' });
    if (mount.error || mount.status !== 0) {
      skip = `mount -t tmpfs is not permitted here (${(mount.error?.message ?? mount.stderr).trim()})`;
    }
  }
  if (skip) {
    // eslint-disable-next-line no-console
    console.log(`skipping the full-disk test: ${skip}`);
  }
  afterAll(() => {
    if (!skip) {
      spawnSync('umount', [mountPoint]);
    }
  });

  (skip ? test.skip : test)('fails with ENOSPC on a 256 KiB tmpfs, leaving the previous dist byte for byte', () => {
    // GIVEN a small previous dist on the small disk
    const outdir = path.join(mountPoint, 'dist');
    buildFixtureApp({ outdir, version: 'v1' }).synth();
    const before = hashTree(outdir);

    // WHEN an app of ~600 KiB is synthesized into it
    const big = buildFixtureApp({ outdir, version: 'v2', chartsPerEnv: 10, payloadBytes: 30_000 });

    // THEN
    expect(() => big.synth()).toThrow(new RegExp(`^Cannot write ${outdir}/[\\w/.-]+\\.k8s\\.yaml: no space left on device \\(ENOSPC\\); ${outdir}/ was left unchanged\\.$`));
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });
});
