// A YAML writer for the JSON subset that Kubernetes manifests are, byte-identical to what
// cdk8s writes: `Yaml.stringify` in node_modules/cdk8s/lib/yaml.js calls the `yaml` package
// (v2) with `{ keepUndefined: true, lineWidth: 0, version: '1.1' }` per document and joins the
// documents with `---\n`. This file ports, for exactly those options, the parts of the yaml
// package that decide the output (node_modules/yaml/dist/stringify/stringify{Document,
// Collection,Pair,String,Number}.js and schema/yaml-1.1/*): block maps and sequences, `{}`/`[]`
// for empty ones, plain / single-quoted / double-quoted / literal block strings. With
// lineWidth 0 nothing is folded, so block strings are always literal (`|`).
//
// Whether a plain string would read back as something else (`yes`, `0x1F`, `1e3`, `~`, dates,
// `<<`) is decided by the very tag tests of the yaml package's YAML 1.1 schema, read from it
// at load time, so the two cannot drift.
//
// Anything outside the JSON subset (undefined, the same object twice in one document, which
// the yaml package writes as an anchor and alias, Dates, Maps, class instances, keys the
// package would write as explicit `? key`) makes that document go through the yaml package
// itself: correctness first, speed for the common case. Proven equal by
// test/synth/yaml-writer.test.ts (property test and every committed dist/ file).
import * as YAML from 'yaml';

const YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;
const INDENT_STEP = '  ';
const STR_TAG = 'tag:yaml.org,2002:str';

interface TagTest {
  readonly default?: boolean | 'key';
  readonly tag: string;
  readonly test?: RegExp;
}

// The tests a plain scalar must fail to be read back as a string (yaml's `plainString`).
const RESOLVING_TESTS: readonly RegExp[] = (() => {
  const schema = new YAML.Document(null, { version: '1.1' }).schema as unknown as { tags: TagTest[]; compat?: TagTest[] | null };
  return [...schema.tags, ...(schema.compat ?? [])]
    .filter((t) => t.default && t.tag !== STR_TAG && t.test)
    .map((t) => t.test!);
})();

/** A document the writer does not handle: it goes through the yaml package instead. */
class Unsupported extends Error {}

/**
 * `Yaml.stringify(...docs)` of cdk8s, byte for byte: each document as YAML 1.1, no line
 * folding, joined by `---\n`; an undefined document is an empty line.
 */
export function stringifyYaml(...docs: readonly unknown[]): string {
  return docs.map(stringifyDocument).join('---\n');
}

function stringifyDocument(doc: unknown): string {
  if (doc === undefined) {
    return '\n';
  }
  if (isPlainObject(doc) || Array.isArray(doc)) {
    try {
      return new Writer().node(doc, '') + '\n';
    } catch (e) {
      if (!(e instanceof Unsupported)) {
        throw e;
      }
    }
  }
  return YAML.stringify(doc, YAML_OPTIONS);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (x === null || typeof x !== 'object') {
    return false;
  }
  const proto = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}

// Caches of the scalar decisions that do not depend on the indent (single-line strings).
const valueCache = new Map<string, string>();
const keyCache = new Map<string, string>();
const topKeyCache = new Map<string, string>();
const CACHE_LIMIT = 50_000;

class Writer {
  // The yaml package writes a second reference to an object as an alias: detect and fall back.
  private readonly seen = new Set<object>();

  /** A value in block context whose collection items sit at `indent` (yaml's ctx.indent). */
  public node(value: unknown, indent: string): string {
    if (typeof value === 'string') {
      return stringValue(value, indent);
    }
    if (typeof value === 'number') {
      return stringifyNumber(value);
    }
    if (typeof value === 'boolean') {
      return value ? 'true' : 'false';
    }
    if (value === null) {
      return 'null';
    }
    if (Array.isArray(value)) {
      return this.seq(value, indent);
    }
    if (isPlainObject(value)) {
      return this.map(value, indent);
    }
    throw new Unsupported();
  }

  private track(o: object): void {
    if (this.seen.has(o)) {
      throw new Unsupported();
    }
    this.seen.add(o);
  }

