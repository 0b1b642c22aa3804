// `cdk8s-appkit/capacity`: the scheduling engine and the capacity planner without cdk8s,
// constructs or ajv (test/api/capacity-entry.test.ts checks require.cache). A chosen list
// (README "Public API"); everything else in lib/ is internal.

// resource.Quantity (Kubernetes 1.27)
export { parseQuantity, Quantity, QuantityFormat, InvalidQuantityError } from './kubernetes/quantity';

// kube-scheduler 1.27: a pod's effective request and the NodeResourcesFit filter
export { podRequests, type PodRequestsOptions, type QuantityList } from './scheduler/pod-requests';
export { nodeFits, type NodeFitResult, type NodeFitOptions } from './scheduler/node-fit';
export { type PodSpec, type ResourceList, type ManifestObject } from './scheduler/types';

// Capacity plan and its reports
export {
  planCapacity, type CapacityPlan, type CapacityPlanInput, SurgePolicy, MissingRequestsLevel, ProblemSeverity,
  type ResourceUsage, type NodePlan, type PoolPlan, type WorkloadPlan, type ReasonCount, type UnplacedPod, type HeadroomPlan, type PlanProblem,
} from './capacity/plan';
export { Headroom, HeadroomKind } from './capacity/headroom';
export { renderCapacityMarkdown, type CapacityMarkdownOptions } from './capacity/report-markdown';
export { renderCapacitySvg, type CapacitySvgOptions } from './capacity/report-svg';

// Inputs: node pools and YAML manifests
export { type NodePool } from './manifests/node-pool';
export { readNodeInputs, type NodeInputs } from './manifests/node-inputs';
export { parseManifests, loadManifestFiles, type LoadedManifest } from './manifests/load-yaml';
export { ManifestError } from './manifests/manifest-error';
export { type ManifestSource } from './manifests/manifest-source';
