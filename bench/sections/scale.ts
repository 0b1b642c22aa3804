// (a) vs (b): generated apps of N components synthesized end to end as whole processes.
// (a) cdk8s-appkit the way the repo runs it (`npm run synth`'s entry), (b) the same objects in
// plain cdk8s-plus-27 the default cdk8s way (`npx ts-node main.ts`, type-checked with the cdk8s
// template tsconfig), (c) plain cdk8s-plus-27 through the very entry (a) uses, so loader and
// transpile cache are equal and only the synth differs; and other entries of both.
import * as path from 'path';
import { altEntries } from '../lib/alt-entries';
import { Command, Measurement, measure } from '../lib/measure';
import { repoSynthEntry } from '../lib/synth-entry';
import { mark, markdownTable, mebibytes, ratio, seconds } from '../lib/table';
import { GeneratedApp, Variant, countObjects, diffCounts } from '../lib/workspace';
import { expectedObjectCounts, expectedObjectTotal } from '../generators/spec';
import { BenchContext, Failure, SectionResult, TargetCheck, attempt, failureCell, isFailure } from './section';

const SCALE_SIZE = 1000;
const WALL_TARGET_MS = 3000;
const RSS_TARGET_MIB = 250;
const SPEEDUP_TARGET = 3;
/** Issue 11: (a) ÷ (c), same loader, at SCALE_SIZE components. */
const SAME_LOADER_TARGET = 0.6;

enum Column {
  APPKIT = '(a) appkit, the repo\'s synth entry, transpile cache warm',
  APPKIT_COLD = 'appkit, the repo\'s synth entry, transpile and schema caches empty (CI, first run)',
  APPKIT_PRECOMPILED = 'appkit precompiled: `node main.js`',
  PLAIN = '(b) plain cdk8s-plus: `npx ts-node` (type-checked)',
  PLAIN_SAME_LOADER = '(c) plain cdk8s-plus through the repo\'s synth entry (same loader as (a)), transpile cache warm',
  PLAIN_TRANSPILE = 'plain: `node -r ts-node/register/transpile-only`',
  PLAIN_PRECOMPILED = 'plain precompiled: `node main.js`',
}

type Cell = Measurement | Failure;

