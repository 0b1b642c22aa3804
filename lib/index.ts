// The package root, `cdk8s-appkit`: what a cdk8s app needs. A chosen list (README "Public API"):
// constructs and their props, guardrails, the CapacityCheck construct and its matchers, and the
// four engine functions users call from here. No name here is also exported by cdk8s-plus-27
// (test/api/exports.test.ts), so both import side by side. The engine without cdk8s is
// `cdk8s-appkit/capacity` (lib/capacity-api.ts).

// Application, environments, charts
export { AppkitApp, type AppkitAppProps } from './app/appkit-app';
export { Environment, type EnvironmentProps, type ComponentOverrides, NamespaceScheme } from './app/environment';
export { AppChart, type AppChartProps } from './app/app-chart';
export { Cluster } from './app/cluster';

// Components
export { Component, type ComponentProps, type ReplicatedComponentProps, type AutoscalingProps } from './app/component';
export { WebService, type WebServiceProps } from './app/web-service';
export { Worker, type WorkerProps } from './app/worker';
export { ScheduledTask, type ScheduledTaskProps } from './app/scheduled-task';
export { Migration, type MigrationProps } from './app/migration';
export { StatefulService, type StatefulServiceProps } from './app/stateful-service';
export { HealthCheck, type HealthCheckOptions, HealthCheckType } from './app/health-check';
export { Resources, type ResourcesOptions, ResourcePreset } from './app/resources';
export { SecretRef, SecretStoreKind, type ExternalSecretOptions } from './app/secret-ref';
export { ExternalSecret, ExternalSecretApiVersion, type ExternalSecretProps, type ExternalSecretKey } from './app/external-secret';
export { IngressPathType, CertManagerIssuer, type IngressPath, type IngressHost } from './app/ingress-rule';
export {
  ScalingMetric, ScalingMetricType, AutoscalingTarget, AutoscalingTargetType, AutoscalingPolicy, ScalingSelectPolicy,
  type ScalingMetricOptions, type DescribedObject, type AutoscalingRules, type ScalingBehavior,
} from './app/autoscaling';
export { Peer, PeerType, type AllowFromOptions } from './app/network-policy';
export { Metrics, type ServiceMonitorOptions, type MonitoringProps } from './app/metrics';
export { type Toleration } from './app/toleration';
export { NodeAffinity, NodeAffinityKind, NodeSelectorOperator, type NodeLabelRequirement } from './app/node-affinity';
export { Rollout, RolloutType, type RollingUpdateOptions } from './app/rollout';
export { type ContainerSpec } from './app/container-spec';
export { type PortSpec } from './app/port-spec';
export { Mount, MountKind, type MountPathOptions, type EmptyDirMountOptions, type NewClaimOptions } from './app/mount';

// Guardrails
export { Guardrails, type GuardrailsProps } from './guardrails/guardrails';
export { GuardrailPolicy, ExternalKind, type RuleSetting, type Exemption } from './guardrails/policy';
export { Rule, RuleLevel, type Finding, formatFinding } from './guardrails/rule';
export { checkManifests, type CheckInput, type CheckOptions } from './guardrails/check-manifests';

// Capacity check
export { CapacityCheck, type CapacityCheckProps } from './capacity/capacity-check';
export { type CapacityCheckOptions } from './capacity/plan-scope';
export { capacityMatchers, type CapacityMatcherResult } from './capacity/matchers';
export { type NodePool } from './manifests/node-pool';
export { SurgePolicy, MissingRequestsLevel } from './capacity/plan';
export { Headroom, HeadroomKind } from './capacity/headroom';

// GitOps bootstrap (Argo CD / Flux) and the dist/ diff
export { GitOps, GitOpsTool, type GitOpsProps } from './gitops';

// The engine, also here because users import it from the root (the light way in is ./capacity)
export { parseQuantity, podRequests, nodeFits, planCapacity } from './capacity-api';
