// Command line of `npm run bench` (`node bench/run.js [options]`).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export enum Section {
  ENTRY = 'entry',
  SCALE = 'scale',
  IN_PROCESS = 'inprocess',
  CAPACITY = 'capacity',
  TESTS = 'tests',
}

export interface BenchOptions {
  /** Timed runs per measurement (median reported). */
  readonly runs: number;
  /** Synths per in-process probe after the first (cold) one. */
  readonly warmIterations: number;
  /** One untimed run before the timed ones (fills the file cache). */
  readonly warmup: boolean;
  /** Component counts of the generated apps. */
  readonly sizes: number[];
  readonly sections: Set<Section>;
  /** Folder with @swc/core, tsx, sucrase installed (alternative synth entries), if any. */
  readonly altDir?: string;
  /** Also run the generated apps through the alternative entries (slow at 1,000 components). */
  readonly altScale: boolean;
  readonly quick: boolean;
  /** Write the Targets table into README.md's bench block (needs every section and size 1,000). */
  readonly writeReadme: boolean;
  readonly help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]

Measures synth, capacity simulation and tests as whole processes (median of several runs) and
prints Markdown tables with the issue #5 / #3 targets. Writes only under .bench/ (gitignored).

Options:
  --quick              2 runs, 1 warm in-process iteration, no warm-up runs
  --runs <n>           timed runs per measurement (env BENCH_RUNS)      [default: 5]
  --sizes <list>       component counts of the generated apps            [default: 10,100,1000]
  --only <list>        sections: entry,scale,inprocess,capacity,tests    [default: all but tests]
  --with-tests         also time \`npm test\` (slow: tsc --noEmit + jest)
  --alt-dir <dir>      folder where @swc/core and tsx are installed, to measure them as synth
                       entries (env BENCH_ALT_DIR) [default: $TMPDIR/appkit-bench-alt if present]
                       e.g. npm --prefix /tmp/appkit-bench-alt i @swc/core tsx sucrase
  --alt-scale          also run the generated apps through those entries
  --write-readme       write the Targets table into README.md (between its bench markers);
                       needs a full run: every section (so --with-tests) and size 1000
  -h, --help           show this help
`;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const args = [...argv];
  let quick = false;
  let runs: number | undefined = env.BENCH_RUNS ? positiveInt('BENCH_RUNS', env.BENCH_RUNS) : undefined;
  let sizes = [10, 100, 1000];
  let only: Section[] | undefined;
  let withTests = false;
  let altDir = env.BENCH_ALT_DIR;
  let help = false;
  let altScale = false;
  let writeReadme = false;
  while (args.length > 0) {
    const arg = args.shift()!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? args.shift();
      if (v === undefined) {
        throw new Error(`${flag} needs a value\n\n${USAGE}`);
      }
      return v;
    };
    switch (flag) {
      case '--quick': quick = true; break;
      case '--runs': runs = positiveInt('--runs', value()); break;
      case '--sizes': sizes = value().split(',').map((s) => positiveInt('--sizes', s)); break;
      case '--only': only = value().split(',').map(section); break;
      case '--with-tests': withTests = true; break;
      case '--alt-dir': altDir = value(); break;
      case '--alt-scale': altScale = true; break;
      case '--write-readme': writeReadme = true; break;
      case '-h': case '--help': help = true; break;
      default: throw new Error(`unknown option ${arg}\n\n${USAGE}`);
    }
  }
  const sections = new Set(only ?? [Section.ENTRY, Section.SCALE, Section.IN_PROCESS, Section.CAPACITY]);
  if (withTests) {
    sections.add(Section.TESTS);
  }
  if (writeReadme && (sections.size < Object.values(Section).length || !sizes.includes(1000))) {
    throw new Error('--write-readme needs a full run (the README table has every target): use it with --with-tests, without --only, with 1000 in --sizes');
  }
  const defaultAlt = path.join(os.tmpdir(), 'appkit-bench-alt');
  if (altDir === undefined && fs.existsSync(defaultAlt)) {
    altDir = defaultAlt;
  }
  return {
    runs: runs ?? (quick ? 2 : 5),
    warmIterations: quick ? 1 : 2,
    warmup: !quick,
    sizes,
    sections,
    altDir: altDir === undefined ? undefined : path.resolve(altDir),
    altScale,
    quick,
    writeReadme,
    help,
  };
}

function positiveInt(name: string, s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`${name} must be a positive integer, got ${JSON.stringify(s)}`);
  }
  return n;
}

function section(s: string): Section {
  const all = Object.values(Section) as string[];
  if (!all.includes(s)) {
    throw new Error(`--only: unknown section ${JSON.stringify(s)}: use ${all.join(', ')}`);
  }
  return s as Section;
}
