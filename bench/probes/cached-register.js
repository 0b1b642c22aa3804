// Preload for the transpiler comparison of the entry section: bin/ts-register.js's content-hash
// cache with the transpiler chosen by $APPKIT_BENCH_TRANSPILER (typescript, esbuild, swc or
// sucrase), loaded from the repo or from $APPKIT_BENCH_ALT_DIR (swc and sucrase are not repo
// dependencies), cache in $CDK8S_APPKIT_TS_CACHE. Only the transpiler differs from the entry
// `npm run synth` uses, so an empty cache measures what each one costs a fresh clone.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const which = process.env.APPKIT_BENCH_TRANSPILER;
const cacheDir = process.env.CDK8S_APPKIT_TS_CACHE;
if (!which || !cacheDir) {
  throw new Error('cached-register: set APPKIT_BENCH_TRANSPILER and CDK8S_APPKIT_TS_CACHE');
}
const paths = [path.join(__dirname, '..', '..'), ...(process.env.APPKIT_BENCH_ALT_DIR ? [process.env.APPKIT_BENCH_ALT_DIR] : [])];
const load = (name) => require(require.resolve(name, { paths }));

const TRANSPILERS = {
  typescript: () => {
    const ts = load('typescript');
    const compilerOptions = ts.convertCompilerOptionsFromJson({ target: 'ES2022', module: 'commonjs', esModuleInterop: true, isolatedModules: true }, process.cwd()).options;
    return (source, fileName) => ts.transpileModule(source, { compilerOptions, fileName, reportDiagnostics: false }).outputText;
  },
  esbuild: () => {
    const esbuild = load('esbuild');
    const options = { loader: 'ts', format: 'cjs', target: 'es2022', platform: 'node', banner: '"use strict";', tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } } };
    return (source, sourcefile) => esbuild.transformSync(source, { ...options, sourcefile }).code;
  },
  swc: () => {
    const swc = load('@swc/core');
    const options = { swcrc: false, jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } };
    return (source, filename) => swc.transformSync(source, { ...options, filename }).code;
  },
  sucrase: () => {
    const sucrase = load('sucrase');
    return (source, filePath) => sucrase.transform(source, { transforms: ['typescript', 'imports'], filePath }).code;
  },
};
if (!TRANSPILERS[which]) {
  throw new Error(`cached-register: unknown transpiler ${which}`);
}
let transpiler;

require.extensions['.ts'] = function loadTypeScript(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha256').update(which).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let output;
  try {
    output = fs.readFileSync(cached, 'utf8');
  } catch {
    transpiler = transpiler ?? TRANSPILERS[which]();
    output = transpiler(source, filename);
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(cached, output);
  }
  module._compile(output, filename);
};
