import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SynthError } from './synth-error';

/** One file of the output tree. */
export interface OutputFile {
  /** Path inside the output folder, `/`-separated, e.g. `production/shop.k8s.yaml`. */
  readonly path: string;
  readonly data: string | Uint8Array;
}

// How the whole folder is replaced, and why it is safe:
//
//   1. build the complete new tree in `<outdir>.tmp-<pid>-<rand>` (a sibling, so the same
//      file system and rename(2) is atomic), fsync every file and folder;
//   2. rename `<outdir>` → `<outdir>.old-<pid>-<rand>`;
//   3. rename the temp folder → `<outdir>`;
//   4. remove the old folder.
//
// Any failure before step 2 removes the temp folder and never touches `<outdir>`. Node has
// no renameat2(RENAME_EXCHANGE), so between steps 2 and 3 (two syscalls, microseconds)
// `<outdir>` does not exist. A crash exactly there leaves `<outdir>` missing and the
// previous tree intact as `<outdir>.old-…`: the next synth starts with `recoverOutdir`,
// which renames it back before doing anything else, and removes stale `.tmp-` and `.old-`
// folders of processes that no longer run. (A symlink swap would close the window, but
// GitOps repos commit `dist/` as a folder, and git stores a symlink as a link.)

const SUFFIX = /^\.(tmp|old)-(\d+)-[0-9a-f]+$/;

/** How `replaceDirAtomically` treats what `outdir` already holds. */
export interface ReplaceDirOptions {
  /**
   * True for a file of the previous tree that the new tree may drop (one an earlier synth
   * wrote). Any other file that the new tree does not hold fails the replacement, naming it,
   * so a hand-written file is never deleted silently.
   * @default - every file may be dropped
   */
  readonly isOwned?: (relativePath: string, absolutePath: string) => boolean;
}

/** At most this many names are listed in an error. */
const MAX_LISTED = 10;

/**
 * Replaces the folder `outdir` by a folder holding exactly `files`, atomically: on any error
 * `outdir` is left as it was, byte for byte, and no temp folder is left behind.
 * @throws SynthError with one sentence naming the file, the cause and that `outdir` is unchanged
 */
