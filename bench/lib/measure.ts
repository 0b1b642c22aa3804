// Whole-process measurement: wall time (hrtime around the child), CPU time (user + system of the
// whole process tree: robust when other work shares the machine) and peak RSS (GNU time's %M,
// the largest resident set of any process in the child's tree). Without /usr/bin/time, every
// node process of the tree reports its own `process.resourceUsage()` through the rss-probe
// preload: CPU is summed, RSS is the largest.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const GNU_TIME = '/usr/bin/time';
const RSS_PROBE = path.join(__dirname, '..', 'probes', 'rss-probe.js');
/** Peak RSS (KiB), user and system CPU seconds: the format of GNU time and of the probe's lines. */
const TIME_FORMAT = '%M %U %S';
const TIME_LINE = /^(\d+) ([\d.]+) ([\d.]+)\s*$/m;

export interface Command {
  /** Executable (`node`, `npx`, `npm`). */
  readonly cmd: string;
  readonly args: readonly string[];
  /** @default - the repo root */
  readonly cwd?: string;
  /** Added to process.env. @default - none */
  readonly env?: Readonly<Record<string, string>>;
  /** Measure even when the command exits non-zero (the exit code is in the sample). @default false */
  readonly acceptFailure?: boolean;
}

/** One run of one process. */
export interface Sample {
  readonly wallMs: number;
  /** User + system CPU time of the process tree, undefined when it could not be measured. */
  readonly cpuMs?: number;
  /** Peak RSS in MiB, undefined when it could not be measured. */
  readonly rssMiB?: number;
  /** What the child printed on stdout (used by the in-process probes). */
  readonly stdout: string;
  readonly exitCode: number;
}

/** Median over several runs. */
export interface Measurement {
  readonly wallMs: number;
  readonly cpuMs?: number;
  readonly rssMiB?: number;
  readonly runs: number;
  readonly samples: readonly Sample[];
}

export class CommandFailed extends Error {}

let gnuTimeWorks: boolean | undefined;

/** Whether /usr/bin/time is GNU time (supports -f and -o). */
export function hasGnuTime(): boolean {
  if (gnuTimeWorks === undefined) {
    const probe = spawnSync(GNU_TIME, ['-f', TIME_FORMAT, 'true'], { encoding: 'utf8' });
    gnuTimeWorks = probe.status === 0 && TIME_LINE.test(probe.stderr);
  }
  return gnuTimeWorks;
}

/** Runs the command once and measures it; throws CommandFailed (with its stderr) on a non-zero exit. */
export function runOnce(command: Command, repoRoot: string): Sample {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-bench-run-'));
  try {
    const rssFile = path.join(scratch, 'rss');
    const env: NodeJS.ProcessEnv = { ...process.env, ...command.env };
    let cmd = command.cmd;
    let args = [...command.args];
    if (hasGnuTime()) {
      args = ['-f', TIME_FORMAT, '-o', rssFile, cmd, ...args];
      cmd = GNU_TIME;
    } else {
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --require ${RSS_PROBE}`.trim();
      env.APPKIT_BENCH_RSS_FILE = rssFile;
    }
    const start = process.hrtime.bigint();
    const child = spawnSync(cmd, args, {
      cwd: command.cwd ?? repoRoot,
      env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
    if (child.error) {
      throw new CommandFailed(`${describe(command)}: ${child.error.message}`);
    }
    if (child.status !== 0 && !command.acceptFailure) {
      const tail = `${child.stdout}\n${child.stderr}`.trim().split('\n').slice(-15).join('\n');
      throw new CommandFailed(`${describe(command)} exited with ${child.status}:\n${tail}`);
    }
    return { wallMs, ...readUsage(rssFile), stdout: child.stdout, exitCode: child.status ?? 1 };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs the command `runs` times (after `prepare` before each run, untimed) and returns the
 * medians. With `warmup`, one untimed run first fills the OS file cache, so the first sample is
 * not an outlier caused by cold disk reads.
 */
export function measure(command: Command, repoRoot: string, runs: number, prepare?: () => void, warmup = true): Measurement {
  if (warmup) {
    prepare?.();
    runOnce(command, repoRoot);
  }
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    prepare?.();
    samples.push(runOnce(command, repoRoot));
  }
  const rss = samples.map((s) => s.rssMiB).filter((r): r is number => r !== undefined);
  const cpu = samples.map((s) => s.cpuMs).filter((r): r is number => r !== undefined);
  return {
    wallMs: median(samples.map((s) => s.wallMs)),
    cpuMs: cpu.length === samples.length ? median(cpu) : undefined,
    rssMiB: rss.length === samples.length ? median(rss) : undefined,
    runs,
    samples,
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function describe(command: Command): string {
  return [command.cmd, ...command.args].join(' ');
}

// GNU time writes one line (it may add a "Command exited with non-zero status" line); the probe
// writes one line per node process. RSS in KiB, CPU in seconds.
function readUsage(file: string): { rssMiB?: number; cpuMs?: number } {
  if (!fs.existsSync(file)) {
    return {};
  }
  const lines = fs.readFileSync(file, 'utf8').split('\n')
    .map((line) => TIME_LINE.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  if (lines.length === 0) {
    return {};
  }
  return {
    rssMiB: Math.max(...lines.map((m) => Number(m[1]))) / 1024,
    cpuMs: lines.reduce((sum, m) => sum + (Number(m[2]) + Number(m[3])) * 1000, 0),
  };
}
