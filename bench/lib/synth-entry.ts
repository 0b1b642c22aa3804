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
  };
}
