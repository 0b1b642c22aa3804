// `npm test` (tsc --noEmit + jest --ci) wall time: the suite must stay fast enough to run on save.
import { measure } from '../lib/measure';
import { markdownTable, mebibytes, seconds } from '../lib/table';
import { BenchContext, SectionResult, attempt, failureCell, isFailure } from './section';

const TEST_TARGET_MS = 60_000;
/** Issue 11: CPU (user + system of the process tree) below the ~76 s measured before it. */
const TEST_CPU_BEFORE_MS = 76_000;

export function testsSection(ctx: BenchContext): SectionResult {
  ctx.log('tests: npm test');
  // One run, no warm-up: the suite is slow and its own caches (jest) are what a developer has too.
  const result = attempt(() => measure({ cmd: 'npm', args: ['test'], acceptFailure: true }, ctx.repoRoot, 1, undefined, false));
  const table = markdownTable(['Tests', 'Wall', 'CPU', 'Peak RSS'], [
    [
      '`npm test` (tsc --noEmit + jest --ci)',
      isFailure(result) ? failureCell(result) : `${seconds(result.wallMs)}${result.samples[0].exitCode === 0 ? '' : ` (exit ${result.samples[0].exitCode}: tests failed)`}`,
      isFailure(result) ? '' : seconds(result.cpuMs),
      isFailure(result) ? '' : mebibytes(result.rssMiB),
    ],
  ]);
  return {
    title: 'Tests',
    body: `${table}\n\nOne run (jest's cache as a developer has it).`,
    checks: [{
      target: '`npm test` wall',
      measured: isFailure(result) ? 'n/a' : seconds(result.wallMs),
      goal: `≤ ${seconds(TEST_TARGET_MS)}`,
      met: isFailure(result) ? undefined : result.wallMs <= TEST_TARGET_MS,
    }, {
      target: '`npm test` CPU (user + system)',
      measured: isFailure(result) || result.cpuMs === undefined ? 'n/a' : seconds(result.cpuMs),
      goal: `< ${seconds(TEST_CPU_BEFORE_MS)}`,
      met: isFailure(result) || result.cpuMs === undefined ? undefined : result.cpuMs < TEST_CPU_BEFORE_MS,
    }],
    data: isFailure(result) ? result : { wallMs: result.wallMs, cpuMs: result.cpuMs, rssMiB: result.rssMiB },
  };
}
