// Reads the CLI's inputs: files, folders (like `kubectl apply -f <dir>`: the *.yaml, *.yml and
// *.json files directly inside, in name order; with --recursive, sub-folders too) and stdin.
// Every problem becomes a ManifestError naming the file and document, so the CLI exits 2 with
// one sentence instead of a stack trace.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ManifestError } from '../manifests/manifest-error';
import type { ManifestSource } from '../manifests/manifest-source';

/** One YAML/JSON document and where it came from. */
export interface InputDocument {
  /** The document as plain JSON (null for an empty document). */
  readonly object: unknown;
  readonly source: ManifestSource;
}

/** What the CLI reads instead of the real stdin in tests. */
export type ReadStdin = () => string;

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
/** Shown for `-`. */
export const STDIN_NAME = '<stdin>';

/** The documents of every input, in argument order; folders expanded. */
export function readInputs(inputs: readonly string[], readStdin: ReadStdin, recursive = false): InputDocument[] {
  const documents: InputDocument[] = [];
  for (const input of inputs) {
    for (const file of expand(input, recursive)) {
      const text = file === '-' ? readStandardInput(readStdin) : readText(file);
      documents.push(...parseDocuments(text, file === '-' ? STDIN_NAME : file));
    }
  }
  return documents;
}

/** The documents of one text (multi-document YAML, or JSON). */
export function parseDocuments(text: string, file: string): InputDocument[] {
  if (/\.json$/i.test(file)) {
    try {
      return [{ object: JSON.parse(text), source: { file, documentIndex: 0 } }];
    } catch (e) {
      throw new ManifestError(`invalid JSON: ${(e as Error).message}`, { file });
    }
  }
  const docs = parseAllDocuments(text);
  // An empty stream parses to a special empty list.
  const list = Array.isArray(docs) ? docs : [];
  return list.map((doc, documentIndex) => {
    const source = { file, documentIndex };
    const error = doc.errors[0];
    if (error) {
      throw new ManifestError(`invalid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}`, source);
    }
    try {
      return { object: doc.toJS({ maxAliasCount: 1000 }), source };
    } catch (e) {
      throw new ManifestError(`invalid YAML: ${(e as Error).message.split('\n')[0]}`, source);
    }
  });
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
