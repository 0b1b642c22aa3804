// The dist/ diff: two versions of the synthesized output compared object by object
// (group/kind/namespace/name) per environment (the first folder under dist/), with the
// changed field paths and their old → new values, and the capacity effect read from each
// environment's capacity.md. Pure: takes the files, returns data; the CLI renders it.
import { formatResourceValue } from '../capacity/plan';
import { parseManifests } from '../manifests/load-yaml';
import { workloadsOf } from '../manifests/workloads';
import { podRequests } from '../scheduler/pod-requests';
import type { ManifestObject } from '../scheduler/types';
import { DistFiles } from './dist-files';

/** An object's identity: what Kubernetes and the GitOps tools key objects by. */
export interface ObjectId {
  /** API group, '' for the core group. */
  readonly group: string;
  readonly kind: string;
  /** '' for cluster-scoped objects (and objects that leave it to the context). */
  readonly namespace: string;
  readonly name: string;
}

/** One changed field. A value is undefined where the field is absent. */
export interface FieldChange {
  /** `spec.template.spec.containers[name=api].image` */
  readonly path: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface ObjectChange {
  readonly object: ObjectId;
  /** The changed fields; empty for a Secret, whose contents are never shown. */
  readonly fields: readonly FieldChange[];
}

/** An object whose name changed and nothing else: Kubernetes deletes the old one and creates the new one. */
export interface ObjectRename {
  readonly from: ObjectId;
  readonly to: ObjectId;
}

/** One row of the `## Cluster` table of capacity.md: requests of the placed pods. */
export interface CapacityChange {
  readonly resource: string;
  /** e.g. `14600m`; undefined when the side has no report or no such row. */
  readonly before?: string;
  readonly after?: string;
}

/** Where the capacity effect comes from. */
export enum CapacitySource {
  /** The `## Cluster` table of each side's capacity.md (a CapacityCheck's report). */
  REPORT = 'capacity.md',
  /** Neither side has a report: replica budget × pod requests of the workloads, without rollout surge or DaemonSets. */
  RECOMPUTED = 'recomputed',
}

export interface CapacityEffect {
  readonly source: CapacitySource;
  /** `Fits` or `Does not fit`; undefined without a report. */
  readonly verdictBefore?: string;
  readonly verdictAfter?: string;
  /** Every resource of either report, in report order. */
  readonly requested: readonly CapacityChange[];
}

export interface EnvironmentDiff {
  /** The folder under dist/ (`production`), or '' for files at the top of dist/. */
  readonly environment: string;
  readonly added: readonly ObjectId[];
  readonly removed: readonly ObjectId[];
  readonly renamed: readonly ObjectRename[];
  readonly changed: readonly ObjectChange[];
  /** Secrets present after the change: their data is in Git. */
  readonly secrets: readonly ObjectId[];
  /** Undefined when neither side has a capacity.md. */
  readonly capacity?: CapacityEffect;
}

export interface DistDiff {
  /** Environments with a change or a report, sorted by name. */
  readonly environments: readonly EnvironmentDiff[];
  /** Added + removed + renamed + changed objects, over all environments. */
  readonly changes: number;
}

const CAPACITY_REPORT = 'capacity.md';

/**
 * Compares two versions of dist/. `labelBefore`/`labelAfter` prefix file names in errors
 * (`HEAD:dist/…`, `dist/…`).
 */
export function diffDist(before: DistFiles, after: DistFiles, labelBefore: string, labelAfter: string): DistDiff {
  const objectsBefore = objectsByEnvironment(before, labelBefore);
  const objectsAfter = objectsByEnvironment(after, labelAfter);
  const names = new Set([...objectsBefore.keys(), ...objectsAfter.keys(), ...reportFolders(before), ...reportFolders(after)]);
  const environments: EnvironmentDiff[] = [];
  let changes = 0;
  for (const environment of [...names].sort(compare)) {
    const env = diffEnvironment(environment, objectsBefore.get(environment) ?? new Map(), objectsAfter.get(environment) ?? new Map());
    const capacity = capacityEffect(before.get(join(environment, CAPACITY_REPORT)), after.get(join(environment, CAPACITY_REPORT)))
      ?? recomputedEffect(objectsBefore.get(environment), objectsAfter.get(environment));
    const count = env.added.length + env.removed.length + env.renamed.length + env.changed.length;
    changes += count;
    if (count > 0 || env.secrets.length > 0 || (capacity && capacityChanged(capacity))) {
      environments.push({ ...env, capacity });
    }
  }
  return { environments, changes };
}

/** `Deployment.apps shop/api`, `Namespace shop` (kubectl's `kind.group` form). */
export function describeObject(id: ObjectId): string {
  const kind = id.group === '' ? id.kind : `${id.kind}.${id.group}`;
  return `${kind} ${id.namespace === '' ? id.name : `${id.namespace}/${id.name}`}`;
}

/** True when the verdict or any requested total differs. */
export function capacityChanged(c: CapacityEffect): boolean {
  return c.verdictBefore !== c.verdictAfter || c.requested.some((r) => r.before !== r.after);
}

type Objects = Map<string, { readonly id: ObjectId; readonly manifest: ManifestObject }>;

function objectsByEnvironment(files: DistFiles, label: string): Map<string, Objects> {
  const byEnv = new Map<string, Objects>();
  for (const [file, text] of [...files].sort(([a], [b]) => compare(a, b))) {
    const base = file.slice(file.lastIndexOf('/') + 1);
    if (!/\.(ya?ml|json)$/i.test(file) || base === 'kustomization.yaml' || base === 'kustomization.yml') {
      continue;
    }
    const environment = file.includes('/') ? file.slice(0, file.indexOf('/')) : '';
    const objects = byEnv.get(environment) ?? new Map();
    byEnv.set(environment, objects);
    for (const { object } of parseManifests(text, `${label}${file}`)) {
      const id = identity(object);
      let key = keyOf(id);
      for (let n = 2; objects.has(key); n++) {
        key = `${keyOf(id)}#${n}`; // the same object twice: kustomize rejects it; still show both
      }
      objects.set(key, { id, manifest: object });
    }
  }
  return byEnv;
}

function reportFolders(files: DistFiles): string[] {
  return [...files.keys()].filter((f) => f === CAPACITY_REPORT || f.endsWith(`/${CAPACITY_REPORT}`))
    .map((f) => (f.includes('/') ? f.slice(0, f.indexOf('/')) : ''));
}

function identity(o: ManifestObject): ObjectId {
  const slash = o.apiVersion.indexOf('/');
  return {
    group: slash < 0 ? '' : o.apiVersion.slice(0, slash),
    kind: o.kind,
    namespace: typeof o.metadata?.namespace === 'string' ? o.metadata.namespace : '',
    name: typeof o.metadata?.name === 'string' ? o.metadata.name : '',
  };
}

function keyOf(id: ObjectId): string {
  return `${id.group}/${id.kind}/${id.namespace}/${id.name}`;
}

function isSecret(id: ObjectId): boolean {
  return id.group === '' && id.kind === 'Secret';
}

function diffEnvironment(environment: string, before: Objects, after: Objects): Omit<EnvironmentDiff, 'capacity'> {
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const added = [...after.keys()].filter((k) => !before.has(k));
  const renamed: ObjectRename[] = [];
  for (const r of [...removed]) {
    const old = before.get(r)!;
    const match = added.find((a) => {
      const candidate = after.get(a)!;
      return candidate.id.group === old.id.group && candidate.id.kind === old.id.kind && candidate.id.namespace === old.id.namespace
        && deepEqual(withoutName(candidate.manifest), withoutName(old.manifest));
    });
    if (match !== undefined) {
      renamed.push({ from: old.id, to: after.get(match)!.id });
      removed.splice(removed.indexOf(r), 1);
      added.splice(added.indexOf(match), 1);
    }
  }
  const changed: ObjectChange[] = [];
  for (const [key, { id, manifest }] of before) {
    const next = after.get(key);
    if (!next || deepEqual(manifest, next.manifest)) {
      continue;
    }
    const fields: FieldChange[] = [];
    if (!isSecret(id)) {
      diffValues('', manifest, next.manifest, fields);
    }
    changed.push({ object: id, fields });
  }
  return {
    environment,
    added: added.map((k) => after.get(k)!.id),
    removed: removed.map((k) => before.get(k)!.id),
    renamed,
    changed,
    secrets: [...after.values()].map((o) => o.id).filter(isSecret),
  };
}

function withoutName(m: ManifestObject): unknown {
  return { ...m, metadata: { ...m.metadata, name: undefined } };
}

/**
 * Appends every leaf that differs; an added or removed map is shown entry by entry. Lists whose
 * items all have a unique `name` (containers, env, ports, volumes) are matched by name.
 */
function diffValues(path: string, a: unknown, b: unknown, out: FieldChange[]): void {
  if (deepEqual(a, b)) {
    return;
  }
  if ((isPlainObject(a) || a === undefined) && (isPlainObject(b) || b === undefined)) {
    // an added or removed map shows its entries one by one, like a changed one
    a = a ?? {};
    b = b ?? {};
    if (!isPlainObject(a) || !isPlainObject(b)) {
      return;
    }
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compare);
    for (const key of keys) {
      diffValues(childPath(path, key), a[key], b[key], out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (namedItems(a) && namedItems(b)) {
      const names = [...new Set([...a, ...b].map((item) => (item as { name: string }).name))];
      for (const name of names) {
        const find = (list: unknown[]) => list.find((item) => (item as { name: string }).name === name);
        diffValues(`${path}[name=${name}]`, find(a), find(b), out);
      }
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      diffValues(`${path}[${i}]`, a[i], b[i], out);
    }
    return;
  }
  out.push({ path, before: a, after: b });
}

function namedItems(list: unknown[]): boolean {
  const names = list.map((item) => (isPlainObject(item) && typeof item.name === 'string' ? item.name : undefined));
  return list.length > 0 && names.every((n) => n !== undefined) && new Set(names).size === names.length;
}

function childPath(path: string, key: string): string {
  if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) {
    return path === '' ? key : `${path}.${key}`;
  }
  return `${path}[${JSON.stringify(key)}]`;
}

function isPlainObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** The verdict and the `## Cluster` requested totals of two capacity.md reports. */
function capacityEffect(before: string | undefined, after: string | undefined): CapacityEffect | undefined {
  if (before === undefined && after === undefined) {
    return undefined;
  }
  const b = readReport(before);
  const a = readReport(after);
  const resources = [...new Set([...b.requested.keys(), ...a.requested.keys()])];
  return {
    source: CapacitySource.REPORT,
    verdictBefore: b.verdict,
    verdictAfter: a.verdict,
    requested: resources.map((resource) => ({ resource, before: b.requested.get(resource), after: a.requested.get(resource) })),
  };
}

/** Without reports: what the workloads request at their replica budget (HPA maximum, replicas, parallelism). */
function recomputedEffect(before: Objects | undefined, after: Objects | undefined): CapacityEffect | undefined {
  const b = requestedBy(before);
  const a = requestedBy(after);
  if (b.size === 0 && a.size === 0) {
    return undefined;
  }
  const resources = [...new Set([...b.keys(), ...a.keys()])];
  return { source: CapacitySource.RECOMPUTED, requested: resources.map((resource) => ({ resource, before: b.get(resource), after: a.get(resource) })) };
}

function requestedBy(objects: Objects | undefined): Map<string, string> {
  const totals = new Map<string, bigint>();
  const manifests = [...(objects ?? new Map()).values()].map((o) => o.manifest);
  const { workloads } = workloadsOf(manifests);
  let pods = 0n;
  for (const w of workloads.filter((x) => x.daemonSet === undefined && x.replicas > 0)) {
    const n = BigInt(w.replicas);
    pods += n;
    for (const [resource, q] of Object.entries(podRequests(w.spec))) {
      const units = resource === 'cpu' ? q.milliValue() : q.value();
      totals.set(resource, (totals.get(resource) ?? 0n) + units * n);
    }
  }
  const out = new Map<string, string>();
  if (workloads.length === 0) {
    return out;
  }
  for (const resource of ['cpu', 'memory', ...[...totals.keys()].filter((r) => r !== 'cpu' && r !== 'memory').sort(compare)]) {
    out.set(resource, formatResourceValue(resource, Number(totals.get(resource) ?? 0n)));
  }
  out.set('pods', pods.toString());
  return out;
}

function readReport(text: string | undefined): { verdict?: string; requested: Map<string, string> } {
  const requested = new Map<string, string>();
  if (text === undefined) {
    return { requested };
  }
  const lines = text.split('\n');
  const verdict = lines.map((l) => /^\*\*(Fits|Does not fit)\*\*/.exec(l)?.[1]).find((v) => v !== undefined);
  const start = lines.indexOf('## Cluster');
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      if (line.startsWith('#')) {
        break;
      }
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      if (cells.length >= 2 && cells[0] !== 'resource' && !cells[0].startsWith(':--')) {
        requested.set(cells[0], cells[1]);
      }
    }
  }
  return { verdict, requested };
}

function join(folder: string, file: string): string {
  return folder === '' ? file : `${folder}/${file}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
