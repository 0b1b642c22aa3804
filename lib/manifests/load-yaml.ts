// Reading manifests from YAML/JSON files the way `kubectl apply -f` does: multi-document files,
// `kind: List` (and `*List`) flattened into their items, empty documents skipped, directories
// walked recursively in sorted order (.yaml, .yml, .json). YAML is read with YAML 1.1 rules like
// Kubernetes' own decoder (sigs.k8s.io/yaml → go-yaml v2): `yes`/`on` are booleans, duplicate keys
// are errors. Every error names the file, the document index and, when known, the field.
import { Composer, Document, isAlias, isMap, isSeq, LineCounter, parseDocument, Parser, ScalarTag, SchemaOptions, visit } from 'yaml';
import type { ManifestObject } from '../scheduler/types';
import { isListKind } from './list';
import { ManifestError } from './manifest-error';
import type { ManifestSource } from './manifest-source';
import { DEFAULT_MAX_INPUT_BYTES, FileWalk, formatBytes, readTextFile } from './read-files';

/** One object read from a file, with where it came from. */
export interface LoadedManifest {
  readonly object: ManifestObject;
  readonly source: ManifestSource;
}

function checkObject(value: unknown, source: ManifestSource, line?: number): ManifestObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const at = line !== undefined ? ` at line ${line}` : '';
    throw new ManifestError(`expected a Kubernetes object (a mapping with apiVersion and kind)${at}, got ${describeValue(value)}`, source);
  }
  const o = value as Record<string, unknown>;
  // TypeMeta: apiVersion and kind are non-empty strings (the API machinery cannot decode a
  // number or a list there). Every message shows the value found and how to write it.
  for (const [field, example] of [['apiVersion', 'apps/v1'], ['kind', 'Deployment']]) {
    const v = o[field];
    if (typeof v !== 'string' || v === '') {
      const at = line !== undefined ? ` (object at line ${line})` : '';
      const problem = v === undefined ? `missing${at} (every object needs apiVersion and kind)` : `expected a non-empty string${at}, got ${describeValue(v)}`;
      throw new ManifestError(`${problem}: ${v === undefined ? 'add it' : 'write it as a string'}, e.g. ${field}: ${example}`, source, undefined, field);
    }
  }
  // ObjectMeta: a mapping whose name and namespace are strings (the API server cannot decode
  // anything else; downstream every reader assumes it).
  const metadata = o.metadata;
  if (metadata !== undefined && metadata !== null) {
    if (typeof metadata !== 'object' || Array.isArray(metadata)) {
      throw new ManifestError(`expected a mapping (name, namespace, labels…), got ${describeValue(metadata)}: write it as a mapping, e.g. metadata: { name: web }`, source, `${o.kind}`, 'metadata');
    }
    for (const field of ['name', 'namespace', 'generateName']) {
      const v = (metadata as Record<string, unknown>)[field];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        const fix = typeof v === 'number' || typeof v === 'boolean' ? `quote it: ${field}: "${String(v)}"` : `write the ${field} as one string`;
        throw new ManifestError(`expected a string, got ${describeValue(v)}: ${fix}`, source, `${o.kind}`, `metadata.${field}`);
      }
    }
  }
  return o as ManifestObject;
}

/** 1-based line where item `index` of a List starts, when known. */
export type ItemLine = (index: number) => number | undefined;

/**
 * Objects of one decoded document: the object itself, or a List's items (flattened, as before).
 * `line` (1-based) is where the document's object starts and `itemLine` where each List item
 * starts: each object's source carries its line (`file:line` in messages and reports).
 */
