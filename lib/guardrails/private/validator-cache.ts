// Compiled schema validators kept on disk between processes. ajv compiles a schema by generating
// JavaScript; for the Kubernetes pod-spec kinds that is ~20–40 ms each per process (most of the
// schema rule's cost in a synth, and of jest's CPU, where every test file is a fresh module
// registry). ajv's standalone code generation (ajv/dist/standalone) writes that JavaScript as a
// module; this file caches it by a hash of everything it depends on and loads it back without
// ajv. Same scheme as bin/ts-register.js: node_modules/.cache/cdk8s-appkit-schemas of the
// project (CDK8S_APPKIT_SCHEMA_CACHE to move it, empty for no cache), each file written then
// renamed so a concurrent process never reads half of it, sealed with the hash of its code, and
// a read-only or missing cache only costs the compile.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { packageRoot } from './package-root';

/** How to make one validator, and what its generated code depends on. */
export interface ValidatorRecipe {
  /**
   * Every input the generated code depends on (the schema text, the ajv options, the source of
   * the file that sets them up); hashed, with ajv's version, into the cache key.
   */
  readonly key: readonly string[];
  /**
   * Compiles the validator in memory, with an ajv made with `code: { source: true }` (called on
   * a cache miss only). It is used as is, and its standalone code is written to the cache.
   */
  compile(): { readonly ajv: Ajv; readonly validate: ValidateFunction };
  /**
   * Modules the generated code `require`s besides ajv's runtime helpers (the values named by
   * ajv's `code.formats` option and by keywords' `scopeValue` code), by the name it uses.
   */
  readonly modules: { readonly [name: string]: unknown };
}

/**
 * The property that carries a schema's name (`Container`, a CRD's kind) into the validator's
 * error objects (`parentSchema`), for messages: the generated code holds copies of the schema
 * objects, so they cannot be looked up by identity.
 */
export const NAME_PROPERTY = 'x-cdk8s-appkit-name';

/** The name `NAME_PROPERTY` gives a schema, or undefined. */
export function nameOf(schema: object): string | undefined {
  const name = (schema as { [key: string]: unknown })[NAME_PROPERTY];
  return typeof name === 'string' ? name : undefined;
}

/** The cache folder, or null to compile in memory only. */
export type CacheLocation = string | null;

const AJV_RUNTIME = 'ajv/dist/runtime/';
/** Last line of every cached file: the hash of the code above it, checked on load. */
const SEAL = '\n//# cdk8s-appkit-sha256=';

let defaultLocation: CacheLocation | undefined;
let ajvVersion: string | undefined;

/** node_modules/.cache/cdk8s-appkit-schemas of the project this package runs in. */
export function defaultValidatorCache(): CacheLocation {
  if (defaultLocation !== undefined) {
    return defaultLocation;
  }
  const fromEnv = process.env.CDK8S_APPKIT_SCHEMA_CACHE;
  if (fromEnv !== undefined) {
    defaultLocation = fromEnv === '' ? null : path.resolve(fromEnv);
    return defaultLocation;
  }
  const root = packageRoot();
  // This repo: <repo>/node_modules/.cache; installed: the node_modules we are installed in.
  const nodeModules = path.basename(path.dirname(root)) === 'node_modules' ? path.dirname(root) : path.join(root, 'node_modules');
  defaultLocation = path.join(nodeModules, '.cache', 'cdk8s-appkit-schemas');
  return defaultLocation;
}

/** The validator of `recipe`: from the cache when it holds it, else compiled (and cached). */
export function loadValidator(recipe: ValidatorRecipe, location: CacheLocation = defaultValidatorCache()): ValidateFunction {
  const file = location === null ? undefined : path.join(location, `${cacheKey(recipe)}.js`);
  if (file !== undefined) {
    const code = readSealed(file);
    if (code !== undefined) {
      try {
        return evaluate(code, recipe.modules);
      } catch {
        // written by an incompatible ajv runtime or damaged: compile it again below
      }
    }
  }
  const { ajv, validate } = recipe.compile();
  if (file !== undefined) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { default: standaloneCode } = require('ajv/dist/standalone') as typeof import('ajv/dist/standalone');
    writeSealed(file, standaloneCode(ajv, validate));
  }
  return validate;
}

/** The hex key of `recipe`: its inputs and the ajv version whose runtime the code requires. */
export function cacheKey(recipe: ValidatorRecipe): string {
  ajvVersion ??= String(JSON.parse(fs.readFileSync(require.resolve('ajv/package.json'), 'utf8')).version);
  const hash = crypto.createHash('sha256').update(`ajv@${ajvVersion}`);
  for (const part of recipe.key) {
    hash.update('\0').update(part);
  }
  return hash.digest('hex');
}

/**
 * The key part for the file that sets a validator up (its options, keywords, schema changes):
 * the hash of its text, or, where it cannot be read (a bundle), this package's version.
 */
export function setupKey(file: string): string {
  try {
    return digest(fs.readFileSync(file, 'utf8'));
  } catch {
    return `cdk8s-appkit@${String(JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version)}`;
  }
}

/** A hex digest of `text`, for recipe keys. */
export function digest(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function readSealed(file: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // not cached yet
  }
  const at = text.lastIndexOf(SEAL);
  if (at < 0) {
    return undefined;
  }
  const code = text.slice(0, at);
  return text.slice(at + SEAL.length).trim() === digest(code) ? code : undefined;
}

function writeSealed(file: string, code: string): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    fs.writeFileSync(temp, `${code}${SEAL}${digest(code)}\n`);
    fs.renameSync(temp, file);
    prune(path.dirname(file));
  } catch {
    // a read-only cache only costs speed
  }
}

/**
 * Past MAX_FILES (each upgrade or edit of a schema file's setup writes a new set of ~20), the
 * oldest-written files go, down to half: the folder stays a few MB. Only on a write (a miss).
 */
export const MAX_FILES = 200;
function prune(dir: string): void {
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.js'));
  if (names.length <= MAX_FILES) return;
  const byAge = names.map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs })).sort((a, b) => a.t - b.t);
  for (const { n } of byAge.slice(0, names.length - MAX_FILES / 2)) {
    fs.rmSync(path.join(dir, n), { force: true });
  }
}

/** Runs a standalone module (CommonJS) and returns its export, the validate function. */
function evaluate(code: string, modules: { readonly [name: string]: unknown }): ValidateFunction {
  const load = (id: string): unknown => {
    if (Object.prototype.hasOwnProperty.call(modules, id)) {
      return modules[id];
    }
    if (id.startsWith(AJV_RUNTIME) && !id.includes('..')) {
      return require(id); // eslint-disable-line @typescript-eslint/no-require-imports
    }
    throw new Error(`generated validator requires ${JSON.stringify(id)}, which its recipe does not provide`);
  };
  const module = { exports: {} as unknown };
  // new Function, not vm: the code runs in this realm, so its objects and errors are ordinary ones.
  new Function('require', 'module', 'exports', code)(load, module, module.exports);
  if (typeof module.exports !== 'function') {
    throw new Error('generated validator module exports no function');
  }
  return module.exports as ValidateFunction;
}
