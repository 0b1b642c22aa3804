// One kube-scheduler scheduling cycle per pod, against an in-memory cluster. Ports (Kubernetes v1.27):
//   pkg/scheduler/schedule_one.go (schedulePod, findNodesThatFitPod, findNodesThatPassFilters,
//     prioritizeNodes, selectHost; a PreFilterResult restricts the nodes evaluated, and nodes
//     outside it are not counted in the FitError histogram)
//   pkg/scheduler/framework/runtime/framework.go (RunFilterPlugins stops at the first failing plugin)
//   pkg/scheduler/apis/config/v1/default_plugins.go (filter order of the default profile:
//     NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
//     PodTopologySpread, InterPodAffinity; volume plugins have nothing to check here)
//   pkg/scheduler/framework/types.go (NodeInfo.AddPod: Requested, NonZeroRequested, UsedPorts)
//
// Deliberate differences, so that the same input always gives the same answer:
// - every node is evaluated (upstream stops after `percentageOfNodesToScore` feasible nodes and
//   rotates its start node), so the best node of the whole cluster is chosen;
// - ties between equal scores go to the first node in input order (upstream picks at random);
// - only the NodeResourcesFit LeastAllocated score is computed (the default profile also adds
//   BalancedAllocation, ImageLocality, TaintToleration/NodeAffinity preferences and soft spreading);
// - no preemption: a pod that fits nowhere stays unplaced, and no PostFilter message is added.
//
// One filter chain (`runFilters`, default-profile order, stopping at the first plugin that
// rejects) decides both where a pod goes and, for a pod that fits nowhere, what the FitError
// message says: placement and explanation cannot disagree (test/scheduler/schedule.test.ts
// checks it on random clusters).
//
// Speed: a template (pods sharing namespace, labels and spec, i.e. the replicas of a workload) is
// compiled once — requests parsed once, static filters (unschedulable, node name, taints, node
// affinity) evaluated once per node — and node state is plain numbers, so a pod costs one pass
// over the nodes.
import { fitErrorMessage, reasonHistogram, sortedReasonStrings } from './fit-error';
import {
  affinityTerm,
  AffinityTerm,
  affinityTermMatches,
  InterPodAffinityState,
  interPodAffinityFilter,
  LABEL_NAMESPACE_NAME,
  topologyPairKey,
  TopologyCounts,
} from './inter-pod-affinity';
import { leastAllocatedCpuMemoryScore, nonZeroRequests, NonZeroRequests } from './least-allocated';
import { ERR_REASON_NODE_AFFINITY_CONFLICT, nodeAffinityFilter, requiredNodeAffinity, RequiredNodeAffinity } from './node-affinity';
import { addResourceVector, emptyResourceVector, insufficientResources, NodeFitOptions, nodeAllocatableVector, podResourceVector, ResourceVector } from './node-fit';
import { HostPort, HostPortInfo, nodePortsFilter, podHostPorts } from './node-ports';
import { nodeNameFilter, nodeUnschedulableFilter } from './node-unschedulable';
import {
  ERR_REASON_CONSTRAINTS_NOT_MATCH,
  ERR_REASON_NODE_LABEL_NOT_MATCH,
  hardSpreadConstraints,
  MAX_INT32,
  SpreadConstraint,
} from './pod-topology-spread';
import { findMatchingUntoleratedTaint, taintTolerationFilter } from './taint-toleration';
import type { Node, PodSpec, Taint } from './types';

/** What the scheduler needs of a pod; replicas of one workload share one object (compiled once). */
export interface PodTemplate {
  /** Namespace (after defaulting). */
  readonly namespace: string;
  /** Pod labels (`spec.template.metadata.labels`). @default - no labels */
  readonly labels?: Readonly<Record<string, string>>;
  readonly spec: PodSpec;
}

/** Options of `ClusterScheduler`. */
export interface SchedulerOptions {
  /**
   * Labels of namespaces, for pod affinity `namespaceSelector`s (`kubernetes.io/metadata.name`
   * is always added, as the API server does).
   * @default - only `kubernetes.io/metadata.name`
   */
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /**
   * NodeResourcesFitArgs ignored resources.
   * @default - none
   */
  readonly nodeFit?: NodeFitOptions;
  /**
   * Evaluate every node for every pod instead of reusing per-template node scores (same results,
   * slower; for cross-checking the cache).
   * @default false
   */
  readonly exhaustive?: boolean;
}

/** Result of scheduling one pod. */
export interface ScheduleOutcome {
  /** Index of the chosen node in the scheduler's node list; -1 when none fits. */
  readonly nodeIndex: number;
  /** Name of the chosen node. @default - not placed */
  readonly nodeName?: string;
  /** Score of the chosen node (LeastAllocated, 0–100). @default - not placed */
  readonly score?: number;
  /** `0/3 nodes are available: 2 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}.` @default - placed */
  readonly message?: string;
  /** The histogram of the message, in its order. @default - placed */
  readonly reasons?: ReadonlyArray<{ readonly reason: string; readonly count: number }>;
}

/** Per-spec numbers, shared by every scheduler instance (pure functions of the spec). */
interface SpecNumbers {
  readonly request: ResourceVector;
  readonly nonZero: NonZeroRequests;
  readonly hostPorts: readonly HostPort[];
}