export function flattenDocument(value: unknown, source: ManifestSource, line?: number, itemLine?: ItemLine): LoadedManifest[] {
  const here: ManifestSource = line !== undefined && line > 0 ? { ...source, line } : source;
  // The line is in the source (`file:line`), so messages need not say it again.
  const object = checkObject(value, here, here === source ? line : undefined);
  if (isListKind(object)) {
    const out: LoadedManifest[] = [];
    (object.items as unknown[]).forEach((item, listIndex) => {
      // A loop, not a spread of the items into push: a List of a million Nodes must not overflow the call stack.
      for (const o of flattenDocument(item, { ...source, listIndex }, itemLine?.(listIndex))) {
        out.push(o);
      }
    });
    return out;
  }
  if (object.kind === 'List' && object.apiVersion === 'v1') {
    if (object.items === undefined || object.items === null) return []; // an empty List
    // `kind: List` whose items is a mapping or a string: kubectl cannot decode it either.
    // (A custom kind that merely ends in `List` may have any `items`: not checked.)
    const at = line !== undefined && here === source ? ` (document at line ${line})` : '';
    throw new ManifestError(`expected a list of objects${at}, got ${describeValue(object.items)}: write items as a YAML list (- apiVersion: …)`, here, 'List', 'items');
  }
  return [{ object, source: here }];
}

/** Where a document's object and its List items start (1-based lines), from its syntax tree. */
function linesOf(contents: unknown, counter: LineCounter): { line?: number; itemLine: ItemLine } {
  const lineAt = (node: unknown): number | undefined => {
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    return range ? counter.linePos(range[0]).line : undefined;
  };
  const items = isMap(contents) ? contents.get('items', true) : undefined;
  return { line: lineAt(contents), itemLine: (index) => (isSeq(items) ? lineAt(items.items[index]) : undefined) };
}

const JSON_LINES_MAX_BYTES = 2 * 1024 * 1024;

/**
 * Lines of a JSON value's objects (JSON is YAML 1.2, parsed a second time for positions), for
 * files up to 2 MiB; a larger file's objects are named by document and List index.
 */
function jsonLines(text: string): { line?: number; itemLine?: ItemLine } {
  if (text.length > JSON_LINES_MAX_BYTES) return {};
  const counter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: false, lineCounter: counter });
  return doc.errors.length > 0 ? { line: 1 } : linesOf(doc.contents, counter);
}

function describeValue(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'a mapping';
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  return `the ${typeof x} ${String(x)}`;
}

/** JSON's insignificant whitespace (RFC 8259): space, tab, line feed, carriage return. */
function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Where each top-level JSON value of `text` ends, scanning from `start` (not whitespace): an
 * object or array at its matching bracket (strings skipped, escapes honoured), a string at its
 * closing quote, any other token where whitespace or a structural character begins (a lone `}`,
 * `]`, `,` or `:` is one character). `closed` is false when the text ends inside the value.
 * Linear in the value's length, holding nothing: the values themselves are checked by JSON.parse.
 */
function jsonValueEnd(text: string, start: number): { end: number; closed: boolean } {
  const first = text.charCodeAt(start);
  if (first === 0x7b || first === 0x5b) { // { [
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) { // a string: to its closing quote
        for (i++; i < text.length; i++) {
          const d = text.charCodeAt(i);
          if (d === 0x5c) i++; // backslash: the next character is escaped
          else if (d === 0x22) break;
        }
      } else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) return { end: i + 1, closed: true };
      }
    }
    return { end: text.length, closed: false };
  }
  if (first === 0x22) {
    for (let i = start + 1; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 0x5c) i++;
      else if (d === 0x22) return { end: i + 1, closed: true };
    }
    return { end: text.length, closed: false };
  }
  if (first === 0x7d || first === 0x5d || first === 0x2c || first === 0x3a) return { end: start + 1, closed: true }; // } ] , :
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isJsonSpace(c) || c === 0x7b || c === 0x5b || c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a || c === 0x22) break;
    i++;
  }
  return { end: i, closed: true };
}

/**
 * A `.json` file as kubectl reads it (k8s.io/apimachinery/pkg/util/yaml NewYAMLOrJSONDecoder:
 * encoding/json's Decoder, one value after another): a stream of top-level JSON values with
 * optional whitespace between (`{…}{…}`, `{…}\n{…}`), each like one YAML document (documentIndex
 * 0, 1, …; `null` is an empty document; a List is flattened). Invalid JSON is placed by line and
 * column. Time and memory stay linear in the file (whose size read-files.ts already bounds).
 */
