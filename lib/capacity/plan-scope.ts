// Runs the capacity plan over the final synthesized objects of a construct scope. Shared by
// the CapacityCheck construct and the `toFitNodePools` jest matcher so both see exactly what
// `cdk8s synth` writes (escape hatches, Include and Helm output included).
import { IConstruct } from 'constructs';
import { NodePool } from '../manifests/node-pool';
import { ManifestObject, Node } from '../scheduler/types';
import { SynthesizedObject, synthesizeScope } from '../synth/collect';
import { Headroom } from './headroom';
import { CapacityPlan, MissingRequestsLevel, planCapacity, SurgePolicy } from './plan';

/** Settings of a capacity check besides the node pools (CapacityCheck, `toFitNodePools`). */
export interface CapacityCheckOptions {
  /**
   * Real Node objects (e.g. from `kubectl get nodes -o yaml`), in addition to the pools.
   * @default - no Node objects
   */
  readonly nodes?: Node[];
  /**
   * What everything must still fit without: `Headroom.nodes(k)` (or the number k) for N+k, the k
   * largest nodes of any one pool lost; `Headroom.perPool({ general: 1, gpu: 0 })` for a k per
   * pool; `Headroom.zone()` for the largest `topology.kubernetes.io/zone` of any one pool lost.
   * A plain number stays accepted (it is `Headroom.nodes(k)`).
   * @default 0 - no headroom check
   */
  readonly headroom?: Headroom | number;
  /**
   * Also compute, per pool, the smallest node count at which everything fits with the headroom
   * (`plan.suggestions`, the report's "Suggested node counts", and one line per pool in the synth
   * error when the workloads do not fit).
   * @default false
   */
  readonly suggest?: boolean;
  /**
   * What a container without cpu or memory requests is.
   * @default MissingRequestsLevel.ERROR
   */
  readonly missingRequests?: MissingRequestsLevel;
  /**
   * Rolling-update surge pods to budget for.
   * @default SurgePolicy.EACH_ROLLOUT
   */
  readonly surge?: SurgePolicy;
  /**
   * Node label naming the pool of a real Node object.
   * @default - the usual cloud labels (see `CapacityPlanInput.poolLabel`)
   */
  readonly poolLabel?: string;
}

/** The plan of every ApiObject under `scope`, as synthesized, on `pools` and `options.nodes`. */
export function planScope(scope: IConstruct, pools: readonly NodePool[], options: CapacityCheckOptions = {}): CapacityPlan {
  return planObjects(synthesizeScope(scope), pools, options);
}

/** The plan of synthesized objects; messages name each object's construct path. */
export function planObjects(objects: readonly SynthesizedObject[], pools: readonly NodePool[], options: CapacityCheckOptions = {}): CapacityPlan {
  return planCapacity({
    manifests: objects.map((o) => o.manifest),
    sources: objects.map((o) => ({ path: o.path })),
    pools,
    nodes: options.nodes,
    headroom: options.headroom,
    suggest: options.suggest,
    missingRequests: options.missingRequests,
    surge: options.surge,
    poolLabel: options.poolLabel,
  });
}

/** The plan of plain manifests (e.g. `Testing.synth(chart)` output). */
export function planManifests(manifests: readonly ManifestObject[], pools: readonly NodePool[], options: CapacityCheckOptions = {}): CapacityPlan {
  return planCapacity({
    manifests,
    pools,
    nodes: options.nodes,
    headroom: options.headroom,
    suggest: options.suggest,
    missingRequests: options.missingRequests,
    surge: options.surge,
    poolLabel: options.poolLabel,
  });
}