const SPEC_NUMBERS = new WeakMap<PodSpec, SpecNumbers>();

/** What the static filters (NodeUnschedulable, NodeName, TaintToleration, NodeAffinity) said of one node for one template. */
enum StaticVerdict {
  NOT_RUN = 0,
  PASSES = 1,
  FAILS = 2,
}

/** `runFilters` result when every filter passes (compared by identity). */
const PASSED: readonly string[] = Object.freeze([]);
/** `nodeScore` of a node some filter rejects (scores are 0–100). */
const NOT_FEASIBLE = -1;

/** One-element reason lists, shared so a rejecting filter allocates nothing. */
const REASON_LISTS = new Map<string, readonly string[]>();
function reasonList(reason: string): readonly string[] {
  let list = REASON_LISTS.get(reason);
  if (!list) {
    list = Object.freeze([reason]);
    if (REASON_LISTS.size < 10_000) REASON_LISTS.set(reason, list);
  }
  return list;
}

/**
 * `derived` has the requests and host ports of `base` (it differs only in fields they do not read,
 * e.g. the node affinity a DaemonSet pod is pinned with): its numbers are `base`'s, not parsed again.
 * @internal
 */
export function sharePodRequests(derived: PodSpec, base: PodSpec): void {
  if (!SPEC_NUMBERS.has(derived)) SPEC_NUMBERS.set(derived, specNumbers(base));
}

function specNumbers(spec: PodSpec): SpecNumbers {
  let n = SPEC_NUMBERS.get(spec);
  if (!n) {
    const request = podResourceVector(spec);
    n = {
      request,
      nonZero: nonZeroRequests(spec),
      hostPorts: podHostPorts(spec),
    };
    SPEC_NUMBERS.set(spec, n);
  }
  return n;
}

/** Static per-node data of one spread constraint of one template. */
interface SpreadStatics {
  readonly constraint: SpreadConstraint;
  /** node → domain index when the node is eligible (counted), else -1. */
  readonly eligibleDomain: Int32Array;
  /** node → domain index of its topology value (eligible or not), -1 when no eligible node has it, -2 when the label is missing. */
  readonly nodeDomain: Int32Array;
  readonly domainCount: number;
}

/** One spread constraint of one template in one scheduler. */
interface SpreadDomains extends SpreadStatics {
  /** Placed templates checked so far (`placed` only grows) and those whose pods the selector counts. */
  placedSeen: number;
  readonly matched: CompiledTemplate[];
}

/**
 * What a template compiles to that depends only on the template, the nodes and the options, not
 * on the pods placed: computed once and shared by every scheduler over the same nodes
 * (`freshCopy`). Its caches (static verdicts) are pure functions of template and node.
 */
interface TemplateStatics {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly spec: PodSpec;
  readonly numbers: SpecNumbers;
  readonly nodeAffinity: RequiredNodeAffinity;
  /**
   * StaticVerdict per node, computed on first use (a DaemonSet pod is only ever evaluated on its
   * own node).
   */
  /** StaticVerdict per node index; a template restricted to a few candidate nodes (a DaemonSet pod) keeps only theirs. */
  readonly staticState: Uint8Array | Record<number, StaticVerdict>;
  /** Reasons of the nodes that fail them (only failures are stored). */
  readonly staticReasons: Map<number, string>;
  /**
   * Without nodeSelector, required node affinity and nodeName, the static filters only see the
   * node's taints and cordon: results shared by nodes with the same taints (signature → reason).
   */
  readonly bySignature?: Map<number, string | undefined>;
  /**
   * What decides the filters and score of a template without pod affinity (templates with the
   * same key share one ScoreHolder); undefined for the others.
   */
  readonly scoreKey?: string;
  /** Nodes evaluated (PreFilterResult), or undefined for all. */
  readonly candidates?: readonly number[];
  /** A PreFilterResult node name no node has (1.27 fails the scheduling attempt on it). */
  readonly missingNodeName?: string;
  readonly preFilterMsg?: string;
  readonly affinityTerms: readonly AffinityTerm[];
  readonly antiAffinityTerms: readonly AffinityTerm[];
  readonly matchesOwnAffinity: boolean;
  readonly spreadStatics: readonly SpreadStatics[];
}

/** A template compiled in one scheduler: its statics and what the pods placed there change. */
interface CompiledTemplate extends TemplateStatics {
  readonly id: number;
  /**
   * Cached per-node scores (see bestFromCache). Templates that filter and score alike (same
   * requests, tolerations, node selection, host ports, no pod affinity) share one holder.
   */
  readonly scores: ScoreHolder;
  /** Used instead of `scores` while placed pods' anti-affinity concerns this template. */
  readonly ownScores: ScoreHolder;
  readonly spread: readonly SpreadDomains[];
  /** node index → pods of this template placed there. */
  readonly placements: Map<number, number>;
  /** Placed templates relevant to this template's inter-pod affinity (see refreshAffinityMatches). */
  affinityMatchState?: AffinityMatches;
}