export function replaceDirAtomically(outdir: string, files: readonly OutputFile[], options: ReplaceDirOptions = {}): void {
  const target = prepareOutdir(outdir);
  const shown = shownDir(outdir);
  const unchanged = `${shown} was left unchanged`;
  checkPreviousTree(target, shown, files, options);

  const suffix = `${process.pid}-${crypto.randomBytes(6).toString('hex')}`;
  const tmp = `${target}.tmp-${suffix}`;
  let current = '';
  try {
    fs.mkdirSync(tmp);
    const folders = new Set<string>([tmp]);
    const written: Array<{ rel: string; dest: string }> = [];
    for (const file of [...files].sort((a, b) => compare(a.path, b.path))) {
      current = file.path;
      const dest = path.join(tmp, ...checkRelative(file.path).split('/'));
      const folder = path.dirname(dest);
      if (!folders.has(folder)) {
        fs.mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      // 'wx': a second file with the same path is a bug, never a silent overwrite.
      fs.writeFileSync(dest, file.data, { flag: 'wx' });
      written.push({ rel: file.path, dest });
    }
    // fsync before the swap: a power cut after it cannot leave empty files in `<outdir>`, and
    // write errors the kernel reports late (ENOSPC, EDQUOT, EIO on delayed allocation or
    // network file systems) surface here, while `<outdir>` is still untouched. After all
    // writes rather than after each, so the kernel writes back in fewer journal commits.
    for (const { rel, dest } of written) {
      current = rel;
      fsyncFile(dest);
    }
    current = '';
    for (const folder of folders) {
      fsyncFolder(folder);
    }
  } catch (e) {
    removeQuietly(tmp);
    const what = current ? `${shown}${current}` : shown;
    throw new SynthError(`Cannot write ${what}: ${describe(e)}; ${unchanged}.`);
  }

  const old = `${target}.old-${suffix}`;
  let moved = false;
  try {
    try {
      fs.renameSync(target, old);
      moved = true;
    } catch (e) {
      if (codeOf(e) !== 'ENOENT') {
        throw e;
      }
    }
    fs.renameSync(tmp, target);
  } catch (e) {
    if (moved) {
      restoreQuietly(old, target);
    }
    removeQuietly(tmp);
    throw new SynthError(`Cannot replace ${shown}: ${describe(e)}; ${unchanged}.`);
  }
  fsyncFolder(path.dirname(target));
  if (!removeForcefully(old)) {
    process.stderr.write(`warning: ${shown} was replaced, but its previous copy ${path.basename(old)} could not be removed: delete it by hand (the next synth tries again).\n`);
  }
}

/**
 * Before anything is written: every folder of the previous tree must be writable (else its
 * files could not be removed after the swap, and a `.old-` folder would stay behind), and every
 * file the new tree drops must be one synth wrote (`options.isOwned`).
 */
function checkPreviousTree(target: string, shown: string, files: readonly OutputFile[], options: ReplaceDirOptions): void {
  if (!exists(target)) return;
  const next = new Set(files.map((f) => f.path.toLowerCase()));
  const foreign: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const folder = rel === '' ? target : path.join(target, ...rel.split('/'));
    try {
      fs.accessSync(folder, fs.constants.W_OK | fs.constants.X_OK);
    } catch (e) {
      throw new SynthError(`Cannot replace ${shown}: ${shown}${rel === '' ? '' : `${rel}/`} is not writable (${describe(e)}), so the previous files could not be removed: make it writable (chmod -R u+w ${shown}); ${shown} was left unchanged.`);
    }
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      throw new SynthError(`Cannot read ${shown}${rel === '' ? '' : `${rel}/`}: ${describe(e)}; ${shown} was left unchanged.`);
    }
    for (const entry of entries.sort((a, b) => compare(b.name, a.name))) {
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        stack.push(childRel);
      } else if (options.isOwned && !next.has(childRel.toLowerCase()) && !options.isOwned(childRel, path.join(folder, entry.name))) {
        foreign.push(childRel);
      }
    }
  }
  if (foreign.length > 0) {
    const listed = foreign.slice(0, MAX_LISTED).join(', ') + (foreign.length > MAX_LISTED ? ` and ${foreign.length - MAX_LISTED} more` : '');
    const files_ = foreign.length === 1 ? 'a file' : `${foreign.length} files`;
    throw new SynthError(`${shown} holds ${files_} that synth did not write (${listed}), and synth replaces ${shown} as a whole: move ${foreign.length === 1 ? 'it' : 'them'} out of ${shown} or delete ${foreign.length === 1 ? 'it' : 'them'}; ${shown} was left unchanged.`);
  }
}

/**
 * Checks that `outdir` can be replaced as a whole (not the working folder or a parent of it,
 * not a file or symlink), creates its parent, and runs `recoverOutdir`. Safe to call twice.
 * @returns the absolute path of `outdir`
 * @throws SynthError naming the problem and the fix
 */
export function prepareOutdir(outdir: string): string {
  const target = checkOutdir(outdir);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    recoverOutdir(outdir);
  } catch (e) {
    throw new SynthError(`Cannot prepare ${shownDir(outdir)}: ${describe(e)}; ${shownDir(outdir)} was left unchanged.`);
  }
  return target;
}

/**
 * Repairs what a killed synth may have left beside `outdir`: when `outdir` is missing and a
 * previous tree waits in `<outdir>.old-…` (a crash between the two renames), renames it back;
 * then removes `.tmp-`/`.old-` folders whose process no longer runs.
 */
