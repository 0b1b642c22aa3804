// Reading manifests from YAML/JSON files the way `kubectl apply -f` does: multi-document files,
// `kind: List` (and `*List`) flattened into their items, empty documents skipped, directories
// walked recursively in sorted order (.yaml, .yml, .json). YAML is read with YAML 1.1 rules like
// Kubernetes 1.27's own decoder (sigs.k8s.io/yaml → go-yaml v2): `yes`/`on` are booleans, duplicate keys
// are errors. Every error names the file, the document index and, when known, the field.
import * as fs from 'fs';
import * as path from 'path';
import { Document, isAlias, isMap, isNode, isSeq, LineCounter, parseAllDocuments, parseDocument, visit } from 'yaml';
import type { ManifestObject } from '../scheduler/types';
import { isListKind } from './list';
import { ManifestError } from './manifest-error';
import type { ManifestSource } from './manifest-source';

/** One object read from a file, with where it came from. */
export interface LoadedManifest {
  readonly object: ManifestObject;
  readonly source: ManifestSource;
}

const EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

function checkObject(value: unknown, source: ManifestSource): ManifestObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`expected a Kubernetes object (a mapping with apiVersion and kind), got ${Array.isArray(value) ? 'a list' : typeof value}`, source);
  }
  const o = value as Record<string, unknown>;
  for (const field of ['apiVersion', 'kind']) {
    if (typeof o[field] !== 'string' || o[field] === '') {
      throw new ManifestError(`missing or invalid ${field}: every object needs apiVersion and kind`, source, undefined, field);
    }
  }
  return o as ManifestObject;
}

/**
 * Objects of one decoded document: the object itself, or a List's items. With `lines` (the YAML
 * node of `value` and the file's line counter), each object's source carries its 1-based line.
 */
export function flattenDocument(value: unknown, source: ManifestSource, lines?: { node: unknown; counter: LineCounter }): LoadedManifest[] {
  const at = lineOf(lines);
  const here: ManifestSource = at === undefined ? source : { ...source, line: at };
  const object = checkObject(value, here);
  if (!isListKind(object)) return [{ object, source: here }];
  const items = object.items as unknown[];
  const itemNodes = lines && isMap(lines.node) ? lines.node.get('items', true) : undefined;
  const out: LoadedManifest[] = [];
  items.forEach((item, listIndex) => {
    const itemSource = { ...source, listIndex };
    const itemLines = lines && isSeq(itemNodes) ? { node: itemNodes.items[listIndex], counter: lines.counter } : undefined;
    // A loop, not push(...items): a List of a million Nodes must not overflow the call stack.
    for (const o of flattenDocument(item, itemSource, itemLines)) out.push(o);
  });
  return out;
}

/** Positions of a JSON text (JSON is YAML 1.2), for file:line; none past 10 MB or if it does not read as YAML. */
function jsonLines(text: string): { node: unknown; counter: LineCounter } | undefined {
  if (text.length > 10 * 1024 * 1024) return undefined;
  const counter = new LineCounter();
  const doc = parseDocument(text, { version: '1.2', uniqueKeys: false, lineCounter: counter });
  return doc.errors.length > 0 ? undefined : { node: doc.contents, counter };
}

/** 1-based line where a YAML node starts, if known. */
function lineOf(lines: { node: unknown; counter: LineCounter } | undefined): number | undefined {
  if (!lines || !isNode(lines.node) || !lines.node.range) return undefined;
  const { line } = lines.counter.linePos(lines.node.range[0]);
  return line > 0 ? line : undefined;
}

/** Parses one file's text (YAML, or JSON for `.json`); `file` is only used in sources and errors. */
export function parseManifests(text: string, file: string): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  if (file.toLowerCase().endsWith('.json')) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new ManifestError(`invalid JSON: ${(e as Error).message}`, { file, documentIndex: 0 });
    }
    if (value === null) return out;
    return flattenDocument(value, { file, documentIndex: 0 }, jsonLines(text));
  }
  // prettyErrors off: the parser's message is then its reason alone (prettyErrors appends the
  // position and a code frame); the position comes from the LineCounter, said once, by us.
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, prettyErrors: false, lineCounter });
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, documentIndex) => {
    const source: ManifestSource = { file, documentIndex };
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      throw invalidYaml(err.message, err.pos[0], lineCounter, source);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // Aliases resolve here, not while parsing: `*x` without an earlier `&x`, or an alias bomb,
      // is a plain ReferenceError without a position.
      if (!(e instanceof ReferenceError)) throw e;
      throw invalidYaml(e.message, unresolvedAliasOffset(doc), lineCounter, source);
    }
    if (value === null || value === undefined) return; // empty document
    for (const o of flattenDocument(value, source, { node: doc.contents, counter: lineCounter })) out.push(o);
  });
  return out;
}

/** `invalid YAML at line 9, column 9: <the parser's reason>` (1-based, as editors count). */
function invalidYaml(reason: string, offset: number, lineCounter: LineCounter, source: ManifestSource): ManifestError {
  const { line, col } = offset >= 0 ? lineCounter.linePos(offset) : { line: 0, col: 0 };
  const where = line > 0 ? ` at line ${line}, column ${col}` : '';
  return new ManifestError(`invalid YAML${where}: ${reason}`, source);
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

/** The files a path names: itself, or the manifest files under a directory, sorted. */
export function manifestFiles(p: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(p);
  } catch (e) {
    throw new ManifestError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: p });
  }
  if (!stat.isDirectory()) return [p];
  const out: string[] = [];
  const names = fs.readdirSync(p).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const child = path.join(p, name);
    const s = fs.statSync(child);
    if (s.isDirectory()) out.push(...manifestFiles(child));
    else if (EXTENSIONS.has(path.extname(name).toLowerCase())) out.push(child);
  }
  return out;
}

/** Reads files and directories (recursively, sorted) into objects with their sources. */
export function loadManifestFiles(paths: readonly string[]): LoadedManifest[] {
  const out: LoadedManifest[] = [];
  for (const p of paths) {
    for (const file of manifestFiles(p)) {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        throw new ManifestError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file });
      }
      out.push(...parseManifests(text, file));
    }
  }
  return out;
}
