// The disk cache of ajv standalone validators (lib/guardrails/private/validator-cache.ts): a
// miss generates and writes, a hit loads without generating, a damaged or foreign file is
// generated again, an unwritable folder only costs the compile, and the schema rule's cached
// validators report exactly what ajv's in-memory ones report.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { cacheKey, loadValidator, MAX_FILES, ValidatorRecipe } from '../../lib/guardrails/private/validator-cache';
import { validatorsForTest } from '../../lib/guardrails/rules/schema';

const SCHEMA = {
  type: 'object',
  properties: { replicas: { type: 'integer', format: 'int32' }, name: { type: 'string', maxLength: 5 } },
  required: ['name'],
  additionalProperties: false,
};
const FORMATS = { int32: { type: 'number' as const, validate: (n: number) => n >= -(2 ** 31) && n <= 2 ** 31 - 1 } };

function recipe(generated: { count: number }, key: string[] = ['test', JSON.stringify(SCHEMA)]): ValidatorRecipe {
  return {
    key,
    compile: () => {
      generated.count++;
      const { _ } = require('ajv');
      const ajv = new Ajv({ allErrors: true, formats: FORMATS, code: { source: true, formats: _`require("test:formats")` } });
      return { ajv, validate: ajv.compile(SCHEMA) };
    },
    modules: { 'test:formats': FORMATS },
  };
}

/** Writes `code` to the cache file as loadValidator seals it (so only its content can be wrong). */
function plantSealed(file: string, code: string): void {
  const { createHash } = require('crypto');
  fs.writeFileSync(file, `${code}\n//# cdk8s-appkit-sha256=${createHash('sha256').update(code).digest('hex')}\n`);
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-validators-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function verdicts(validate: ReturnType<typeof loadValidator>): unknown[] {
  return [{ name: 'web' }, { name: 'toolong' }, { name: 'web', replicas: 2 ** 31 }, { name: 'web', extra: 1 }, {}].map((data) => {
    const ok = validate(data);
    return ok ? 'valid' : validate.errors?.map((e) => `${e.instancePath} ${e.keyword}`);
  });
}
const EXPECTED = ['valid', ['/name maxLength'], ['/replicas format'], [' additionalProperties'], [' required']];

describe('loadValidator', () => {
  test('a miss compiles and writes one file of standalone code; a hit loads it without compiling', () => {
    const dir = tempDir();
    const generated = { count: 0 };
    expect(verdicts(loadValidator(recipe(generated), dir))).toEqual(EXPECTED);
    expect(generated.count).toBe(1);
    expect(fs.readdirSync(dir)).toEqual([`${cacheKey(recipe(generated))}.js`]);
    expect(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]), 'utf8')).toMatch(/^"use strict";module\.exports = validate\d+;/);
    expect(verdicts(loadValidator(recipe(generated), dir))).toEqual(EXPECTED);
    expect(generated.count).toBe(1);
  });

  test('each key part, and where one part ends, changes the key', () => {
    const keyOf = (key: string[]) => cacheKey(recipe({ count: 0 }, key));
    expect(new Set([keyOf(['a', 'b']), keyOf(['ab']), keyOf(['a', 'c']), keyOf(['a', 'b', ''])]).size).toBe(4);
    expect(keyOf(['a', 'b'])).toBe(keyOf(['a', 'b']));
  });

  test('a damaged file is generated again and rewritten', () => {
    const dir = tempDir();
    const generated = { count: 0 };
    loadValidator(recipe(generated), dir);
    const file = path.join(dir, fs.readdirSync(dir)[0]);
    const good = fs.readFileSync(file, 'utf8');
    // One character changed: the seal (hash of the code) no longer matches.
    fs.writeFileSync(file, good.replace('maxLength', 'maxLengtH'));
    expect(verdicts(loadValidator(recipe(generated), dir))).toEqual(EXPECTED);
    expect(generated.count).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe(good);
    // Cut short (no seal) and empty.
    for (const damaged of [good.slice(0, good.length / 2), '']) {
      fs.writeFileSync(file, damaged);
      expect(verdicts(loadValidator(recipe(generated), dir))).toEqual(EXPECTED);
      expect(fs.readFileSync(file, 'utf8')).toBe(good);
    }
    expect(generated.count).toBe(4);
  });

  test('a sealed file that does not run here, requires what its recipe does not give, or exports no function is compiled again', () => {
    const dir = tempDir();
    const generated = { count: 0 };
    loadValidator(recipe(generated), dir);
    const file = path.join(dir, fs.readdirSync(dir)[0]);
    const good = fs.readFileSync(file, 'utf8');
    for (const code of [
      'module.exports = require("ajv/dist/runtime/no-such-helper");', // another ajv runtime
      'module.exports = require("fs").readFileSync;', // only ajv runtime helpers and the recipe's modules
      'module.exports = { validate: true };',
      'syntax error(',
    ]) {
      plantSealed(file, code);
      expect(verdicts(loadValidator(recipe(generated), dir))).toEqual(EXPECTED);
      expect(fs.readFileSync(file, 'utf8')).toBe(good);
    }
    expect(generated.count).toBe(5);
  });

  test('past MAX_FILES files, a write removes the oldest-written down to half, never the one it wrote', () => {
    const dir = tempDir();
    for (let i = 0; i < MAX_FILES; i++) {
      fs.writeFileSync(path.join(dir, `old-${String(i).padStart(3, '0')}.js`), '');
      fs.utimesSync(path.join(dir, `old-${String(i).padStart(3, '0')}.js`), 1_000_000 + i, 1_000_000 + i);
    }
    loadValidator(recipe({ count: 0 }), dir);
    const left = fs.readdirSync(dir).sort();
    expect(left.length).toBe(MAX_FILES / 2);
    expect(left).toContain(`${cacheKey(recipe({ count: 0 }))}.js`);
    expect(left.filter((n) => n.startsWith('old-'))[0]).toBe(`old-${MAX_FILES / 2 + 1}.js`);
  });

  test('an unwritable cache folder, or none, only costs the compile', () => {
    const file = path.join(tempDir(), 'not-a-folder');
    fs.writeFileSync(file, '');
    const generated = { count: 0 };
    expect(verdicts(loadValidator(recipe(generated), path.join(file, 'cache')))).toEqual(EXPECTED);
    expect(verdicts(loadValidator(recipe(generated), null))).toEqual(EXPECTED);
    expect(generated.count).toBe(2);
  });

});

