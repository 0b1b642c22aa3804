// Reading the files of a dist/ folder, from disk or from a commit. Git runs as a child process
// without a shell (argv only, so a ref or path is never interpreted), with bounded output and
// time. Plain Node: no cdk8s, so `cdk8s-appkit diff` starts fast.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** Files of a dist/ folder: path relative to the folder (`/`-separated) → content. */
export type DistFiles = Map<string, string>;

/** Bad input to the diff (not a git repository, unknown ref, unreadable folder): exit code 2. */
export class DiffInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiffInputError';
  }
}

/** Files read: the manifests and the capacity reports; everything else in dist/ is ignored. */
export function isDistFileRead(relative: string): boolean {
  return /\.(ya?ml|json)$/i.test(relative) || /(^|\/)capacity\.md$/.test(relative);
}

// Bounds: a dist/ far larger than this is not something to review in a PR comment.
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;
const GIT_TIMEOUT_MS = 120_000;

/** A commit of the repository holding `distDir`, and dist/'s path inside that repository. */
export interface GitBase {
  /** The ref as given, e.g. `HEAD` or `origin/main`. */
  readonly ref: string;
  /** The full commit id the ref resolves to. */
  readonly commit: string;
  /** The repository's top folder. */
  readonly top: string;
  /** `distDir` relative to `top`, `/`-separated ('' when dist/ is the top). */
  readonly distPath: string;
}

/** Resolves `ref` in the repository that holds `distDir`. */
export function resolveBase(distDir: string, ref: string): GitBase {
  const absolute = path.resolve(distDir);
  if (fs.existsSync(absolute) && !fs.statSync(absolute).isDirectory()) {
    throw new DiffInputError(`${distDir} is not a folder: pass the dist folder that npm run synth writes`);
  }
  // dist/ may be missing on disk (everything removed); git runs in its closest existing parent.
  let cwd = absolute;
  while (!fs.existsSync(cwd) && path.dirname(cwd) !== cwd) {
    cwd = path.dirname(cwd);
  }
  const top = git(cwd, ['rev-parse', '--show-toplevel'], () =>
    `${distDir} is not inside a git repository: run cdk8s-appkit diff in a clone of your repository, or pass the dist folder of one`).trim();
  if (ref.startsWith('-') || ref === '') {
    throw new DiffInputError(`--base must be a git ref such as HEAD or origin/main, got ${JSON.stringify(ref)}`);
  }
  const commit = git(top, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], () =>
    `--base ${ref} is not a commit of the repository at ${top}: fetch it (git fetch origin) or give a branch, tag or commit that exists`).trim();
  const realTop = fs.realpathSync(top);
  const realDist = path.join(fs.realpathSync(cwd), path.relative(cwd, absolute));
  const distPath = path.relative(realTop, realDist).split(path.sep).join('/');
  if (distPath.startsWith('..')) {
    throw new DiffInputError(`${distDir} is outside the git repository at ${top}: pass a folder inside it`);
  }
  return { ref, commit, top, distPath };
}

/** The files under `base.distPath` at `base.commit` (none when the folder does not exist there). */
export function readDistAtCommit(base: GitBase): DistFiles {
  const prefix = base.distPath === '' ? '' : `${base.distPath}/`;
  const listing = git(base.top, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', base.commit, '--', prefix || '.'],
    () => `cannot list ${prefix || 'the top folder'} at ${base.ref}`);
  const files: DistFiles = new Map();
  for (const name of listing.split('\0').filter((n) => n !== '')) {
    const relative = name.slice(prefix.length);
    if (!isDistFileRead(relative)) {
      continue;
    }
    files.set(relative, git(base.top, ['cat-file', 'blob', `${base.commit}:${name}`], () => `cannot read ${name} at ${base.ref}`));
  }
  return files;
}

/** The files under `distDir` on disk (none when it does not exist). */
export function readDistOnDisk(distDir: string): DistFiles {
  const files: DistFiles = new Map();
  if (!fs.existsSync(distDir)) {
    return files;
  }
  if (!fs.statSync(distDir).isDirectory()) {
    throw new DiffInputError(`${distDir} is not a folder: pass the dist folder that npm run synth writes`);
  }
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relative = prefix + entry.name;
      if (entry.isDirectory()) {
        walk(path.join(dir, entry.name), `${relative}/`);
      } else if (entry.isFile() && isDistFileRead(relative)) {
        try {
          files.set(relative, fs.readFileSync(path.join(dir, entry.name), 'utf8'));
        } catch (e) {
          throw new DiffInputError(`cannot read ${path.join(distDir, relative)}: ${(e as Error).message}`);
        }
      }
    }
  };
  walk(distDir, '');
  return files;
}

function git(cwd: string, args: string[], problem: () => string): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: MAX_GIT_OUTPUT,
      timeout: GIT_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string; signal?: string };
    if (err.code === 'ENOENT') {
      throw new DiffInputError('git is not installed or not on PATH: install git to compare with a commit');
    }
    if (err.code === 'ENOBUFS') {
      throw new DiffInputError(`${problem()} (git output is larger than ${MAX_GIT_OUTPUT / 1024 / 1024} MiB)`);
    }
    if (err.signal === 'SIGTERM') {
      throw new DiffInputError(`${problem()} (git took longer than ${GIT_TIMEOUT_MS / 1000} s)`);
    }
    throw new DiffInputError(problem());
  }
}