function parseJsonStream(text: string, file: string): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  // Line numbers advance with the scan (counted once over the text, not from the top per value).
  let lineOffset = 0;
  let line = 1;
  const lineOf = (offset: number): number => {
    line += countLines(text, lineOffset, offset);
    lineOffset = offset;
    return line;
  };
  const where = (offset: number): string => {
    const l = countLines(text, 0, offset) + 1;
    return `line ${l}, column ${offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1}`;
  };
  let documentIndex = -1;
  let i = 0;
  for (;;) {
    while (i < text.length && isJsonSpace(text.charCodeAt(i))) i++;
    if (i >= text.length) break;
    documentIndex++;
    const source: ManifestSource = { file, documentIndex };
    const start = i;
    const { end, closed } = jsonValueEnd(text, start);
    i = end;
    if (!closed) {
      throw new ManifestError(`invalid JSON at ${where(end)}: Unexpected end of JSON input (the value that starts at ${where(start)} is not closed)`, source);
    }
    const segment = start === 0 && end === text.length ? text : text.slice(start, end);
    let value: unknown;
    try {
      value = JSON.parse(segment);
    } catch (e) {
      // V8 says `… at position 63` (of the value): said as line and column, as for YAML; a
      // message without a position (`Unexpected token 'x', "xyz" is not valid JSON`) names the value.
      const message = (e as Error).message;
      const position = /at position (\d+)/.exec(message);
      if (position) {
        throw new ManifestError(`invalid JSON at ${where(start + Number(position[1]))}: ${message.replace(/ (?:in JSON )?at position \d+.*$/, '')}`, source);
      }
      throw new ManifestError(`invalid JSON in the value at ${where(start)}: ${message}`, source);
    }
    if (value === null) continue; // an empty document
    const base = lineOf(start) - 1;
    // Positions need a second (YAML) parse: for files up to 2 MiB, as before the stream.
    const lines = text.length > JSON_LINES_MAX_BYTES ? {} : jsonLines(segment);
    const itemLine: ItemLine | undefined = lines.itemLine && ((index) => {
      const l = lines.itemLine?.(index);
      return l === undefined ? undefined : l + base;
    });
    for (const object of flattenDocument(value, source, lines.line === undefined ? undefined : lines.line + base, itemLine)) {
      out.push(object); // one by one: a spread of 100,000 objects overflows the stack
    }
  }
  return out;
}

/** Parses one file's text (YAML, or JSON for `.json`); `file` is only used in sources and errors. */
export function parseManifests(text: string, file: string): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  if (file.toLowerCase().endsWith('.json')) return parseJsonStream(text, file);
  // prettyErrors off: the parser's message is then its reason alone (prettyErrors appends the
  // position and a code frame); the position comes from the LineCounter, said once, by us.
  // Streamed (Parser → Composer), one document at a time: parseAllDocuments keeps every
  // document's syntax tree until the end, 3× the memory for 150,000 documents.
  checkYamlDocumentSizes(text, file);
  // go-yaml refuses the whole file; said with the number of the document the parser gives it.
  const unprintable = NOT_PRINTABLE.exec(text)?.index ?? -1;
  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ version: '1.1', uniqueKeys: true, prettyErrors: false, customTags: goYamlV2Tags });
  let documentIndex = -1;
  const bigNumbers = BIG_NUMBER.test(text);
  for (const doc of composer.compose(parser.parse(text), true, text.length)) {
    documentIndex++;
    const source: ManifestSource = { file, documentIndex };
    if (unprintable >= 0 && unprintable < doc.range[2]) throw notPrintable(text, unprintable, source);
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const reason = err.code === 'DUPLICATE_KEY' ? duplicateKey(text, err.pos[0])
        : /Maximum call stack size exceeded/.test(err.message) ? 'nested too deeply for a manifest (the parser ran out of stack): flatten the document'
          : err.message;
      throw invalidYaml(reason, err.pos[0], lineCounter, source);
    }
    if (bigNumbers) keepInexactNumbersAsWritten(doc);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // Aliases resolve here, not while parsing: `*x` without an earlier `&x`, or an alias bomb,
      // is a plain ReferenceError without a position.
      if (!(e instanceof ReferenceError)) throw e;
      const reason = /Excessive alias count/.test(e.message)
        ? 'its aliases (*name) expand too much, the pattern of a resource exhaustion attack (go-yaml refuses it as "excessive aliasing"): write the repeated parts out, or alias fewer of them'
        : e.message;
      throw invalidYaml(reason, unresolvedAliasOffset(doc), lineCounter, source);
    }
    if (value === null || value === undefined) continue; // empty document
    const lines = linesOf(doc.contents, lineCounter);
    for (const object of flattenDocument(value, source, lines.line, lines.itemLine)) {
      out.push(object); // one by one: a spread of 100,000 objects overflows the stack
    }
  }
  // after the last document (a trailing comment)
  if (unprintable >= 0) throw notPrintable(text, unprintable, { file, documentIndex: Math.max(documentIndex, 0) });
  return out;
}