/** Placed templates that match a template's affinity terms, or whose anti-affinity matches it. */
interface AffinityMatches {
  placedSeen: number;
  antiSeen: number;
  /** Templates whose pods match all affinity terms. */
  readonly affinity: CompiledTemplate[];
  /** (template, own anti-affinity term) pairs that match. */
  readonly anti: Array<{ readonly other: CompiledTemplate; readonly term: number }>;
  /** (placed template, its anti-affinity term) pairs that match this template's pods. */
  readonly existingAnti: Array<{ readonly other: CompiledTemplate; readonly term: number }>;
}

/** Where a ScoreCache lives (shared by equivalent templates). */
interface ScoreHolder {
  cache?: ScoreCache;
}

/** Per-template node scores (-1 = filtered out) and a max-tree over them. */
interface ScoreCache {
  readonly scores: Int32Array;
  /** Leaves at size + i hold node i (-1 past the end); inner nodes the better child. */
  readonly tree: Int32Array;
  readonly size: number;
  /** Position in the change log up to which the scores are current. */
  logPos: number;
}

/** Higher score wins; equal scores go to the lower node index (the first in node order). */
function better(scores: Int32Array, a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  const sa = scores[a];
  const sb = scores[b];
  if (sa !== sb) return sa > sb ? a : b;
  return a < b ? a : b;
}

/** PreFilter counts of one spread constraint, by domain index. */
interface SpreadCounts {
  readonly counts: Int32Array;
  readonly min: number;
}

const NO_LABELS: Readonly<Record<string, string>> = Object.freeze({});
/** v1.LabelHostname. */
const LABEL_HOSTNAME = 'kubernetes.io/hostname';
const HOSTNAME_PAIR_PREFIX = topologyPairKey(LABEL_HOSTNAME, '');

/** What a scheduler knows of its nodes and templates that placing pods never changes (shared by `freshCopy`). */
interface ClusterStatics {
  readonly nodeNames: readonly string[];
  readonly allocatable: readonly ResourceVector[];
  readonly nodeLabels: readonly Readonly<Record<string, string>>[];
  readonly nodeTaints: readonly (readonly Taint[] | undefined)[];
  readonly nodeUnschedulable: readonly boolean[];
  readonly nodeIndexByName: ReadonlyMap<string, number>;
  readonly hostnamesUnique: boolean;
  readonly taintSignature: Int32Array;
  readonly templates: WeakMap<PodTemplate, TemplateStatics>;
}

function clusterStatics(nodes: readonly Node[]): ClusterStatics {
  const nodeNames = nodes.map((node) => node.metadata?.name ?? '');
  const nodeLabels = nodes.map((node) => node.metadata?.labels ?? NO_LABELS);
  const nodeIndexByName = new Map<string, number>();
  nodeNames.forEach((name, i) => {
    if (!nodeIndexByName.has(name)) nodeIndexByName.set(name, i);
  });
  const hostnames = nodeLabels.map((l) => l[LABEL_HOSTNAME]).filter((h) => h !== undefined);
  const signatures = new Map<string, number>();
  const taintSignature = Int32Array.from(nodes, (node) => {
    const key = JSON.stringify([node.spec?.unschedulable === true, node.spec?.taints ?? []]);
    let sig = signatures.get(key);
    if (sig === undefined) signatures.set(key, (sig = signatures.size));
    return sig;
  });
  return {
    nodeNames,
    allocatable: nodes.map((node) => nodeAllocatableVector(node)),
    nodeLabels,
    nodeTaints: nodes.map((node) => node.spec?.taints),
    nodeUnschedulable: nodes.map((node) => node.spec?.unschedulable === true),
    nodeIndexByName,
    hostnamesUnique: new Set(hostnames).size === hostnames.length,
    taintSignature,
    templates: new WeakMap(),
  };
}

/** Set by `freshCopy` for the constructor it calls (the constructor's signature stays public and unchanged). */
let inheritedStatics: ClusterStatics | undefined;

/**
 * An in-memory cluster that places pods one at a time with kube-scheduler's default-profile
 * filters and the LeastAllocated score (see the file comment for the deliberate differences).
 */
export class ClusterScheduler {
  public readonly nodeNames: readonly string[];
  /** status.allocatable per node, in scheduler units. */
  public readonly allocatable: readonly ResourceVector[];
  /** Sum of the requests of the pods placed per node (NodeInfo.Requested). */
  public readonly requested: readonly ResourceVector[];
  /** Names of the pods placed per node, in placement order. */
  public readonly podsOnNode: readonly string[][];

  private readonly statics: ClusterStatics;
  private readonly nodeLabels: readonly Readonly<Record<string, string>>[];
  private readonly nodeTaints: readonly (readonly Taint[] | undefined)[];
  private readonly nodeUnschedulable: readonly boolean[];
  private readonly nodeIndexByName: ReadonlyMap<string, number>;
  private readonly podCount: Int32Array;
  private readonly nonZeroMilliCPU: Float64Array;
  private readonly nonZeroMemory: Float64Array;
  /** No two nodes share a `kubernetes.io/hostname` value. */
  private readonly hostnamesUnique: boolean;
  /** Nodes with equal taints and cordon share a signature. */
  private readonly taintSignature: Int32Array;
  private readonly usedPorts: (HostPortInfo | undefined)[];
  private readonly templates = new WeakMap<PodTemplate, CompiledTemplate>();
  /** Templates with at least one placed pod, in order of first placement. */
  private readonly placed: CompiledTemplate[] = [];
  private readonly placedWithAntiAffinity: CompiledTemplate[] = [];
  private nextTemplateId = 0;
  /** Node indices in the order their state changed (one entry per placed pod). */
  private readonly changeLog: number[] = [];
  /** Score holders of templates without pod affinity, by what decides their filters and score. */
  private readonly sharedScores = new Map<string, ScoreHolder>();
  /** Scratch marks to visit each changed node once. */
  private readonly stamps: Int32Array;
  private stampCounter = 0;

