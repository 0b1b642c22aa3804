// Differential tests of lib/synth/yaml-writer.ts against cdk8s's own `Yaml.stringify`
// (node_modules/cdk8s/lib/yaml.js: the yaml package, YAML 1.1, lineWidth 0): the writer's
// output must be byte-identical for every manifest-shaped value, including hostile strings,
// and for every committed dist/ file.
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import fc from 'fast-check';
import * as YAML from 'yaml';
import { stringifyYaml } from '../../lib/synth/yaml-writer';

/** Strings that change how YAML 1.1 writes or reads a scalar. */
const HOSTILE = [
  '', ' ', '  lead', 'trail ', ' both ', 'a: b', 'a:b', 'a:', ':a', 'a #b', 'a#b', '#a', '- a', '-', '?', '? a', '-a',
  "it's", 'say "hi"', `'"`, '"', "'", '\\', 'a\\nb', '{a}', '[a]', 'a,b', '&a', '*a', '!a', '|', '>', '%a', '@a', '`a',
  'yes', 'no', 'Yes', 'NO', 'on', 'off', 'On', 'OFF', 'y', 'n', 'Y', 'N', 'true', 'False', 'TRUE', 'null', 'Null', 'NULL', '~',
  '0x1F', '0o17', '017', '0b101', '1e3', '1E3', '1.5e-3', '+1', '-1', '1_000', '.5', '1.', '1.8.2', '12:30:45', '190:20:30',
  '.inf', '-.Inf', '.NaN', '.nan', '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14 21:59:43.10 -5', '<<', '=',
  '---', '---x', '--- x', '...', '...x', 'a\n---\nb', 'a\n...', '%YAML', 'é€😀', '\u00a0', '\u0085', '\u2028', '\u2029',
  '\u0000', '\u0007', '\u000b', '\u001b', '\u007f', '\ud800', '\udfff', '\t', 'a\tb', '\ta', 'a\t',
  'a\nb', 'a\nb\n', 'a\n\n', 'a\n\n\n', '\n', '\n\n', '\na', '\n\na', ' a\nb', 'a\n b', 'a \nb', 'a\n ', 'a\n\t', 'a\r\nb', 'a\rb',
  'x'.repeat(200), `${'word '.repeat(40)}end`, `${'long line with spaces '.repeat(10)}\nand a second line that is also long ${'x'.repeat(90)}`,
  'a long string with \\n escapes and more than forty characters\n yes', ' leading space multi\nline\n', 'ends in spaces\n  ',
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'a: #-\'"\n\t\\.0123456789xeE+-_yYnN~!&*{}[],|>%@`?'.split('')), maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE), { maxLength: 4 }).map((parts) => parts.join('\n')) },
);

const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, 1e-7, 123456789012345680000, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity, 0.1, -2.5),
);
const scalar = fc.oneof(hostileString, number, fc.boolean(), fc.constant(null));

/** JSON-like values: maps with hostile keys, sequences (also nested and empty), scalars. */
const { value: jsonValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 5 }),
  ),
}));

/** A manifest: apiVersion, kind, metadata, then anything. */
const manifest = fc.record({
  apiVersion: fc.constantFrom('v1', 'apps/v1'),
  kind: fc.constantFrom('ConfigMap', 'Deployment'),
  metadata: fc.record({ name: hostileString, labels: fc.dictionary(hostileString, hostileString, { maxKeys: 3 }) }),
  data: fc.dictionary(hostileString, hostileString, { maxKeys: 4 }),
  spec: jsonValue,
});

const topLevel = fc.oneof(manifest, jsonValue, fc.constant(undefined));

function expectSame(docs: unknown[]): void {
  expect(stringifyYaml(...docs)).toBe(Yaml.stringify(...docs));
}

describe('stringifyYaml', () => {
  test('writes the same bytes as cdk8s Yaml.stringify for generated manifests with hostile strings', () => {
    fc.assert(fc.property(fc.array(topLevel, { minLength: 1, maxLength: 3 }), (docs) => {
      expectSame(docs);
    }), { numRuns: 400 });
  });

  test('writes the same bytes for every hostile string as key and value, at every depth', () => {
    for (const s of HOSTILE) {
      expectSame([{ [s]: s, list: [s, [s], { [s]: [s] }], nested: { deeper: { [s]: s } } }, [s, { [s]: s }]]);
    }
  });

  test('writes the same bytes for numbers, booleans, null and empty collections', () => {
    expectSame([{ a: 0, b: -0, c: 1e21, d: -1e-7, e: NaN, f: Infinity, g: -Infinity, h: 2.5, i: true, j: false, k: null, l: {}, m: [], n: [[], {}, [[]]] }]);
    expect(stringifyYaml({ a: -0, b: 1e21, c: NaN, d: {}, e: [] })).toBe('a: -0\nb: 1e+21\nc: .nan\nd: {}\ne: []\n');
  });

  test('quotes YAML 1.1 booleans, numbers, nulls and dates, and writes `<<` plain as the yaml package does', () => {
    expect(stringifyYaml({ a: 'yes', b: 'on', c: '0x1F', d: '1e3', e: '~', f: '2001-12-14', g: '<<', h: '1.8.2', i: "it's", j: 'say "hi"' }))
      .toBe('a: "yes"\nb: "on"\nc: "0x1F"\nd: "1e3"\ne: "~"\nf: "2001-12-14"\ng: <<\nh: 1.8.2\ni: it\'s\nj: say "hi"\n');
  });

  test('writes multi-line strings as literal blocks with the chomping indicator of their ending', () => {
    expect(stringifyYaml({ strip: 'a\nb', clip: 'a\nb\n', keep: 'a\n\n', indented: ' a\nb' }))
      .toBe('strip: |-\n  a\n  b\nclip: |\n  a\n  b\nkeep: |+\n  a\n\nindented: |2-\n   a\n  b\n');
  });

  test('separates documents with --- and writes an undefined document as an empty line', () => {
    expectSame([{ a: 1 }, undefined, { b: 2 }]);
    expect(stringifyYaml({ a: 1 }, undefined, { b: 2 })).toBe('a: 1\n---\n\n---\nb: 2\n');
  });

  test('falls back to the yaml package for what is outside the JSON subset, with the same bytes', () => {
    const shared = { x: 1 };
    const cases: unknown[][] = [
      [{ a: shared, b: shared }], // an anchor and an alias
      [{ a: undefined, b: [undefined] }],
      [{ a: new Date(0) }],
      [{ a: new Map([['k', 'v']]) }],
      [{ [`${'k'.repeat(1100)}`]: 1 }], // explicit key
      ['---top'], ['a\nb'], [42], [null], ['plain'],
    ];
    for (const docs of cases) {
      expectSame(docs);
    }
  });

  test('writes every committed dist/ YAML file byte for byte', () => {
    const dist = path.join(__dirname, '..', '..', 'dist');
    const files = fs.readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = fs.readFileSync(path.join(dist, file), 'utf8');
      const docs = YAML.parseAllDocuments(text, { version: '1.1' }).map((d) => d.toJSON());
      const header = file.endsWith('kustomization.yaml') ? text.slice(0, text.indexOf('\n') + 1) : '';
      expect(header + stringifyYaml(...docs)).toBe(text);
      expectSame(docs);
    }
  });
});
