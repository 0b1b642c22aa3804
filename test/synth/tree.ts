// Helpers shared by the synth tests (not a test file: jest only runs *.test.ts).
import { execFile, spawnSync, SpawnSyncReturns } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The cached transpile-only loader `npm run synth` uses: child processes start in well under a second.
const TS_REGISTER = path.join(__dirname, '..', '..', 'bin', 'ts-register.js');

export const REPO = path.resolve(__dirname, '..', '..');
export const FIXTURE = path.join(REPO, 'test', 'fixtures', 'synth-fixture.ts');

/** A fresh folder under the OS temp dir; removed by `removeWorkspaces()`. */
const workspaces: string[] = [];
export function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-synth-'));
  workspaces.push(dir);
  return dir;
}
export function removeWorkspaces(): void {
  for (const dir of workspaces.splice(0)) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every file and folder under `dir`, relative, with the sha256 of each file's bytes. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of fs.readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, r);
      if (fs.lstatSync(full).isDirectory()) {
        out[`${r}/`] = 'dir';
        walk(r);
      } else {
        out[r] = crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex');
      }
    }
  };
  walk('');
  return out;
}

/** Names beside `outdir` that a synth leaves only while it runs (or after a crash). */
export function leftovers(outdir: string): string[] {
  const base = path.basename(outdir);
  return fs.readdirSync(path.dirname(outdir))
    .filter((n) => n.startsWith(`${base}.tmp-`) || n.startsWith(`${base}.old-`));
}

/** Runs the fixture app as a program (like `npm run synth` runs main.ts). */
export function runFixture(env: Record<string, string>, timeoutMs = 20_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['-r', TS_REGISTER, FIXTURE], {
    cwd: REPO,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
}

/** `runFixture` without blocking, so several runs overlap. */
export function runFixtureAsync(env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['-r', TS_REGISTER, FIXTURE], {
      cwd: REPO,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    }, (_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }));
  });
}

/** A pid that belonged to a process which has exited. */
export function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid;
}