  constructor(nodes: readonly Node[], private readonly options: SchedulerOptions = {}) {
    const statics = inheritedStatics ?? clusterStatics(nodes);
    inheritedStatics = undefined;
    const n = statics.nodeNames.length;
    this.statics = statics;
    this.nodeNames = statics.nodeNames;
    this.nodeLabels = statics.nodeLabels;
    this.nodeTaints = statics.nodeTaints;
    this.nodeUnschedulable = statics.nodeUnschedulable;
    this.allocatable = statics.allocatable;
    this.nodeIndexByName = statics.nodeIndexByName;
    this.hostnamesUnique = statics.hostnamesUnique;
    this.taintSignature = statics.taintSignature;
    this.requested = Array.from({ length: n }, () => emptyResourceVector());
    this.podsOnNode = Array.from({ length: n }, () => []);
    this.podCount = new Int32Array(n);
    this.nonZeroMilliCPU = new Float64Array(n);
    this.nonZeroMemory = new Float64Array(n);
    this.usedPorts = new Array(n).fill(undefined);
    this.stamps = new Int32Array(n);
  }

  /**
   * A new scheduler over the same nodes and options with no pod placed, as `new
   * ClusterScheduler(nodes, options)` would be, sharing this one's node data and what its
   * templates compiled to that pods placed do not change (cheaper than compiling again).
   * @internal
   */
  public freshCopy(): ClusterScheduler {
    inheritedStatics = this.statics;
    try {
      return new ClusterScheduler([], this.options);
    } finally {
      inheritedStatics = undefined;
    }
  }

  public get nodeCount(): number {
    return this.nodeNames.length;
  }

  /** Pods placed on node `i`. */
  public podCountOn(i: number): number {
    return this.podCount[i];
  }

  /**
   * Places one pod of `template` on node `i` without running the filters: a pod bound by
   * `spec.nodeName` that kubelet admitted (see kubelet-admission.ts), or a replayed placement.
   */
  public bind(template: PodTemplate, i: number, podName: string): void {
    this.assume(this.compile(template), i, podName);
  }

  /** Host ports in use on node `i` (NodeInfo.UsedPorts). */
  public usedPortsOn(i: number): HostPortInfo | undefined {
    return this.usedPorts[i];
  }

  /** Schedule one pod of `template` named `podName`; places it (assume) when a node fits. */
  public schedule(template: PodTemplate, podName: string): ScheduleOutcome {
    const t = this.compile(template);
    const numAllNodes = this.nodeCount;
    if (numAllNodes === 0) return { nodeIndex: -1, message: 'no nodes available to schedule pods', reasons: [] };
    if (t.missingNodeName !== undefined) {
      // 1.27 findNodesThatFitPod looks every PreFilterResult node name up in the snapshot
      // (`nodeInfoSnapshot.NodeInfos().Get(n)`) and fails the attempt on the first it lacks, even
      // when other named nodes exist (later versions skip the missing ones; 1.27 wins).
      return { nodeIndex: -1, message: `nodeinfo not found for node name ${JSON.stringify(t.missingNodeName)}`, reasons: [] };
    }
    if (t.preFilterMsg !== undefined) {
      return { nodeIndex: -1, message: fitErrorMessage(numAllNodes, { nodeReasons: [], preFilterMsg: t.preFilterMsg }), reasons: [] };
    }
    const { ipa, spreadCounts } = this.preFilter(t);

    const candidates = t.candidates;
    const count = candidates ? candidates.length : numAllNodes;
    // Place: the feasible node with the highest score (first in node order on ties).
    let best = -1;
    let bestScore = NOT_FEASIBLE;
    if (!candidates && !spreadCounts && (!ipa || this.nodeLocal(ipa)) && !this.options.exhaustive) {
      // Only node-local filters: per-node results stay valid until that node changes.
      const holder = ipa ? t.ownScores : t.scores;
      best = this.bestFromCache(t, ipa, holder);
      bestScore = best >= 0 ? (holder.cache as ScoreCache).scores[best] : NOT_FEASIBLE;
    } else {
      for (let k = 0; k < count; k++) {
        const i = candidates ? candidates[k] : k;
        const score = this.nodeScore(t, i, spreadCounts, ipa);
        if (score > bestScore) {
          best = i;
          bestScore = score;
        }
      }
    }
    if (best >= 0) {
      this.assume(t, best, podName);
      return { nodeIndex: best, nodeName: this.nodeNames[best], score: bestScore };
    }

    // Explain: the same filter chain, keeping the first rejecting plugin's reasons per evaluated node.
    const nodeReasons: (readonly string[])[] = [];
    for (let k = 0; k < count; k++) {
      const i = candidates ? candidates[k] : k;
      const reasons = this.runFilters(t, i, spreadCounts, ipa);
      if (reasons !== PASSED) nodeReasons.push(reasons);
    }
    const histogram = reasonHistogram(nodeReasons);
    const reasons = sortedReasonStrings(histogram).map((s) => {
      const space = s.indexOf(' ');
      return { reason: s.slice(space + 1), count: Number(s.slice(0, space)) };
    });
    return { nodeIndex: -1, message: fitErrorMessage(numAllNodes, { nodeReasons }), reasons };
  }

