// (c) In-process synth: construct + synth inside one process, module load excluded, for
// cdk8s-appkit (with and without its CapacityCheck) and plain cdk8s-plus-27 on the same objects.
// "Cold" is the first synth of a fresh process (what `npm run synth` pays); "warm" the median
// of the following ones in the same process (steady state, JIT done).
import * as path from 'path';
import { median, runOnce } from '../lib/measure';
import { mark, markdownTable, millis, ratio } from '../lib/table';
import { Variant } from '../lib/workspace';
import { expectedObjectTotal } from '../generators/spec';
import { BenchContext, Failure, SectionResult, TargetCheck, attempt, failureCell, isFailure } from './section';

/** Issue 5: constructs alone. */
const RATIO_TARGET = 1.2;
/** Issue 11: with Guardrails and the CapacityCheck included. */
const FULL_RATIO_TARGET = 0.8;
const TARGET_SIZE = 1000;

interface ProbeOutput {
  readonly loadMs: number;
  readonly iterations: { constructMs: number; synthMs: number; cpuMs: number }[];
}

interface InProcess {
  /** Medians over processes. */
  readonly coldMs: number;
  readonly coldConstructMs: number;
  readonly coldSynthMs: number;
  readonly coldCpuMs: number;
  readonly warmMs: number;
  readonly loadMs: number;
}

