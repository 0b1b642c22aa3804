// Markdown capacity report: one file per environment, written to be read in a PR diff. Every
// line depends only on the plan (no dates, no absolute paths), and rows keep the plan's order
// (pools and nodes in input order, workloads in manifest order), so an unchanged system gives
// a byte-identical report and a changed one gives a small, local diff.
// Pure string building: loads no cdk8s (the CLI prints this report). Bounded for any plan: at
// most REPORT_MAX_ROWS rows per list or table (then one line saying how many more), every list built
// with loops (no spread of a huge list into push), so a plan of 1,000,000 nodes gives a report of a few hundred
// lines. Identical failures are one line with the count (collapse.ts); quantities are readable
// (units.ts); objects read from files are named `file:line`.
import type { CapacityPlan, NodePlan, PlanProblem, ResourceUsage, UnplacedPod, UnusableNodes, WorkloadPlan } from './plan';
import { describeSource } from '../manifests/manifest-source';
import { toMilli, toValue } from '../kubernetes/quantity';
import { collapseUnplaced, unplacedGroupLine } from './collapse';
import { headroomText } from './headroom';
import { appendAll } from './private/arrays';
import { suggestionLines } from './suggest';
import { readableResourceValue } from './units';

/** Rows shown per list or table before `… and N more`. */
export const REPORT_MAX_ROWS = 100;

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
    plan.failures.slice(0, REPORT_MAX_ROWS).forEach((f, i) => out.push(`${i + 1}. ${inline(f)}`));
    more(out, plan.failures.length, 'failure');
    out.push('');
  }

  if (plan.suggestions && plan.suggestions.length > 0) {
    out.push('## Suggested node counts', '');
    for (const line of suggestionLines(plan.suggestions)) {
      out.push(`- ${inline(line)}`);
    }
    out.push('');
  }

  out.push('## Cluster', '');
  appendAll(out, clusterTable(plan));
  out.push('');
  if ((plan.unusable ?? []).length > 0) {
    appendAll(out, unusableList(plan.unusable));
    out.push('');
  }

  for (const pool of plan.pools) {
    const unusable = pool.unusableNodeCount ?? 0;
    out.push(`## Pool ${inline(pool.name)} (${count(pool.nodeCount, 'node')}${unusable > 0 ? `, ${unusable} not usable by the pods` : ''})`, '');
    appendAll(out, pool.usable ? usableTable(pool.usage, pool.usable) : usageTable(pool.usage));
    out.push('');
    if (pool.nodes.length > 0) {
      appendAll(out, nodeTable(plan, pool.nodes));
      out.push('');
    }
  }

  if (plan.workloads.length > 0) {
    out.push('## Replica budget', '');
    appendAll(out, workloadTable(plan.workloads));
    out.push('');
  }

  if (plan.unplaced.length > 0) {
    out.push(`## Unplaced pods (${plan.unplaced.length})`, '');
    appendAll(out, unplacedList(plan.unplaced, workloadSources(plan)));
    out.push('');
  }

  if (plan.headroom.length > 0) {
    out.push(`## Headroom (${headroomText(plan.settings.headroom)})`, '');
    appendAll(out, headroomSection(plan));
    out.push('');
  }

  const rollouts = (plan.rollouts ?? []).filter((r) => r.message !== '');
  if (rollouts.length > 0) {
    out.push('## Rollouts', '');
    rollouts.forEach((r) => out.push(`- ${r.completes ? '' : '⚠ '}${inline(r.message)}`));
    out.push('');
  }

  const quotas = (plan.quotas ?? []).filter((q) => q.checked);
  if (quotas.length > 0) {
    out.push('## Resource quotas', '');
    for (const q of quotas) {
      out.push(`- ${inline(q.quota)}: ${q.usage.map((u) => `${u.resource} ${u.used} / ${u.hard}${u.fits ? '' : ' ⚠'}`).join(', ')}`);
    }
    out.push('');
  }

  if ((plan.notCounted ?? []).length > 0) {
    out.push('## Not counted', '');
    plan.notCounted.forEach((o) => out.push(`- ${inline(`${o.kind} ${o.namespace}/${o.name}`)}: ${o.reason !== undefined ? inline(o.reason) : `${o.field === 'spec' ? 'its operator runs pods from `spec`' : `pod template at \`${o.field}\``}, kind not modelled`}`));
    out.push('');
  }

  if (plan.problems.length > 0) {
    out.push('## Problems', '');
    appendAll(out, problemTable(plan.problems));
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
  // Nodes the pods cannot use (cordoned, NotReady, tainted away) are said apart: their capacity is no room.
  const unusable = (plan.unusable ?? []).reduce((n, u) => n + u.nodeCount, 0);
  const usable = unusable > 0 ? ` (${unusable === nodes ? 'none' : nodes - unusable} usable by the pods: ${plan.unusable.map((u) => `${u.nodeCount} ${u.reason}`).join(', ')})` : '';
  const notCounted = (plan.notCounted ?? []).length;
  const where = `${count(placed, 'pod')} placed on ${count(nodes, 'node')}${usable} in ${count(plan.pools.length, 'pool')}`
    + (notCounted > 0 ? `; the pods of ${count(notCounted, 'object')} not counted (see *Not counted*)` : '');
  if (plan.fits && plan.workloads.length === 0) {
    // Empty input (no workload at all) never reads as "Fits".
    return `**Nothing to check**: no workloads found; ${where}.`;
  }
  if (plan.fits) {
    return `**Fits**: ${where}.`;
  }
  if (plan.verdict === 'cannot-verify') {
    const containers = plan.unverified.map((u) => `${u.object} ${u.container} (no ${u.missing.join(', ')})`);
    return `**Cannot verify**: ${count(plan.unverified.length, 'container')} without requests: ${inline(containers.join('; '))}; ${where}.`;
  }
  const why = [`${count(plan.failures.length, 'failure')}`];
  // Pods, not report lines: a line for pods not simulated one by one stands for many.
  const notPlaced = Math.max(plan.unplaced.length, plan.workloads.reduce((n, w) => n + w.unplaced, 0));
  if (notPlaced > 0) why.push(`${count(notPlaced, 'pod')} not placed`);
  return `**Does not fit**: ${why.join(', ')}; ${where}.`;
}

