// Turning paths into manifest texts, bounded: the one place where the CLI (`cdk8s-appkit
// capacity`), `loadManifestFiles` and the `IncludeManifests` construct read files, so all three
// share the same rules:
//
// - folders are read like `kubectl apply -f <dir>`: the *.yaml, *.yml and *.json files directly
//   inside, in code-unit name order (with `recursive`, sub-folders too, depth first); names
//   starting with `.` are skipped;
// - symbolic links are followed, but every real file and folder is read at most once: a link
//   back to a folder being walked (a loop) is an error naming the link, and a second way to the
//   same file or folder is skipped — never 41 copies of one file, never exponential growth;
// - every file and the standard input are read with a size limit (`DEFAULT_MAX_INPUT_BYTES`,
//   settable): a larger regular file is refused before reading, and a pipe or device is read in
//   chunks and refused as soon as it passes the limit (an endless `yes |` never grows memory);
// - text must be UTF-8 (a BOM is dropped), as Kubernetes' YAML decoder (go-yaml) requires;
// - every error is a ManifestError naming the file.
import * as fs from 'fs';
import * as path from 'path';
import { ManifestError } from './manifest-error';

/** 64 MiB: far above any real manifest set (Argo CD's install.yaml is ~1.5 MiB), far below memory trouble. */
export const DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Shown for `-`. */
export const STDIN_NAME = '<stdin>';

const MANIFEST_FILE = /\.(ya?ml|json)$/i;
const CHUNK = 1024 * 1024;

/** What walking the inputs remembers, so every real file and folder is read once. */
export class FileWalk {
  private readonly seenFiles = new Set<string>();
  private readonly seenFolders = new Set<string>();

  constructor(private readonly recursive: boolean) {}

  /**
   * The manifest files a path names: itself (a file given by name is always read), or the
   * manifest files of a folder, sorted, without files or folders this walk has already read.
   * @throws ManifestError for a missing path, an unreadable folder or a symbolic link loop
   */
  public expand(input: string): string[] {
    const stat = statOf(input);
    if (!stat.isDirectory()) {
      this.seenFiles.add(realPathOf(input));
      return [input];
    }
    const files: string[] = [];
    const real = realPathOf(input);
    this.seenFolders.add(real);
    const subFolders = this.walk(input, [real], files);
    if (files.length === 0 && subFolders > 0 && !this.recursive) {
      throw new ManifestError(`no manifest files found in ${shownFolder(input)}: it holds only sub-folders (${subFolders}), which are read with -R (--recursive)`);
    }
    return files;
  }

  /** Adds the manifest files of `folder` to `files`; returns how many sub-folders it holds. */
  private walk(folder: string, ancestors: readonly string[], files: string[]): number {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      throw new ManifestError(`cannot read folder: ${describeIoError(e)}`, { file: folder });
    }
    let subFolders = 0;
    for (const entry of entries.sort((a, b) => compare(a.name, b.name))) {
      if (entry.name.startsWith('.')) {
        continue; // .git, editor backups: never manifests
      }
      const full = path.join(folder, entry.name);
      const link = entry.isSymbolicLink();
      const isDir = entry.isDirectory() || (link && isDirectory(full));
      if (isDir) {
        subFolders++;
        if (!this.recursive) continue;
        const real = realPathOf(full);
        if (ancestors.includes(real)) {
          throw new ManifestError(`symbolic link loop: ${full} leads back to ${real}, a folder being read: remove the link or point it elsewhere`, { file: full });
        }
        if (this.seenFolders.has(real)) continue; // a second way to a folder already read
        this.seenFolders.add(real);
        this.walk(full, [...ancestors, real], files);
      } else if (MANIFEST_FILE.test(entry.name)) {
        if (link && !fs.existsSync(full)) {
          throw new ManifestError('cannot read: the symbolic link points to nothing (ENOENT)', { file: full });
        }
        const real = realPathOf(full);
        if (this.seenFiles.has(real)) continue; // a second link to a file already read
        this.seenFiles.add(real);
        files.push(full);
      }
    }
    return subFolders;
  }
}

