// Markdown capacity report: one file per environment, written to be read in a PR diff. Every
// line depends only on the plan (no dates, no absolute paths), and rows keep the plan's order
// (pools and nodes in input order, workloads in manifest order), so an unchanged system gives
// a byte-identical report and a changed one gives a small, local diff.
// Pure string building: loads no cdk8s (the CLI prints this report).
import type { CapacityPlan, NodePlan, PlanProblem, ResourceUsage, UnplacedPod, WorkloadPlan } from './plan';
import { describeSource } from '../manifests/manifest-source';

/** Options of `renderCapacityMarkdown`. */
export interface CapacityMarkdownOptions {
  /**
   * First heading, e.g. the environment name.
   * @default 'Capacity report'
   */
  readonly title?: string;
}

/** The plan as a Markdown document (LF line endings, ends with one newline). */
export function renderCapacityMarkdown(plan: CapacityPlan, options: CapacityMarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# ${options.title ?? 'Capacity report'}`, '');
  out.push(verdict(plan), '');
  out.push(settingsLine(plan), '');

  if (plan.failures.length > 0) {
    out.push('## Failures', '');
    plan.failures.forEach((f, i) => out.push(`${i + 1}. ${inline(f)}`));
    out.push('');
  }

  out.push('## Cluster', '');
  append(out, usageTable(plan.usage));
  out.push('');

  for (const pool of plan.pools) {
    out.push(`## Pool ${inline(pool.name)} (${count(pool.nodeCount, 'node')})`, '');
    append(out, usageTable(pool.usage));
    out.push('');
    if (pool.nodes.length > 0) {
      append(out, nodeTable(plan, pool.nodes));
      out.push('');
    }
  }

  if (plan.workloads.length > 0) {
    out.push('## Replica budget', '');
    append(out, workloadTable(plan.workloads));
    out.push('');
  }

  if (plan.unplaced.length > 0) {
    out.push(`## Unplaced pods (${plan.unplaced.length})`, '');
    append(out, unplacedList(plan.unplaced));
    out.push('');
  }

  if (plan.headroom.length > 0) {
    out.push(`## Headroom (N+${plan.settings.headroom})`, '');
    append(out, headroomSection(plan));
    out.push('');
  }

  if (plan.problems.length > 0) {
    out.push('## Problems', '');
    append(out, problemTable(plan.problems));
    out.push('');
  }

  return out.join('\n').replace(/\n+$/, '\n');
}

/** `62.5%`, or `—` when nothing is allocatable and nothing requested, `n/a` when requested with nothing allocatable. */
export function formatPercent(usage: ResourceUsage): string {
  if (usage.percent === null) {
    return usage.requested === 0 ? '—' : 'n/a';
  }
  return `${usage.percent.toFixed(1)}%`;
}

function verdict(plan: CapacityPlan): string {
  const placed = plan.workloads.reduce((n, w) => n + w.placed, 0);
  const nodes = plan.pools.reduce((n, p) => n + p.nodeCount, 0);
  const where = `${count(placed, 'pod')} placed on ${count(nodes, 'node')} in ${count(plan.pools.length, 'pool')}`;
  if (plan.fits) {
    return `**Fits**: ${where}.`;
  }
  const why = [`${count(plan.failures.length, 'failure')}`];
  if (plan.unplaced.length > 0) why.push(`${count(plan.unplaced.length, 'pod')} not placed`);
  return `**Does not fit**: ${why.join(', ')}; ${where}.`;
}

function settingsLine(plan: CapacityPlan): string {
  const s = plan.settings;
  const headroom = s.headroom > 0 ? `N+${s.headroom}` : 'none';
  return `Budget: surge \`${s.surge}\`, headroom ${headroom}, missing requests \`${s.missingRequests}\`.`;
}

function usageTable(usage: readonly ResourceUsage[]): string[] {
  return table(
    ['resource', 'requested', 'allocatable', '%'],
    ['l', 'r', 'r', 'r'],
    usage.map((u) => [u.resource, u.requestedText, u.allocatableText, formatPercent(u) + (u.fits ? '' : ' ⚠')]),
  );
}

function nodeTable(plan: CapacityPlan, nodes: readonly NodePlan[]): string[] {
  const resources = plan.resources.filter((r) => r !== 'pods');
  const owner = podOwner(plan.workloads);
  return table(
    ['node', 'pods', ...resources, 'workloads'],
    ['l', 'r', ...resources.map((): Align => 'r'), 'l'],
    nodes.map((node) => {
      const byResource = new Map(node.usage.map((u) => [u.resource, u]));
      const pods = byResource.get('pods');
      return [
        node.name + (node.unschedulable ? ' (cordoned)' : ''),
        pods ? `${pods.requestedText} / ${pods.allocatableText}` : String(node.pods.length),
        ...resources.map((r) => {
          const u = byResource.get(r);
          return u ? `${u.requestedText} / ${u.allocatableText} (${formatPercent(u)})` : '—';
        }),
        workloadsOn(node.pods, owner),
      ];
    }),
  );
}

