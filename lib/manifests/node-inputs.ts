// What `--nodes` files hold: real Node objects (`kubectl get nodes -o yaml`, a `kind: List`)
// and/or NodePool documents, a short way to write N identical nodes:
//
//   apiVersion: capacity.cdk8s-appkit.io/v1alpha1
//   kind: NodePool
//   metadata:
//     name: general
//   spec:
//     count: 3
//     allocatable: { cpu: 3920m, memory: 14Gi, pods: 110 }   # or capacity (+ reserved)
//     labels: { topology.kubernetes.io/zone: eu-west-1a }
//     taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
//
// The apiVersion (NODE_POOL_API_VERSION) is checked, because Karpenter also has a
// `kind: NodePool` (karpenter.sh), which describes how to provision nodes, not how many there
// are. Strict on purpose: any other kind, or a field that is not a NodePool's, fails with one
// sentence naming the file, document and field, so a typo never silently drops a node.
import { describeProblem, SchedulingProblem, validateLabelMap, validateNodeTaintList } from '../kubernetes/pod-scheduling-validation';
import { InvalidQuantityError, quantityOf } from '../kubernetes/quantity';
import type { Node, QuantityValue, ResourceList, Taint } from '../scheduler/types';
import { isListKind } from './list';
import { ManifestError } from './manifest-error';
import { describeSource, ManifestSource } from './manifest-source';
import type { NodePool } from './node-pool';
import { NODE_POOL_API_VERSION, NODE_POOL_KIND, nodesFromPools, REPEATED_ZONE_FIX, repeatedZone } from './nodes';

const COUNT_FIX = 'write the number of nodes, e.g. count: 3';
const QUANTITY_FIX = 'write e.g. 3500m, 4 or 16Gi';

/** One document of a `--nodes` file. */
export interface NodeDocument {
  readonly object: unknown;
  readonly source: ManifestSource;
}

/** Pools and Node objects read from `--nodes` files, in file order. */
export interface NodeInputs {
  readonly pools: NodePool[];
  readonly nodes: Node[];
}

/**
 * Sorts `--nodes` documents into NodePools and Node objects (`kind: List` items included).
 * @throws ManifestError naming the file, document, object and field of the first bad one
 */
export function readNodeInputs(documents: readonly NodeDocument[]): NodeInputs {
  const pools: NodePool[] = [];
  const nodes: Node[] = [];
  const poolSources: ManifestSource[] = [];
  const nodeSources: ManifestSource[] = [];
  const visit = (object: unknown, source: ManifestSource) => {
    if (object === null || object === undefined) {
      return; // an empty document (`---` at the end of a file)
    }
    if (!isRecord(object)) {
      throw new ManifestError(`expected a Node or NodePool object, got ${describe(object)}: give \`kubectl get nodes -o yaml\` output or NodePool documents (apiVersion: ${NODE_POOL_API_VERSION})`, source);
    }
    const kind = object.kind;
    if (kind === 'List' || (typeof kind === 'string' && isListKind(object))) {
      const items = object.items;
      if (!Array.isArray(items)) {
        throw new ManifestError(`expected a list, got ${describe(items)}: write items as a YAML list (- apiVersion: …)`, source, kind, 'items');
      }
      items.forEach((item, i) => visit(item, { ...source, listIndex: i }));
    } else if (kind === 'Node') {
      nodes.push(readNode(object, source));
      nodeSources.push(source);
    } else if (kind === NODE_POOL_KIND) {
      pools.push(readNodePool(object, source));
      poolSources.push(source);
    } else {
      throw new ManifestError(
        `a --nodes file holds Node and NodePool objects only, got kind ${JSON.stringify(kind)}: pass workloads as arguments instead`,
        source, objectName(object));
    }
  };
  for (const doc of documents) {
    visit(doc.object, doc.source);
  }
  checkUniqueNodeNames(pools, poolSources, nodes, nodeSources);
  return { pools, nodes };
}

/**
 * Node names are unique in a cluster (a Node is named by metadata.name alone): two Node objects,
 * two NodePools (whose nodes are `<pool>-1…<pool>-N`) or a Node named like a pool's node would
 * make the check simulate a cluster that cannot exist. Names both places and the fix for the
 * kinds involved.
 */
