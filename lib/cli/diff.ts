// `cdk8s-appkit diff [--base <git-ref>] [--format text|markdown|json] [dist-dir]`: what a
// change does to each cluster, object by object, against the dist/ of a commit. Loads no cdk8s.
import { diffDist } from '../gitops/dist-diff';
import { DiffInputError, readDistAtCommit, readDistOnDisk, resolveBase } from '../gitops/dist-files';
import { DiffSubject, renderDiffJson, renderDiffMarkdown, renderDiffText } from '../gitops/diff-report';
import { UsageError } from './capacity-args';

/** `--format` of `diff`. */
export enum DiffFormat {
  TEXT = 'text',
  MARKDOWN = 'markdown',
  JSON = 'json',
}

export interface DiffArgs {
  /** @default 'HEAD' */
  readonly base: string;
  readonly format: DiffFormat;
  /** @default 'dist' */
  readonly distDir: string;
  readonly help: boolean;
}

export const DIFF_NO_CHANGE = 0;
export const DIFF_CHANGES = 1;
export const DIFF_BAD_INPUT = 2;

export const DIFF_USAGE = 'usage: cdk8s-appkit diff [--base <git-ref>] [--format text|markdown|json] [dist-dir]';

export const DIFF_HELP = `${DIFF_USAGE}

Compares the dist folder on disk with the one committed at a git ref, object by object
(group, kind, namespace, name) in each environment folder: added, removed, renamed and
changed objects with their changed fields (old → new; Secret contents are never shown),
and the capacity effect from each environment's capacity.md.

Arguments:
  dist-dir                  the synthesized output                        [default: dist]

Options:
  --base <git-ref>          the commit to compare with, e.g. origin/main  [default: HEAD]
  --format <format>         text | markdown (for a pull-request comment) | json
                                                                          [default: text]
  -h, --help                show this help

Exit codes: 0 no object changed, 1 objects changed, 2 bad input (not a git repository,
unknown ref, unreadable YAML).
`;

const DIFF_EXAMPLES: Record<string, string> = { '--base': 'origin/main', '--format': 'markdown' };

export function parseDiffArgs(argv: readonly string[]): DiffArgs {
  let base = 'HEAD';
  let format = DiffFormat.TEXT;
  let help = false;
  const positional: string[] = [];
  /** Value of each option given so far: each takes one value, given at most once. */
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const valueOf = () => {
      const fix = `use e.g. ${flag} ${DIFF_EXAMPLES[flag]}`;
      let v = inline;
      if (v === undefined) {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) throw new UsageError(`${flag} needs a value: ${fix}`);
        i++;
        v = next;
      }
      if (v === '') throw new UsageError(`${flag} needs a value, got an empty one: ${fix}`);
      const first = given.get(flag);
      if (first !== undefined) {
        throw new UsageError(`option ${flag} is given twice, ${JSON.stringify(first)} and ${JSON.stringify(v)}, and takes one value: keep one of the two`);
      }
      given.set(flag, v);
      return v;
    };
    if (flag === '-h' || flag === '--help') {
      help = true;
    } else if (flag === '--base') {
      base = valueOf();
    } else if (flag === '--format') {
      const f = valueOf();
      if (!Object.values(DiffFormat).includes(f as DiffFormat)) {
        throw new UsageError(`--format must be text, markdown or json, got ${JSON.stringify(f)}: use e.g. --format markdown`);
      }
      format = f as DiffFormat;
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UsageError(`unknown option ${JSON.stringify(flag)}`);
    } else {
      positional.push(arg);
    }
  }
  if (positional.length > 1) {
    throw new UsageError(`expected one dist folder, got ${positional.length}: ${positional.join(' ')}: give one, e.g. cdk8s-appkit diff dist`);
  }
  return { base, format, distDir: positional[0] ?? 'dist', help };
}

/** Runs the diff; writes the report to `stdout` and returns the exit code. Throws DiffInputError on bad input. */
export function runDiff(args: DiffArgs, stdout: (text: string) => void): number {
  const base = resolveBase(args.distDir, args.base);
  const before = readDistAtCommit(base);
  const after = readDistOnDisk(args.distDir);
  if (before.size === 0 && after.size === 0) {
    throw new DiffInputError(`${args.distDir} holds no manifests on disk nor at ${args.base}: run npm run synth first, or pass the dist folder`);
  }
  const prefix = base.distPath === '' ? '' : `${base.distPath}/`;
  const diff = diffDist(before, after, `${args.base}:${prefix}`, `${args.distDir.replace(/\/+$/, '')}/`);
  const subject: DiffSubject = { distDir: args.distDir, ref: args.base, commit: base.commit };
  const render = args.format === DiffFormat.MARKDOWN ? renderDiffMarkdown : args.format === DiffFormat.JSON ? renderDiffJson : renderDiffText;
  stdout(render(diff, subject));
  return diff.changes === 0 ? DIFF_NO_CHANGE : DIFF_CHANGES;
}

/** True for the diff's bad-input errors. */
export function isDiffInputError(e: unknown): boolean {
  return e instanceof DiffInputError;
}