function workloadTable(workloads: readonly WorkloadPlan[]): string[] {
  return table(
    ['workload', 'kind', 'replicas', 'replicas from', 'surge', 'requests per pod', 'placed'],
    ['l', 'l', 'r', 'l', 'l', 'l', 'r'],
    workloads.map((w) => [
      w.id,
      w.kind,
      String(w.replicas),
      w.replicasSource,
      w.surge > 0 ? w.surgeSource : '—',
      requestsText(w.podRequests),
      `${w.placed} / ${w.placed + w.unplaced}`,
    ]),
  );
}

function unplacedList(unplaced: readonly UnplacedPod[]): string[] {
  return unplaced.map((u) => `- \`${u.pod}\`${u.surge ? ' (surge)' : ''}: ${inline(u.message)}`);
}

function headroomSection(plan: CapacityPlan): string[] {
  const out = table(
    ['pool', 'nodes lost', 'fits', ...plan.resources.filter((r) => r !== 'pods'), 'unplaced pods'],
    ['l', 'l', 'l', ...plan.resources.filter((r) => r !== 'pods').map((): Align => 'r'), 'r'],
    plan.headroom.map((h) => {
      const byResource = new Map(h.usage.map((u) => [u.resource, u]));
      return [
        h.pool,
        h.lostNodes.length > 0 ? h.lostNodes.join(', ') : '—',
        h.fits ? 'yes' : '**no**',
        ...plan.resources.filter((r) => r !== 'pods').map((r) => {
          const u = byResource.get(r);
          return u ? formatPercent(u) + (u.fits ? '' : ' ⚠') : '—';
        }),
        String(h.unplaced.length),
      ];
    }),
  );
  for (const h of plan.headroom.filter((x) => x.unplaced.length > 0)) {
    out.push('', `Without ${h.lostNodes.map((n) => `\`${n}\``).join(', ')}:`, '', ...unplacedList(h.unplaced));
  }
  return out;
}

function problemTable(problems: readonly PlanProblem[]): string[] {
  return table(
    ['severity', 'object', 'field', 'problem'],
    ['l', 'l', 'l', 'l'],
    problems.map((p) => {
      const where = describeSource(p.source);
      return [p.severity, p.object + (where ? ` (${where})` : ''), p.field ? `\`${p.field}\`` : '—', p.message];
    }),
  );
}

/** `cpu 500m, memory 512Mi` in the plan's key order; `none` for a pod without requests. */
function requestsText(requests: Record<string, string>): string {
  const entries = Object.entries(requests);
  return entries.length > 0 ? entries.map(([r, q]) => `${r} ${q}`).join(', ') : 'none';
}

/**
 * Pod name → workload id. Pods are named `<workload id>-<suffix>` (`shop/web-3`); the longest
 * workload id followed by `-` wins, so `shop/web-api-1` belongs to `shop/web-api`, not `shop/web`.
 */
function podOwner(workloads: readonly WorkloadPlan[]): (pod: string) => string {
  const ids = new Set(workloads.map((w) => w.id));
  const cache = new Map<string, string>();
  return (pod) => {
    let owner = cache.get(pod);
    if (owner === undefined) {
      owner = pod;
      for (let cut = pod.lastIndexOf('-'); cut > 0; cut = pod.lastIndexOf('-', cut - 1)) {
        if (ids.has(pod.slice(0, cut))) {
          owner = pod.slice(0, cut);
          break;
        }
      }
      cache.set(pod, owner);
    }
    return owner;
  };
}

/** `shop/api ×2, shop/web` — pods grouped by workload, sorted by workload id. */
function workloadsOn(pods: readonly string[], owner: (pod: string) => string): string {
  const counts = new Map<string, number>();
  for (const pod of pods) {
    const o = owner(pod);
    counts.set(o, (counts.get(o) ?? 0) + 1);
  }
  const names = [...counts.keys()].sort(compare);
  return names.length > 0 ? names.map((n) => (counts.get(n)! > 1 ? `${n} ×${counts.get(n)}` : n)).join(', ') : '—';
}

type Align = 'l' | 'r';

function table(header: string[], align: Align[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [
    line(header),
    `|${align.map((a) => (a === 'r' ? '--:' : ':--')).join('|')}|`,
    ...rows.map(line),
  ];
}

/** A table cell: one line, `|` escaped. */
function cell(text: string): string {
  return inline(text).replace(/\|/g, '\\|');
}

/** One line of text (messages never span lines in a list item or a cell). */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

// Code-unit order: the same on every machine and locale (never localeCompare).
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Adds every line, one by one: a spread of the lines into push overflows the stack past ~120,000 lines (200,000 nodes). */
function append(out: string[], lines: readonly string[]): void {
  for (const line of lines) {
    out.push(line);
  }
}