  /**
   * The filter chain's verdict for one pod of `template` on node `nodeIndex`, in the cluster's
   * current state: an empty list when every filter passes, else the reasons of the first filter
   * that rejects the node (what the FitError message counts for it). PreFilter failures (node
   * names that conflict or do not exist) concern no single node and are not reported here.
   */
  public filterNode(template: PodTemplate, nodeIndex: number): string[] {
    const t = this.compile(template);
    const { ipa, spreadCounts } = this.preFilter(t);
    return [...this.runFilters(t, nodeIndex, spreadCounts, ipa)];
  }

  /** PreFilter state of PodTopologySpread and InterPodAffinity for the next pod of `t`. */
  private preFilter(t: CompiledTemplate): { ipa?: InterPodAffinityState; spreadCounts?: SpreadCounts[] } {
    let ipa = this.interPodAffinityState(t);
    // No terms of its own and no placed pod's anti-affinity matches it: nothing to check.
    if (ipa && ipa.affinityTerms.length === 0 && ipa.antiAffinityTerms.length === 0 && ipa.existingAntiAffinityCounts.size === 0) ipa = undefined;
    const spreadCounts = t.spread.length > 0 ? this.spreadCounts(t) : undefined;
    return { ipa, spreadCounts };
  }

  /** The LeastAllocated score of node i when every filter passes it, else NOT_FEASIBLE. */
  private nodeScore(t: CompiledTemplate, i: number, spreadCounts: readonly SpreadCounts[] | undefined, ipa: InterPodAffinityState | undefined): number {
    if (this.runFilters(t, i, spreadCounts, ipa) !== PASSED) return NOT_FEASIBLE;
    const alloc = this.allocatable[i];
    const n = t.numbers.nonZero;
    return leastAllocatedCpuMemoryScore(this.nonZeroMilliCPU[i], this.nonZeroMemory[i], alloc.milliCPU, alloc.memory, n.milliCPU, n.memory);
  }

  /**
   * Anti-affinity on `kubernetes.io/hostname` only (the pod's own terms and the matching terms
   * of placed pods) is decided by the pods on each node alone, when hostnames are unique.
   */
  private nodeLocal(ipa: InterPodAffinityState): boolean {
    if (!this.hostnamesUnique || ipa.affinityTerms.length > 0) return false;
    for (const term of ipa.antiAffinityTerms) if (term.topologyKey !== LABEL_HOSTNAME) return false;
    for (const key of ipa.existingAntiAffinityCounts.keys()) if (!key.startsWith(HOSTNAME_PAIR_PREFIX)) return false;
    return true;
  }

  /**
   * Best node for a template whose filters are all node-local: per-node scores are cached and a
   * max-tree gives the best (highest score, then lowest index) in O(1); only nodes changed since
   * the template's last pod are re-evaluated.
   */
  private bestFromCache(t: CompiledTemplate, ipa: InterPodAffinityState | undefined, holder: ScoreHolder): number {
    const n = this.nodeCount;
    let c = holder.cache;
    if (!c) {
      let size = 1;
      while (size < n) size *= 2;
      c = { scores: new Int32Array(n), tree: new Int32Array(2 * size).fill(-1), size, logPos: this.changeLog.length };
      holder.cache = c;
      if (t.bySignature) {
        // Static filters once per taint signature instead of once per node.
        const bySig: StaticVerdict[] = [];
        for (let i = 0; i < n; i++) {
          const sig = this.taintSignature[i];
          if (bySig[sig] === undefined) bySig[sig] = this.staticReason(t, i) === undefined ? StaticVerdict.PASSES : StaticVerdict.FAILS;
          else if (bySig[sig] === StaticVerdict.FAILS) {
            t.staticState[i] = StaticVerdict.FAILS;
            t.staticReasons.set(i, t.bySignature.get(sig) as string);
          } else t.staticState[i] = StaticVerdict.PASSES;
        }
      }
      for (let i = 0; i < n; i++) {
        c.scores[i] = this.nodeScore(t, i, undefined, ipa);
        c.tree[size + i] = i;
      }
      for (let p = size - 1; p >= 1; p--) c.tree[p] = better(c.scores, c.tree[2 * p], c.tree[2 * p + 1]);
    } else {
      const log = this.changeLog;
      const changes = log.length - c.logPos;
      if (changes * 16 > c.size) {
        // Many changes (another template ran in between): rescore each changed node once, rebuild the tree.
        const stamp = ++this.stampCounter;
        for (let j = c.logPos; j < log.length; j++) {
          const i = log[j];
          if (this.stamps[i] === stamp) continue;
          this.stamps[i] = stamp;
          c.scores[i] = this.nodeScore(t, i, undefined, ipa);
        }
        for (let p = c.size - 1; p >= 1; p--) c.tree[p] = better(c.scores, c.tree[2 * p], c.tree[2 * p + 1]);
      } else {
        for (let j = c.logPos; j < log.length; j++) {
          const i = log[j];
          c.scores[i] = this.nodeScore(t, i, undefined, ipa);
          for (let p = (c.size + i) >> 1; p >= 1; p >>= 1) c.tree[p] = better(c.scores, c.tree[2 * p], c.tree[2 * p + 1]);
        }
      }
      c.logPos = log.length;
    }
    const best = c.tree[1];
    return best >= 0 && c.scores[best] !== NOT_FEASIBLE ? best : -1;
  }

