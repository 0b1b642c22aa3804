// `cdk8s-appkit` command line. Loads no cdk8s, constructs, ajv or typescript: only the plain
// engine (lib/manifests, lib/scheduler, lib/capacity/plan and the reports) and the `yaml`
// parser, so a CI job pays little more than reading its YAML. Import files directly, never
// lib/capacity/index.ts (which loads the CapacityCheck construct and with it cdk8s).
import * as fs from 'fs';
import { CapacityPlan, CapacityVerdict, planCapacity } from '../capacity/plan';
import { renderCapacityMarkdown } from '../capacity/report-markdown';
import { renderCapacitySvg } from '../capacity/report-svg';
import { ManifestError } from '../manifests/manifest-error';
import { readNodeInputs } from '../manifests/node-inputs';
import { CAPACITY_HELP, CAPACITY_USAGE, CapacityArgs, OutputFormat, parseCapacityArgs, UsageError } from './capacity-args';
import { readStandardInput } from '../manifests/read-files';
import { DIFF_HELP, DIFF_USAGE, isDiffInputError, parseDiffArgs, runDiff } from './diff';
import { describeIoError, readInputs, STDIN_NAME } from './read-inputs';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Gets the size limit in bytes. @default - reads the process's stdin, in chunks, up to the limit */
  readonly readStdin?: (maxBytes: number) => string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export const EXIT_FITS = 0;
export const EXIT_DOES_NOT_FIT = 1;
export const EXIT_BAD_INPUT = 2;

const USAGE = 'usage: cdk8s-appkit <command> [options]';
const HELP = `${USAGE}

Commands:
  capacity    check that the workloads of YAML manifests fit the nodes, with
              kube-scheduler's rules (run 'cdk8s-appkit capacity --help')
  diff        compare dist/ with the dist/ of a git commit, object by object,
              with the capacity effect (run 'cdk8s-appkit diff --help')

Options:
  -h, --help  show this help
`;