function checkUniqueNodeNames(pools: readonly NodePool[], poolSources: readonly ManifestSource[], nodes: readonly Node[], nodeSources: readonly ManifestSource[]): void {
  const poolAt = new Map<string, number>();
  pools.forEach((pool, i) => {
    const first = poolAt.get(pool.name);
    if (first !== undefined) {
      throw new ManifestError(`NodePool ${JSON.stringify(pool.name)} is also defined at ${describeSource(poolSources[first])}, so its nodes ${pool.name}-1…${pool.name}-N would exist twice: `
        + 'give each pool its own name, or remove one of the two', poolSources[i], `NodePool ${pool.name}`, 'metadata.name');
    }
    poolAt.set(pool.name, i);
  });
  const nodeAt = new Map<string, number>();
  nodes.forEach((node, i) => {
    const name = node.metadata!.name!;
    const first = nodeAt.get(name);
    if (first !== undefined) {
      throw new ManifestError(`Node ${JSON.stringify(name)} is also listed at ${describeSource(nodeSources[first])}: a cluster's node names are unique, `
        + 'so remove one of the two (e.g. the same `kubectl get nodes -o yaml` output given twice) or rename it', nodeSources[i], `Node ${name}`, 'metadata.name');
    }
    nodeAt.set(name, i);
    const m = /^(.+)-([1-9][0-9]*)$/.exec(name);
    const p = m ? poolAt.get(m[1]) : undefined;
    if (m && p !== undefined && Number(m[2]) <= pools[p].count) {
      throw new ManifestError(`Node ${JSON.stringify(name)} has the name of node ${m[2]} of NodePool ${m[1]} at ${describeSource(poolSources[p])} `
        + `(its nodes are named ${m[1]}-1…${m[1]}-${pools[p].count}): rename the Node or the pool`, nodeSources[i], `Node ${name}`, 'metadata.name');
    }
  });
}

function readNode(object: Record<string, unknown>, source: ManifestSource): Node {
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  if (typeof name !== 'string' || name === '') {
    throw new ManifestError('a Node needs a name: give the Node objects as `kubectl get nodes -o yaml` prints them', source, 'Node', 'metadata.name');
  }
  const status = object.status;
  if (!isRecord(status) || (!isRecord(status.allocatable) && !isRecord(status.capacity))) {
    throw new ManifestError('a Node needs status.allocatable (as `kubectl get nodes -o yaml` prints it)', source, `Node ${name}`, 'status.allocatable');
  }
  for (const field of ['allocatable', 'capacity']) {
    checkQuantities(status[field], `status.${field}`, source, `Node ${name}`);
  }
  checkNodeFields(object, source, `Node ${name}`);
  return object as unknown as Node;
}

/**
 * The Node fields the scheduler reads besides status: metadata.labels (ValidateLabels),
 * spec.taints (validateNodeTaints) and spec.unschedulable, typed as the API server decodes them.
 * Any other value would be read as nothing (or crash the simulation), never as what was meant.
 */
function checkNodeFields(object: Record<string, unknown>, source: ManifestSource, what: string): void {
  const fail = (field: string, problem: string): never => {
    throw new ManifestError(problem, source, what, field);
  };
  const labels = (object.metadata as Record<string, unknown>).labels;
  if (labels !== undefined && labels !== null && !isRecord(labels)) {
    fail('metadata.labels', `expected label: value pairs, got ${describe(labels)}: write e.g. labels: { topology.kubernetes.io/zone: eu-west-1a }`);
  }
  firstProblem(validateLabelMap(labels, 'metadata.labels'), fail);
  const spec = object.spec;
  if (spec === undefined || spec === null) return;
  if (!isRecord(spec)) fail('spec', `expected a mapping (taints, unschedulable…), got ${describe(spec)}: write e.g. spec: { unschedulable: true }`);
  const { taints, unschedulable } = spec as Record<string, unknown>;
  if (unschedulable !== undefined && unschedulable !== null && typeof unschedulable !== 'boolean') {
    fail('spec.unschedulable', `expected true or false, got ${describe(unschedulable)}: write unschedulable: true (cordoned) or leave it out`);
  }
  checkTaints(taints, 'spec.taints', fail);
}