export function scaleSection(ctx: BenchContext): SectionResult {
  const { workspace, options } = ctx;
  const compiled = workspace.compile(ctx.log);
  const entry = repoSynthEntry(ctx.repoRoot);
  const results: { size: number; objects: number; bytes: Record<string, number>; cells: Map<string, Cell> }[] = [];
  for (const size of options.sizes) {
    const appkit = workspace.generateApp(Variant.APPKIT, size);
    const plain = workspace.generateApp(Variant.PLAIN, size);
    const cells = new Map<string, Cell>();
    const bytes: Record<string, number> = {};
    const run = (column: string, app: GeneratedApp, command: Command, prepare?: () => void) => {
      ctx.log(`scale ${size}: ${column}`);
      const outdir = workspace.outdir(`scale-${app.variant}-${size}`);
      const cell = attempt(() => measure({ ...command, cwd: app.dir, env: { CDK8S_OUTDIR: outdir, ...command.env } },
        ctx.repoRoot, options.runs, () => {
          workspace.outdir(`scale-${app.variant}-${size}`);
          prepare?.();
        }, options.warmup));
      cells.set(column, verified(cell, outdir, app));
      bytes[app.variant] = countObjects(outdir).bytes;
    };
    const tsNode = (app: GeneratedApp): Command => ({ cmd: process.execPath, args: ['-r', 'ts-node/register/transpile-only', app.main] });
    const js = (app: GeneratedApp): Command => ({ cmd: process.execPath, args: [app.mainJs] });
    const cache = path.join(workspace.root, 'ts-cache');
    run(Column.APPKIT, appkit, { ...entry.command(appkit.main), env: entry.cacheEnv(cache) });
    const cold = entry.coldCaches(workspace.root);
    run(Column.APPKIT_COLD, appkit, { ...entry.command(appkit.main), env: cold.env }, cold.clear);
    if (compiled.ok) {
      run(Column.APPKIT_PRECOMPILED, appkit, js(appkit));
    } else {
      cells.set(Column.APPKIT_PRECOMPILED, { error: `tsc failed: ${compiled.diagnostics}` });
    }
    for (const alt of options.altScale ? altEntries(ctx.repoRoot, options.altDir) : []) {
      run(`appkit, ${alt.label}`, appkit, alt.command(appkit.main));
    }
    run(Column.PLAIN_SAME_LOADER, plain, { ...entry.command(plain.main), env: entry.cacheEnv(cache) });
    run(Column.PLAIN, plain, { cmd: 'npx', args: ['ts-node', 'main.ts'] });
    run(Column.PLAIN_TRANSPILE, plain, tsNode(plain));
    run(Column.PLAIN_PRECOMPILED, plain, js(plain));
    results.push({ size, objects: expectedObjectTotal(appkit.spec), bytes, cells });
  }

  const cellText = (c: Cell | undefined) => (c === undefined ? 'n/a' : isFailure(c) ? failureCell(c) : `${seconds(c.wallMs)} · cpu ${seconds(c.cpuMs)} · ${mebibytes(c.rssMiB)}`);
  const speedup = (r: typeof results[number], column: string = Column.APPKIT) => {
    const a = r.cells.get(column);
    const b = r.cells.get(Column.PLAIN);
    return a && b && !isFailure(a) && !isFailure(b) ? b.wallMs / a.wallMs : undefined;
  };
  /** (a) ÷ (c): wall and CPU. */
  const sameLoader = (r: typeof results[number]) => {
    const a = r.cells.get(Column.APPKIT);
    const c = r.cells.get(Column.PLAIN_SAME_LOADER);
    return a && c && !isFailure(a) && !isFailure(c)
      ? { wall: a.wallMs / c.wallMs, cpu: a.cpuMs !== undefined && c.cpuMs ? a.cpuMs / c.cpuMs : undefined }
      : undefined;
  };
  const table = markdownTable(
    ['Whole process (wall · cpu · peak RSS)', ...results.map((r) => `${r.size} components (${r.objects} objects)`)],
    [
      ...[...new Set(results.flatMap((r) => [...r.cells.keys()]))]
        .map((c) => [c, ...results.map((r) => cellText(r.cells.get(c)))]),
      ['(b) ÷ (a), cache warm / empty', ...results.map((r) => `${ratio(speedup(r))} / ${ratio(speedup(r, Column.APPKIT_COLD))}`)],
      ['(a) ÷ (c), same loader: wall / CPU', ...results.map((r) => `${ratio(sameLoader(r)?.wall)} / ${ratio(sameLoader(r)?.cpu)}`)],
      ['YAML written, appkit / plain', ...results.map((r) => `${Math.round((r.bytes[Variant.APPKIT] ?? 0) / 1024)} / ${Math.round((r.bytes[Variant.PLAIN] ?? 0) / 1024)} KiB`)],
    ],
  );

  const checks: TargetCheck[] = [];
  const at = results.find((r) => r.size === SCALE_SIZE);
  const a = at?.cells.get(Column.APPKIT);
  const okA = a && !isFailure(a) ? a : undefined;
  checks.push(
    { target: `${SCALE_SIZE} components, (a) end to end wall`, measured: seconds(okA?.wallMs), goal: `≤ ${seconds(WALL_TARGET_MS)}`, met: okA ? okA.wallMs <= WALL_TARGET_MS : undefined },
    { target: `${SCALE_SIZE} components, (a) peak RSS`, measured: mebibytes(okA?.rssMiB), goal: `≤ ${RSS_TARGET_MIB} MiB`, met: okA?.rssMiB !== undefined ? okA.rssMiB <= RSS_TARGET_MIB : undefined },
  );
  const s = at ? speedup(at) : undefined;
  checks.push({ target: `${SCALE_SIZE} components, (b) plain default way ÷ (a)`, measured: ratio(s), goal: `≥ ${ratio(SPEEDUP_TARGET)}`, met: s === undefined ? undefined : s >= SPEEDUP_TARGET });
  const same = at ? sameLoader(at) : undefined;
  checks.push({
    target: `${SCALE_SIZE} components, (a) ÷ (c) plain cdk8s-plus through the same loader, wall (CPU)`,
    measured: same ? `${ratio(same.wall)} (CPU ${ratio(same.cpu)})` : 'n/a',
    goal: `≤ ${ratio(SAME_LOADER_TARGET)}`,
    met: same === undefined ? undefined : same.wall <= SAME_LOADER_TARGET,
  });

  const body = [
    table,
    '',
    `(a) runs each generated main.ts with \`${entry.script.replace(/main\.ts$/, '<main.ts>')}\` (package.json \`synth\`); (c) runs the plain `
      + 'cdk8s-plus program with that very command and the same warm transpile cache, so only the synth differs. '
      + `Each cell: median wall · CPU (user + system) · peak RSS of ${options.runs} runs (whole process, fresh outdir). Components are defined once and `
      + 'synthesized for 2 environments (staging, production) in apps of 10 (one chart per app per environment in both variants); '
      + 'appkit adds Guardrails and a CapacityCheck per environment (like main.ts), kustomization.yaml and the capacity reports. Object counts of every output '
      + `are checked against the spec. Markers: ${mark(true)} met, ${mark(false)} missed.`,
  ].join('\n');
  return {
    title: 'Scale: generated apps, whole process',
    body,
    checks,
    data: results.map((r) => ({
      size: r.size,
      objects: r.objects,
      bytes: r.bytes,
      cells: Object.fromEntries([...r.cells].map(([k, c]) => [k, isFailure(c) ? c : { wallMs: c.wallMs, cpuMs: c.cpuMs, rssMiB: c.rssMiB, samples: c.samples.map((x) => x.wallMs) }])),
    })),
  };
}

/** The measurement, or a failure when the output is not exactly the spec's objects. */
function verified(cell: Cell, outdir: string, app: GeneratedApp): Cell {
  if (isFailure(cell)) {
    return cell;
  }
  const diff = diffCounts(countObjects(outdir).kinds, expectedObjectCounts(app.spec));
  return diff.length === 0 ? cell : { error: `error: wrong objects in ${path.relative(process.cwd(), outdir)}: ${diff.join(', ')}` };
}