  /**
   * RunFilterPlugins for one node, in default-profile order: PASSED, or the reasons of the first
   * plugin that rejects it (framework.go stops there). The only place a filter runs.
   */
  private runFilters(
    t: CompiledTemplate,
    i: number,
    spreadCounts: readonly SpreadCounts[] | undefined,
    ipa: InterPodAffinityState | undefined,
  ): readonly string[] {
    // NodeUnschedulable, NodeName, TaintToleration, NodeAffinity (fixed per template and node)
    const staticReason = this.staticReason(t, i);
    if (staticReason !== undefined) return reasonList(staticReason);
    // NodePorts
    if (t.numbers.hostPorts.length > 0) {
      const ports = nodePortsFilter(t.numbers.hostPorts, this.usedPorts[i]);
      if (ports !== undefined) return reasonList(ports);
    }
    // NodeResourcesFit
    const fit = insufficientResources(this.allocatable[i], this.requested[i], this.podCount[i], t.numbers.request, this.options.nodeFit);
    if (fit.length > 0) return fit.length === 1 ? reasonList(fit[0].reason) : fit.map((r) => r.reason);
    // PodTopologySpread
    if (spreadCounts) {
      const spread = this.spreadReason(t, spreadCounts, i);
      if (spread !== undefined) return reasonList(spread);
    }
    // InterPodAffinity
    if (ipa) {
      const affinity = interPodAffinityFilter(ipa, this.nodeLabels[i]);
      if (affinity !== undefined) return reasonList(affinity);
    }
    return PASSED;
  }

  /** NodeUnschedulable, NodeName, TaintToleration, NodeAffinity: fixed per template and node. */
  private staticReason(t: CompiledTemplate, i: number): string | undefined {
    const state = t.staticState[i] ?? StaticVerdict.NOT_RUN;
    if (state === StaticVerdict.PASSES) return undefined;
    if (state === StaticVerdict.FAILS) return t.staticReasons.get(i);
    let reason: string | undefined;
    const sig = this.taintSignature[i];
    if (t.bySignature && t.bySignature.has(sig)) {
      reason = t.bySignature.get(sig);
    } else {
      const tolerations = t.spec.tolerations;
      reason =
        nodeUnschedulableFilter(this.nodeUnschedulable[i], tolerations) ??
        nodeNameFilter(t.spec.nodeName, this.nodeNames[i]) ??
        taintTolerationFilter(this.nodeTaints[i], tolerations) ??
        nodeAffinityFilter(t.nodeAffinity, { name: this.nodeNames[i], labels: this.nodeLabels[i] });
      t.bySignature?.set(sig, reason);
    }
    t.staticState[i] = reason === undefined ? StaticVerdict.PASSES : StaticVerdict.FAILS;
    if (reason !== undefined) t.staticReasons.set(i, reason);
    return reason;
  }

  private assume(t: CompiledTemplate, i: number, podName: string): void {
    const r = t.numbers.request;
    addResourceVector(this.requested[i] as ResourceVector, r);
    this.podCount[i] += 1;
    this.nonZeroMilliCPU[i] += t.numbers.nonZero.milliCPU;
    this.nonZeroMemory[i] += t.numbers.nonZero.memory;
    if (t.numbers.hostPorts.length > 0) {
      const used = (this.usedPorts[i] ??= new HostPortInfo());
      for (const p of t.numbers.hostPorts) used.add(p);
    }
    const before = t.placements.get(i) ?? 0;
    if (t.placements.size === 0) {
      this.placed.push(t);
      if (t.antiAffinityTerms.length > 0) this.placedWithAntiAffinity.push(t);
    }
    t.placements.set(i, before + 1);
    this.podsOnNode[i].push(podName);
    this.changeLog.push(i);
  }

  private namespaceLabels(namespace: string): Readonly<Record<string, string>> {
    return { ...(this.options.namespaceLabels?.[namespace] ?? {}), [LABEL_NAMESPACE_NAME]: namespace };
  }

  private compile(template: PodTemplate): CompiledTemplate {
    const cached = this.templates.get(template);
    if (cached) return cached;
    let statics = this.statics.templates.get(template);
    if (!statics) this.statics.templates.set(template, (statics = this.compileStatics(template)));
    let scores: ScoreHolder = {};
    if (statics.scoreKey !== undefined) {
      const shared = this.sharedScores.get(statics.scoreKey);
      if (shared) scores = shared;
      else this.sharedScores.set(statics.scoreKey, scores);
    }
    // Every field named (one object shape for every template, unlike a spread of optional fields).
    const compiled: CompiledTemplate = {
      namespace: statics.namespace,
      labels: statics.labels,
      spec: statics.spec,
      numbers: statics.numbers,
      nodeAffinity: statics.nodeAffinity,
      staticState: statics.staticState,
      staticReasons: statics.staticReasons,
      bySignature: statics.bySignature,
      scoreKey: statics.scoreKey,
      candidates: statics.candidates,
      missingNodeName: statics.missingNodeName,
      preFilterMsg: statics.preFilterMsg,
      affinityTerms: statics.affinityTerms,
      antiAffinityTerms: statics.antiAffinityTerms,
      matchesOwnAffinity: statics.matchesOwnAffinity,
      spreadStatics: statics.spreadStatics,
      id: this.nextTemplateId++,
      scores,
      ownScores: {},
      spread: statics.spreadStatics.map((s) => ({ ...s, placedSeen: 0, matched: [] })),
      placements: new Map(),
    };
    this.templates.set(template, compiled);
    return compiled;
  }

