// Runs a TypeScript program (e.g. `node -r ./bin/ts-register.js main.ts`) without type
// checking, caching each file's JavaScript by content hash. TypeScript's own transpileModule
// does the work, as in `ts-node --transpile-only`; the cache is what makes the second synth
// fast: with every file cached, TypeScript is not even loaded. Type checking stays in
// `npm test` (tsc --noEmit). Cache: node_modules/.cache/cdk8s-appkit-ts of the project
// (CDK8S_APPKIT_TS_CACHE to move it).
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const COMPILER_OPTIONS = {
  target: 'ES2022',
  module: 'commonjs',
  esModuleInterop: true,
  isolatedModules: true,
  sourceMap: false,
};
const packageRoot = path.dirname(__dirname);
// This repo: <repo>/node_modules/.cache; installed: the node_modules/.cache we are installed in.
const nodeModules = path.basename(path.dirname(packageRoot)) === 'node_modules'
  ? path.dirname(packageRoot)
  : path.join(packageRoot, 'node_modules');
const cacheDir = process.env.CDK8S_APPKIT_TS_CACHE || path.join(nodeModules, '.cache', 'cdk8s-appkit-ts');
let ts; // loaded on the first cache miss only
let salt; // what else the output depends on: the TypeScript version and the options

function typescriptVersion() {
  try {
    return require(require.resolve('typescript/package.json', { paths: [process.cwd(), __dirname] })).version;
  } catch {
    throw new Error('bin/ts-register.js needs the typescript package: run npm install');
  }
}

function transpile(source, filename) {
  salt = salt ?? `${typescriptVersion()}\0${JSON.stringify(COMPILER_OPTIONS)}`;
  const key = crypto.createHash('sha256').update(salt).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  ts = ts ?? require(require.resolve('typescript', { paths: [process.cwd(), __dirname] }));
  const options = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, process.cwd()).options;
  const output = ts.transpileModule(source, { compilerOptions: options, fileName: filename, reportDiagnostics: false }).outputText;
  try {
    // Write-then-rename: a concurrent run never reads half a file.
    fs.mkdirSync(cacheDir, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, output);
    fs.renameSync(temp, cached);
  } catch {
    // A read-only cache only costs speed.
  }
  return output;
}

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename), filename);
};
