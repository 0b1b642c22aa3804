import * as fs from 'fs';
// The module object itself (not the `import *` copy), so jest.spyOn can replace its functions.
import nodeFs = require('fs');
import * as path from 'path';
import { recoverOutdir, replaceDirAtomically } from '../../lib/synth/atomic-dir';
import { deadPid, hashTree, leftovers, removeWorkspaces, workspace } from './tree';

afterAll(removeWorkspaces);
afterEach(() => jest.restoreAllMocks());

const PREVIOUS = [
  { path: 'production/shop.k8s.yaml', data: 'kind: ConfigMap\n' },
  { path: 'production/kustomization.yaml', data: 'resources: []\n' },
  { path: 'addons.k8s.yaml', data: 'kind: Namespace\n' },
];
const NEXT = [
  { path: 'production/shop.k8s.yaml', data: 'kind: Deployment\n' },
  { path: 'production/billing.k8s.yaml', data: 'kind: Service\n' },
  { path: 'staging/shop.k8s.yaml', data: 'kind: Deployment\n' },
];

/** A workspace with a previous synth in `<ws>/dist`, and the hash of that tree. */
function previousDist(): { outdir: string; before: Record<string, string> } {
  const outdir = path.join(workspace(), 'dist');
  replaceDirAtomically(outdir, PREVIOUS);
  return { outdir, before: hashTree(outdir) };
}

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, write '/somewhere/absolute'`), { code });
}

describe('replaceDirAtomically', () => {
  test('creates the folder when there is none, with exactly the given files', () => {
    const outdir = path.join(workspace(), 'nested', 'dist');
    replaceDirAtomically(outdir, NEXT);
    expect(hashTree(outdir)).toEqual(expect.objectContaining({ 'staging/': 'dir' }));
    expect(Object.keys(hashTree(outdir)).filter((k) => !k.endsWith('/'))).toEqual(NEXT.map((f) => f.path).sort());
    expect(fs.readFileSync(path.join(outdir, 'production', 'shop.k8s.yaml'), 'utf8')).toBe('kind: Deployment\n');
    expect(leftovers(outdir)).toEqual([]);
  });

  test('replaces the previous tree as a whole (stale files disappear)', () => {
    const { outdir } = previousDist();
    replaceDirAtomically(outdir, NEXT);
    expect(fs.existsSync(path.join(outdir, 'addons.k8s.yaml'))).toBe(false);
    expect(leftovers(outdir)).toEqual([]);
  });

  test.each([
    ['EACCES', 'permission denied (EACCES)'],
    ['ENOSPC', 'no space left on device (ENOSPC)'],
    ['EIO', 'input/output error (EIO)'],
  ])('fails on %s in the middle of writing, leaving the previous tree byte for byte', (code, reason) => {
    // GIVEN
    const { outdir, before } = previousDist();
    const real = fs.writeFileSync;
    let calls = 0;
    jest.spyOn(nodeFs, 'writeFileSync').mockImplementation((...args: Parameters<typeof fs.writeFileSync>) => {
      if (++calls === 2) {
        throw errno(code);
      }
      return real(...args);
    });

    // WHEN / THEN the 2nd file in path order is production/shop.k8s.yaml
    expect(() => replaceDirAtomically(outdir, NEXT))
      .toThrow(`Cannot write ${outdir}/production/shop.k8s.yaml: ${reason}; ${outdir}/ was left unchanged.`);
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('fails when fsync fails, leaving the previous tree', () => {
    const { outdir, before } = previousDist();
    jest.spyOn(nodeFs, 'fsyncSync').mockImplementation(() => { throw errno('EIO'); });
    expect(() => replaceDirAtomically(outdir, NEXT)).toThrow(/^Cannot write .*: input\/output error \(EIO\); .* was left unchanged\.$/);
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('fails when the second rename fails, putting the previous tree back', () => {
    // GIVEN the rename of the temp folder onto outdir fails
    const { outdir, before } = previousDist();
    const real = fs.renameSync;
    jest.spyOn(nodeFs, 'renameSync').mockImplementation((from, to) => {
      if (String(from).includes('.tmp-')) {
        throw errno('EPERM');
      }
      return real(from, to);
    });

    // WHEN / THEN
    expect(() => replaceDirAtomically(outdir, NEXT))
      .toThrow(`Cannot replace ${outdir}/: operation not permitted (EPERM); ${outdir}/ was left unchanged.`);
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('fails on a duplicate path instead of overwriting', () => {
    const { outdir, before } = previousDist();
    expect(() => replaceDirAtomically(outdir, [NEXT[0], NEXT[0]]))
      .toThrow(`Cannot write ${outdir}/production/shop.k8s.yaml: a file with that name already exists (EEXIST); ${outdir}/ was left unchanged.`);
    expect(hashTree(outdir)).toEqual(before);
  });

  test('fails on a path that would escape the folder', () => {
    const { outdir, before } = previousDist();
    expect(() => replaceDirAtomically(outdir, [{ path: '../evil.yaml', data: '' }]))
      .toThrow(`Cannot write ${outdir}/../evil.yaml: invalid output path "../evil.yaml"; ${outdir}/ was left unchanged.`);
    expect(hashTree(outdir)).toEqual(before);
    expect(fs.existsSync(path.join(path.dirname(outdir), 'evil.yaml'))).toBe(false);
  });

  test('fails when outdir is a file or a symbolic link, touching neither', () => {
    const ws = workspace();
    fs.writeFileSync(path.join(ws, 'file'), 'keep');
    fs.symlinkSync(ws, path.join(ws, 'link'));
    expect(() => replaceDirAtomically(path.join(ws, 'file'), NEXT)).toThrow(/exists and is not a folder, and synth replaces outdir as a whole: remove it or pick another outdir\.$/);
    expect(() => replaceDirAtomically(path.join(ws, 'link'), NEXT)).toThrow(/exists and is not a folder \(it is a symbolic link\)/);
    expect(fs.readFileSync(path.join(ws, 'file'), 'utf8')).toBe('keep');
    expect(fs.lstatSync(path.join(ws, 'link')).isSymbolicLink()).toBe(true);
  });

  test('fails on an outdir that is the working folder or one of its parents', () => {
    for (const outdir of ['.', '..', process.cwd(), path.parse(process.cwd()).root]) {
      expect(() => replaceDirAtomically(outdir, NEXT)).toThrow(/contains the folder the app runs in/);
    }
  });
});

describe('recoverOutdir', () => {
  test('puts back a previous tree left by a crash between the two renames', () => {
    // GIVEN outdir was renamed away by a process that then died
    const { outdir, before } = previousDist();
    const pid = deadPid();
    fs.renameSync(outdir, `${outdir}.old-${pid}-abc123`);
    fs.mkdirSync(`${outdir}.tmp-${pid}-abc123`);
    fs.writeFileSync(`${outdir}.tmp-${pid}-abc123/half.yaml`, 'kin');

    // WHEN
    recoverOutdir(outdir);

    // THEN
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('removes a stale .old- folder when outdir exists (a crash before the old tree was removed)', () => {
    const { outdir, before } = previousDist();
    fs.mkdirSync(`${outdir}.old-${deadPid()}-0f0f`);
    recoverOutdir(outdir);
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('leaves the temp folder of a synth that is still running, and unrelated siblings', () => {
    const { outdir } = previousDist();
    const live = `${outdir}.tmp-${process.ppid}-beef`;
    const unrelated = [`${outdir}-backup`, `${outdir}.tmp-notapid-1`, `${outdir}x.tmp-${deadPid()}-ab`];
    for (const d of [live, ...unrelated]) {
      fs.mkdirSync(d);
    }
    recoverOutdir(outdir);
    for (const d of [live, ...unrelated]) {
      expect(fs.existsSync(d)).toBe(true);
    }
  });

  test('treats folders carrying our own pid as stale (pids are reused, e.g. in containers)', () => {
    const { outdir } = previousDist();
    fs.mkdirSync(`${outdir}.tmp-${process.pid}-aa`);
    recoverOutdir(outdir);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('a synth recovers first, so a crash-then-failure still leaves the previous tree', () => {
    // GIVEN the crash between renames, and a next synth that fails while writing
    const { outdir, before } = previousDist();
    fs.renameSync(outdir, `${outdir}.old-${deadPid()}-77`);
    const real = fs.writeFileSync;
    jest.spyOn(nodeFs, 'writeFileSync').mockImplementation((...args: Parameters<typeof fs.writeFileSync>) => {
      if (String(args[0]).includes('.tmp-')) {
        throw errno('ENOSPC');
      }
      return real(...args);
    });

    // WHEN / THEN
    expect(() => replaceDirAtomically(outdir, NEXT)).toThrow(/no space left on device/);
    expect(hashTree(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });
});