/**
 * Bounded time and memory: the YAML parser takes about 1.7 s and 90 MB per MiB of one document
 * (measured: 3 MiB, a List of 10,000 Nodes, 5 s and 330 MB), so a larger document is refused
 * before parsing, with the fix. JSON (`kubectl get nodes -o json`) has no such limit.
 */
export const MAX_YAML_DOCUMENT_BYTES = 8 * 1024 * 1024;

/** Every YAML document of `text` (split at `---`/`...` lines, which end a document wherever they are) within MAX_YAML_DOCUMENT_BYTES. */
function checkYamlDocumentSizes(text: string, file: string): void {
  if (Buffer.byteLength(text, 'utf8') <= MAX_YAML_DOCUMENT_BYTES) return;
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let startLine = 1;
  let documentIndex = 0;
  const check = (end: number) => {
    const size = Buffer.byteLength(text.slice(start, end), 'utf8');
    if (size > MAX_YAML_DOCUMENT_BYTES) {
      throw new ManifestError(`a YAML document of ${formatBytes(size)} is more than the YAML parser reads in bounded time and memory (${formatBytes(MAX_YAML_DOCUMENT_BYTES)}): give it as JSON (kubectl get nodes -o json > nodes.json), or split it into documents`, { file, documentIndex, line: startLine });
    }
  };
  for (let m = marker.exec(text); m !== null; m = marker.exec(text)) {
    check(m.index);
    if (text.slice(start, m.index).trim() !== '') documentIndex++;
    startLine += countLines(text, start, m.index);
    start = m.index;
  }
  check(text.length);
}

/**
 * Characters go-yaml's reader accepts (gopkg.in/yaml.v2 readerc.go, yaml_parser_update_buffer:
 * #x9 | #xA | #xD | [#x20-#x7E] | #x85 | [#xA0-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]);
 * anything else is "control characters are not allowed" there. The yaml package reads them, and
 * a NUL or an escape sequence would reach messages and dist/ as raw bytes.
 */
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;

function notPrintable(text: string, offset: number, source: ManifestSource): ManifestError {
  const code = text.codePointAt(offset)!;
  const line = countLines(text, 0, offset) + 1;
  const column = offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return new ManifestError(`invalid YAML at line ${line}, column ${column}: control characters are not allowed (U+${hex}): remove it, `
    + `or write it escaped in a double-quoted string ("\\u${hex}")`, source);
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const YAML_TAG = 'tag:yaml.org,2002:';
type Tags = Parameters<Extract<NonNullable<SchemaOptions['customTags']>, (tags: never) => unknown>>[0];

/**
 * The YAML 1.1 tags as go-yaml v2 (sigs.k8s.io/yaml, which kubectl and the API server use)
 * resolves them, not as the yaml package's full 1.1 schema: a date-like scalar
 * (`2024-01-01`) stays the string as written (go-yaml keeps timestamps as strings in an
 * interface{}, where the yaml package makes a Date and cdk8s writes `2024-01-01T00:00:00.000Z`);
 * `22:22` is the string "22:22" (go-yaml has no base-60 numbers; the yaml package reads 1342);
 * `!!binary` is its decoded bytes as a string (never a Buffer that cannot be written);
 * `!!set`, `!!omap` and `!!pairs` are the plain mapping or sequence they are written as.
 */
function goYamlV2Tags(tags: Tags): Tags {
  const dropped = new Set([`${YAML_TAG}timestamp`, `${YAML_TAG}set`, `${YAML_TAG}omap`, `${YAML_TAG}pairs`, `${YAML_TAG}binary`]);
  const kept = tags.filter((t) => typeof t === 'string' || (!dropped.has(t.tag) && t.format !== 'TIME'));
  const binary: ScalarTag = {
    tag: `${YAML_TAG}binary`,
    default: false,
    resolve: (value, onError) => {
      const text = value.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
        onError('!!binary holds text that is not base64');
        return value;
      }
      return Buffer.from(text, 'base64').toString('utf8');
    },
  };
  return [...kept, binary];
}