function settingsLine(plan: CapacityPlan): string {
  const s = plan.settings;
  const headroom = headroomText(s.headroom);
  return `Budget: surge \`${s.surge}\`, headroom ${headroom}, missing requests \`${s.missingRequests}\`.`;
}

function usageTable(usage: readonly ResourceUsage[]): string[] {
  return table(
    ['resource', 'requested', 'allocatable', '%'],
    ['l', 'r', 'r', 'r'],
    usage.map((u) => [u.resource, u.requestedText, u.allocatableText, formatPercent(u) + (u.fits ? '' : ' ⚠')]),
  );
}

/**
 * Cluster totals; when some nodes are cordoned, NotReady or tainted away, two more columns: the
 * allocatable pods can use and the requests as a share of it.
 */
function clusterTable(plan: CapacityPlan): string[] {
  if ((plan.unusable ?? []).length === 0 || !plan.usable) return usageTable(plan.usage);
  return usableTable(plan.usage, plan.usable);
}

function usableTable(usage: readonly ResourceUsage[], usableUsage: readonly ResourceUsage[]): string[] {
  const usable = new Map(usableUsage.map((u) => [u.resource, u]));
  return table(
    ['resource', 'requested', 'allocatable', '%', 'usable by pods', '% of usable'],
    ['l', 'r', 'r', 'r', 'r', 'r'],
    usage.map((u) => {
      const v = usable.get(u.resource);
      return [u.resource, u.requestedText, u.allocatableText, formatPercent(u) + (u.fits ? '' : ' ⚠'),
        v ? v.allocatableText : '—', v ? formatPercent(v) + (v.fits ? '' : ' ⚠') : '—'];
    }),
  );
}

/** `Not usable by these pods: 1 cordoned node (gpu-1): cpu 4, memory 16Gi, pods 110.` */
function unusableList(unusable: readonly UnusableNodes[]): string[] {
  const out = ['Not usable by the budgeted pods (not in "usable by pods"):', ''];
  for (const u of unusable) {
    const names = u.nodes.join(', ') + (u.nodeCount > u.nodes.length ? `, … (${u.nodeCount - u.nodes.length} more)` : '');
    const figures = u.allocatable.filter((a) => a.allocatable > 0).map((a) => `${a.resource} ${a.allocatableText}`).join(', ');
    out.push(`- ${u.reason}: ${count(u.nodeCount, 'node')} (${inline(names)})${figures ? `: ${figures}` : ''}`);
  }
  return out;
}

/** `gpu-1 (cordoned, NotReady, tainted dedicated=gpu:NoSchedule)`. */
export function nodeLabel(node: NodePlan): string {
  const marks: string[] = [];
  if (node.unschedulable) marks.push('cordoned');
  if (node.ready === false) marks.push('NotReady');
  if ((node.taints ?? []).length > 0) marks.push(`tainted ${node.taints.join(', ')}`);
  return marks.length > 0 ? `${node.name} (${marks.join(', ')})` : node.name;
}

function nodeTable(plan: CapacityPlan, nodes: readonly NodePlan[]): string[] {
  const resources = plan.resources.filter((r) => r !== 'pods');
  const owner = podOwner(plan.workloads);
  const rows = table(
    ['node', 'pods', ...resources, 'workloads'],
    ['l', 'r', ...resources.map((): Align => 'r'), 'l'],
    nodes.slice(0, REPORT_MAX_ROWS).map((node) => {
      const byResource = new Map(node.usage.map((u) => [u.resource, u]));
      const pods = byResource.get('pods');
      return [
        nodeLabel(node),
        pods ? `${pods.requestedText} / ${pods.allocatableText}` : String(node.pods.length),
        ...resources.map((r) => {
          const u = byResource.get(r);
          return u ? `${u.requestedText} / ${u.allocatableText} (${formatPercent(u)})` : '—';
        }),
        workloadsOn(node.pods, owner),
      ];
    }),
  );
  more(rows, nodes.length, 'node');
  return rows;
}

