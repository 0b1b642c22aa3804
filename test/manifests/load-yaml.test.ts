import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadManifestFiles, manifestFiles, parseManifests } from '../../lib/manifests/load-yaml';
import { ManifestError } from '../../lib/manifests/manifest-error';

describe('parseManifests', () => {
  test('GIVEN a multi-document file with a List and empty documents WHEN parsed THEN objects come in order with file, document and list index', () => {
    const text = [
      'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}',
      '',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: a}\n- apiVersion: v1\n  kind: Node\n  metadata: {name: b}',
      '# only a comment',
    ].join('\n---\n');
    const out = parseManifests(text, 'all.yaml');
    expect(out.map((m) => `${m.object.kind}/${m.object.metadata?.name}`)).toEqual(['Namespace/shop', 'Node/a', 'Node/b']);
    expect(out.map((m) => m.source)).toEqual([
      // line: 1-based, of the object's first field (a List item: its first field after `- `)
      { file: 'all.yaml', documentIndex: 0, line: 1 },
      { file: 'all.yaml', documentIndex: 2, listIndex: 0, line: 10 },
      { file: 'all.yaml', documentIndex: 2, listIndex: 1, line: 13 },
    ]);
  });

  test('GIVEN YAML 1.1 scalars WHEN parsed THEN they read as Kubernetes reads them (yes is a boolean)', () => {
    const [m] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: yes}\n', 'x.yaml');
    expect((m.object.data as Record<string, unknown>).a).toBe(true);
  });

  test('GIVEN scalars the yaml package\'s YAML 1.1 schema would turn into objects WHEN parsed THEN they read as go-yaml v2 reads them', () => {
    // sigs.k8s.io/yaml (go-yaml v2): timestamps stay strings in an interface{}, no base-60
    // numbers, !!binary is its decoded text, !!set is a mapping (a Date, 1342 or a Buffer would
    // reach dist/ as `2024-01-01T00:00:00.000Z`, 1342 or a serialization error).
    const [m] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'
      + 'data: {day: 2024-01-01, at: 2001-12-14t21:59:43.10-05:00, ports: 22:22, time: 1:30.5, text: !!binary aGVsbG8=, set: !!set {a, b}}\n', 'x.yaml');
    expect(m.object.data).toEqual({ day: '2024-01-01', at: '2001-12-14t21:59:43.10-05:00', ports: '22:22', time: '1:30.5', text: 'hello', set: { a: null, b: null } });
  });

  test('fails on !!binary that is not base64, naming the line', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: !!binary "not base64!"}\n', 'x.yaml'))
      .toThrow(/^x\.yaml document 0: invalid YAML at line 4, column \d+: !!binary holds text that is not base64$/);
  });

  test('fails on metadata that is not a mapping, or a name that is not a string, naming the line', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: x\n', 'x.yaml'))
      .toThrow(new Error('x.yaml:1: ConfigMap: metadata: expected a mapping (name, namespace, labels…), got the string "x": write it as a mapping, e.g. metadata: { name: web }'));
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: 5 }\n', 'x.yaml'))
      .toThrow(new Error('x.yaml:1: ConfigMap: metadata.name: expected a string, got the number 5: quote it: name: "5"'));
    expect(() => parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: [x] }\n', 'x.yaml'))
      .toThrow(new Error('x.yaml:1: ConfigMap: metadata.namespace: expected a string, got a list: write the namespace as one string'));
    expect(parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata:\n', 'x.yaml')).toHaveLength(1);
  });

  test('GIVEN a .json file WHEN parsed THEN it is read as JSON', () => {
    const out = parseManifests(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }] }), 'pods.json');
    expect(out).toEqual([{ object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, source: { file: 'pods.json', documentIndex: 0, listIndex: 0, line: 1 } }]);
    // kubectl's indented JSON: each item's line
    const pretty = parseManifests(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q' } }] }, null, 2), 'pods.json');
    expect(pretty.map((m) => m.source.line)).toEqual([5, 12]);
  });

  test('fails on invalid YAML naming the file, document and file line', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\n---\nmetadata: {name: [\n', 'bad.yaml')).toThrow(new Error('bad.yaml document 1: invalid YAML at line 5, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]'));
  });

  test.each([
    // the parser's reason alone: its own " at line …, column …:" and code frame are left out
    ['a nested compact mapping', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\n   namespace: shop\n',
      'bad.yaml document 0: invalid YAML at line 4, column 9: Nested mappings are not allowed in compact mappings'],
    ['tab indentation', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n',
      'bad.yaml document 0: invalid YAML at line 4, column 1: Tabs are not allowed as indentation'],
    ['an unterminated quote (position past the last line)', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "x}\n',
      'bad.yaml document 0: invalid YAML at line 4, column 1: Missing closing "quote'],
    ['CRLF line ends', 'apiVersion: v1\r\nkind: Pod\r\nkind: Service\r\n',
      'bad.yaml document 0: invalid YAML at line 3, column 1: mapping key "kind" already defined: remove one of the two'],
  ])('fails on %s with one sentence saying the position once', (_name, text, message) => {
    expect(() => parseManifests(text, 'bad.yaml')).toThrow(new Error(message));
  });

  test('fails on an alias without an earlier anchor, naming its position (not an internal error)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: *later\n  b: &later 1\n';
    expect(() => parseManifests(text, 'alias.yaml')).toThrow(ManifestError);
    expect(() => parseManifests(text, 'alias.yaml')).toThrow(new Error(
      'alias.yaml document 0: invalid YAML at line 5, column 6: Unresolved alias (the anchor must be set before the alias): later'));
  });

  test('fails on an alias bomb (billion laughs) as invalid YAML', () => {
    const rows = ['a', 'b', 'c', 'd'].map((name, i) => `- &${name} [${Array(10).fill(i === 0 ? 'x' : `*${'abc'[i - 1]}`).join(', ')}]`);
    const text = `apiVersion: v1\nkind: List\nitems:\n${rows.join('\n')}\n`;
    expect(() => parseManifests(text, 'bomb.yaml')).toThrow(new Error('bomb.yaml document 0: invalid YAML: its aliases (*name) expand too much, the pattern of a resource exhaustion attack (go-yaml refuses it as "excessive aliasing"): write the repeated parts out, or alias fewer of them'));
  });

  test('GIVEN an anchor before its alias WHEN parsed THEN the alias resolves', () => {
    const [m] = parseManifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: &v hello\n  b: *v\n', 'ok.yaml');
    expect(m.object.data).toEqual({ a: 'hello', b: 'hello' });
  });

  test('fails on duplicate keys like the Kubernetes decoder', () => {
    expect(() => parseManifests('apiVersion: v1\nkind: Pod\nkind: Service\n', 'dup.yaml')).toThrow(ManifestError);
  });

  test('fails on an object without kind, naming the field', () => {
    let err: unknown;
    try {
      parseManifests('apiVersion: v1\nmetadata: {name: x}\n', 'nokind.yaml');
    } catch (e) {
      err = e;
    }
    expect(ManifestError.isManifestError(err)).toBe(true);
    expect((err as ManifestError).field).toBe('kind');
    expect((err as Error).message).toBe('nokind.yaml:1: kind: missing (every object needs apiVersion and kind): add it, e.g. kind: Deployment');
  });

  test.each([
    ['apiVersion: 5\nkind: ConfigMap\n', 'x.yaml:1: apiVersion: expected a non-empty string, got the number 5: write it as a string, e.g. apiVersion: apps/v1'],
    ['apiVersion: ""\nkind: ConfigMap\n', 'x.yaml:1: apiVersion: expected a non-empty string, got the string "": write it as a string, e.g. apiVersion: apps/v1'],
    ['apiVersion: v1\nkind: true\n', 'x.yaml:1: kind: expected a non-empty string, got the boolean true: write it as a string, e.g. kind: Deployment'],
    ['apiVersion: v1\nkind: {a: b}\n', 'x.yaml:1: kind: expected a non-empty string, got a mapping: write it as a string, e.g. kind: Deployment'],
    ['apiVersion: [v1]\nkind: Pod\n', 'x.yaml:1: apiVersion: expected a non-empty string, got a list: write it as a string, e.g. apiVersion: apps/v1'],
  ])('fails on apiVersion or kind of the wrong type, showing the value: %j', (text, message) => {
    expect(() => parseManifests(text, 'x.yaml')).toThrow(new Error(message));
  });

  test.each([
    ['a NUL byte', 'apiVersion: v1\x00\nkind: Pod\n', 'x.yaml document 0: invalid YAML at line 1, column 15: control characters are not allowed (U+0000): remove it, or write it escaped in a double-quoted string ("\\u0000")'],
    ['an escape sequence in document 1', 'apiVersion: v1\nkind: ConfigMap\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "a\x1b[31m"}\n',
      'x.yaml document 1: invalid YAML at line 6, column 20: control characters are not allowed (U+001B): remove it, or write it escaped in a double-quoted string ("\\u001B")'],
    ['DEL', 'apiVersion: v1\nkind: Pod # \x7f\n', 'x.yaml document 0: invalid YAML at line 2, column 13: control characters are not allowed (U+007F): remove it, or write it escaped in a double-quoted string ("\\u007F")'],
    ['U+FFFE', 'apiVersion: v1\nkind: Pod # \ufffe\n', 'x.yaml document 0: invalid YAML at line 2, column 13: control characters are not allowed (U+FFFE): remove it, or write it escaped in a double-quoted string ("\\uFFFE")'],
    // A comment-only preamble is no document: the ConfigMap is document 0, as its other errors say.
    ['U+0001 after a comment preamble', '# header\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "a\x01"}\n',
      'x.yaml document 0: invalid YAML at line 5, column 20: control characters are not allowed (U+0001): remove it, or write it escaped in a double-quoted string ("\\u0001")'],
    ['U+0001 in a trailing comment', 'apiVersion: v1\nkind: ConfigMap\n# \x01\n',
      'x.yaml document 0: invalid YAML at line 3, column 3: control characters are not allowed (U+0001): remove it, or write it escaped in a double-quoted string ("\\u0001")'],
  ])('fails on %s as go-yaml does ("control characters are not allowed")', (_name, text, message) => {
    expect(() => parseManifests(text, 'x.yaml')).toThrow(new Error(message));
  });

  test('accepts what go-yaml\'s reader accepts: tab, CR LF, NEL, non-ASCII, emoji, a BOM, escaped control characters', () => {
    const [m] = parseManifests('\ufeffapiVersion: v1\r\nkind: ConfigMap\r\nmetadata: {name: x}\r\ndata: {a: "\t\u0085é😀", b: "\\u001b"}\r\n', 'x.yaml');
    expect(m.object.data).toEqual({ a: '\t\u0085é😀', b: '\u001b' });
  });

  test('an empty or blank .json file holds no objects, as an empty YAML file (was: invalid JSON: Unexpected end of JSON input)', () => {
    expect(parseManifests('', 'x.json')).toEqual([]);
    expect(parseManifests(' \n\t\n', 'x.json')).toEqual([]);
  });

  test('invalid JSON is placed by line and column', () => {
    expect(() => parseManifests('{"apiVersion": "v1",\n  "kind": "Pod",,}', 'x.json'))
      .toThrow(new Error('x.json document 0: invalid JSON at line 2, column 17: Expected double-quoted property name'));
  });

  // kubectl reads a .json file as a stream of values (apimachinery pkg/util/yaml
  // NewYAMLOrJSONDecoder → encoding/json Decoder): each value is one document.
  describe('a stream of JSON values', () => {
    const pod = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name } });
    const names = (text: string) => parseManifests(text, 'x.json').map((m) => [m.object.metadata?.name, m.source]);

    test('two objects back to back, and separated by newlines and blanks, are documents 0 and 1 with their lines', () => {
      expect(names(`${pod('a')}${pod('b')}`)).toEqual([
        ['a', { file: 'x.json', documentIndex: 0, line: 1 }], ['b', { file: 'x.json', documentIndex: 1, line: 1 }]]);
      expect(names(`${pod('a')}\n\n  ${JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' } }, null, 2)}\r\n\t${pod('c')}\n`)).toEqual([
        ['a', { file: 'x.json', documentIndex: 0, line: 1 }], ['b', { file: 'x.json', documentIndex: 1, line: 3 }], ['c', { file: 'x.json', documentIndex: 2, line: 10 }]]);
    });

    test('strings holding braces and escaped quotes do not end a value; null is an empty document; a List is flattened with item lines', () => {
      const tricky = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '}{ \\"}', b: '[' } });
      const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }] }, null, 1);
      const out = parseManifests(`${tricky}\nnull\n${list}`, 'x.json');
      expect(out.map((m) => [m.object.kind, m.object.metadata?.name, m.source])).toEqual([
        ['ConfigMap', 'c', { file: 'x.json', documentIndex: 0, line: 1 }],
        ['Pod', 'p', { file: 'x.json', documentIndex: 2, listIndex: 0, line: 7 }]]);
      expect(out[0].object.data).toEqual({ a: '}{ \\"}', b: '[' });
    });

    test('garbage between objects is refused at its line and column', () => {
      expect(() => parseManifests(`${pod('a')}\n  xyz\n${pod('b')}`, 'x.json'))
        .toThrow(new Error('x.json document 1: invalid JSON in the value at line 2, column 3: Unexpected token \'x\', "xyz" is not valid JSON'));
      expect(() => parseManifests(`${pod('a')},${pod('b')}`, 'x.json'))
        .toThrow(new Error('x.json document 1: invalid JSON in the value at line 1, column 57: Unexpected token \',\', "," is not valid JSON'));
      expect(() => parseManifests(`${pod('a')}\n5`, 'x.json'))
        .toThrow(new Error('x.json:2: expected a Kubernetes object (a mapping with apiVersion and kind), got the number 5'));
    });

    test('a trailing partial object is refused at the end, naming where it starts; an error inside a later value is placed in the file', () => {
      expect(() => parseManifests(`${pod('a')}\n{"apiVersion": "v1",\n "kind": "Pod"`, 'x.json'))
        .toThrow(new Error('x.json document 1: invalid JSON at line 3, column 15: Unexpected end of JSON input (the value that starts at line 2, column 1 is not closed)'));
      expect(() => parseManifests(`${pod('a')}\n{"apiVersion": "v1",\n  "kind": "Pod",,}`, 'x.json'))
        .toThrow(new Error('x.json document 1: invalid JSON at line 3, column 17: Expected double-quoted property name'));
      expect(() => parseManifests(`${pod('a')}\n"abc`, 'x.json'))
        .toThrow(new Error('x.json document 1: invalid JSON at line 2, column 5: Unexpected end of JSON input (the value that starts at line 2, column 1 is not closed)'));
    });

    test('a stream of thousands of objects: lines up to 2 MiB, document indexes past it', () => {
      const text = Array.from({ length: 2000 }, (_, i) => pod(`p${i}`)).join('\n');
      const out = parseManifests(text, 'x.json');
      expect(out.length).toBe(2000);
      expect(out[1999].source).toEqual({ file: 'x.json', documentIndex: 1999, line: 2000 });
      // Over 2 MiB, no second (YAML) parse for positions: objects are named by document index.
      const big = Array.from({ length: 40000 }, (_, i) => pod(`p${i}`)).join('\n');
      expect(big.length).toBeGreaterThan(2 * 1024 * 1024);
      const many = parseManifests(big, 'x.json');
      expect(many.length).toBe(40000);
      expect(many[39999].source).toEqual({ file: 'x.json', documentIndex: 39999 });
    });
  });

  test('fails on a document that is not a mapping', () => {
    expect(() => parseManifests('- a\n- b\n', 'list.yaml')).toThrow('list.yaml:1: expected a Kubernetes object (a mapping with apiVersion and kind), got a list');
  });
});

