// Node pools and Node objects → the nodes the simulation schedules onto.
// A pool node looks like one a kubelet registers: `kubernetes.io/hostname` = node name, and
// `kubernetes.io/os: linux`, `kubernetes.io/arch: amd64` plus the deprecated `beta.` twins the
// kubelet still sets from the same value, unless the pool's labels say otherwise (a pool that
// states only `kubernetes.io/os: windows` gets `beta.kubernetes.io/os: windows` too);
// allocatable = capacity − reserved (never below zero, as the kubelet clamps it); `pods` =
// maxPods, else 110 (kubelet default).
import { isDNS1123Subdomain, isQualifiedName, isValidLabelValue } from '../kubernetes/validation';
import { parseQuantity, Quantity, quantityOf } from '../kubernetes/quantity';
import type { Node, ResourceList } from '../scheduler/types';
import { isListKind } from './list';
import { ManifestError } from './manifest-error';
import type { ManifestSource } from './manifest-source';
import type { NodePool } from './node-pool';

/** Default `--max-pods` of the kubelet. */
export const DEFAULT_MAX_PODS = 110;
/** apiVersion of NodePool objects in YAML (`--nodes nodes.yaml`). */
export const NODE_POOL_API_VERSION = 'capacity.cdk8s-appkit.io/v1alpha1';
export const NODE_POOL_KIND = 'NodePool';
/** Label set on pool nodes naming their pool; also the first label looked at on real nodes. */
export const POOL_LABEL = 'cdk8s-appkit.io/pool';
/** Labels that name the pool of a real Node, tried in order (EKS, GKE, AKS, Karpenter, then instance type). */
export const WELL_KNOWN_POOL_LABELS: readonly string[] = [
  POOL_LABEL,
  'eks.amazonaws.com/nodegroup',
  'cloud.google.com/gke-nodepool',
  'kubernetes.azure.com/agentpool',
  'karpenter.sh/nodepool',
  'node.kubernetes.io/instance-type',
];
/** Pool name of real nodes without any pool label. */
export const DEFAULT_POOL_NAME = 'nodes';

/** Well-known zone label (kubernetes.io/docs/reference/labels-annotations-taints). */
export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** A node to schedule onto, with its pool. */
export interface PoolNode {
  readonly node: Node;
  readonly pool: string;
}

function poolError(pool: NodePool | { name?: unknown }, field: string, problem: string, source?: ManifestSource): ManifestError {
  return new ManifestError(problem, source, `NodePool ${String(pool.name ?? '<unnamed>')}`, field);
}

function checkList(list: ResourceList | undefined, pool: NodePool, field: string, source?: ManifestSource): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const [name, value] of Object.entries(list ?? {})) {
    try {
      out[name] = quantityOf(value);
    } catch (e) {
      throw poolError(pool, `${field}[${name}]`, (e as Error).message, source);
    }
  }
  return out;
}

/** allocatable of one pool node, as a resource list of canonical quantity strings. */
export function poolAllocatable(pool: NodePool, source?: ManifestSource): Record<string, string> {
  let list: Record<string, Quantity>;
  if (pool.allocatable) {
    list = checkList(pool.allocatable, pool, 'allocatable', source);
  } else if (pool.capacity) {
    const capacity = checkList(pool.capacity, pool, 'capacity', source);
    const reserved = checkList(pool.reserved, pool, 'reserved', source);
    list = {};
    for (const [name, q] of Object.entries(capacity)) {
      const left = reserved[name] ? q.sub(reserved[name]) : q;
      list[name] = left.sign() < 0 ? parseQuantity('0') : left;
    }
  } else {
    throw poolError(pool, 'allocatable', 'a node pool needs allocatable, or capacity (minus reserved): set allocatable: { cpu: "4", memory: "16Gi" }', source);
  }
  const out: Record<string, string> = {};
  for (const name of Object.keys(list)) out[name] = list[name].toString();
  if (pool.maxPods !== undefined) out.pods = String(pool.maxPods);
  else if (out.pods === undefined) out.pods = String(DEFAULT_MAX_PODS);
  return out;
}

/**
 * The first zone listed again in a pool's `zones`: `{ index, first }` (0-based), or undefined.
 * Nodes go round robin over the list, so a repeated zone silently gets twice its share of the
 * nodes (and zone headroom loses the wrong count): refused wherever pools are read.
 */
export function repeatedZone(zones: readonly unknown[]): { readonly index: number; readonly first: number } | undefined {
  const seen = new Map<unknown, number>();
  for (let index = 0; index < zones.length; index++) {
    const first = seen.get(zones[index]);
    if (first !== undefined) return { index, first };
    seen.set(zones[index], index);
  }
  return undefined;
}

/** Why a repeated zone is refused, and the fix (after `"<zone>" is listed twice (also zones[i])`). */
export const REPEATED_ZONE_FIX = 'list each zone once (nodes are spread round robin over the list, so a zone listed twice gets twice its share); '
  + 'for an uneven spread, describe one pool per zone';