export function recoverOutdir(outdir: string): void {
  const target = path.resolve(outdir);
  const parent = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch (e) {
    if (codeOf(e) === 'ENOENT') {
      return;
    }
    throw e;
  }
  const stale = names
    .filter((n) => n.startsWith(base))
    .map((n) => ({ name: n, match: SUFFIX.exec(n.slice(base.length)) }))
    .filter((e) => e.match && !isRunning(Number(e.match[2])))
    .map((e) => ({ full: path.join(parent, e.name), kind: e.match![1] }));

  if (!exists(target)) {
    // At most one `.old-` exists after a crash; if several, the last one renamed is newest.
    const olds = stale.filter((e) => e.kind === 'old')
      .map((e) => ({ ...e, changed: fs.lstatSync(e.full).ctimeMs }))
      .sort((a, b) => b.changed - a.changed);
    if (olds.length > 0) {
      fs.renameSync(olds[0].full, target);
      fsyncFolder(parent);
      stale.splice(stale.findIndex((e) => e.full === olds[0].full), 1);
    }
  }
  for (const e of stale) {
    removeForcefully(e.full);
  }
}

function shownDir(outdir: string): string {
  return `${outdir.replace(/[\\/]+$/, '')}/`;
}

function checkOutdir(outdir: string): string {
  const target = path.resolve(outdir);
  const fromTarget = path.relative(target, process.cwd());
  if (path.dirname(target) === target || !fromTarget.startsWith('..') && !path.isAbsolute(fromTarget)) {
    throw new SynthError(`outdir ${JSON.stringify(outdir)} contains the folder the app runs in, and synth replaces outdir as a whole: use a dedicated folder such as dist.`);
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.lstatSync(target);
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') {
      throw new SynthError(`Cannot read ${outdir}: ${describe(e)}; it was left unchanged.`);
    }
  }
  if (stat && !stat.isDirectory()) {
    throw new SynthError(`outdir ${JSON.stringify(outdir)} exists and is not a folder${stat.isSymbolicLink() ? ' (it is a symbolic link)' : ''}, and synth replaces outdir as a whole: remove it or pick another outdir.`);
  }
  return target;
}

function checkRelative(p: string): string {
  const parts = p.split('/');
  if (p === '' || parts.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) {
    throw new Error(`invalid output path ${JSON.stringify(p)}`);
  }
  return p;
}

function fsyncFile(file: string): void {
  // 'r+': Windows refuses to flush a handle opened read-only.
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Folders cannot be opened or fsynced on some platforms (Windows): the files themselves
    // are fsynced, which is what matters for their bytes.
  } finally {
    if (fd !== undefined) {
      fs.closeSync(fd);
    }
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) {
    return false; // left by an earlier process that had our pid (containers reuse pids)
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return codeOf(e) === 'EPERM';
  }
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch (e) {
    if (codeOf(e) === 'ENOENT') {
      return false;
    }
    throw e;
  }
}

function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { recursive: true, force: true });
  } catch {
    // Left for the next synth's `recoverOutdir` to remove.
  }
}

/**
 * Removes a folder we moved aside; when a folder inside is not writable (a read-only copy of an
 * earlier dist/), makes the folders writable and tries again. False when it is still there.
 */
function removeForcefully(p: string): boolean {
  removeQuietly(p);
  if (!exists(p)) return true;
  const stack = [p];
  while (stack.length > 0) {
    const folder = stack.pop()!;
    try {
      fs.chmodSync(folder, 0o700);
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        if (entry.isDirectory()) stack.push(path.join(folder, entry.name));
      }
    } catch {
      // best effort: the retry below says whether it was enough
    }
  }
  removeQuietly(p);
  return !exists(p);
}

function restoreQuietly(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch {
    // Left as `.old-`; the next synth's `recoverOutdir` renames it back.
  }
}

// Code-unit order: the same on every machine and locale (never localeCompare).
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function codeOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

const REASONS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EEXIST: 'a file with that name already exists',
  ENOTEMPTY: 'the folder is not empty (is another synth running?)',
  EXDEV: 'the temp folder is on another file system',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

function describe(e: unknown): string {
  const code = codeOf(e);
  if (code && REASONS[code]) {
    return `${REASONS[code]} (${code})`;
  }
  const message = e instanceof Error ? e.message : String(e);
  // Node's messages repeat the absolute temp path ("ENOSPC: ..., write '/abs/dist.tmp-…'"):
  // keep only the part before the path.
  return message.replace(/, \w+ '.*$/s, '').replace(/\.$/, '');
}