function workloadTable(workloads: readonly WorkloadPlan[]): string[] {
  const withSource = workloads.some((w) => describeSource(w.source) !== '');
  const rows = table(
    ['workload', 'kind', 'replicas', 'replicas from', 'surge', 'requests per pod', 'placed', ...(withSource ? ['source'] : [])],
    ['l', 'l', 'r', 'l', 'l', 'l', 'r', ...(withSource ? ['l' as Align] : [])],
    workloads.slice(0, REPORT_MAX_ROWS).map((w) => [
      w.id,
      w.kind,
      String(w.replicas),
      w.replicasSource,
      w.surge > 0 ? w.surgeSource : '—',
      requestsText(w.podRequests),
      `${w.placed} / ${w.placed + w.unplaced}`,
      ...(withSource ? [describeSource(w.source) || '—'] : []),
    ]),
  );
  more(rows, workloads.length, 'workload');
  return rows;
}

/** `Deployment shop/web` → `web.yaml:12` (or the construct path), for workloads with a source. */
function workloadSources(plan: CapacityPlan): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of plan.workloads) {
    const where = describeSource(w.source);
    if (where) out.set(`${w.kind} ${w.id}`, where);
  }
  return out;
}

/**
 * One item per group of identical failures: the pod's own line, or `N pods: <collapsed line>`;
 * `(web.yaml:12)` after it names where the workload is written.
 */
function unplacedList(unplaced: readonly UnplacedPod[], sources: ReadonlyMap<string, string>): string[] {
  const groups = collapseUnplaced(unplaced);
  const out = groups.slice(0, REPORT_MAX_ROWS).map((g) => {
    const where = sources.get(g.workload);
    const at = where ? ` (${inline(where)})` : '';
    return g.replicas.length === 1
      ? `- \`${g.firstPod}\`${g.surge ? ' (surge)' : ''}${at}: ${inline(g.firstMessage)}`
      : `- ${g.replicas.length} pods${g.surge ? ' (surge)' : ''}${at}: ${inline(unplacedGroupLine(g))}`;
  });
  more(out, groups.length, 'group');
  return out;
}

function headroomSection(plan: CapacityPlan): string[] {
  const out = table(
    ['pool', 'nodes lost', 'fits', ...plan.resources.filter((r) => r !== 'pods'), 'unplaced pods'],
    ['l', 'l', 'l', ...plan.resources.filter((r) => r !== 'pods').map((): Align => 'r'), 'r'],
    plan.headroom.map((h) => {
      const byResource = new Map(h.usage.map((u) => [u.resource, u]));
      const names = h.lostNodes.length > 10 ? `${h.lostNodes.slice(0, 10).join(', ')}, … (${h.lostNodes.length - 10} more)` : h.lostNodes.join(', ');
      const zone = h.zone === undefined ? '' : `zone ${h.zone === '' ? '(no zone label)' : h.zone}: `;
      return [
        h.pool,
        h.lostNodes.length > 0 ? zone + names : '—',
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
    const names = h.lostNodes.slice(0, 10).map((n) => `\`${n}\``).join(', ') + (h.lostNodes.length > 10 ? `, … (${h.lostNodes.length - 10} more)` : '');
    out.push('', `Without ${names}:`, '');
    appendAll(out, unplacedList(h.unplaced, workloadSources(plan)));
  }
  return out;
}

function problemTable(problems: readonly PlanProblem[]): string[] {
  const rows = table(
    ['severity', 'object', 'field', 'problem'],
    ['l', 'l', 'l', 'l'],
    problems.slice(0, REPORT_MAX_ROWS).map((p) => {
      const where = describeSource(p.source);
      return [p.severity, p.object + (where ? ` (${where})` : ''), p.field ? `\`${p.field}\`` : '—', p.message];
    }),
  );
  more(rows, problems.length, 'problem');
  return rows;
}

/** `cpu 500m, memory 6.9Gi` (readable) in the plan's key order; `none` for a pod without requests. */
function requestsText(requests: Record<string, string>): string {
  const entries = Object.entries(requests);
  return entries.length > 0 ? entries.map(([r, q]) => `${r} ${readableQuantity(r, q)}`).join(', ') : 'none';
}

function readableQuantity(resource: string, q: string): string {
  try {
    const v = resource === 'cpu' ? toMilli(q) : toValue(q);
    return v <= BigInt(Number.MAX_SAFE_INTEGER) ? readableResourceValue(resource, Number(v)) : q;
  } catch {
    return q;
  }
}

/** `… and 999,900 more nodes (not listed)` when a list was cut at REPORT_MAX_ROWS. */
function more(out: string[], total: number, noun: string): void {
  if (total > REPORT_MAX_ROWS) out.push('', `… and ${total - REPORT_MAX_ROWS} more ${noun}${total - REPORT_MAX_ROWS === 1 ? '' : 's'} (not listed; see --format json).`);
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
  const out = [line(header), `|${align.map((a) => (a === 'r' ? '--:' : ':--')).join('|')}|`];
  for (const row of rows) out.push(line(row));
  return out;
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
