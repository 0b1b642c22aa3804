// bin/ts-register.js, the cached loader of `npm run synth`: esbuild's output behaves like
// TypeScript's transpileModule (live `import * as` members, strict mode, define semantics for
// class fields, enums, `import x = require()`), a warm cache loads no transpiler, and without a
// working esbuild binary TypeScript takes over.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const TS_REGISTER = path.join(__dirname, '..', '..', 'bin', 'ts-register.js');

// Each line of output is one behaviour whose result must not depend on the transpiler.
const PROGRAM = `
import * as fs from 'fs';
import os = require('os');
import { helper, Color } from './helper';

const real = fs.existsSync;
(require('fs') as typeof import('fs')).existsSync = () => true;
console.log('live namespace import:', fs.existsSync('/definitely/not/here'));
(require('fs') as typeof import('fs')).existsSync = real;
console.log('import = require:', typeof os.cpus);
let strict = 'sloppy';
try { (Object.freeze({ a: 1 }) as { a: number }).a = 2; } catch { strict = 'strict'; }
console.log('mode:', strict);
class Base { constructor() { (this as unknown as { x: number }).x = 1; } }
class Derived extends Base { public x!: number; }
console.log('class field define semantics:', Object.prototype.hasOwnProperty.call(new Derived(), 'x'), new Derived().x);
console.log('enum:', Color.RED, Color[Color.GREEN]);
console.log('helper:', helper());
console.log('loaded:', ['esbuild', 'typescript'].filter((m) => Object.keys(require.cache).some((f) => f.includes(\`/node_modules/\${m}/\`) && f.endsWith('.js'))).join(',') || 'none');
`;
const HELPER = `
export enum Color { RED = 'red', GREEN = 2 }
export function helper(): string { return 'ok'; }
`;

function run(dir: string, cache: string, env: Record<string, string> = {}): string[] {
  const result = spawnSync(process.execPath, ['-r', TS_REGISTER, path.join(dir, 'main.ts')], {
    cwd: dir,
    env: { ...process.env, CDK8S_APPKIT_TS_CACHE: cache, ...env },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout.trim().split('\n');
}

const SEMANTICS = [
  'live namespace import: true',
  'import = require: function',
  'mode: strict',
  'class field define semantics: true undefined',
  'enum: red GREEN',
  'helper: ok',
];

describe('bin/ts-register.js', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ts-register-'));
  fs.writeFileSync(path.join(dir, 'main.ts'), PROGRAM);
  fs.writeFileSync(path.join(dir, 'helper.ts'), HELPER);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('esbuild output behaves as TypeScript output, and a warm cache loads no transpiler', () => {
    const cache = path.join(dir, 'cache-esbuild');
    expect(run(dir, cache)).toEqual([...SEMANTICS, 'loaded: esbuild']);
    expect(fs.readdirSync(cache).filter((f) => f.endsWith('.js'))).toHaveLength(2);
    expect(run(dir, cache)).toEqual([...SEMANTICS, 'loaded: none']);
  });

  test('TypeScript gives the same results when esbuild cannot run, and is what CDK8S_APPKIT_TRANSPILER=typescript selects', () => {
    const cache = path.join(dir, 'cache-fallback');
    // An esbuild binary that cannot run (as on a platform without one).
    const broken = path.join(dir, 'broken-esbuild');
    fs.writeFileSync(broken, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    expect(run(dir, cache, { ESBUILD_BINARY_PATH: broken })).toEqual([...SEMANTICS, 'loaded: esbuild,typescript']);
    // Cached under TypeScript's key: the same files are warm for a run asking for TypeScript.
    expect(run(dir, cache, { CDK8S_APPKIT_TRANSPILER: 'typescript' })).toEqual([...SEMANTICS, 'loaded: none']);
  });
});