/** A list of taints, typed as the API server decodes it, then validateNodeTaints. */
function checkTaints(taints: unknown, field: string, fail: (field: string, problem: string) => never): void {
  if (taints === undefined || taints === null) return;
  if (!Array.isArray(taints)) fail(field, `expected a list of taints, got ${describe(taints)}: write e.g. taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]`);
  (taints as unknown[]).forEach((t, i) => {
    if (!isRecord(t)) fail(`${field}[${i}]`, `expected a taint { key, value, effect }, got ${describe(t)}: write e.g. { key: dedicated, value: gpu, effect: NoSchedule }`);
    for (const part of ['key', 'value', 'effect']) {
      const v = (t as Record<string, unknown>)[part];
      if (v !== undefined && v !== null && typeof v !== 'string') {
        fail(`${field}[${i}].${part}`, `expected a string, got ${describe(v)}: quote it, e.g. ${part}: "${String(v)}"`);
      }
    }
  });
  firstProblem(validateNodeTaintList(taints).map((p) => ({ ...p, field: `${field}${p.field}` })), fail);
}

/** Fails with the first problem of an upstream validation port, as `<value> is invalid: <detail>; <fix>`. */
function firstProblem(problems: readonly SchedulingProblem[], fail: (field: string, problem: string) => never): void {
  const [p] = problems;
  if (p) fail(p.field, describeProblem(p));
}

function readNodePool(object: Record<string, unknown>, source: ManifestSource): NodePool {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  const name = metadata.name;
  const what = typeof name === 'string' && name !== '' ? `NodePool ${name}` : 'NodePool';
  const fail = (field: string, problem: string): never => {
    throw new ManifestError(problem, source, what, field);
  };
  if (object.apiVersion !== NODE_POOL_API_VERSION) {
    const karpenter = typeof object.apiVersion === 'string' && object.apiVersion.startsWith('karpenter.sh/')
      ? ' (a Karpenter NodePool says how to provision nodes, not how many there are)' : '';
    fail('apiVersion', `expected ${NODE_POOL_API_VERSION}, got ${JSON.stringify(object.apiVersion)}${karpenter}: describe the pool as apiVersion ${NODE_POOL_API_VERSION}, kind NodePool`);
  }
  if (typeof name !== 'string' || name === '') {
    fail('metadata.name', `a NodePool needs a name, got ${describe(name)}: add e.g. metadata: { name: general }`);
  }
  const spec = object.spec;
  if (!isRecord(spec)) {
    return fail('spec', `expected spec with count and allocatable, got ${describe(spec)}: write e.g. spec: { count: 3, allocatable: { cpu: "4", memory: 16Gi } }`);
  }
  const known = ['count', 'allocatable', 'capacity', 'reserved', 'labels', 'zones', 'taints', 'maxPods'];
  for (const key of Object.keys(spec)) {
    if (!known.includes(key)) {
      fail(`spec.${key}`, `unknown field: expected one of ${known.join(', ')}`);
    }
  }
  const count = spec.count;
  if (typeof count === 'string' && /^\+?[0-9.]+[eE]\+?[0-9]+$/.test(count)) {
    // A number past 2^53 keeps its text as written (load-yaml): quote it, never 100000000000000000000.
    fail('spec.count', `expected at most ${Number.MAX_SAFE_INTEGER} nodes, got ${count}: ${COUNT_FIX}`);
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    fail('spec.count', `expected a whole number of nodes ≥ 0, got ${describe(count)}: ${COUNT_FIX}`);
  }
  if (!Number.isSafeInteger(count)) {
    // Past 2^53 a count is no longer exact (1e20 nodes would be counted as 100000000000000000000).
    fail('spec.count', `expected at most ${Number.MAX_SAFE_INTEGER} nodes, got ${describe(count)}: ${COUNT_FIX}`);
  }
  if (spec.allocatable === undefined && spec.capacity === undefined) {
    fail('spec.allocatable', 'a NodePool needs spec.allocatable (or spec.capacity): add e.g. allocatable: { cpu: "4", memory: 16Gi }');
  }
  const resources = (field: string): ResourceList | undefined => {
    const value = spec[field];
    if (value === undefined) return undefined;
    if (!isRecord(value)) return fail(`spec.${field}`, `expected resource: quantity pairs, got ${describe(value)}: write e.g. ${field}: { cpu: "4", memory: 16Gi }`);
    for (const [resource, q] of Object.entries(value)) {
      if (typeof q !== 'string' && typeof q !== 'number') {
        fail(`spec.${field}[${resource}]`, `expected a quantity such as 4, 3500m or 16Gi, got ${describe(q)}`);
      }
    }
    checkQuantities(value, `spec.${field}`, source, what);
    return value as ResourceList;
  };
  const labels = spec.labels;
  if (labels !== undefined && !isRecord(labels)) {
    fail('spec.labels', `expected label: value pairs, got ${describe(labels)}: write e.g. labels: { node.kubernetes.io/instance-type: m6i.xlarge }`);
  }
  firstProblem(validateLabelMap(labels, 'spec.labels'), fail);
  const zones = spec.zones;
  if (zones !== undefined && !Array.isArray(zones)) {
    fail('spec.zones', `expected a list of zone names, got ${describe(zones)}: write e.g. zones: [eu-west-1a, eu-west-1b]`);
  }
  // Each element named (YAML reads zones: [1, 2] as numbers: "got a list" said neither which nor why).
  (zones as unknown[] | undefined)?.forEach((z, i) => {
    if (typeof z !== 'string' || z === '') {
      const quote = typeof z === 'number' || typeof z === 'boolean' ? `: quote it, e.g. zones: ["${z}"]` : ': write e.g. zones: [eu-west-1a, eu-west-1b]';
      fail(`spec.zones[${i}]`, `expected a zone name (a string), got ${describe(z)}${quote}`);
    }
  });
  const repeated = zones === undefined ? undefined : repeatedZone(zones as unknown[]);
  if (repeated) {
    fail(`spec.zones[${repeated.index}]`, `${JSON.stringify((zones as unknown[])[repeated.index])} is listed twice (also spec.zones[${repeated.first}]): ${REPEATED_ZONE_FIX}`);
  }
  const taints = spec.taints;
  checkTaints(taints, 'spec.taints', fail);
  const maxPods = spec.maxPods;
  if (maxPods !== undefined && (typeof maxPods !== 'number' || !Number.isInteger(maxPods) || maxPods < 0)) {
    fail('spec.maxPods', `expected a whole number ≥ 0, got ${describe(maxPods)}: write e.g. maxPods: 110 (the kubelet default)`);
  }
  const pool: Record<string, unknown> = {
    name,
    count,
    allocatable: resources('allocatable'),
    capacity: resources('capacity'),
    reserved: resources('reserved'),
    labels: labels as Record<string, string> | undefined,
    zones: zones as string[] | undefined,
    taints: taints as Taint[] | undefined,
    maxPods,
  };
  // Only the fields the file sets, as a user would write the object in code.
  for (const key of Object.keys(pool)) {
    if (pool[key] === undefined) delete pool[key];
  }
  // Every check the engine makes on pools (name, labels, zones…), now, with the file and the
  // field as written in it (`metadata.name`, `spec.zones[1]`), never later without them.
  try {
    nodesFromPools([{ ...(pool as unknown as NodePool), count: 0 }], [source]);
  } catch (e) {
    if (!ManifestError.isManifestError(e)) throw e;
    throw new ManifestError(e.problem, source, e.object, e.field === 'name' ? 'metadata.name' : `spec.${e.field}`);
  }
  return pool as unknown as NodePool;
}

