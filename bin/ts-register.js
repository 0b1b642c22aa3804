// Runs a TypeScript program (e.g. `node -r ./bin/ts-register.js main.ts`) without type
// checking, caching each file's JavaScript by content hash. The transpiler is esbuild (a native
// binary from the npm registry): with an empty cache (a fresh clone, CI) it transpiles the ~80
// files of a synth in a fraction of what TypeScript's transpileModule takes, mostly because it
// does not load the 9 MB TypeScript compiler (measured with `npm run bench`, see the README).
// swc was as fast but copies the members of `import * as fs` (TypeScript and esbuild read them
// live, so a module patched at run time is seen), so esbuild it is. Where esbuild cannot run (no
// binary for the platform), TypeScript's transpileModule does the same job with the same options.
// With every file cached, neither is loaded. Type checking stays in `npm test` (tsc --noEmit).
// Cache: node_modules/.cache/cdk8s-appkit-ts of the project (CDK8S_APPKIT_TS_CACHE to move it).
// CDK8S_APPKIT_TRANSPILER=typescript uses TypeScript even where esbuild runs.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

// Both transpilers get options that mean the same output semantics: ES2022 (native class fields
// with define semantics), CommonJS with esModuleInterop, strict mode, one file at a time.
const TS_OPTIONS = {
  target: 'ES2022',
  module: 'commonjs',
  esModuleInterop: true,
  isolatedModules: true,
  useDefineForClassFields: true,
  sourceMap: false,
};
const ESBUILD_OPTIONS = {
  loader: 'ts',
  format: 'cjs',
  target: 'es2022',
  platform: 'node',
  // TypeScript writes "use strict" at the top of every CommonJS module; esbuild only keeps one
  // that is in the source.
  banner: '"use strict";',
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, esModuleInterop: true } },
};
const packageRoot = path.dirname(__dirname);
// This repo: <repo>/node_modules/.cache; installed: the node_modules/.cache we are installed in.
const nodeModules = path.basename(path.dirname(packageRoot)) === 'node_modules'
  ? path.dirname(packageRoot)
  : path.join(packageRoot, 'node_modules');
const cacheDir = process.env.CDK8S_APPKIT_TS_CACHE || path.join(nodeModules, '.cache', 'cdk8s-appkit-ts');
const searchPaths = [process.cwd(), __dirname];
/** The transpiler's name and version (part of the cache key), read without loading it. */
function transpilerId() {
  const names = process.env.CDK8S_APPKIT_TRANSPILER === 'typescript' ? ['typescript'] : ['esbuild', 'typescript'];
  for (const name of names) {
    try {
      const manifest = require.resolve(`${name}/package.json`, { paths: searchPaths });
      return `${name}@${JSON.parse(fs.readFileSync(manifest, 'utf8')).version}`;
    } catch {
      // not installed: try the next
    }
  }
  throw new Error('bin/ts-register.js needs esbuild or typescript: run npm install');
}

/** The transpiler to use for `id`, and the id of the one actually loaded. */
function loadTranspiler(id) {
  if (id.startsWith('esbuild@')) {
    try {
      const esbuild = require(require.resolve('esbuild', { paths: searchPaths }));
      esbuild.transformSync('', ESBUILD_OPTIONS); // throws here when the binary cannot run
      return { id, run: (source, filename) => esbuild.transformSync(source, { ...ESBUILD_OPTIONS, sourcefile: filename }).code };
    } catch {
      // no native binary for this platform: TypeScript below
    }
  }
  const tsPackage = require.resolve('typescript/package.json', { paths: searchPaths });
  const ts = require(path.dirname(tsPackage));
  const options = ts.convertCompilerOptionsFromJson(TS_OPTIONS, process.cwd()).options;
  return {
    id: `typescript@${JSON.parse(fs.readFileSync(tsPackage, 'utf8')).version}`,
    run: (source, filename) => ts.transpileModule(source, { compilerOptions: options, fileName: filename, reportDiagnostics: false }).outputText,
  };
}

let usedId; // the transpiler whose output the cache holds for this process
let transpiler; // loaded on the first cache miss only

function cachePath(id, source, filename) {
  const salt = `${id}\0${JSON.stringify(ESBUILD_OPTIONS)}\0${JSON.stringify(TS_OPTIONS)}`;
  const key = crypto.createHash('sha256').update(salt).update('\0').update(filename).update('\0').update(source).digest('hex');
  return path.join(cacheDir, `${key}.js`);
}

function transpile(source, filename) {
  usedId = usedId ?? transpilerId();
  let cached = cachePath(usedId, source, filename);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  if (!transpiler) {
    transpiler = loadTranspiler(usedId);
    if (transpiler.id !== usedId) {
      // esbuild could not run: cache TypeScript's output under TypeScript's key.
      usedId = transpiler.id;
      cached = cachePath(usedId, source, filename);
    }
  }
  const output = transpiler.run(source, filename);
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