  private map(obj: Record<string, unknown>, indent: string): string {
    this.track(obj);
    const keys = Object.keys(obj);
    if (keys.length === 0) {
      return '{}';
    }
    const inner = indent + INDENT_STEP;
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = obj[key];
      const k = stringKey(key, inner);
      if (k.length > 1024) {
        throw new Unsupported(); // yaml writes it as an explicit `? key`
      }
      let line: string;
      if (value !== null && typeof value === 'object') {
        const v = this.node(value, inner);
        line = isEmptyCollection(value) ? `${k}: ${v}` : `${k}:\n${inner}${v}`;
      } else if (value === undefined) {
        throw new Unsupported();
      } else {
        const v = this.node(value, inner);
        line = v[0] === '\n' ? `${k}:${v}` : `${k}: ${v}`;
      }
      out += i === 0 ? line : `\n${indent}${line}`;
    }
    return out;
  }

  private seq(items: readonly unknown[], indent: string): string {
    this.track(items);
    if (items.length === 0) {
      return '[]';
    }
    const itemIndent = indent + INDENT_STEP;
    let out = '';
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item === undefined || !(i in items)) {
        throw new Unsupported();
      }
      const line = `- ${this.node(item, itemIndent)}`;
      out += i === 0 ? line : `\n${indent}${line}`;
    }
    return out;
  }
}

function isEmptyCollection(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0;
}

// Number stringification of the YAML 1.1 int and float tags (stringifyNumber.js): no format,
// no minimum fraction digits on values created from JavaScript.
function stringifyNumber(n: number): string {
  if (!isFinite(n)) {
    return isNaN(n) ? '.nan' : n < 0 ? '-.inf' : '.inf';
  }
  return Object.is(n, -0) ? '-0' : JSON.stringify(n);
}

// Control characters and unpaired surrogates force double quotes (stringifyString.js).
// eslint-disable-next-line no-control-regex
const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
// What a plain scalar may not contain (plainString in stringifyString.js).
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const MERGE_KEY = '<<';
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;

function stringKey(key: string, indent: string): string {
  // The only indent a single-line key's output depends on is the top level's (`---` keys).
  const cache = indent === INDENT_STEP ? topKeyCache : keyCache;
  let out = cache.get(key);
  if (out === undefined) {
    out = stringifyString(key, indent, true);
    if (cache.size < CACHE_LIMIT) {
      cache.set(key, out);
    }
  }
  return out;
}

function stringValue(value: string, indent: string): string {
  if (value.includes('\n')) {
    return stringifyString(value, indent, false); // a block scalar: depends on the indent
  }
  let out = valueCache.get(value);
  if (out === undefined) {
    out = stringifyString(value, indent, false);
    if (valueCache.size < CACHE_LIMIT) {
      valueCache.set(value, out);
    }
  }
  return out;
}

/** yaml's stringifyString for a string scalar created from JavaScript, outside flow collections. */
function stringifyString(value: string, indent: string, implicitKey: boolean): string {
  if (value === MERGE_KEY) {
    // yaml's getTagObject prefers the YAML 1.1 merge tag (it has a test) over the string tag
    // for this one string, and the merge tag writes it plain, key or value.
    return MERGE_KEY;
  }
  if (FORCE_DOUBLE.test(value)) {
    return doubleQuotedString(value, indent, implicitKey);
  }
  return plainString(value, indent, implicitKey);
}

function plainString(value: string, indent: string, implicitKey: boolean): string {
  const multiLine = value.includes('\n');
  if (implicitKey && multiLine) {
    return quotedString(value, indent, implicitKey);
  }
  if (NOT_PLAIN.test(value)) {
    return implicitKey || !multiLine ? quotedString(value, indent, implicitKey) : blockString(value, indent, implicitKey);
  }
  if (!implicitKey && multiLine) {
    return blockString(value, indent, implicitKey);
  }
  if (DOCUMENT_MARKER.test(value)) {
    if (indent === '') {
      throw new Unsupported(); // a top-level scalar document: not a manifest
    } else if (implicitKey && indent === INDENT_STEP) {
      return quotedString(value, indent, implicitKey);
    }
  }
  // No newline here (multi-line strings went to a block or quotes above).
  for (const test of RESOLVING_TESTS) {
    if (test.test(value)) {
      return quotedString(value, indent, implicitKey);
    }
  }
  return value;
}

function quotedString(value: string, indent: string, implicitKey: boolean): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle
    ? singleQuotedString(value, indent, implicitKey)
    : doubleQuotedString(value, indent, implicitKey);
}