/** Expands pools into `<pool>-1 … <pool>-N` Node objects. */
export function nodesFromPools(pools: readonly NodePool[], sources?: readonly (ManifestSource | undefined)[]): PoolNode[] {
  const out: PoolNode[] = [];
  pools.forEach((pool, p) => {
    const source = sources?.[p];
    if (typeof pool.name !== 'string' || isDNS1123Subdomain(pool.name).length > 0) {
      throw poolError(pool, 'name', `invalid pool name ${JSON.stringify(pool.name)}: use lowercase letters, digits, '-' and '.'`, source);
    }
    if (!Number.isInteger(pool.count) || pool.count < 0) {
      throw poolError(pool, 'count', `count must be a whole number ≥ 0, got ${JSON.stringify(pool.count)}`, source);
    }
    if (!Number.isSafeInteger(pool.count)) {
      throw poolError(pool, 'count', `count must be at most ${Number.MAX_SAFE_INTEGER} nodes (past 2^53 a count is not exact), got ${pool.count}`, source);
    }
    if (pool.maxPods !== undefined && (!Number.isInteger(pool.maxPods) || pool.maxPods < 0)) {
      throw poolError(pool, 'maxPods', `maxPods must be a whole number ≥ 0, got ${JSON.stringify(pool.maxPods)}`, source);
    }
    const allocatable = poolAllocatable(pool, source);
    const capacity: Record<string, string> = pool.capacity
      ? { ...Object.fromEntries(Object.entries(checkList(pool.capacity, pool, 'capacity', source)).map(([k, q]) => [k, q.toString()])), pods: allocatable.pods }
      : allocatable;
    (pool.taints ?? []).forEach((t, i) => {
      if (!t || typeof t.key !== 'string' || !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
        throw poolError(pool, `taints[${i}]`, `a taint needs a key and an effect of NoSchedule, PreferNoSchedule or NoExecute, got ${JSON.stringify(t ?? null)}: write e.g. { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }`, source);
      }
    });
    for (const [key, value] of Object.entries(pool.labels ?? {})) {
      // Node labels go through ValidateObjectMeta: qualified-name keys, label values.
      const problems = [...isQualifiedName(key).map((m) => `key ${JSON.stringify(key)} ${m}`),
        ...(typeof value === 'string' ? isValidLabelValue(value) : ['must be a string']).map((m) => `value ${JSON.stringify(value)} ${m}`)];
      if (problems.length > 0) {
        throw poolError(pool, `labels[${JSON.stringify(key)}]`, `invalid node label: ${problems[0]}`, source);
      }
    }
    const zones = pool.zones ?? [];
    zones.forEach((z, i) => {
      if (typeof z !== 'string' || z === '' || isValidLabelValue(z).length > 0) {
        throw poolError(pool, `zones[${i}]`, `invalid zone ${JSON.stringify(z)}: a label value of at most 63 letters, digits, '-', '_' or '.', e.g. eu-west-1a`, source);
      }
    });
    if (zones.length > 0 && pool.labels?.[ZONE_LABEL] !== undefined) {
      throw poolError(pool, 'zones', `zones ${JSON.stringify(zones)} and the label ${ZONE_LABEL}: ${JSON.stringify(pool.labels[ZONE_LABEL])} both set the nodes' zone: `
        + 'keep zones (nodes spread over them) or the label (every node in that zone), not both', source);
    }
    const repeated = repeatedZone(zones);
    if (repeated) {
      throw poolError(pool, `zones[${repeated.index}]`, `${JSON.stringify(zones[repeated.index])} is listed twice (also zones[${repeated.first}]): ${REPEATED_ZONE_FIX}`, source);
    }
    // The kubelet sets both OS labels from one GOOS and both arch labels from one GOARCH
    // (pkg/kubelet/kubelet_node_status.go initialNode), so a pool that states one of a pair
    // gets it on the other too, unless it states both.
    const os = pool.labels?.['kubernetes.io/os'] ?? pool.labels?.['beta.kubernetes.io/os'] ?? 'linux';
    const arch = pool.labels?.['kubernetes.io/arch'] ?? pool.labels?.['beta.kubernetes.io/arch'] ?? 'amd64';
    for (let i = 1; i <= pool.count; i++) {
      const name = `${pool.name}-${i}`;
      const zone: Record<string, string> = zones.length > 0 ? { [ZONE_LABEL]: zones[(i - 1) % zones.length] } : {};
      out.push({
        pool: pool.name,
        node: {
          apiVersion: 'v1',
          kind: 'Node',
          metadata: {
            name,
            labels: {
              'beta.kubernetes.io/arch': arch,
              'beta.kubernetes.io/os': os,
              'kubernetes.io/arch': arch,
              'kubernetes.io/os': os,
              [POOL_LABEL]: pool.name,
              ...(pool.labels ?? {}),
              ...zone,
              'kubernetes.io/hostname': name,
            },
          },
          spec: pool.taints && pool.taints.length > 0 ? { taints: pool.taints.map((t) => ({ ...t })) } : {},
          status: { capacity, allocatable },
        },
      });
    }
  });
  return out;
}

/** The pool of a real Node: the first present of `poolLabel` or the well-known labels. */
export function poolOfNode(node: Node, poolLabel?: string): string {
  const labels = node.metadata?.labels ?? {};
  if (poolLabel !== undefined) return labels[poolLabel] ?? DEFAULT_POOL_NAME;
  for (const l of WELL_KNOWN_POOL_LABELS) if (labels[l] !== undefined) return labels[l];
  return DEFAULT_POOL_NAME;
}

/** Node objects among `objects` (Lists flattened); other kinds are ignored. */
export function flattenNodes(objects: readonly unknown[]): Node[] {
  const out: Node[] = [];
  const visit = (o: unknown) => {
    if (typeof o !== 'object' || o === null) return;
    const obj = o as { kind?: unknown; items?: unknown[] };
    if (isListKind(obj)) obj.items!.forEach(visit);
    else if (obj.kind === 'Node') out.push(o as Node);
  };
  objects.forEach(visit);
  return out;
}