describe('loadManifestFiles', () => {
  test('GIVEN a directory tree WHEN loaded THEN manifest files are read recursively in sorted order, others skipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-yaml-'));
    fs.mkdirSync(path.join(dir, 'b'));
    fs.writeFileSync(path.join(dir, 'b', 'one.yml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: b1}\n');
    fs.writeFileSync(path.join(dir, 'a.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n');
    fs.writeFileSync(path.join(dir, 'c.json'), '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"c"}}');
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a manifest');
    expect(manifestFiles(dir).map((f) => path.relative(dir, f))).toEqual(['a.yaml', path.join('b', 'one.yml'), 'c.json']);
    expect(loadManifestFiles([dir]).map((m) => m.object.metadata?.name)).toEqual(['a', 'b1', 'c']);
  });

  test('fails on a missing file naming it', () => {
    expect(() => loadManifestFiles(['/nonexistent/x.yaml'])).toThrow('/nonexistent/x.yaml: cannot read: no such file or folder (ENOENT)');
  });
});

describe('numbers a JavaScript number cannot hold (issue 10: quote what the user wrote)', () => {
  test('a 20-digit or out-of-range plain number keeps its text; ordinary numbers stay numbers', () => {
    const [m] = parseManifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  priority: 5\n  containers:\n  - name: c\n'
      + '    resources: {requests: {cpu: 12345678901234567890, memory: 1e400}, limits: {cpu: 2.5}}\n', 'p.yaml');
    const spec = m.object.spec as { priority: number; containers: Array<{ resources: unknown }> };
    expect(spec.priority).toBe(5);
    expect(spec.containers[0].resources).toEqual({ requests: { cpu: '12345678901234567890', memory: '1e400' }, limits: { cpu: 2.5 } });
  });
});

test('fails on YAML nested 50,000 levels deep with a sentence naming the file and line', () => {
  expect(() => parseManifests(`a: ${'['.repeat(50000)}${']'.repeat(50000)}\n`, 'deep.yaml'))
    .toThrow(/^deep\.yaml document 0: invalid YAML at line 1, column \d+: nested too deeply for a manifest \(the parser ran out of stack\): flatten the document$/);
});

test('a List item that is not an object is named with its index and line', () => {
  expect(() => parseManifests('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n- 5\n', 'list.yaml'))
    .toThrow(new Error('list.yaml:6: expected a Kubernetes object (a mapping with apiVersion and kind), got the number 5'));
  expect(() => parseManifests('apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n- apiVersion: v1\n  metadata: {name: x}\n', 'list.yaml'))
    .toThrow(new Error('list.yaml:6: kind: missing (every object needs apiVersion and kind): add it, e.g. kind: Deployment'));
});
