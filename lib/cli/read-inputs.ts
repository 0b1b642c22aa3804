// Reads the CLI's inputs: files, folders (like `kubectl apply -f <dir>`: the *.yaml, *.yml and
// *.json files directly inside, in name order; with --recursive, sub-folders too) and stdin.
// Parsing (YAML 1.1 as Kubernetes reads it, `kind: List` flattened, empty documents skipped)
// is lib/manifests' `parseManifests`; this file only turns paths into texts, with I/O errors
// as ManifestErrors naming the file, so the CLI exits 2 with one sentence.
import * as fs from 'fs';
import * as path from 'path';
import { LoadedManifest, parseManifests } from '../manifests/load-yaml';
import { ManifestError } from '../manifests/manifest-error';

/** What the CLI reads instead of the real stdin in tests. */
export type ReadStdin = () => string;

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Shown for `-`. */
export const STDIN_NAME = '<stdin>';

/** The objects of every input, in argument order; folders expanded, Lists flattened. */
export function readInputs(inputs: readonly string[], readStdin: ReadStdin, recursive = false): LoadedManifest[] {
  const objects: LoadedManifest[] = [];
  for (const input of inputs) {
    for (const file of expand(input, recursive)) {
      const text = file === '-' ? readStandardInput(readStdin) : readText(file);
      objects.push(...parseManifests(text, file === '-' ? STDIN_NAME : file));
    }
  }
  return objects;
}

function expand(input: string, recursive: boolean): string[] {
  if (input === '-') {
    return ['-'];
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(input);
  } catch (e) {
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file: input });
  }
  if (!stat.isDirectory()) {
    return [input];
  }
  let names: fs.Dirent[];
  try {
    names = fs.readdirSync(input, { withFileTypes: true });
  } catch (e) {
    throw new ManifestError(`cannot read folder: ${describeIoError(e)}`, { file: input });
  }
  const files: string[] = [];
  for (const entry of names.sort((a, b) => compare(a.name, b.name))) {
    const full = path.join(input, entry.name);
    if (entry.name.startsWith('.')) {
      continue; // .git, editor backups: never manifests
    }
    const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full));
    if (isDir) {
      if (recursive) files.push(...expand(full, true));
    } else if (MANIFEST_FILE.test(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

function readText(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file });
  }
}

function readStandardInput(readStdin: ReadStdin): string {
  try {
    return readStdin();
  } catch (e) {
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file: STDIN_NAME });
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

const IO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** `no such file or folder (ENOENT)`, without Node's repetition of the path. */
export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code && IO_REASONS[code]) {
    return `${IO_REASONS[code]} (${code})`;
  }
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/, \w+ '.*$/s, '');
}

// Code-unit order: the same on every machine and locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