/**
 * The text of a file, at most `maxBytes` long, as UTF-8.
 * @throws ManifestError naming the file: unreadable, too large, or not UTF-8
 */
export function readTextFile(file: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): string {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (e) {
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file });
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) {
      throw new ManifestError('cannot read: is a folder (EISDIR)', { file });
    }
    if (stat.isFile() && stat.size > maxBytes) {
      throw tooLarge(file, maxBytes, stat.size);
    }
    return decodeUtf8(readCapped(fd, file, maxBytes), file);
  } catch (e) {
    if (ManifestError.isManifestError(e)) throw e;
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file });
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The process's standard input, at most `maxBytes` long, read in chunks (never buffering more
 * than the limit plus one chunk), as UTF-8.
 * @throws ManifestError naming `<stdin>`
 */
export function readStandardInput(maxBytes = DEFAULT_MAX_INPUT_BYTES): string {
  try {
    return decodeUtf8(readCapped(0, STDIN_NAME, maxBytes), STDIN_NAME);
  } catch (e) {
    if (ManifestError.isManifestError(e)) throw e;
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file: STDIN_NAME });
  }
}

/** Checks a text read by other means (a test's stdin) against the same limit. */
export function checkTextSize(text: string, file: string, maxBytes = DEFAULT_MAX_INPUT_BYTES): string {
  // A JS string of n code units holds at most 3n UTF-8 bytes: count only when it may matter.
  if (text.length * 3 > maxBytes) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > maxBytes) throw tooLarge(file, maxBytes);
  }
  return text;
}

function readCapped(fd: number, file: string, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
    let n: number;
    try {
      n = fs.readSync(fd, buffer, 0, buffer.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe with nothing yet
      if (code === 'EOF') break; // Windows pipes
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > maxBytes) throw tooLarge(file, maxBytes);
    chunks.push(n === buffer.length ? buffer : buffer.subarray(0, n));
  }
  return Buffer.concat(chunks, total);
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeUtf8(bytes: Buffer, file: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new ManifestError(`not UTF-8 text (invalid byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at}): save the file as UTF-8`, { file });
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  // Binary search on the longest valid prefix (a valid prefix stays valid when shortened to a
  // character boundary; `stream: true` accepts a truncated last character).
  const streaming = new TextDecoder('utf-8', { fatal: true });
  const valid = (n: number) => {
    try {
      streaming.decode(bytes.subarray(0, n), { stream: true });
      streaming.decode();
      return true;
    } catch {
      return false;
    }
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (valid(mid)) lo = mid; else hi = mid - 1;
  }
  return Math.min(lo, bytes.length - 1);
}

function tooLarge(file: string, maxBytes: number, size?: number): ManifestError {
  const got = size !== undefined ? `is ${formatBytes(size)}` : 'goes on';
  return new ManifestError(`input ${got} past the limit of ${formatBytes(maxBytes)}: split it, or raise the limit with --max-input-bytes`, { file });
}

/** `64 MiB (67108864 bytes)`, `100 bytes`. */
export function formatBytes(n: number): string {
  const units: Array<[number, string]> = [[1024 ** 3, 'GiB'], [1024 ** 2, 'MiB'], [1024, 'KiB']];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      const shown = Number.isInteger(v) ? String(v) : v.toFixed(1);
      return `${shown} ${unit} (${n} bytes)`;
    }
  }
  return `${n} bytes`;
}

function statOf(input: string): fs.Stats {
  try {
    return fs.statSync(input);
  } catch (e) {
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file: input });
  }
}

function realPathOf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch (e) {
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file: p });
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function shownFolder(p: string): string {
  return `${p.replace(/[\\/]+$/, '')}/`;
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
  ENOBUFS: 'out of buffer space',
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
