// The dist/ diff as text (terminal), Markdown (a PR comment) or JSON (scripts). Every line
// depends only on the diff, so the same change always prints the same bytes.
import { CapacityEffect, capacityChanged, CapacitySource, describeObject, DistDiff, EnvironmentDiff, FieldChange } from './dist-diff';

/** What the diff compared. */
export interface DiffSubject {
  /** The dist folder as given, e.g. `dist`. */
  readonly distDir: string;
  /** The base ref as given, e.g. `HEAD`. */
  readonly ref: string;
  /** The commit it resolved to. */
  readonly commit: string;
}

/** Changed fields shown per object; the rest are counted. */
const MAX_FIELDS = 50;
/** Characters of one value shown; longer values are cut with `…`. */
const MAX_VALUE = 120;

export function renderDiffText(diff: DistDiff, subject: DiffSubject): string {
  const out: string[] = [`${headline(diff, subject, (s) => s)}`];
  for (const env of diff.environments) {
    out.push('', `${env.environment || '(top of dist)'}:`);
    env.added.forEach((o) => out.push(`  added    ${describeObject(o)}`));
    env.removed.forEach((o) => out.push(`  removed  ${describeObject(o)}`));
    env.renamed.forEach((r) => out.push(`  renamed  ${describeObject(r.from)} → ${r.to.name} (Kubernetes deletes the old object and creates the new one)`));
    for (const c of env.changed) {
      out.push(`  changed  ${describeObject(c.object)}${c.object.kind === 'Secret' && c.object.group === '' ? ' (contents hidden: Secrets are never shown)' : ''}`);
      shownFields(c.fields).forEach((f) => out.push(`             ${typeof f === 'string' ? f : `${f.path}: ${value(f.before)} → ${value(f.after)}`}`));
    }
    env.secrets.forEach((s) => out.push(`  warning  ${describeObject(s)} is in dist/, so its data is in Git: use SecretRef.fromExternalSecret or a Secret created in the cluster`));
    if (env.capacity && capacityChanged(env.capacity)) {
      out.push(`  capacity ${capacityLine(env.capacity)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderDiffMarkdown(diff: DistDiff, subject: DiffSubject): string {
  const out: string[] = [`### ${headline(diff, subject, code)}`];
  for (const env of diff.environments) {
    out.push('', `#### ${env.environment ? code(env.environment) : 'top of dist'}`, '');
    for (const line of environmentMarkdown(env)) out.push(line); // a big diff has many lines
  }
  return `${out.join('\n')}\n`;
}

export function renderDiffJson(diff: DistDiff, subject: DiffSubject): string {
  return `${JSON.stringify({ base: { ref: subject.ref, commit: subject.commit }, distDir: subject.distDir, ...diff }, null, 2)}\n`;
}

function environmentMarkdown(env: EnvironmentDiff): string[] {
  const out: string[] = [];
  env.added.forEach((o) => out.push(`- **added** ${code(describeObject(o))}`));
  env.removed.forEach((o) => out.push(`- **removed** ${code(describeObject(o))}`));
  env.renamed.forEach((r) => out.push(`- **renamed** ${code(describeObject(r.from))} → ${code(r.to.name)} (Kubernetes deletes the old object and creates the new one)`));
  for (const c of env.changed) {
    const secret = c.object.kind === 'Secret' && c.object.group === '';
    out.push(`- **changed** ${code(describeObject(c.object))}${secret ? ' (contents hidden: Secrets are never shown)' : ''}`);
    shownFields(c.fields).forEach((f) => out.push(`  - ${typeof f === 'string' ? f : `${code(f.path)}: ${code(value(f.before))} → ${code(value(f.after))}`}`));
  }
  env.secrets.forEach((s) => out.push(`- **warning** ${code(describeObject(s))} is in dist/, so its data is in Git: use SecretRef.fromExternalSecret or a Secret created in the cluster`));
  if (env.capacity && capacityChanged(env.capacity)) {
    const c = env.capacity;
    out.push('', c.source === CapacitySource.REPORT
      ? `Capacity (requested by the placed pods, from ${code('capacity.md')}): ${verdict(c.verdictBefore)} → ${verdict(c.verdictAfter)}`
      : `Capacity (requested at the replica budget, recomputed: no ${code('capacity.md')}; without rollout surge and DaemonSets)`, '');
    out.push('| resource | before | after |', '|:--|--:|--:|');
    c.requested.forEach((r) => out.push(`| ${r.resource} | ${r.before ?? '—'} | ${r.after ?? '—'} |`));
  }
  return out;
}

function headline(diff: DistDiff, subject: DiffSubject, quote: (s: string) => string): string {
  const against = `${quote(subject.distDir)} against ${quote(subject.ref)} (${quote(subject.commit.slice(0, 12))})`;
  if (diff.changes === 0) {
    return `cdk8s-appkit diff: ${against}: no object changed.`;
  }
  const count = (key: 'added' | 'removed' | 'renamed' | 'changed') => diff.environments.reduce((n, e) => n + e[key].length, 0);
  const parts = (['added', 'removed', 'renamed', 'changed'] as const).filter((k) => count(k) > 0).map((k) => `${count(k)} ${k}`);
  const envs = diff.environments.filter((e) => e.added.length + e.removed.length + e.renamed.length + e.changed.length > 0).length;
  return `cdk8s-appkit diff: ${against}: ${parts.join(', ')} in ${envs} ${envs === 1 ? 'folder' : 'folders'}.`;
}

function capacityLine(c: CapacityEffect): string {
  const rows = c.requested.map((r) => (r.before === r.after ? `${r.resource} ${r.after ?? '—'} (unchanged)` : `${r.resource} ${r.before ?? '—'} → ${r.after ?? '—'}`));
  if (c.source === CapacitySource.RECOMPUTED) {
    return `requested (recomputed at the replica budget, no capacity.md): ${rows.join(', ')}`;
  }
  return `requested (capacity.md): ${rows.join(', ')}; ${c.verdictBefore ?? 'no report'} → ${c.verdictAfter ?? 'no report'}`;
}

function verdict(v: string | undefined): string {
  return v === undefined ? 'no report' : `**${v}**`;
}

function shownFields(fields: readonly FieldChange[]): Array<FieldChange | string> {
  if (fields.length <= MAX_FIELDS) {
    return [...fields];
  }
  return [...fields.slice(0, MAX_FIELDS), `… and ${fields.length - MAX_FIELDS} more fields`];
}

function value(v: unknown): string {
  if (v === undefined) {
    return '(none)';
  }
  const s = JSON.stringify(v);
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

/** An inline code span that holds any text (backticks included). */
function code(s: string): string {
  const fence = s.includes('`') ? '``' : '`';
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}
