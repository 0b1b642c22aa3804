// Command line of `cdk8s-appkit capacity`. Hand-written (no argument library): the CLI must
// start fast and the grammar is small.
import { Headroom } from '../capacity/headroom';
import { closest } from '../kubernetes/private/edit-distance';
import { isQualifiedName } from '../kubernetes/validation';
import { MissingRequestsLevel, SurgePolicy } from '../capacity/plan';
import { DEFAULT_MAX_INPUT_BYTES } from '../manifests/read-files';

/** `--format`. */
export enum OutputFormat {
  /** The Markdown report (readable as plain text). */
  TEXT = 'text',
  /** The CapacityPlan as stable JSON. */
  JSON = 'json',
}

export interface CapacityArgs {
  /** `--nodes` files, in the order given. */
  readonly nodeFiles: string[];
  /** Manifest files or folders; `-` is stdin. */
  readonly inputs: string[];
  /** `--headroom`: `1`, `general=1,gpu=0` or `zone`. */
  readonly headroom: Headroom;
  /** `--suggest-nodes`: also say, per pool, how many nodes everything needs. */
  readonly suggestNodes: boolean;
  readonly missingRequests: MissingRequestsLevel;
  readonly surge: SurgePolicy;
  readonly poolLabel?: string;
  /** `--namespace`: namespace of objects without one (like `kubectl -n`). */
  readonly namespace: string;
  readonly format: OutputFormat;
  /** `--svg <file>`: also write the SVG picture there. */
  readonly svgFile?: string;
  /** `--title <text>`: first heading of the report. */
  readonly title?: string;
  /** `-R`, `--recursive`: read sub-folders of folder inputs too. */
  readonly recursive: boolean;
  /** `--max-input-bytes <n>`: largest file or stdin read, in bytes (default 64 MiB). */
  readonly maxInputBytes: number;
  readonly help: boolean;
}

/** A command-line mistake: printed with the usage line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const CAPACITY_USAGE = 'usage: cdk8s-appkit capacity --nodes <file> [--nodes <file>...] [options] <file-or-dir|->...';

export const CAPACITY_HELP = `${CAPACITY_USAGE}

Simulates kube-scheduler placing every pod of the manifests on the nodes and reports
whether everything fits (Markdown on stdout).

Arguments:
  <file-or-dir>...           YAML/JSON manifests: files, folders (the *.yaml, *.yml and
                             *.json files directly inside) or - for stdin
                             (e.g. helm template … | cdk8s-appkit capacity … -)

Options:
  --nodes <file>             Node objects (kubectl get nodes -o yaml) and/or NodePool
                             documents (apiVersion: capacity.cdk8s-appkit.io/v1alpha1);
                             repeatable
  --headroom <k>             also require a fit with the k largest nodes of any one pool
                             lost (N+k); per pool: general=1,gpu=0; or zone: the largest
                             topology.kubernetes.io/zone of any one pool lost [default: 0]
  --suggest-nodes            also print, per pool, the smallest node count at which
                             everything fits with the headroom (the exit status stays
                             the verdict for the nodes as given)
  --missing-requests <level> containers without cpu/memory requests:
                             error | warn | ignore                      [default: error]
  --surge <policy>           rolling-update surge pods to budget for:
                             each-rollout (each workload's rollout on its
                             own) | none | largest-rollout | all-rollouts
                                                                 [default: each-rollout]
  -n, --namespace <name>     namespace of objects that set none, like
                             kubectl -n                            [default: default]
  --pool-label <label>       node label naming the pool of a Node object
  --format <format>          text (Markdown report) | json (stable JSON) [default: text]
  --svg <file>               also write the node utilisation picture as SVG
  --title <text>             first heading of the report   [default: Capacity report]
  -R, --recursive            also read the sub-folders of folder arguments
                             (manifests and --nodes)
  --max-input-bytes <n>      largest file or stdin accepted, in bytes; Ki, Mi
                             and Gi suffixes allowed             [default: 64Mi]
  -h, --help                 show this help

Options other than --nodes take one value and are given at most once.

Exit status: 0 everything fits, 1 something does not fit, 2 bad input or usage.
Set CDK8S_APPKIT_DEBUG=1 to get stack traces of errors.
`;

const MISSING: Record<string, MissingRequestsLevel> = {
  error: MissingRequestsLevel.ERROR,
  warn: MissingRequestsLevel.WARNING,
  warning: MissingRequestsLevel.WARNING,
  ignore: MissingRequestsLevel.IGNORE,
};
const SURGE: Record<string, SurgePolicy> = {
  'each-rollout': SurgePolicy.EACH_ROLLOUT,
  'none': SurgePolicy.NONE,
  'largest-rollout': SurgePolicy.LARGEST_ROLLOUT,
  'all-rollouts': SurgePolicy.ALL_ROLLOUTS,
};
const HEADROOM_FIX = 'use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone';
const FORMAT: Record<string, OutputFormat> = { text: OutputFormat.TEXT, markdown: OutputFormat.TEXT, json: OutputFormat.JSON };

/**
 * An example value of each option, shown as the fix of every mistake in its value. Every option
 * here but --nodes takes one value: given twice, it is refused (never the last one silently).
 */