  private compileStatics(template: PodTemplate): TemplateStatics {
    const spec = template.spec;
    const labels = template.labels ?? NO_LABELS;
    const nodeAffinity = requiredNodeAffinity(spec);
    const n = this.nodeCount;

    let candidates: number[] | undefined;
    let missingNodeName: string | undefined;
    let preFilterMsg: string | undefined;
    if (nodeAffinity.nodeNames !== undefined) {
      if (nodeAffinity.nodeNames.size === 0) {
        preFilterMsg = ERR_REASON_NODE_AFFINITY_CONFLICT;
      } else {
        // Evaluated in node order (upstream ranges over a set: any order, so the first missing
        // name it meets is any of them; we report the first in sort order).
        missingNodeName = [...nodeAffinity.nodeNames].sort().find((name) => !this.nodeIndexByName.has(name));
        candidates = [...nodeAffinity.nodeNames].map((name) => this.nodeIndexByName.get(name) ?? -1).filter((i) => i >= 0).sort((a, b) => a - b);
      }
    }

    const affinity = spec.affinity;
    const affinityTerms = (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => affinityTerm(template.namespace, term));
    const antiAffinityTerms = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => affinityTerm(template.namespace, term));
    const nsLabels = this.namespaceLabels(template.namespace);
    const matchesOwnAffinity = affinityTerms.length > 0 && affinityTerms.every((term) => affinityTermMatches(term, template.namespace, labels, nsLabels));

    const constraints = hardSpreadConstraints(spec.topologySpreadConstraints, labels);
    const spreadStatics = constraints.map((c) => this.spreadDomains(c, constraints, spec, nodeAffinity));

