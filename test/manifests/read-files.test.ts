// Bounded reading of manifest files and stdin (issue 10, "Input files"): symbolic links followed
// once, a size limit with a clear error, UTF-8 only, every error naming the file.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifestFiles, manifestFiles } from '../../lib/manifests/load-yaml';
import { DEFAULT_MAX_INPUT_BYTES, FileWalk, formatBytes, readTextFile } from '../../lib/manifests/read-files';

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\n`;

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-read-'));
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('symbolic links', () => {
  test('GIVEN a link back to the folder being read WHEN read recursively THEN an error names the link', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, 'a.yaml'), POD('a'));
    fs.symlinkSync(dir, path.join(dir, 'loop'));
    const real = fs.realpathSync(dir);
    expect(errorOf(() => manifestFiles(dir))).toBe(
      `${dir}/loop: symbolic link loop: ${dir}/loop leads back to ${real}, a folder being read: remove the link or point it elsewhere`);
  });

  test('GIVEN 40 links to one file and one folder THEN every real file is read once', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real', 'pod.yaml'), POD('p'));
    for (let i = 0; i < 20; i++) {
      fs.symlinkSync(path.join(dir, 'real', 'pod.yaml'), path.join(dir, `link-${String(i).padStart(2, '0')}.yaml`));
      fs.symlinkSync(path.join(dir, 'real'), path.join(dir, `sub-${String(i).padStart(2, '0')}`));
    }
    const objects = loadManifestFiles([dir]);
    expect(objects.map((o) => o.object.metadata?.name)).toEqual(['p']);
    expect(objects[0].source.file).toBe(path.join(dir, 'link-00.yaml'));
  });

  test('GIVEN links that would double at every level THEN the walk stays linear', () => {
    // d0 holds a.yaml and two links to d1; d1 two links to d2 …: 2^20 paths, 20 folders.
    const dir = tmp();
    for (let i = 0; i <= 20; i++) fs.mkdirSync(path.join(dir, `d${i}`));
    for (let i = 0; i < 20; i++) {
      fs.writeFileSync(path.join(dir, `d${i}`, 'pod.yaml'), POD(`p${i}`));
      fs.symlinkSync(path.join(dir, `d${i + 1}`), path.join(dir, `d${i}`, 'x'));
      fs.symlinkSync(path.join(dir, `d${i + 1}`), path.join(dir, `d${i}`, 'y'));
    }
    expect(new FileWalk(true).expand(path.join(dir, 'd0'))).toHaveLength(20);
  });

  test('GIVEN a dangling link THEN the error names it', () => {
    const dir = tmp();
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'web.yaml'));
    expect(errorOf(() => manifestFiles(dir))).toBe(`${dir}/web.yaml: cannot read: the symbolic link points to nothing (ENOENT)`);
  });

  test('GIVEN a folder with only sub-folders WHEN read without recursion THEN an error says to pass -R', () => {
    const dir = tmp();
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.writeFileSync(path.join(dir, 'apps', 'pod.yaml'), POD('p'));
    expect(errorOf(() => new FileWalk(false).expand(dir))).toBe(`no manifest files found in ${dir}/: it holds only sub-folders (1), which are read with -R (--recursive)`);
    expect(new FileWalk(true).expand(dir)).toEqual([path.join(dir, 'apps', 'pod.yaml')]);
  });
});

describe('size limit', () => {
  test('the default is 64 MiB', () => {
    expect(DEFAULT_MAX_INPUT_BYTES).toBe(67108864);
    expect(formatBytes(DEFAULT_MAX_INPUT_BYTES)).toBe('64 MiB (67108864 bytes)');
  });

  test('GIVEN a file over the limit THEN it is refused before reading, naming the file and the option', () => {
    const file = path.join(tmp(), 'big.yaml');
    fs.writeFileSync(file, 'x'.repeat(2048));
    expect(errorOf(() => readTextFile(file, 1024))).toBe(`${file}: input is 2 KiB (2048 bytes) past the limit of 1 KiB (1024 bytes): split it, or raise the limit with --max-input-bytes`);
    expect(readTextFile(file, 2048)).toHaveLength(2048);
  });

  test('GIVEN an endless device THEN reading stops at the limit', () => {
    expect(errorOf(() => readTextFile('/dev/zero', 4096))).toBe('/dev/zero: input goes on past the limit of 4 KiB (4096 bytes): split it, or raise the limit with --max-input-bytes');
  });

  test('GIVEN `yes |` piped into the CLI THEN it exits 2 at the limit, naming stdin', () => {
    const dir = tmp();
    const pools = path.join(dir, 'pools.yaml');
    fs.writeFileSync(pools, 'apiVersion: capacity.cdk8s-appkit.io/v1alpha1\nkind: NodePool\nmetadata: {name: general}\nspec: {count: 1, allocatable: {cpu: "1", memory: 1Gi, pods: 10}}\n');
    const root = path.join(__dirname, '..', '..');
    const script = `require(${JSON.stringify(path.join(root, 'lib/cli/main.ts'))}).runCli(process.argv.slice(1))`;
    const r = spawnSync('sh', ['-c', `yes | "${process.execPath}" -r ./bin/ts-register.js -e '${script}' capacity --nodes "${pools}" --max-input-bytes 1Mi -`], {
      cwd: root, encoding: 'utf8',
    });
    expect(r.stderr).toBe('error: <stdin>: input goes on past the limit of 1 MiB (1048576 bytes): split it, or raise the limit with --max-input-bytes.\n');
    expect(r.status).toBe(2);
  });
});

describe('encoding', () => {
  test('GIVEN Latin-1 bytes THEN the error names the file and the offset', () => {
    const file = path.join(tmp(), 'latin1.yaml');
    fs.writeFileSync(file, Buffer.concat([Buffer.from('apiVersion: v1\n# caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    expect(errorOf(() => readTextFile(file))).toBe(`${file}: not UTF-8 text (invalid byte 0xe9 at offset 20): save the file as UTF-8`);
  });

  test('GIVEN a UTF-8 BOM THEN it is dropped', () => {
    const file = path.join(tmp(), 'bom.yaml');
    fs.writeFileSync(file, `\uFEFF${POD('p')}`);
    expect(readTextFile(file)).toBe(POD('p'));
  });
});