function objectName(object: Record<string, unknown>): string | undefined {
  const name = isRecord(object.metadata) ? object.metadata.name : undefined;
  return typeof object.kind === 'string' ? `${object.kind}${typeof name === 'string' ? ` ${name}` : ''}` : undefined;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === undefined) return 'nothing';
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'number' && !Number.isFinite(x)) return String(x); // JSON.stringify says null
  return JSON.stringify(x);
}

/** Parses every quantity of a resource list now, so a bad one is reported with its file. */
function checkQuantities(list: unknown, field: string, source: ManifestSource, what: string): void {
  if (!isRecord(list)) return;
  for (const [resource, q] of Object.entries(list)) {
    let value;
    try {
      value = quantityOf(q as QuantityValue);
    } catch (e) {
      if (!(e instanceof InvalidQuantityError)) throw e;
      throw new ManifestError(`invalid quantity ${JSON.stringify(e.input)}: ${e.reason}: ${QUANTITY_FIX}`, source, what, `${field}[${resource}]`);
    }
    if (value.sign() < 0) {
      // ValidateNonnegativeQuantity (ValidateNode): a negative capacity is not "less room".
      throw new ManifestError(`invalid quantity ${JSON.stringify(q)}: must be greater than or equal to 0: ${QUANTITY_FIX}`, source, what, `${field}[${resource}]`);
    }
  }
}