/** A number a JavaScript number may not hold exactly: 16+ digits, or an exponent of 2+ digits (`1e20`). */
const BIG_NUMBER = /\d{16}|\d[eE][+-]?\d{2}/;

/**
 * A plain number past 2^53 (`cpu: 12345678901234567890`) or past the float range (`1e400`)
 * keeps the text as written: Kubernetes reads quantities from their text, exactly, and every
 * message quotes what the user wrote — never `12345678901234567000` or `Infinity`.
 */
function keepInexactNumbersAsWritten(doc: Document.Parsed): void {
  visit(doc, {
    Scalar: (_key, node) => {
      if (typeof node.value === 'number' && typeof node.source === 'string'
        && (!Number.isFinite(node.value) || Math.abs(node.value) > Number.MAX_SAFE_INTEGER)) {
        node.value = node.source;
      }
    },
  });
}

/** `invalid YAML at line 9, column 9: <the parser's reason>` (1-based, as editors count). */
function invalidYaml(reason: string, offset: number, lineCounter: LineCounter, source: ManifestSource): ManifestError {
  const { line, col } = offset >= 0 ? lineCounter.linePos(offset) : { line: 0, col: 0 };
  const where = line > 0 ? ` at line ${line}, column ${col}` : '';
  return new ManifestError(`invalid YAML${where}: ${reason}`, source);
}

/**
 * go-yaml's `mapping key "kind" already defined`, with the key as written at `offset`
 * (the yaml package only says `Map keys must be unique`).
 */
function duplicateKey(text: string, offset: number): string {
  const line = text.slice(offset, offset + 200).split('\n')[0];
  const key = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^:#{}[\],]*?)\s*:(\s|$)/.exec(line)?.[1]?.trim();
  return key ? `mapping key ${key.startsWith('"') || key.startsWith("'") ? key : JSON.stringify(key)} already defined: remove one of the two` : 'Map keys must be unique';
}

/** Offset of the first alias with no anchor of its name before it (as `Alias.resolve` looks), or -1. */
function unresolvedAliasOffset(doc: Document.Parsed): number {
  const anchors = new Set<string>();
  let offset = -1;
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        if (anchors.has(node.source)) return undefined;
        offset = node.range?.[0] ?? -1;
        return visit.BREAK;
      }
      if (node.anchor) anchors.add(node.anchor);
      return undefined;
    },
  });
  return offset;
}

/**
 * The files a path names: itself, or the manifest files under a folder (recursively, sorted;
 * symbolic links followed once, a loop is an error).
 */
export function manifestFiles(p: string): string[] {
  return new FileWalk(true).expand(p);
}

/**
 * Reads files and folders (recursively, sorted) into objects with their sources; each file at
 * most `maxInputBytes` long.
 */
export function loadManifestFiles(paths: readonly string[], maxInputBytes = DEFAULT_MAX_INPUT_BYTES): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  const walk = new FileWalk(true);
  for (const p of paths) {
    for (const file of walk.expand(p)) {
      for (const object of parseManifests(readTextFile(file, maxInputBytes), file)) {
        out.push(object);
      }
    }
  }
  return out;
}