const EXAMPLES: Record<string, string> = {
  '--nodes': 'nodes.yaml',
  '--headroom': '1',
  '--missing-requests': 'warn',
  '--surge': 'none',
  '--pool-label': 'eks.amazonaws.com/nodegroup',
  '--namespace': 'shop',
  '--format': 'json',
  '--svg': 'capacity.svg',
  '--title': '"Production capacity"',
  '--max-input-bytes': '128Mi',
};
/** Options that may be given more than once (each adds a value). */
const REPEATABLE = new Set(['--nodes']);
/** Short names of options. */
const ALIASES: Record<string, string> = { '-n': '--namespace' };

/** `use e.g. --headroom 1` */
function example(option: string): string {
  return `use e.g. ${option} ${EXAMPLES[option]}`;
}

/** Parses the arguments after `capacity`. @throws UsageError */
export function parseCapacityArgs(argv: readonly string[]): CapacityArgs {
  const nodeFiles: string[] = [];
  const inputs: string[] = [];
  let headroom = Headroom.nodes(0);
  let suggestNodes = false;
  let missingRequests = MissingRequestsLevel.ERROR;
  let surge = SurgePolicy.EACH_ROLLOUT;
  let namespace = 'default';
  let poolLabel: string | undefined;
  let format = OutputFormat.TEXT;
  let svgFile: string | undefined;
  let title: string | undefined;
  let recursive = false;
  let maxInputBytes = DEFAULT_MAX_INPUT_BYTES;
  let help = false;
  /** Value of each single-valued option given so far. */
  const given = new Map<string, string>();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      inputs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') {
      help = true;
      continue;
    }
    if (arg === '--suggest-nodes') {
      suggestNodes = true;
      continue;
    }
    if (arg === '-R' || arg === '--recursive') {
      recursive = true;
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      inputs.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const name = ALIASES[written] ?? written;
    const value = (): string => {
      let v: string;
      if (eq > 0 && arg.startsWith('--')) {
        v = arg.slice(eq + 1);
      } else {
        const next = argv[i + 1];
        if (next === undefined || (next.startsWith('--') && next.length > 2)) {
          throw new UsageError(`option ${written} needs a value: ${example(name)}`);
        }
        i++;
        v = next;
      }
      if (v === '' && name !== '--title') {
        throw new UsageError(`option ${written} needs a value, got an empty one: ${example(name)}`);
      }
      if (!REPEATABLE.has(name)) {
        const first = given.get(name);
        if (first !== undefined) {
          throw new UsageError(`option ${name} is given twice, ${JSON.stringify(first)} and ${JSON.stringify(v)}, and takes one value: keep one of the two`);
        }
        given.set(name, v);
      }
      return v;
    };
    const choice = <T>(table: Record<string, T>): T => {
      const v = value();
      if (!Object.prototype.hasOwnProperty.call(table, v)) {
        throw new UsageError(`option ${written} must be one of ${Object.keys(table).join(', ')}, got ${JSON.stringify(v)}: ${example(name)}`);
      }
      return table[v];
    };
    switch (name) {
      case '--nodes':
        nodeFiles.push(value());
        break;
      case '--headroom': {
        const v = value();
        // A number that is not a whole one, or past 2^53: the sentence of a count, with the fix.
        if (/^[+-]?[\d.]+(e[+-]?\d+)?$/i.test(v) && !(/^\d+$/.test(v) && Number.isSafeInteger(Number(v)))) {
          const limit = /^\d+$/.test(v) ? ` and at most ${Number.MAX_SAFE_INTEGER}` : '';
          throw new UsageError(`option --headroom must be a whole number of nodes ≥ 0${limit}, got ${JSON.stringify(v)}: ${HEADROOM_FIX}`);
        }
        try {
          headroom = Headroom.parse(v);
        } catch (e) {
          throw new UsageError(`option --headroom: ${(e as Error).message}: ${HEADROOM_FIX}`);
        }
        break;
      }
      case '--missing-requests':
        missingRequests = choice(MISSING);
        break;
      case '--surge':
        surge = choice(SURGE);
        break;
      case '--pool-label': {
        const v = value();
        // A node label key (IsQualifiedName): any other text could never name a pool.
        const problem = isQualifiedName(v)[0];
        if (problem !== undefined) {
          throw new UsageError(`option --pool-label must be a node label key, got ${JSON.stringify(v)} (${problem}): ${example(name)}`);
        }
        poolLabel = v;
        break;
      }
      case '--namespace': {
        const v = value();
        // ValidateNamespaceName: a DNS-1123 label.
        if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(v) || v.length > 63) {
          throw new UsageError(`option --namespace must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit), got ${JSON.stringify(v)}: ${example(name)}`);
        }
        namespace = v;
        break;
      }
      case '--format':
        format = choice(FORMAT);
        break;
      case '--svg':
        svgFile = value();
        break;
      case '--title':
        title = value();
        break;
      case '--max-input-bytes': {
        const v = value();
        const m = /^(\d+)(Ki|Mi|Gi)?$/.exec(v);
        const n = m ? Number(m[1]) * (m[2] ? 1024 ** ({ Ki: 1, Mi: 2, Gi: 3 } as Record<string, number>)[m[2]] : 1) : NaN;
        if (!Number.isSafeInteger(n) || n < 1) {
          throw new UsageError(`option --max-input-bytes must be a whole number of bytes ≥ 1, with an optional Ki, Mi or Gi suffix, at most ${Number.MAX_SAFE_INTEGER} bytes, got ${JSON.stringify(v)}: ${example(name)}`);
        }
        maxInputBytes = n;
        break;
      }
      default: {
        const near = closest(name, [...Object.keys(EXAMPLES), '--suggest-nodes', '--recursive', '--help']);
        throw new UsageError(`unknown option ${name}${near ? `: did you mean ${near}?` : ''}`);
      }
    }
  }

  if (!help) {
    if (nodeFiles.length === 0) {
      throw new UsageError('--nodes is required: give the Node objects or NodePool file the workloads must fit on');
    }
    if (inputs.length === 0) {
      throw new UsageError('no manifests given: pass YAML files or folders, or - to read stdin');
    }
    if (inputs.filter((x) => x === '-').length + nodeFiles.filter((x) => x === '-').length > 1) {
      throw new UsageError('stdin (-) can be read only once');
    }
  }
  return { nodeFiles, inputs, headroom, suggestNodes, missingRequests, surge, poolLabel, namespace, format, svgFile, title, recursive, maxInputBytes, help };
}
