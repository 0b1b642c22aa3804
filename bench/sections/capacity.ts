// Capacity: planCapacity in process on 10,000 pods (500 Deployments × 20) and 1,000 Nodes, and the
// `cdk8s-appkit capacity` CLI (compiled, as installed) on the same set as YAML files against a
// bare node process that only parses those files with the `yaml` package.
import * as path from 'path';
import { Measurement, median, measure, runOnce } from '../lib/measure';
import { markdownTable, mebibytes, millis, ratio, seconds } from '../lib/table';
import { BenchContext, Failure, SectionResult, TargetCheck, attempt, failureCell, isFailure } from './section';

const SIM_TARGET_MS = 500;
const CLI_RATIO_TARGET = 3;

interface SimResult {
  readonly coldMs: number;
  readonly coldCpuMs: number;
  readonly warmMs: number;
  readonly warmCpuMs: number;
  readonly placed: number;
  readonly fits: boolean;
}

export function capacitySection(ctx: BenchContext): SectionResult {
  const { workspace, options, repoRoot } = ctx;
  const set = workspace.writeCapacitySet();
  const files = [set.nodesFile, set.workloadsFile];

  ctx.log('capacity: planCapacity in process');
  const sim: SimResult | Failure = attempt(() => {
    const outs: { iterations: number[]; cpu: number[]; fits: boolean; placed: number; failures?: string[] }[] = [];
    for (let run = 0; run < options.runs; run++) {
      const sample = runOnce({
        cmd: process.execPath,
        args: ['-r', 'ts-node/register/transpile-only', path.join(repoRoot, 'bench', 'probes', 'in-process-capacity.ts'),
          path.join(repoRoot, 'lib', 'index'), ...files, String(1 + options.warmIterations)],
      }, repoRoot);
      outs.push(JSON.parse(sample.stdout.trim().split('\n').pop()!));
    }
    if (!outs[0].fits) {
      throw new Error(`error: the benchmark set should fit but planCapacity says: ${(outs[0].failures ?? []).join(' / ')}`);
    }
    return {
      coldMs: median(outs.map((o) => o.iterations[0])),
      coldCpuMs: median(outs.map((o) => o.cpu[0])),
      warmMs: median(outs.flatMap((o) => o.iterations.slice(1))),
      warmCpuMs: median(outs.flatMap((o) => o.cpu.slice(1))),
      placed: outs[0].placed,
      fits: outs[0].fits,
    };
  });

  const compiled = workspace.compile(ctx.log);
  ctx.log('capacity: CLI whole process');
  const cli: Measurement | Failure = compiled.ok
    ? attempt(() => measure({ cmd: process.execPath, args: [workspace.cliBin, 'capacity', '--nodes', ...files] }, repoRoot, options.runs, undefined, options.warmup))
    : { error: `tsc failed: ${compiled.diagnostics}` };
  ctx.log('capacity: bare YAML parse');
  const parse: Measurement | Failure = attempt(() => measure({
    cmd: process.execPath, args: [path.join(repoRoot, 'bench', 'probes', 'parse-yaml.js'), ...files],
  }, repoRoot, options.runs, undefined, options.warmup));

  const wall = (m: Measurement | Failure) => (isFailure(m) ? failureCell(m) : seconds(m.wallMs));
  const rss = (m: Measurement | Failure) => (isFailure(m) ? '' : mebibytes(m.rssMiB));
  const cpu = (m: Measurement | Failure) => (isFailure(m) ? '' : seconds(m.cpuMs));
  const cliRatio = !isFailure(cli) && !isFailure(parse) ? cli.wallMs / parse.wallMs : undefined;
  const cliCpuRatio = !isFailure(cli) && !isFailure(parse) && cli.cpuMs && parse.cpuMs ? cli.cpuMs / parse.cpuMs : undefined;
  const table = markdownTable(
    ['Capacity', 'Time', 'CPU', 'Peak RSS'],
    [
      [`planCapacity in process, cold (${set.pods} pods, ${set.nodes} nodes)`, isFailure(sim) ? failureCell(sim) : millis(sim.coldMs),
        isFailure(sim) ? '' : millis(sim.coldCpuMs), ''],
      ['planCapacity in process, warm', isFailure(sim) ? '' : millis(sim.warmMs), isFailure(sim) ? '' : millis(sim.warmCpuMs), ''],
      [`\`cdk8s-appkit capacity --nodes nodes.yaml deployments.yaml\` (compiled, whole process)`, wall(cli), cpu(cli), rss(cli)],
      ['bare `node` parsing the same YAML with `yaml` (whole process)', wall(parse), cpu(parse), rss(parse)],
      ['CLI ÷ bare parse (wall / CPU)', `${ratio(cliRatio)} / ${ratio(cliCpuRatio)}`, '', ''],
    ],
  );
  const checks: TargetCheck[] = [
    {
      target: `Capacity simulation, ${set.pods} pods on ${set.nodes} nodes, in process (cold)`,
      measured: isFailure(sim) ? 'n/a' : millis(sim.coldMs),
      goal: `≤ ${millis(SIM_TARGET_MS)}`,
      met: isFailure(sim) ? undefined : sim.coldMs <= SIM_TARGET_MS,
    },
    {
      target: 'CLI whole process ÷ bare YAML parse',
      measured: ratio(cliRatio),
      goal: `≤ ${ratio(CLI_RATIO_TARGET)}`,
      met: cliRatio === undefined ? undefined : cliRatio <= CLI_RATIO_TARGET,
    },
  ];
  const body = `${table}\n\nThe set: ${set.nodes} Node objects in 3 pools (general; high-memory selected by 10% of the Deployments; `
    + `GPU tainted dedicated=gpu:NoSchedule, tolerated by 1%), ${set.deployments} Deployments × 20 replicas, 10% with a `
    + 'DoNotSchedule topology spread on hostname; everything fits. Cold = first planCapacity call of a fresh process, warm = median of later calls '
    + `(median over ${options.runs} processes).`;
  return { title: 'Capacity simulation and CLI', body, checks, data: { sim, cli: strip(cli), parse: strip(parse), set } };
}

function strip(m: Measurement | Failure): unknown {
  return isFailure(m) ? m : { wallMs: m.wallMs, cpuMs: m.cpuMs, rssMiB: m.rssMiB, samples: m.samples.map((s) => s.wallMs) };
}