describe('the schema rule\'s cached validators', () => {
  // Every Kubernetes object of the committed dist/, mutated at a random field: the validator
  // loaded from standalone code reports exactly the errors ajv's in-memory one does (same
  // paths, keywords, params, data, and equal schema objects, which messages are made from).
  const objects: any[] = [];
  for (const env of ['production', 'staging', 'gitops']) {
    const dir = path.join(__dirname, '../../dist', env);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml'))) {
      objects.push(...parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map((d) => d.toJS()));
    }
  }
  // A folder of this test's own: each validator is written there, then loaded back from it (a
  // load that would compile instead throws), whatever the project's cache holds.
  const cache = tempDir();
  const validators = new Map<string, ReturnType<typeof validatorsForTest>>();
  const validatorsOf = (o: any) => {
    const key = `${o.apiVersion}/${o.kind}`;
    if (!validators.has(key)) validators.set(key, validatorsForTest(o.apiVersion, o.kind, cache));
    return validators.get(key);
  };
  const kubernetes = objects.filter((o) => validatorsOf(o) !== undefined);
  const errorsOf = (validate: ReturnType<typeof loadValidator>, data: unknown) => (validate(data) ? [] : (validate.errors ?? []).map((e) => ({ ...e })));

  test('dist/ has Kubernetes objects of several kinds to mutate, each validator loaded from a file of standalone code', () => {
    expect(new Set(kubernetes.map((o) => o.kind)).size).toBeGreaterThanOrEqual(8);
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.js')).length).toBe([...validators.values()].filter((v) => v !== undefined).length);
  });

  test('cached and in-memory validators agree on mutated dist/ objects (fast-check)', () => {
    const VALUES = ['250m', '2 cores', '512mi', '1e3', 'x', '', 2 ** 31, -1.5, 0, null, {}, [], true, [{ unknown: 1 }], { unknown: 1 }];
    fc.assert(fc.property(
      fc.integer({ min: 0, max: kubernetes.length - 1 }), fc.nat(), fc.constantFrom(...VALUES), fc.boolean(),
      (which, at, value, addField) => {
        const o = JSON.parse(JSON.stringify(kubernetes[which]));
        const paths: Array<[any, string]> = [];
        const walk = (node: any) => {
          if (node === null || typeof node !== 'object') return;
          for (const k of Object.keys(node)) {
            paths.push([node, k]);
            walk(node[k]);
          }
        };
        walk(o);
        const [parent, key] = paths[at % paths.length];
        if (addField && !Array.isArray(parent)) parent[`${key}X`] = value;
        else parent[key] = value;
        const { fromDisk, inMemory } = validatorsOf(kubernetes[which])!; // before the mutation, which may hit kind
        const fromCache = errorsOf(fromDisk, o);
        expect(fromCache).toEqual(errorsOf(inMemory, o));
      }), { numRuns: 300, seed: 1127 });
  });
});
