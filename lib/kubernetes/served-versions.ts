// Which apiVersions a Kubernetes 1.27 API server serves the built-in kinds in that the capacity
// check reads: the `x-kubernetes-group-version-kind` entries of the 1.27.0 OpenAPI definitions
// (schemas/k8s-1.27.0-definitions.json, what the API server publishes). Older versions of the
// same groups — extensions/v1beta1, apps/v1beta1 and apps/v1beta2 workloads, batch/v1beta1
// CronJob, autoscaling/v2beta1 and v2beta2 HorizontalPodAutoscaler, node.k8s.io/v1beta1
// RuntimeClass, scheduling.k8s.io/v1beta1 PriorityClass — are no longer registered
// (pkg/registry/*/rest/storage_*.go builds no storage for them), so `kubectl apply` answers
// `no matches for kind "CronJob" in version "batch/v1beta1"` and the object never exists.
import { apiGroup } from './private/json';

/** kind → the apiVersions Kubernetes 1.27 serves it in, preferred first. */
const SERVED: Readonly<Record<string, readonly string[]>> = Object.freeze({
  Pod: ['v1'],
  ReplicationController: ['v1'],
  Namespace: ['v1'],
  LimitRange: ['v1'],
  ResourceQuota: ['v1'],
  Deployment: ['apps/v1'],
  ReplicaSet: ['apps/v1'],
  StatefulSet: ['apps/v1'],
  DaemonSet: ['apps/v1'],
  Job: ['batch/v1'],
  CronJob: ['batch/v1'],
  HorizontalPodAutoscaler: ['autoscaling/v2', 'autoscaling/v1'],
  RuntimeClass: ['node.k8s.io/v1'],
  PriorityClass: ['scheduling.k8s.io/v1'],
});

/** Groups that served a kind in an earlier release besides its 1.27 group (extensions/v1beta1, removed in 1.16). */
const FORMER_GROUPS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  Deployment: ['extensions'],
  ReplicaSet: ['extensions'],
  DaemonSet: ['extensions'],
});

/**
 * For a built-in kind written in an apiVersion Kubernetes 1.27 does not serve (`batch/v1beta1`
 * CronJob, `extensions/v1beta1` Deployment), the apiVersions it is served in (`['batch/v1']`);
 * undefined when the version is served, or when the group is not one that ever served the kind
 * (a custom resource that happens to share the kind's name).
 */
export function unservedBuiltinVersion(apiVersion: unknown, kind: unknown): readonly string[] | undefined {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !Object.hasOwn(SERVED, kind)) return undefined;
  const served = SERVED[kind];
  if (served.includes(apiVersion)) return undefined;
  const group = apiGroup(apiVersion);
  const groups = [...served.map((v) => apiGroup(v)), ...(FORMER_GROUPS[kind] ?? [])];
  return groups.includes(group) ? served : undefined;
}
