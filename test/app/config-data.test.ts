// Config values and files reach the ConfigMap unchanged (issue 10): bytes that are not UTF-8
// go to binaryData (base64) instead of being corrupted to U+FFFD, null/undefined values are
// errors instead of silently dropped keys, and a file over a ConfigMap's 1 MiB is refused
// before it is read.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Worker, WorkerProps } from '../../lib/app';
import { checkManifests, Rule } from '../../lib/guardrails';
import { ManifestObject } from '../../lib/scheduler/types';
import { RESOURCES, only, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-worker:1.8.2';

function worker(props: Partial<WorkerProps>) {
  const chart = shopChart();
  new Worker(chart, 'worker', { image: IMAGE, resources: RESOURCES, ...props });
  return chart;
}

function file(name: string, data: string | Buffer): string {
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-config-')), name);
  fs.writeFileSync(p, data);
  return p;
}

describe('configFiles', () => {
  test('GIVEN a binary file and a text file THEN the binary one goes to binaryData byte for byte', () => {
    const binary = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x41]);
    const manifests = synthValid(worker({ configFiles: [file('keystore.p12', binary), file('app.yaml', 'name: café\n')] }));
    const cm = only(manifests, 'ConfigMap', 'shop-worker-files');
    expect(cm.data).toEqual({ 'app.yaml': 'name: café\n' });
    expect(cm.binaryData).toEqual({ 'keystore.p12': binary.toString('base64') });
    expect(Buffer.from(cm.binaryData['keystore.p12'], 'base64')).toEqual(binary);
    // AND the guardrails accept it
    expect(checkManifests(manifests.map((m) => ({ manifest: m as ManifestObject })), { rules: [Rule.API_VALIDATION, Rule.NAMES] })).toEqual([]);
  });

  test('GIVEN an empty file THEN its key is still written (cdk8s-plus drops all-empty data)', () => {
    const cm = only(synthValid(worker({ configFiles: [file('empty.conf', '')] })), 'ConfigMap', 'shop-worker-files');
    expect(cm.data).toEqual({ 'empty.conf': '' });
  });

  test('fails on a file over 1 MiB, before reading it', () => {
    const big = file('big.bin', Buffer.alloc(1024 * 1024 + 1));
    expect(() => worker({ configFiles: [big] })).toThrow(
      `[shop/worker] configFiles names a file of 1048577 bytes, more than the 1048576 bytes (1 MiB) a ConfigMap holds, got ${JSON.stringify(big)}: mount large files from a volume or bake them into the image`);
  });

  test('fails on a binary and a text file of one name', () => {
    const a = file('same.bin', Buffer.from([0xff]));
    const b = file('same.bin', 'text');
    expect(() => worker({ configFiles: [a, b] })).toThrow(`[shop/worker] configFiles has two files named "same.bin", got ${JSON.stringify(b)}: give the files different names`);
  });
});

describe('config', () => {
  test.each<[string, unknown, string]>([
    ['null', null, '[shop/worker] config "LOG_LEVEL" must be a string, got null: give it a value, or remove the key'],
    ['undefined', undefined, '[shop/worker] config "LOG_LEVEL" must be a string, got undefined: give it a value, or remove the key'],
    ['a number', 3, '[shop/worker] config "LOG_LEVEL" must be a string, got 3: quote it: "3"'],
    ['a boolean', true, '[shop/worker] config "LOG_LEVEL" must be a string, got true: quote it: "true"'],
  ])('fails on a value that is %s', (_name, value, message) => {
    expect(() => worker({ config: { LOG_LEVEL: value as string } })).toThrow(message);
  });

  test('an empty string is a value', () => {
    expect(only(synthValid(worker({ config: { LOG_LEVEL: '' } })), 'ConfigMap', 'shop-worker-config').data).toEqual({ LOG_LEVEL: '' });
  });
});