export function inProcessSection(ctx: BenchContext): SectionResult {
  const { workspace, options, repoRoot } = ctx;
  const probe = path.join(repoRoot, 'bench', 'probes', 'in-process-synth.ts');
  const variants = [Variant.APPKIT, Variant.APPKIT_NO_CAPACITY, Variant.APPKIT_CONSTRUCTS, Variant.PLAIN];
  const results: { size: number; objects: number; byVariant: Map<Variant, InProcess | Failure> }[] = [];
  for (const size of options.sizes) {
    const byVariant = new Map<Variant, InProcess | Failure>();
    let objects = 0;
    for (const variant of variants) {
      ctx.log(`in-process ${size}: ${variant}`);
      const app = workspace.generateApp(variant, size);
      objects = expectedObjectTotal(app.spec);
      byVariant.set(variant, attempt(() => {
        const outs: ProbeOutput[] = [];
        for (let run = 0; run < options.runs; run++) {
          const outdir = workspace.outdir(`inprocess-${variant}-${size}`);
          const sample = runOnce({
            cmd: process.execPath,
            args: ['-r', 'ts-node/register/transpile-only', probe, app.main, outdir, String(1 + options.warmIterations)],
            cwd: app.dir,
          }, repoRoot);
          outs.push(JSON.parse(sample.stdout.trim().split('\n').pop()!) as ProbeOutput);
        }
        const total = (i: { constructMs: number; synthMs: number }) => i.constructMs + i.synthMs;
        return {
          coldMs: median(outs.map((o) => total(o.iterations[0]))),
          coldConstructMs: median(outs.map((o) => o.iterations[0].constructMs)),
          coldSynthMs: median(outs.map((o) => o.iterations[0].synthMs)),
          coldCpuMs: median(outs.map((o) => o.iterations[0].cpuMs)),
          warmMs: median(outs.flatMap((o) => o.iterations.slice(1).map(total))),
          loadMs: median(outs.map((o) => o.loadMs)),
        };
      }));
    }
    results.push({ size, objects, byVariant });
  }

  const cell = (r: InProcess | Failure | undefined, f: (x: InProcess) => string) => (r === undefined ? 'n/a' : isFailure(r) ? failureCell(r) : f(r));
  const perObject = (ms: number, objects: number) => `${((ms * 1000) / objects).toFixed(0)} µs`;
  const ratios = (r: typeof results[number], variant: Variant) => {
    const a = r.byVariant.get(variant);
    const p = r.byVariant.get(Variant.PLAIN);
    return a && p && !isFailure(a) && !isFailure(p) ? { cold: a.coldMs / p.coldMs, warm: a.warmMs / p.warmMs } : undefined;
  };
  const cpuRatio = (r: typeof results[number], variant: Variant) => {
    const a = r.byVariant.get(variant);
    const p = r.byVariant.get(Variant.PLAIN);
    return a && p && !isFailure(a) && !isFailure(p) ? ratio(a.coldCpuMs / p.coldCpuMs) : 'n/a';
  };
  const row = (label: string, variant: Variant, f: (x: InProcess) => string) =>
    [label, ...results.map((r) => cell(r.byVariant.get(variant), f))];
  const split = (x: InProcess) => `${millis(x.coldMs)} (${millis(x.coldConstructMs)} + ${millis(x.coldSynthMs)}) · cpu ${millis(x.coldCpuMs)}`;
  const table = markdownTable(
    ['In process', ...results.map((r) => `${r.size} components (${r.objects} objects)`)],
    [
      row('appkit (Guardrails + CapacityCheck), cold: total (construct + synth)', Variant.APPKIT, split),
      row('appkit (Guardrails + CapacityCheck), warm', Variant.APPKIT, (x) => millis(x.warmMs)),
      row('appkit with Guardrails, no CapacityCheck, cold', Variant.APPKIT_NO_CAPACITY, split),
      row('appkit constructs only, cold', Variant.APPKIT_CONSTRUCTS, split),
      row('appkit constructs only, warm', Variant.APPKIT_CONSTRUCTS, (x) => millis(x.warmMs)),
      row('plain cdk8s-plus, cold: total (construct + synth)', Variant.PLAIN, split),
      row('plain cdk8s-plus, warm', Variant.PLAIN, (x) => millis(x.warmMs)),
      ['per object cold: appkit / constructs only / plain', ...results.map((r) => {
        const [a, c, p] = [Variant.APPKIT, Variant.APPKIT_CONSTRUCTS, Variant.PLAIN].map((v) => r.byVariant.get(v));
        return [a, c, p].map((x) => (x && !isFailure(x) ? perObject(x.coldMs, r.objects) : 'n/a')).join(' / ');
      })],
      ['appkit ÷ plain, cold CPU', ...results.map((r) => cpuRatio(r, Variant.APPKIT))],
      ['constructs only ÷ plain, cold CPU', ...results.map((r) => cpuRatio(r, Variant.APPKIT_CONSTRUCTS))],
      ['appkit ÷ plain, cold / warm', ...results.map((r) => `${ratio(ratios(r, Variant.APPKIT)?.cold)} / ${ratio(ratios(r, Variant.APPKIT)?.warm)}`)],
      ['constructs only ÷ plain, cold / warm', ...results.map((r) => `${ratio(ratios(r, Variant.APPKIT_CONSTRUCTS)?.cold)} / ${ratio(ratios(r, Variant.APPKIT_CONSTRUCTS)?.warm)}`)],
    ],
  );
  const at = results.find((r) => r.size === TARGET_SIZE) ?? results[results.length - 1];
  const check = (variant: Variant, what: string, target: number): TargetCheck => {
    const q = at ? ratios(at, variant) : undefined;
    return {
      target: `Per object in process, ${what} ÷ plain cdk8s-plus (${at?.size ?? TARGET_SIZE} components, cold)`,
      measured: ratio(q?.cold),
      goal: `≤ ${ratio(target)}`,
      met: q === undefined ? undefined : q.cold <= target,
    };
  };
  const checks: TargetCheck[] = [
    check(Variant.APPKIT_CONSTRUCTS, 'appkit constructs', RATIO_TARGET),
    check(Variant.APPKIT, 'appkit with Guardrails + CapacityCheck', FULL_RATIO_TARGET),
  ];
  const body = [
    table,
    '',
    `Median over ${options.runs} processes; each process loads the generated main.ts (not timed), then builds and synthesizes `
      + `the app ${1 + options.warmIterations} times. Both variants make the same objects, so the per-object ratio is the time ratio. `
      + 'Full appkit time includes what plain cdk8s has no equivalent for: Guardrails (schema and policy checks of every object), the '
      + 'capacity simulation and reports per environment; "constructs only" leaves both out (AppkitApp still validates once, '
      + `writes kustomization.yaml and swaps dist/ atomically). ${mark(true)}/${mark(false)}: see targets.`,
  ].join('\n');
  return {
    title: 'In-process synth (module load excluded)',
    body,
    checks,
    data: results.map((r) => ({ size: r.size, objects: r.objects, variants: Object.fromEntries(r.byVariant) })),
  };
}
