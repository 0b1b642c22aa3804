// IncludeManifests: cdk8s Include with the CLI's strictness (issue 10, "Input files").
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Include, Testing } from 'cdk8s';
import { IncludeManifests } from '../../lib/app';

function file(name: string, text: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-include-'));
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
}

const REDIS = 'apiVersion: v1\nkind: Service\nmetadata: {name: redis, namespace: cache}\nspec: {ports: [{port: 6379}]}\n'
  + '---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: redis}\n  data: {a: "1"}\n';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}

describe('IncludeManifests', () => {
  test('GIVEN a file with a List WHEN included THEN every object is an ApiObject with Include\'s ids', () => {
    const chart = new Chart(Testing.app(), 'vendor');
    const included = new IncludeManifests(chart, 'redis', { path: file('redis.yaml', REDIS) });
    expect(included.apiObjects.map((o) => o.node.id)).toEqual(['redis-service-cache', 'redis-configmap']);
    expect(Testing.synth(chart)).toEqual([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'redis', namespace: 'cache' }, spec: { ports: [{ port: 6379 }] } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'redis' }, data: { a: '1' } },
    ]);
  });

  test('fails on a duplicate key, which cdk8s Include silently resolves to the last value', () => {
    const p = file('dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {x: "1"}\ndata: {x: "2"}\n');
    // cdk8s Include: no error, the last value wins
    const plain = new Include(new Chart(Testing.app(), 'plain'), 'dup', { url: p });
    expect(plain.apiObjects[0].toJson().data).toEqual({ x: '2' });
    // IncludeManifests: the sentence
    expect(errorOf(() => new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'dup', { path: p })))
      .toBe(`[vendor/dup] ${p} document 0: invalid YAML at line 5, column 1: mapping key "data" already defined: remove one of the two`);
  });

  test('fails on a missing file naming it, without a child-process stack trace', () => {
    expect(errorOf(() => new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'gone', { path: '/nonexistent/x.yaml' })))
      .toBe('[vendor/gone] /nonexistent/x.yaml: cannot read: no such file or folder (ENOENT)');
  });

  test('fails on a file over maxInputBytes', () => {
    const p = file('big.yaml', REDIS);
    expect(errorOf(() => new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'big', { path: p, maxInputBytes: 100 })))
      .toBe(`[vendor/big] ${p}: input is ${Buffer.byteLength(REDIS)} bytes past the limit of 100 bytes: split it, or raise the limit with the maxInputBytes prop`);
  });

  test('reads files over the 10 MiB where cdk8s Include fails with ENOBUFS', () => {
    const data = 'x'.repeat(900 * 1024);
    const docs = Array.from({ length: 12 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {x: ${data}}\n`).join('---\n');
    const included = new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'big', { path: file('big.yaml', docs) });
    expect(included.apiObjects).toHaveLength(12);
  });

  test('fails on a URL', () => {
    expect(errorOf(() => new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'remote', { path: 'https://example.com/x.yaml' })))
      .toBe('[vendor/remote] path must be a local file, got the URL "https://example.com/x.yaml": download it (curl -fLo vendor/file.yaml …) and commit it, so that synth is reproducible and offline');
  });

  test('fails on the same object twice, naming both places', () => {
    const p = file('twice.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
    expect(errorOf(() => new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'twice', { path: p })))
      .toBe(`[vendor/twice] ${p} document 1 defines ConfigMap a again (first in ${p} document 0): remove one of the two`);
  });

  test.each([
    ['apiVersion: 5\nkind: ConfigMap\nmetadata: {name: a}\n', 'apiVersion: expected a non-empty string, got the number 5: write it as a string, e.g. apiVersion: apps/v1'],
    ['apiVersion: v1\nkind: [ConfigMap]\nmetadata: {name: a}\n', 'kind: expected a non-empty string, got a list: write it as a string, e.g. kind: Deployment'],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: 7\n', 'ConfigMap: metadata: expected a mapping (name, namespace, labels…), got the number 7: write it as a mapping, e.g. metadata: { name: web }'],
    ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 5}\n', 'ConfigMap: metadata.name: expected a string, got the number 5: quote it: name: "5"'],
  ])('fails on a field of the wrong type, showing the value it got: %j', (text, message) => {
    const p = file('typed.yaml', text);
    expect(errorOf(() => new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'typed', { path: p }))).toBe(`[vendor/typed] ${p}:1: ${message}`);
  });

  test('fails on an undefined path with a sentence', () => {
    expect(errorOf(() => new IncludeManifests(new Chart(Testing.app(), 'vendor'), 'none', {} as never)))
      .toBe('[vendor/none] path must name a local YAML file or folder, got undefined: pass e.g. path: \'vendor/redis.yaml\'');
  });
});
