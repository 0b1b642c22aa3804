// Alternative TypeScript entries (transpilers) measured from a throw-away install outside the
// repo (`--alt-dir`), so the lead can choose by numbers without adding a dependency first.
import * as fs from 'fs';
import * as path from 'path';
import { Command } from './measure';

export interface AltEntry {
  /** Table label. */
  readonly label: string;
  /** The command running `main` (a .ts file). */
  command(main: string): Command;
}

/** The entries whose package is installed in `altDir` (none when altDir is undefined). */
export function altEntries(repoRoot: string, altDir: string | undefined): AltEntry[] {
  if (!altDir) {
    return [];
  }
  const modules = path.join(altDir, 'node_modules');
  const entries: AltEntry[] = [];
  const swc = path.join(modules, '@swc', 'core');
  if (fs.existsSync(swc)) {
    entries.push({
      label: 'ts-node + swc (`"swc": true`; @swc/core not in the repo)',
      command: (main) => ({ cmd: process.execPath, args: ['-r', path.join(repoRoot, 'bench', 'probes', 'swc-register.js'), main], env: { APPKIT_BENCH_SWC: swc } }),
    });
  }
  const tsx = path.join(modules, 'tsx', 'dist', 'cjs', 'index.cjs');
  if (fs.existsSync(tsx)) {
    entries.push({
      label: 'tsx (esbuild; not in the repo): `node --require tsx/cjs`',
      command: (main) => ({ cmd: process.execPath, args: ['--require', tsx, main] }),
    });
  }
  const sucrase = path.join(modules, 'sucrase', 'register', 'ts.js');
  if (fs.existsSync(sucrase)) {
    entries.push({
      label: 'sucrase (pure JS; not in the repo): `node -r sucrase/register/ts`',
      command: (main) => ({ cmd: process.execPath, args: ['-r', sucrase, main] }),
    });
  }
  return entries;
}