function singleQuotedString(value: string, indent: string, implicitKey: boolean): string {
  if ((implicitKey && value.includes('\n')) || /[ \t]\n|\n[ \t]/.test(value)) {
    return doubleQuotedString(value, indent, implicitKey);
  }
  const ind = indent || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  return "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${ind}`) + "'";
}

const DOUBLE_QUOTED_MIN_MULTI_LINE_LENGTH = 40;

function doubleQuotedString(value: string, indentIn: string, implicitKey: boolean): string {
  const json = JSON.stringify(value);
  const indent = indentIn || (DOCUMENT_MARKER.test(value) ? '  ' : '');
  let str = '';
  let start = 0;
  for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
    if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
      // space before newline needs to be escaped to not be folded
      str += json.slice(start, i) + '\\ ';
      i += 1;
      start = i;
      ch = '\\';
    }
    if (ch === '\\') {
      switch (json[i + 1]) {
        case 'u': {
          str += json.slice(start, i);
          const code = json.substr(i + 2, 4);
          switch (code) {
            case '0000': str += '\\0'; break;
            case '0007': str += '\\a'; break;
            case '000b': str += '\\v'; break;
            case '001b': str += '\\e'; break;
            case '0085': str += '\\N'; break;
            case '00a0': str += '\\_'; break;
            case '2028': str += '\\L'; break;
            case '2029': str += '\\P'; break;
            default:
              str += code.substr(0, 2) === '00' ? '\\x' + code.substr(2) : json.substr(i, 6);
          }
          i += 5;
          start = i + 1;
          break;
        }
        case 'n':
          if (implicitKey || json[i + 2] === '"' || json.length < DOUBLE_QUOTED_MIN_MULTI_LINE_LENGTH) {
            i += 1;
          } else {
            // folding will eat first newline
            str += json.slice(start, i) + '\n\n';
            while (json[i + 2] === '\\' && json[i + 3] === 'n' && json[i + 4] !== '"') {
              str += '\n';
              i += 2;
            }
            str += indent;
            // space after newline needs to be escaped to not be folded
            if (json[i + 2] === ' ') {
              str += '\\';
            }
            i += 1;
            start = i + 1;
          }
          break;
        default:
          i += 1;
      }
    }
  }
  return start ? str + json.slice(start) : json;
}

const BLOCK_END_NEWLINES = /(^|(?<!\n))\n+(?!\n|$)/g;

// yaml's blockString with lineWidth 0: never folded, so always a literal block (`|`).
function blockString(valueIn: string, indentIn: string, implicitKey: boolean): string {
  let value = valueIn;
  // 1. Block can't end in whitespace unless the last line is non-empty.
  if (/\n[\t ]+$/.test(value)) {
    return quotedString(value, indentIn, implicitKey);
  }
  if (indentIn === '') {
    throw new Unsupported(); // top-level block scalar: not a manifest
  }
  const indent = indentIn;
  // determine chomping from whitespace at value end
  let endStart: number;
  for (endStart = value.length; endStart > 0; --endStart) {
    const ch = value[endStart - 1];
    if (ch !== '\n' && ch !== '\t' && ch !== ' ') {
      break;
    }
  }
  let end = value.substring(endStart);
  const endNlPos = end.indexOf('\n');
  let chomp: string;
  if (endNlPos === -1) {
    chomp = '-'; // strip
  } else if (value === end || endNlPos !== end.length - 1) {
    chomp = '+'; // keep
  } else {
    chomp = ''; // clip
  }
  if (end) {
    value = value.slice(0, -end.length);
    if (end[end.length - 1] === '\n') {
      end = end.slice(0, -1);
    }
    end = end.replace(BLOCK_END_NEWLINES, `$&${indent}`);
  }
  // determine indent indicator from whitespace at value start
  let startWithSpace = false;
  let startEnd: number;
  let startNlPos = -1;
  for (startEnd = 0; startEnd < value.length; ++startEnd) {
    const ch = value[startEnd];
    if (ch === ' ') {
      startWithSpace = true;
    } else if (ch === '\n') {
      startNlPos = startEnd;
    } else {
      break;
    }
  }
  let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
  if (start) {
    value = value.substring(start.length);
    start = start.replace(/\n+/g, `$&${indent}`);
  }
  const header = (startWithSpace ? '2' : '') + chomp;
  value = value.replace(/\n+/g, `$&${indent}`);
  return `|${header}\n${indent}${start}${value}${end}`;
}
