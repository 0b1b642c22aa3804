// `npm run bench`: measures synth (repo main.ts and generated apps of 10/100/1,000 components,
// cdk8s-appkit vs plain cdk8s-plus-27), in-process synth cost, the capacity simulation and CLI,
// and optionally `npm test`, then prints Markdown tables with the targets of issues #5 and #3.
// Writes only under .bench/ (gitignored): generated apps, outputs, results.md, results.json.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hasGnuTime } from './lib/measure';
import { BenchOptions, Section, USAGE, parseOptions } from './lib/options';
import { replaceReadmeBlock } from './lib/readme-block';
import { mark, markdownTable } from './lib/table';
import { Workspace } from './lib/workspace';
import { capacitySection } from './sections/capacity';
import { entrySection } from './sections/entry';
import { inProcessSection } from './sections/in-process';
import { scaleSection } from './sections/scale';
import { BenchContext, SectionResult, TargetCheck } from './sections/section';
import { testsSection } from './sections/tests';

const SECTIONS: { readonly section: Section; readonly run: (ctx: BenchContext) => SectionResult }[] = [
  { section: Section.ENTRY, run: entrySection },
  { section: Section.SCALE, run: scaleSection },
  { section: Section.IN_PROCESS, run: inProcessSection },
  { section: Section.CAPACITY, run: capacitySection },
  { section: Section.TESTS, run: testsSection },
];

export function runBench(argv: readonly string[]): number {
  let options: BenchOptions;
  try {
    options = parseOptions(argv, process.env);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const repoRoot = path.resolve(__dirname, '..');
  const workspace = new Workspace(repoRoot);
  const started = Date.now();
  const ctx: BenchContext = {
    repoRoot,
    workspace,
    options,
    log: (message) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`),
  };
  const header = machine(options);
  ctx.log(header.replace(/\n/g, ' '));

  const results: SectionResult[] = [];
  for (const { section, run } of SECTIONS) {
    if (options.sections.has(section)) {
      results.push(run(ctx));
    }
  }

  const checks = results.flatMap((r) => r.checks);
  const report = [
    '## Benchmarks',
    '',
    header,
    '',
    ...results.flatMap((r) => [`### ${r.title}`, '', r.body, '']),
    '### Targets',
    '',
    targetsTable(checks),
    '',
    `Rerun: \`npm run bench\` (\`-- --quick\` for 2 runs, \`-- --with-tests\` to time \`npm test\`, \`-- --help\`).`,
    '',
  ].join('\n');
  process.stdout.write(`\n${report}`);
  fs.writeFileSync(path.join(workspace.root, 'results.md'), report);
  fs.writeFileSync(path.join(workspace.root, 'results.json'), `${JSON.stringify({
    date: new Date().toISOString(), options: { ...options, sections: [...options.sections] }, machine: header,
    sections: results.map((r) => ({ title: r.title, checks: r.checks, data: r.data })),
  }, null, 2)}\n`);
  if (options.writeReadme) {
    const readme = path.join(repoRoot, 'README.md');
    const rerun = 'Rerun: `npm run bench -- --with-tests --write-readme` (about 15 minutes on an idle 2-core machine; `npm run bench -- --help` for partial runs).';
    fs.writeFileSync(readme, replaceReadmeBlock(fs.readFileSync(readme, 'utf8'), [header, '', targetsTable(checks), '', rerun].join('\n')));
    ctx.log('written the Targets table into README.md');
  }
  ctx.log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; written .bench/results.md and .bench/results.json`);
  return 0;
}

function targetsTable(checks: readonly TargetCheck[]): string {
  return markdownTable(['Target', 'Measured', 'Goal', 'Met'], checks.map((c) => [c.target, c.measured, c.goal, mark(c.met)]));
}

function machine(options: BenchOptions): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
  return `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, `
    + `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average at start ${load}; `
    + `median of ${options.runs} runs${options.quick ? ' (--quick)' : ''}; CPU and peak RSS from `
    + `${hasGnuTime() ? "`/usr/bin/time -f '%M %U %S'`" : 'process.resourceUsage() of each node process'}.`;
}

if (require.main === module) {
  process.exitCode = runBench(process.argv.slice(2));
}
