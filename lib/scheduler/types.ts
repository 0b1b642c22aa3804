// Plain-JSON shapes of the Kubernetes objects the scheduler core reads, as they appear in
// manifests (`kubectl get -o yaml`, `cdk8s synth` output): quantities are strings or numbers.
// Only the fields kube-scheduler's rules look at are typed; everything else passes through.
// Deliberately not the cdk8s `k8s` classes: this folder must not load cdk8s.
import type { LabelSelector } from '../kubernetes/label-selector';

/** A quantity as written in a manifest: `"500m"`, `"1Gi"`, `2`. */
export type QuantityValue = string | number;

/** Resource name → quantity, as in `resources.requests` or `status.allocatable`. */
export type ResourceList = Record<string, QuantityValue>;

export interface ResourceRequirements {
  readonly requests?: ResourceList;
  readonly limits?: ResourceList;
  readonly [field: string]: unknown;
}

export interface ContainerPort {
  readonly containerPort: number;
  readonly name?: string;
  readonly protocol?: string;
  readonly hostPort?: number;
  readonly [field: string]: unknown;
}

export interface Container {
  readonly name: string;
  readonly image?: string;
  readonly resources?: ResourceRequirements;
  /** `Always` marks a restartable init container (a sidecar). */
  readonly restartPolicy?: string;
  readonly ports?: ContainerPort[];
  readonly [field: string]: unknown;
}

export interface Toleration {
  readonly key?: string;
  readonly operator?: string; // Exists | Equal (default Equal)
  readonly value?: string;
  readonly effect?: string; // NoSchedule | PreferNoSchedule | NoExecute | '' (all)
  readonly tolerationSeconds?: number;
}

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: string;
}

// metav1.LabelSelector lives with its one port (lib/kubernetes/label-selector.ts).
export type { LabelSelector, LabelSelectorRequirement } from '../kubernetes/label-selector';

export interface NodeSelectorRequirement {
  readonly key: string;
  readonly operator: string; // In | NotIn | Exists | DoesNotExist | Gt | Lt
  readonly values?: string[];
}

export interface NodeSelectorTerm {
  readonly matchExpressions?: NodeSelectorRequirement[];
  readonly matchFields?: NodeSelectorRequirement[];
}

export interface PodAffinityTerm {
  readonly labelSelector?: LabelSelector;
  readonly namespaces?: string[];
  readonly namespaceSelector?: LabelSelector;
  readonly topologyKey: string;
}

export interface Affinity {
  readonly nodeAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: { readonly nodeSelectorTerms: NodeSelectorTerm[] };
    readonly [field: string]: unknown;
  };
  readonly podAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    readonly [field: string]: unknown;
  };
  readonly podAntiAffinity?: {
    readonly requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
    readonly [field: string]: unknown;
  };
}

export interface TopologySpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly whenUnsatisfiable: string; // DoNotSchedule | ScheduleAnyway
  readonly labelSelector?: LabelSelector;
  readonly minDomains?: number;
  readonly matchLabelKeys?: string[];
  readonly [field: string]: unknown;
}

/** A pod's `spec`, as in a manifest. */
export interface PodSpec {
  readonly containers: Container[];
  readonly initContainers?: Container[];
  /** Normally set by admission from the RuntimeClass; see `podRequests`. */
  readonly overhead?: ResourceList;
  readonly runtimeClassName?: string;
  readonly nodeSelector?: Record<string, string>;
  readonly nodeName?: string;
  readonly affinity?: Affinity;
  readonly tolerations?: Toleration[];
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  readonly [field: string]: unknown;
}

export interface ObjectMeta {
  readonly name?: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly [field: string]: unknown;
}

/** A Kubernetes Node object (`kubectl get nodes -o yaml`). */
export interface Node {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: ObjectMeta;
  readonly spec?: {
    readonly taints?: Taint[];
    readonly unschedulable?: boolean;
    readonly [field: string]: unknown;
  };
  readonly status?: {
    readonly allocatable?: ResourceList;
    readonly capacity?: ResourceList;
    readonly [field: string]: unknown;
  };
}

/** Any Kubernetes object as plain JSON. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata?: ObjectMeta;
  readonly [field: string]: unknown;
}