/** Runs the command line `argv` (without `node` and the script) and returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  const debug = (io.env ?? process.env).CDK8S_APPKIT_DEBUG === '1';
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      throw new UsageError('no command given');
    }
    if (command === '-h' || command === '--help' || command === 'help') {
      io.stdout(HELP);
      return EXIT_FITS;
    }
    if (command === 'diff') {
      const args = parseDiffArgs(rest);
      if (args.help) {
        io.stdout(DIFF_HELP);
        return EXIT_FITS;
      }
      return runDiff(args, io.stdout);
    }
    if (command !== 'capacity') {
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
    return capacity(parseCapacityArgs(rest), io);
  } catch (e) {
    if (e instanceof UsageError) {
      const usage = command === 'capacity' ? CAPACITY_USAGE : command === 'diff' ? DIFF_USAGE : USAGE;
      const more = command === 'capacity' || command === 'diff' ? `cdk8s-appkit ${command} --help` : 'cdk8s-appkit --help';
      io.stderr(`error: ${e.message}\n${usage}\nRun '${more}' for the options.\n`);
      return EXIT_BAD_INPUT;
    }
    if (debug && e instanceof Error && e.stack) {
      io.stderr(`${e.stack}\n`);
    } else if (ManifestError.isManifestError(e) || isInputError(e) || isDiffInputError(e)) {
      io.stderr(`error: ${sentence((e as Error).message)}\n`);
    } else {
      const message = e instanceof Error ? e.message : String(e);
      io.stderr(`error: internal error: ${message.split('\n')[0]} (set CDK8S_APPKIT_DEBUG=1 for the stack trace).\n`);
    }
    return EXIT_BAD_INPUT;
  }
}

/** Entry point of bin/cdk8s-appkit.js: sets the exit code and lets stdout drain. */
export function runCli(argv: string[]): void {
  process.exitCode = main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

function capacity(args: CapacityArgs, io: CliIo): number {
  if (args.help) {
    io.stdout(CAPACITY_HELP);
    return EXIT_FITS;
  }
  const readStdin = io.readStdin ?? readStandardInput;
  const reading = { maxInputBytes: args.maxInputBytes };

  const { pools, nodes } = readNodeInputs(readInputs(args.nodeFiles, readStdin, { ...reading, recursive: args.recursive }));
  if (pools.length === 0 && nodes.length === 0) {
    throw new ManifestError('no Node or NodePool objects found: give `kubectl get nodes -o yaml` output or NodePool documents', { file: args.nodeFiles.map((f) => (f === '-' ? STDIN_NAME : f)).join(', ') });
  }
  const objects = readInputs(args.inputs, readStdin, { ...reading, recursive: args.recursive });
  const manifests = objects.map((o) => o.object);
  const sources = objects.map((o) => o.source);

  const plan = planOrUsageError({
    manifests,
    sources,
    pools,
    nodes,
    headroom: args.headroom,
    suggest: args.suggestNodes,
    missingRequests: args.missingRequests,
    surge: args.surge,
    poolLabel: args.poolLabel,
    namespace: args.namespace,
  });
  if (plan.workloads.length === 0) {
    // An empty stream (a failed `helm template` piped in) must never read as "Fits: 0 pods".
    throw new ManifestError(`no workloads found in ${args.inputs.map((i) => (i === '-' ? STDIN_NAME : i)).join(', ')}: ${whatWasFound(manifests, plan)}give manifests with Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs or Pods`);
  }

  if (args.svgFile !== undefined) {
    writeSvg(args.svgFile, plan, args.title);
  }
  if (args.format === OutputFormat.JSON) {
    io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
  } else {
    io.stdout(renderCapacityMarkdown(plan, { title: args.title }));
    if (!plan.fits) {
      const what = plan.verdict === CapacityVerdict.CANNOT_VERIFY ? 'the plan cannot be verified (containers without requests)' : 'the workloads do not fit';
      io.stderr(`error: ${what}: ${plan.failures.length} failure${plan.failures.length === 1 ? '' : 's'}, listed under "Failures" above.\n`);
    }
  }
  return plan.fits ? EXIT_FITS : EXIT_DOES_NOT_FIT;
}

/**
 * What the input held when no workload was found: `it holds 2 objects, none of which run pods
 * (Service, ConfigMap); `, or the objects whose pods are not counted (kinds not modelled).
 */
function whatWasFound(manifests: readonly { kind?: unknown }[], plan: CapacityPlan): string {
  if (manifests.length === 0) return '';
  const objects = `${manifests.length} object${manifests.length === 1 ? '' : 's'}`;
  const kinds = [...new Set(manifests.map((m) => String(m.kind)))];
  const shown = kinds.length <= 5 ? kinds.join(', ') : `${kinds.slice(0, 5).join(', ')} and ${kinds.length - 5} more kinds`;
  const notCounted = plan.notCounted ?? [];
  if (notCounted.length === 0) return `it holds ${objects}, none of which run pods (${shown}); `;
  const first = notCounted[0];
  const which = `${first.kind} ${first.namespace}/${first.name}${notCounted.length > 1 ? ` and ${notCounted.length - 1} more` : ''}`;
  const why = first.reason ?? `${first.field === 'spec' ? 'its operator runs pods from spec' : `pod template at ${first.field}`}, kind not modelled`;
  return `it holds ${objects} (${shown}); the pods of ${which} are not counted (${why}); `;
}

/** planCapacity; a headroom naming a pool that is not there is a mistake in --headroom (usage, exit 2). */
function planOrUsageError(input: Parameters<typeof planCapacity>[0]): CapacityPlan {
  try {
    return planCapacity(input);
  } catch (e) {
    if (ManifestError.isManifestError(e) && e.object === 'CapacityPlanInput' && e.field === 'headroom') {
      throw new UsageError(`option --headroom: ${e.problem}`);
    }
    throw e;
  }
}

function writeSvg(file: string, plan: CapacityPlan, title: string | undefined): void {
  try {
    fs.writeFileSync(file, renderCapacitySvg(plan, { title }));
  } catch (e) {
    throw new ManifestError(`cannot write the SVG picture: ${describeIoError(e)}`, { file });
  }
}

/** Bad input reported by the engine with its own error types (e.g. an invalid quantity). */
function isInputError(e: unknown): boolean {
  return e instanceof Error && e.name === 'InvalidQuantityError';
}

/** One line, ending with a period. */
function sentence(message: string): string {
  const line = message.split('\n')[0].trim().replace(/:$/, '');
  return /[.!?]$/.test(line) ? line : `${line}.`;
}