    const numbers = specNumbers(spec);
    let scoreKey: string | undefined;
    if (affinityTerms.length === 0 && antiAffinityTerms.length === 0 && constraints.length === 0 && !candidates && preFilterMsg === undefined) {
      const r = numbers.request;
      scoreKey = JSON.stringify([
        r.milliCPU, r.memory, r.ephemeralStorage, Object.keys(r.scalarResources).sort().map((k) => [k, r.scalarResources[k]]),
        numbers.nonZero, numbers.hostPorts, spec.tolerations ?? null, spec.nodeSelector ?? null,
        affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? null, spec.nodeName ?? null,
      ]);
    }
    return {
      namespace: template.namespace,
      labels,
      spec,
      numbers,
      scoreKey,
      nodeAffinity,
      // n bytes per template would be n² for a DaemonSet's pods (one pinned template per node).
      staticState: candidates ? {} : new Uint8Array(n),
      staticReasons: new Map(),
      bySignature: nodeAffinity.skip && !spec.nodeName ? new Map<number, string | undefined>() : undefined,
      candidates,
      missingNodeName,
      preFilterMsg,
      affinityTerms,
      antiAffinityTerms,
      matchesOwnAffinity,
      spreadStatics,
    };
  }

  /** PodTopologySpread PreFilter, static part: which nodes count, and their domains. */
  private spreadDomains(c: SpreadConstraint, all: readonly SpreadConstraint[], spec: PodSpec, nodeAffinity: RequiredNodeAffinity): SpreadStatics {
    const n = this.nodeCount;
    const eligibleDomain = new Int32Array(n).fill(-1);
    const nodeDomain = new Int32Array(n).fill(-1);
    const domainByValue = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const labels = this.nodeLabels[i];
      // nodeLabelsMatchSpreadConstraints: the node has every constraint's key.
      if (!all.every((other) => Object.prototype.hasOwnProperty.call(labels, other.topologyKey))) continue;
      if (c.honorNodeAffinity && !nodeAffinity.match({ name: this.nodeNames[i], labels })) continue;
      if (c.honorNodeTaints && findMatchingUntoleratedTaint(this.nodeTaints[i], spec.tolerations) !== undefined) continue;
      const value = labels[c.topologyKey];
      let d = domainByValue.get(value);
      if (d === undefined) domainByValue.set(value, (d = domainByValue.size));
      eligibleDomain[i] = d;
    }
    for (let i = 0; i < n; i++) {
      const labels = this.nodeLabels[i];
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) nodeDomain[i] = -2;
      else nodeDomain[i] = domainByValue.get(labels[c.topologyKey]) ?? -1;
    }
    return { constraint: c, eligibleDomain, nodeDomain, domainCount: domainByValue.size };
  }

  /** PodTopologySpread PreFilter, dynamic part: matching pods per domain and the global minimum. */
  private spreadCounts(t: CompiledTemplate): SpreadCounts[] {
    return t.spread.map((s) => {
      const counts = new Int32Array(s.domainCount);
      for (; s.placedSeen < this.placed.length; s.placedSeen++) {
        const other = this.placed[s.placedSeen];
        // countPodsMatchSelector: same namespace as the incoming pod, selector on labels.
        if (other.namespace === t.namespace && s.constraint.selector(other.labels)) s.matched.push(other);
      }
      for (const other of s.matched) {
        for (const [node, k] of other.placements) {
          const d = s.eligibleDomain[node];
          if (d >= 0) counts[d] += k;
        }
      }
      // minMatchNum: the smallest domain (MaxInt32 when none), 0 below minDomains domains.
      let min = MAX_INT32;
      for (let d = 0; d < counts.length; d++) if (counts[d] < min) min = counts[d];
      if (s.domainCount < s.constraint.minDomains) min = 0;
      return { counts, min };
    });
  }

  /** PodTopologySpread Filter on node i: matchNum + selfMatch − minMatchNum ≤ maxSkew per constraint. */
  private spreadReason(t: CompiledTemplate, counts: readonly SpreadCounts[], i: number): string | undefined {
    for (let c = 0; c < t.spread.length; c++) {
      const s = t.spread[c];
      const d = s.nodeDomain[i];
      if (d === -2) return ERR_REASON_NODE_LABEL_NOT_MATCH;
      const selfMatch = s.constraint.selector(t.labels) ? 1 : 0;
      const matchNum = d >= 0 ? counts[c].counts[d] : 0;
      if (matchNum + selfMatch - counts[c].min > s.constraint.maxSkew) return ERR_REASON_CONSTRAINTS_NOT_MATCH;
    }
    return undefined;
  }

  /**
   * Which placed templates matter to `t`'s pod affinity terms, checked once per pair: `placed`
   * and `placedWithAntiAffinity` only grow, so only templates placed since the last call are new.
   */
  private refreshAffinityMatches(t: CompiledTemplate): AffinityMatches {
    const m = (t.affinityMatchState ??= { placedSeen: 0, antiSeen: 0, affinity: [], anti: [], existingAnti: [] });
    if (t.affinityTerms.length > 0 || t.antiAffinityTerms.length > 0) {
      for (; m.placedSeen < this.placed.length; m.placedSeen++) {
        const other = this.placed[m.placedSeen];
        const nsLabels = this.namespaceLabels(other.namespace);
        if (t.affinityTerms.length > 0 && t.affinityTerms.every((term) => affinityTermMatches(term, other.namespace, other.labels, nsLabels))) m.affinity.push(other);
        t.antiAffinityTerms.forEach((term, idx) => {
          if (affinityTermMatches(term, other.namespace, other.labels, nsLabels)) m.anti.push({ other, term: idx });
        });
      }
    }
    if (m.antiSeen < this.placedWithAntiAffinity.length) {
      const nsLabels = this.namespaceLabels(t.namespace);
      for (; m.antiSeen < this.placedWithAntiAffinity.length; m.antiSeen++) {
        const other = this.placedWithAntiAffinity[m.antiSeen];
        other.antiAffinityTerms.forEach((term, idx) => {
          if (affinityTermMatches(term, t.namespace, t.labels, nsLabels)) m.existingAnti.push({ other, term: idx });
        });
      }
    }
    return m;
  }

  /** InterPodAffinity PreFilter; undefined when the plugin has nothing to check (Skip). */
  private interPodAffinityState(t: CompiledTemplate): InterPodAffinityState | undefined {
    if (t.affinityTerms.length === 0 && t.antiAffinityTerms.length === 0 && this.placedWithAntiAffinity.length === 0) return undefined;
    const m = this.refreshAffinityMatches(t);
    const existingAntiAffinityCounts: TopologyCounts = new Map();
    const affinityCounts: TopologyCounts = new Map();
    const antiAffinityCounts: TopologyCounts = new Map();
    const add = (counts: TopologyCounts, key: string, node: number, k: number) => {
      const value = this.nodeLabels[node][key];
      if (value === undefined) return;
      const pair = topologyPairKey(key, value);
      counts.set(pair, (counts.get(pair) ?? 0) + k);
    };
    // getExistingAntiAffinityCounts: placed pods whose anti-affinity terms match this pod.
    for (const { other, term } of m.existingAnti) {
      const key = other.antiAffinityTerms[term].topologyKey;
      for (const [node, k] of other.placements) add(existingAntiAffinityCounts, key, node, k);
    }
    // getIncomingAffinityAntiAffinityCounts: placed pods matching all affinity terms / an anti-affinity term.
    for (const other of m.affinity) {
      for (const term of t.affinityTerms) for (const [node, k] of other.placements) add(affinityCounts, term.topologyKey, node, k);
    }
    for (const { other, term } of m.anti) {
      const key = t.antiAffinityTerms[term].topologyKey;
      for (const [node, k] of other.placements) add(antiAffinityCounts, key, node, k);
    }
    return {
      affinityTerms: t.affinityTerms,
      antiAffinityTerms: t.antiAffinityTerms,
      affinityCounts,
      antiAffinityCounts,
      existingAntiAffinityCounts,
      matchesOwnAffinity: t.matchesOwnAffinity,
    };
  }
}
