// Synth entry points on the repo's own main.ts: what `npm run synth` / `npx cdk8s synth` should
// run. Every command writes into a fresh .bench/out folder through CDK8S_OUTDIR (cdk8s's App and
// AppkitApp read it; `cdk8s synth -o` sets it), never into dist/.
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { altEntries } from '../lib/alt-entries';
import { repoSynthEntry } from '../lib/synth-entry';
import { Command, Measurement, measure, runOnce } from '../lib/measure';
import { markdownTable, mebibytes, ratio, seconds } from '../lib/table';
import { countObjects } from '../lib/workspace';
import { BenchContext, Failure, SectionResult, TargetCheck, attempt, failureCell, isFailure } from './section';

const SYNTH_TARGET_MS = 1500;
const SYNTH_VS_TYPECHECK_TARGET = 0.4;
/** Issue 11: a fresh clone's first `npm run synth` (empty transpile and schema caches) ÷ type-checked ts-node. */
const COLD_SYNTH_VS_TYPECHECK_TARGET = 0.25;

interface EntryRow {
  readonly label: string;
  readonly command?: Command;
  readonly result: Measurement | Failure;
}

export function entrySection(ctx: BenchContext): SectionResult {
  const title = 'Synth entry: the repo\'s main.ts';
  const { repoRoot, workspace, options } = ctx;
  if (!fs.existsSync(path.join(repoRoot, 'main.ts'))) {
    return { title, body: 'main.ts does not exist yet: skipped.', checks: [], data: {} };
  }
  const distBefore = snapshot(path.join(repoRoot, 'dist'));
  const outdir = path.join(workspace.root, 'out', 'entry');
  const fresh = () => fs.rmSync(outdir, { recursive: true, force: true });
  const entry = repoSynthEntry(repoRoot);
  // The synth entry's transpile cache lives in .bench/, filled by the warm-up run.
  const env = { CDK8S_OUTDIR: outdir, CDK8S_CHECK_UPGRADE: 'false', ...entry.cacheEnv(path.join(workspace.root, 'ts-cache')) };

  // Safety first: main.ts must write where CDK8S_OUTDIR says, or measuring it would rewrite dist/.
  fresh();
  const probe = attempt(() => runOnce({ ...entry.command('main.ts'), env }, repoRoot));
  if (isFailure(probe)) {
    return { title, body: `\`main.ts\` fails to synth: ${failureCell(probe)}`, checks: [], data: { error: probe.error } };
  }
  if (snapshot(path.join(repoRoot, 'dist')) !== distBefore || countObjects(outdir).total === 0) {
    return {
      title,
      body: 'main.ts ignores CDK8S_OUTDIR (it wrote dist/ instead of the bench outdir): skipped, so the bench never rewrites dist/.',
      checks: [],
      data: {},
    };
  }

  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const cdk8sApp = (parse(fs.readFileSync(path.join(repoRoot, 'cdk8s.yaml'), 'utf8')) as { app?: string }).app ?? '';
  const rows: EntryRow[] = [];
  const row = (label: string, command: Command, prepare?: () => void) => {
    ctx.log(`entry: ${label}`);
    const before = () => {
      fresh();
      prepare?.();
    };
    rows.push({ label, command, result: attempt(() => measure({ ...command, env: { ...env, ...command.env } }, repoRoot, options.runs, before, options.warmup)) });
  };

  row(`\`npm run synth\` (${pkg.scripts?.synth ?? 'no synth script'})`, { cmd: 'npm', args: ['run', 'synth'] });
  const cold = entry.coldCaches(workspace.root);
  row('`npm run synth`, transpile and schema caches empty (fresh clone, CI)', { cmd: 'npm', args: ['run', 'synth'], env: cold.env }, cold.clear);
  row('`node -r ts-node/register/transpile-only main.ts`', { cmd: process.execPath, args: ['-r', 'ts-node/register/transpile-only', 'main.ts'] });
  row(`\`${cdk8sApp}\` (cdk8s.yaml app)`, { cmd: 'sh', args: ['-c', cdk8sApp] });
  row('`npx cdk8s synth` (runs the cdk8s.yaml app)', { cmd: 'npx', args: ['cdk8s', 'synth', '-o', outdir] });
  row('`npx ts-node --type-check main.ts` (cdk8s template default)', { cmd: 'npx', args: ['ts-node', '--type-check', 'main.ts'] });

  const compiled = workspace.compile(ctx.log);
  rows.push({ label: '`tsc` of lib/ + main.ts (one-off, before a precompiled synth)', result: compiled.ok ? { wallMs: compiled.wallMs, runs: 1, samples: [] } : { error: compiled.diagnostics } });
  if (compiled.ok) {
    row('precompiled: `node build/main.js`', { cmd: process.execPath, args: [path.join(workspace.buildDir, 'main.js')] });
    // What `npm run synth` = `tsc --incremental && node build/main.js` costs when nothing changed.
    const tsc = [process.execPath, require.resolve('typescript/bin/tsc'), '-p', workspace.precompiledTsconfig,
      '--incremental', '--tsBuildInfoFile', path.join(workspace.root, 'precompiled.tsbuildinfo')].join(' ');
    row('`tsc --incremental` (nothing changed) && `node build/main.js`', {
      cmd: 'sh', args: ['-c', `${tsc} && ${process.execPath} ${path.join(workspace.buildDir, 'main.js')}`],
    });
  }
  for (const alt of altEntries(repoRoot, options.altDir)) {
    row(alt.label, alt.command('main.ts'));
  }
  // The transpiler behind the entry's content-hash cache, each with an empty cache (issue 11).
  const transpilerCache = path.join(workspace.root, 'ts-cache-transpiler');
  for (const transpiler of cachedTranspilers(repoRoot, options.altDir)) {
    row(`\`main.ts\` behind the same content-hash cache, empty, transpiled by ${transpiler}`, {
      cmd: process.execPath,
      args: ['-r', path.join(repoRoot, 'bench', 'probes', 'cached-register.js'), 'main.ts'],
      env: { APPKIT_BENCH_TRANSPILER: transpiler, CDK8S_APPKIT_TS_CACHE: transpilerCache, ...(options.altDir ? { APPKIT_BENCH_ALT_DIR: options.altDir } : {}) },
    }, () => fs.rmSync(transpilerCache, { recursive: true, force: true }));
  }

  if (snapshot(path.join(repoRoot, 'dist')) !== distBefore) {
    throw new Error('a synth entry wrote into dist/ although CDK8S_OUTDIR pointed elsewhere: check the entries above');
  }

  const ok = (r: Measurement | Failure) => (isFailure(r) ? undefined : r);
  const npmSynth = ok(rows[0].result);
  const npmSynthCold = ok(rows[1].result);
  const typeChecked = ok(rows.find((r) => r.label.includes('--type-check'))!.result);
  const table = markdownTable(
    ['Synth entry', 'Wall', 'CPU', 'Peak RSS', 'Wall ÷ type-checked'],
    rows.map((r) => isFailure(r.result)
      ? [r.label, failureCell(r.result), '', '', '']
      : [r.label, seconds(r.result.wallMs), seconds(r.result.cpuMs), mebibytes(r.result.rssMiB),
        typeChecked && r.command ? ratio(r.result.wallMs / typeChecked.wallMs) : '']),
  );
  const checks: TargetCheck[] = [
    {
      target: '`npm run synth` of the example app',
      measured: seconds(npmSynth?.wallMs),
      goal: `≤ ${seconds(SYNTH_TARGET_MS)}`,
      met: npmSynth ? npmSynth.wallMs <= SYNTH_TARGET_MS : undefined,
    },
    {
      target: '`npm run synth` ÷ `npx ts-node --type-check main.ts`',
      measured: npmSynth && typeChecked ? ratio(npmSynth.wallMs / typeChecked.wallMs) : 'n/a',
      goal: `≤ ${ratio(SYNTH_VS_TYPECHECK_TARGET)}`,
      met: npmSynth && typeChecked ? npmSynth.wallMs / typeChecked.wallMs <= SYNTH_VS_TYPECHECK_TARGET : undefined,
    },
    {
      target: '`npm run synth` with empty transpile and schema caches (fresh clone) ÷ `npx ts-node --type-check main.ts`',
      measured: npmSynthCold && typeChecked ? ratio(npmSynthCold.wallMs / typeChecked.wallMs) : 'n/a',
      goal: `≤ ${ratio(COLD_SYNTH_VS_TYPECHECK_TARGET)}`,
      met: npmSynthCold && typeChecked ? npmSynthCold.wallMs / typeChecked.wallMs <= COLD_SYNTH_VS_TYPECHECK_TARGET : undefined,
    },
  ];
  const objects = countObjects(outdir);
  const body = `${table}\n\nmain.ts synthesizes ${objects.total} objects. Each command writes into a fresh outdir (CDK8S_OUTDIR); `
    + `\`npm run synth\` includes npm's own start-up. `
    + 'CPU is user + system time of the whole process tree (GC and compiler threads can make it exceed wall); under load from other '
    + 'processes wall grows, CPU much less.';
  return {
    title,
    body,
    checks,
    data: rows.map((r) => ({ label: r.label, ...(isFailure(r.result) ? r.result : { wallMs: r.result.wallMs, cpuMs: r.result.cpuMs, rssMiB: r.result.rssMiB, samples: r.result.samples.map((s) => s.wallMs) }) })),
  };
}

/** typescript and esbuild (repo dependencies), plus swc and sucrase when installed in `altDir`. */
function cachedTranspilers(repoRoot: string, altDir: string | undefined): string[] {
  const installed = (pkg: string) => [repoRoot, ...(altDir ? [altDir] : [])].some((d) => fs.existsSync(path.join(d, 'node_modules', pkg, 'package.json')));
  return [['typescript', 'typescript'], ['esbuild', 'esbuild'], ['swc', '@swc/core'], ['sucrase', 'sucrase']]
    .filter(([, pkg]) => installed(pkg))
    .map(([name]) => name);
}

/** A fingerprint of a folder tree (paths, sizes, mtimes) to prove the bench left it alone. */
function snapshot(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        walk(p);
      } else {
        const st = fs.statSync(p);
        parts.push(`${p}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  if (fs.existsSync(dir)) {
    walk(dir);
  }
  return parts.join('\n');
}
