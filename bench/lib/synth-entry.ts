// The repo's own synth entry, read from package.json's `synth` script (e.g.
// `node -r ./bin/ts-register.js main.ts`), so the bench runs generated apps exactly the way
// `npm run synth` runs main.ts. Its transpile cache goes to .bench/ts-cache, never node_modules.
import * as fs from 'fs';
import * as path from 'path';
import { Command } from './measure';

export interface SynthEntry {
  /** The script as written in package.json. */
  readonly script: string;
  /** The command with `main` in place of main.ts. */
  command(main: string): Command;
  /** Environment that points the entry's transpile cache at `cacheDir`. */
  cacheEnv(cacheDir: string): Record<string, string>;
  /**
   * A fresh clone's caches under `root`: the transpile cache and the schema validators
   * (lib/guardrails/private/validator-cache.ts), with `clear` to empty both before each run.
   */
  coldCaches(root: string): { readonly env: Record<string, string>; clear(): void };
}

const FALLBACK = 'node -r ts-node/register/transpile-only main.ts';

/** The `synth` script when it is `node [flags] main.ts`, else ts-node transpile-only. */
export function repoSynthEntry(repoRoot: string): SynthEntry {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.synth ?? FALLBACK;
  const tokens = script.trim().split(/\s+/);
  const usable = tokens[0] === 'node' && tokens[tokens.length - 1] === 'main.ts' && !/[;&|$`'"]/.test(script);
  const flags = (usable ? tokens : FALLBACK.split(' ')).slice(1, -1)
    // `./bin/x.js` is relative to the repo; generated apps run from their own folder.
    .map((t) => (t.startsWith('./') || t.startsWith('../') ? path.join(repoRoot, t) : t));
  return {
    script: usable ? script : FALLBACK,
    command: (main) => ({ cmd: process.execPath, args: [...flags, main] }),
    cacheEnv: (cacheDir) => ({ CDK8S_APPKIT_TS_CACHE: cacheDir }),
    coldCaches: (root) => {
      const transpiled = path.join(root, 'ts-cache-cold');
      const schemas = path.join(root, 'schema-cache-cold');
      return {
        env: { CDK8S_APPKIT_TS_CACHE: transpiled, CDK8S_APPKIT_SCHEMA_CACHE: schemas },
        clear: () => [transpiled, schemas].forEach((d) => fs.rmSync(d, { recursive: true, force: true })),
      };
    },
  };
}
