// dist/ is ours, and says so (issue 10): synth never deletes a file it did not write without
// saying so, a read-only or partly unwritable dist/ gives a clear error or succeeds, and no
// `dist.old-*` or temp folder is left behind, also after the next run.
import * as fs from 'fs';
// The module object itself (not the `import *` copy), so jest.spyOn can replace its functions.
import nodeFs = require('fs');
import * as path from 'path';
import { buildFixtureApp } from '../fixtures/synth-fixture';
import { deadPid, hashTree, leftovers, removeWorkspaces, runFixtureAsync, workspace } from './tree';

afterAll(removeWorkspaces);
afterEach(() => jest.restoreAllMocks());

/** A workspace whose `dist` holds a finished synth of the fixture app (version v1). */
function previousDist(): { outdir: string; before: Record<string, string> } {
  const outdir = path.join(workspace(), 'dist');
  buildFixtureApp({ outdir, version: 'v1' }).synth();
  return { outdir, before: hashTree(outdir) };
}

function synthError(outdir: string): string {
  try {
    buildFixtureApp({ outdir, version: 'v2' }).synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected the synth to fail');
}

describe('files synth did not write', () => {
  test('GIVEN a hand-written manifest and a README in dist/ WHEN synth runs THEN it fails naming them, writing nothing', () => {
    const { outdir } = previousDist();
    fs.writeFileSync(path.join(outdir, 'production', 'extra-secret.yaml'), 'kind: Secret\n');
    fs.writeFileSync(path.join(outdir, 'README.md'), '# ours\n');
    const before = hashTree(outdir);
    expect(synthError(outdir)).toBe(`${outdir}/ holds 2 files that synth did not write (README.md, production/extra-secret.yaml), and synth replaces ${outdir}/ as a whole: move them out of ${outdir}/ or delete them; ${outdir}/ was left unchanged.`);
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('GIVEN a kustomization.yaml that synth did not generate THEN it is foreign too', () => {
    const { outdir } = previousDist();
    fs.mkdirSync(path.join(outdir, 'legacy'));
    fs.writeFileSync(path.join(outdir, 'legacy', 'kustomization.yaml'), 'resources: [app.yaml]\n');
    expect(synthError(outdir)).toMatch(/ holds a file that synth did not write \(legacy\/kustomization\.yaml\), .*: move it out of .* or delete it; .* was left unchanged\.$/);
  });

  test('GIVEN files an earlier synth wrote (a removed chart, a removed environment) THEN synth drops them without asking', () => {
    const { outdir } = previousDist();
    fs.writeFileSync(path.join(outdir, 'production', 'removed-chart.k8s.yaml'), 'kind: ConfigMap\n');
    fs.mkdirSync(path.join(outdir, 'qa'));
    fs.copyFileSync(path.join(outdir, 'production', 'kustomization.yaml'), path.join(outdir, 'qa', 'kustomization.yaml'));
    buildFixtureApp({ outdir, version: 'v2' }).synth();
    expect(fs.existsSync(path.join(outdir, 'production', 'removed-chart.k8s.yaml'))).toBe(false);
    expect(fs.existsSync(path.join(outdir, 'qa'))).toBe(false);
    expect(leftovers(outdir)).toEqual([]);
  });
});

describe('unwritable dist/', () => {
  test('GIVEN a sub-folder that is not writable THEN synth fails before writing, naming it', () => {
    const { outdir, before } = previousDist();
    const real = fs.accessSync;
    jest.spyOn(nodeFs, 'accessSync').mockImplementation((p, mode) => {
      if (String(p).endsWith(`${path.sep}production`)) {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }
      return real(p, mode);
    });
    expect(synthError(outdir)).toBe(`Cannot replace ${outdir}/: ${outdir}/production/ is not writable (permission denied (EACCES)), so the previous files could not be removed: make it writable (chmod -R u+w ${outdir}/); ${outdir}/ was left unchanged.`);
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('GIVEN a read-only sub-folder (chmod 555) THEN synth succeeds or fails clearly, and leaves no dist.old-*', () => {
    const { outdir, before } = previousDist();
    fs.chmodSync(path.join(outdir, 'production'), 0o555);
    let error: string | undefined;
    try {
      buildFixtureApp({ outdir, version: 'v2' }).synth();
    } catch (e) {
      error = (e as Error).message;
    }
    if (process.getuid?.() === 0) {
      // root may delete anyway: the synth succeeds
      expect(error).toBeUndefined();
      expect(hashTree(outdir)).not.toEqual(before);
    } else {
      expect(error).toBe(`Cannot replace ${outdir}/: ${outdir}/production/ is not writable (permission denied (EACCES)), so the previous files could not be removed: make it writable (chmod -R u+w ${outdir}/); ${outdir}/ was left unchanged.`);
      fs.chmodSync(path.join(outdir, 'production'), 0o755);
    }
    expect(leftovers(outdir)).toEqual([]);
  });

  test('GIVEN the previous copy cannot be removed at first THEN it is made writable and removed', () => {
    const { outdir } = previousDist();
    const real = fs.rmSync;
    let failures = 0;
    jest.spyOn(nodeFs, 'rmSync').mockImplementation((p, options) => {
      if (String(p).includes('.old-') && failures++ === 0) {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }
      return real(p, options);
    });
    buildFixtureApp({ outdir, version: 'v2' }).synth();
    expect(failures).toBe(2);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('GIVEN a read-only dist.old-* left by a crashed run THEN the next synth removes it', () => {
    const { outdir } = previousDist();
    const stale = `${outdir}.old-${deadPid()}-abcdef`;
    fs.cpSync(outdir, stale, { recursive: true });
    fs.chmodSync(path.join(stale, 'production'), 0o555);
    buildFixtureApp({ outdir, version: 'v2' }).synth();
    expect(leftovers(outdir)).toEqual([]);
  });
});

describe('two synths at once', () => {
  test('GIVEN two synths of different versions started at once THEN one complete tree remains, and no leftovers after the next run', async () => {
    // GIVEN the tree each version writes alone
    const single = (version: string) => {
      const outdir = path.join(workspace(), 'dist');
      buildFixtureApp({ outdir, version }).synth();
      return hashTree(outdir);
    };
    const trees = [single('v1'), single('v2')];
    const outdir = path.join(workspace(), 'dist');
    buildFixtureApp({ outdir, version: 'v0' }).synth();

    // WHEN two programs synthesize into the same dist/ at once
    const runs = await Promise.all(['v1', 'v2'].map((v) => runFixtureAsync({ FIXTURE_OUTDIR: outdir, FIXTURE_VERSION: v })));

    // THEN at least one succeeded, a loser says why, and dist/ is exactly one of the two trees
    expect(runs.some((r) => r.status === 0)).toBe(true);
    for (const r of runs.filter((x) => x.status !== 0)) {
      expect(r.stderr).toMatch(/Cannot replace .*dist\/: .*; .*dist\/ was left unchanged\./);
    }
    expect(trees).toContainEqual(hashTree(outdir));
    // AND the next synth leaves no temp or old folder behind
    buildFixtureApp({ outdir, version: 'v1' }).synth();
    expect(hashTree(outdir)).toEqual(trees[0]);
    expect(leftovers(outdir)).toEqual([]);
  }, 30_000);
});
