import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, ApiObjectMetadata, Duration, JsonPatch, Size } from 'cdk8s';
import {
  Capability, ConfigMap, EmptyDirMedium, ContainerPort, Deployment, ContainerProps, Env, EnvValue,
  ImagePullPolicy, IScalable, IServiceAccount, LabelSelector, PersistentVolumeAccessMode,
  PersistentVolumeClaim, PersistentVolumeMode, Pod, Protocol, Secret, Service,
  ServiceAccount, ServiceType, Volume, VolumeMount, Workload, WorkloadProps,
} from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  IntOrString, KubeHorizontalPodAutoscalerV2, KubeNetworkPolicy, KubePodDisruptionBudget, MetricSpecV2, Probe as KubeProbe, Quantity, SeccompProfile, TopologySpreadConstraint,
} from '../../imports/k8s';
import { Guardrails } from '../guardrails/guardrails';
import { ExternalKind } from '../guardrails/policy';
import { defaultImagePullPolicy } from '../kubernetes/image-pull-policy';
import { isDNS1123Label, MAX_GROUP_ID, MAX_INT32, MAX_USER_ID } from '../kubernetes/validation';
import { AppChart, AppLabels } from './app-chart';
import { ContainerSpec } from './container-spec';
import { ComponentOverrides } from './environment';
import { HealthCheck, HealthCheckType } from './health-check';
import { Mount, MountKind } from './mount';
import { NodeAffinity } from './node-affinity';
import { PortSpec } from './port-spec';
import { extendedResources, hugePages, inexactMemory, memoryMebibytes, nonNegativeQuantity, positiveQuantity, toContainerResources } from './private/container-resources';
import { checkMetadata } from './private/metadata';
import { checkNodeSelector, checkPriorityClassName, checkTolerations, toKubeAffinity, toKubeTolerations } from './private/placement';
import { deploymentStrategy } from './private/rollout';
import { ScalingBehavior, ScalingMetric, toBehavior, toMetricSpecs } from './autoscaling';
import { AllowFromOptions, NetworkAccess, Peer } from './network-policy';
import { lazyConfigChecksum } from './private/config-checksum';
import { freeId, propError, show } from './private/errors';
import { ServicePortsOnly, toProbes } from './private/probes';
import {
  checkAppProtocol, checkConfigMapKey, checkDns1035Label, checkDns1123Subdomain, checkEnvVarName, checkImage, checkInteger,
  checkEnum, checkLabelValue, checkPort, checkPortName, checkStringList, checkStringValues,
} from './private/validation';
import { Resources } from './resources';
import { Rollout } from './rollout';
import { SecretRef } from './secret-ref';
import { Toleration } from './toleration';
import { wholeSeconds } from './private/durations';

/** Overrides every component kind takes (kinds add theirs in `ComponentSetup.overrides`). */
const COMMON_OVERRIDES: readonly (keyof ComponentOverrides)[] = ['image', 'version', 'env', 'config', 'nodeSelector', 'tolerations', 'resources'];

/** A ServiceAccount a component creates for its pods (`serviceAccount`). */
export interface ServiceAccountOptions {
  /**
   * Name of the ServiceAccount.
   * @default - the component's object name, `<app>-<component>`
   */
  readonly name?: string;
  /**
   * Annotations of the ServiceAccount, e.g. a cloud identity binding:
   * `{ 'iam.gke.io/gcp-service-account': 'recs@acme.iam.gserviceaccount.com' }` (GKE Workload
   * Identity) or `{ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123:role/recs' }` (IRSA).
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
}

/** Props every component takes. */
export interface ComponentProps {
  /**
   * The component's name: `app.kubernetes.io/component`, the key of environment overrides,
   * and the suffix of every object name (`<app>-<name>`). A DNS-1035 label.
   * @default - the construct id
   */
  readonly name?: string;
  /** Container image, pinned to a tag or digest (`ghcr.io/acme/shop-api:1.4.0`). */
  readonly image: string;
  /**
   * When the kubelet pulls the main container's image (`imagePullPolicy`, written explicitly):
   * `ImagePullPolicy.ALWAYS` asks the registry at every container start, `NEVER` only uses an
   * image already on the node. Sidecars and init containers take their own (`ContainerSpec`).
   * @default - as Kubernetes 1.27 defaults it for the image: `IfNotPresent`, or `Always` when the tag is `latest` (accepted only next to a digest)
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * CPU and memory the container requests: `Resources.of({ cpu: '250m', memory: '256Mi' })`
   * or `Resources.preset(ResourcePreset.SMALL)`. Required: there is no silent default.
   */
  readonly resources: Resources;
  /**
   * `app.kubernetes.io/version` of this component's objects. Never read from `image` (as Helm's
   * label is the chart's `appVersion`, whatever `image.tag` says): an environment that promotes
   * another image sets `version` in the same override.
   * @default - the app's version
   */
  readonly version?: string;
  /**
   * Entrypoint.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * Plain environment variables.
   * @default - none
   */
  readonly env?: { readonly [name: string]: string };
  /**
   * Environment variables read from existing Secrets: `{ DB_PASSWORD: SecretRef.of('shop-db', 'password') }`.
   * @default - none
   */
  readonly secretEnv?: { readonly [name: string]: SecretRef };
  /**
   * Configuration literals, put in a ConfigMap `<app>-<component>-config` and exposed as
   * environment variables. A change rolls the pods (`checksum/config` annotation).
   * @default - no config ConfigMap
   */
  readonly config?: { readonly [key: string]: string };
  /**
   * Local files (paths relative to the working directory of the synth), put in a ConfigMap
   * `<app>-<component>-files` keyed by file name and mounted read-only at `configMountPath`.
   * A change rolls the pods (`checksum/config` annotation).
   * @default - no files ConfigMap
   */
  readonly configFiles?: string[];
  /**
   * Where `configFiles` are mounted.
   * @default - `/etc/<component name>`
   */
  readonly configMountPath?: string;
  /**
   * Mount the container's root filesystem read-only. When true, a writable emptyDir is
   * mounted at `/tmp` because most runtimes need one.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * UID the container runs as (the pod security context's `runAsUser`). Must not be 0.
   * @default - the image's USER, which must then be numeric and not root
   */
  readonly runAsUser?: number;
  /**
   * GID the container runs as (`runAsGroup`).
   * @default - the image's group
   */
  readonly runAsGroup?: number;
  /**
   * Group that owns mounted volumes (`fsGroup`).
   * @default - volumes keep their ownership
   */
  readonly fsGroup?: number;
  /**
   * An existing ServiceAccount the pods run as.
   * @default - the namespace's `default` ServiceAccount, with no token mounted
   */
  readonly serviceAccountName?: string;
  /**
   * Mount the ServiceAccount token into the pods. Only workloads that call the Kubernetes API
   * need it.
   * @default - true when `serviceAccountName` is set, else false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Time between SIGTERM and SIGKILL on shutdown.
   * @default Duration.seconds(30)
   */
  readonly terminationGracePeriod?: Duration;
  /**
   * Node labels the pods require (`spec.nodeSelector`), e.g. `{ 'cloud.google.com/gke-nodepool': 'gpu' }`.
   * @default - any node
   */
  readonly nodeSelector?: { readonly [label: string]: string };
  /**
   * Taints the pods tolerate (`spec.tolerations`), e.g. a GPU pool's
   * `[{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]`.
   * @default - none: tainted nodes are off limits
   */
  readonly tolerations?: Toleration[];
  /**
   * Required and preferred node affinity: `[NodeAffinity.required({ key, operator, values })]`.
   * @default - none
   */
  readonly nodeAffinity?: NodeAffinity[];
  /**
   * PriorityClass of the pods (`spec.priorityClassName`); the PriorityClass must exist in the cluster.
   * @default - the cluster's default priority (usually 0)
   */
  readonly priorityClassName?: string;
  /**
   * More containers in every pod, next to the main one (log shippers, proxies, model servers).
   * Each states its resources; each gets the main container's secure defaults. In a
   * ScheduledTask the Job completes only when every container has exited, so a sidecar there
   * must exit on its own.
   * @default - none
   */
  readonly sidecars?: ContainerSpec[];
  /**
   * Containers that run to completion, in order, before the main container starts (migrations,
   * downloads). Each states its resources; the scheduler reserves the largest of them.
   * @default - none
   */
  readonly initContainers?: ContainerSpec[];
  /**
   * Create a ServiceAccount for the pods, e.g. to bind a cloud identity through its
   * annotations. Its token is not mounted unless `automountServiceAccountToken` is true
   * (cloud identity webhooks project their own token).
   * @default - no ServiceAccount is created
   */
  readonly serviceAccount?: ServiceAccountOptions;
  /**
   * Secrets (type `kubernetes.io/dockerconfigjson`) with credentials for private registries.
   * They exist outside dist/: the component declares them external to the references guardrail.
   * @default - none
   */
  readonly imagePullSecrets?: string[];
  /**
   * Volumes mounted into the main container: `Mount.emptyDir(...)`, `Mount.secret(...)`,
   * `Mount.configMap(...)`, `Mount.claim(...)` (existing PersistentVolumeClaim) or
   * `Mount.newClaim(...)` (created as `<app>-<component>-<name>`).
   * @default - none (besides `/tmp` and config files)
   */
  readonly mounts?: Mount[];
  /**
   * Labels of the component's objects (and its pods). The recommended `app.kubernetes.io/*`
   * labels are set by the app and cannot be overridden here.
   * @default - none
   */
  readonly labels?: { readonly [key: string]: string };
  /**
   * Annotations of the component's objects (not its pods: see `podAnnotations`).
   * @default - none
   */
  readonly annotations?: { readonly [key: string]: string };
  /**
   * Labels of the pods only (not part of any selector).
   * @default - none
   */
  readonly podLabels?: { readonly [key: string]: string };
  /**
   * Annotations of the pods (e.g. `{ 'prometheus.io/scrape': 'true' }`).
   * @default - none
   */
  readonly podAnnotations?: { readonly [key: string]: string };
}

/** Props of components that run continuously with a number of replicas. */
export interface ReplicatedComponentProps extends ComponentProps {
  /**
   * Number of pods, when not autoscaled.
   * @default - 2 for WebService, 1 for Worker and StatefulService
   */
  readonly replicas?: number;
  /**
   * A PodDisruptionBudget (`maxUnavailable: 1`) so node drains take pods down one at a time.
   * @default - true when the component can run 2 or more replicas
   */
  readonly podDisruptionBudget?: boolean;
  /**
   * Also spread pods across zones (`topology.kubernetes.io/zone`), softly like the
   * per-node spread every replicated component gets.
   * @default false
   */
  readonly spreadAcrossZones?: boolean;
  /**
   * Readiness, liveness and startup probes.
   * @default - `HealthCheck.tcp()` on the port for components with a port, else none
   */
  readonly healthCheck?: HealthCheck;
  /**
   * The readiness probe, instead of the one `healthCheck` derives (`HealthCheck.none()` removes it).
   * @default - from `healthCheck`: the check itself
   */
  readonly readinessProbe?: HealthCheck;
  /**
   * The liveness probe, instead of the one `healthCheck` derives (`HealthCheck.none()` removes it).
   * Keep it cheaper and more lenient than readiness: a failing liveness probe restarts the container.
   * @default - from `healthCheck`: a TCP connection to the port for HTTP checks, else none
   */
  readonly livenessProbe?: HealthCheck;
  /**
   * The startup probe, instead of the one `healthCheck` derives (`HealthCheck.none()` removes it).
   * @default - from `healthCheck`: the check, allowing its `startupTimeout` (5 minutes)
   */
  readonly startupProbe?: HealthCheck;
  /**
   * How pods are replaced when the template changes: `Rollout.rollingUpdate({ maxSurge: 0,
   * maxUnavailable: 1 })`, `Rollout.recreate()` (Deployments), `Rollout.rollingUpdate({ partition })`
   * or `Rollout.onDelete()` (StatefulServices). The capacity check counts the surge.
   * @default - Deployments: rolling update with maxSurge 25% and maxUnavailable 25%; StatefulServices: rolling update, one pod at a time
   */
  readonly rollout?: Rollout;
  /**
   * More named ports of the main container (e.g. `{ name: 'metrics', port: 9090 }`), published
   * on the component's Service. A Worker with ports gets a Service.
   * @default - none
   */
  readonly ports?: PortSpec[];
  /**
   * Type of the component's Service (WebService, and Worker with ports).
   * @default ServiceType.CLUSTER_IP
   */
  readonly serviceType?: ServiceType;
  /**
   * Make the component's Service headless (`clusterIP: None`): DNS returns every ready pod's
   * address instead of one virtual IP (client-side load balancing, e.g. gRPC). Always true
   * for a StatefulService.
   * @default false
   */
  readonly headless?: boolean;
}

/** Props of components that can be autoscaled by a HorizontalPodAutoscaler. */
export interface AutoscalingProps {
  /**
   * Lowest replica count of the autoscaler. Only with `maxReplicas`.
   * @default - `replicas`, or the component's default replica count
   */
  readonly minReplicas?: number;
  /**
   * Highest replica count; setting it adds a HorizontalPodAutoscaler, which then owns the
   * replica count (`replicas` is not written).
   * @default - no autoscaler
   */
  readonly maxReplicas?: number;
  /**
   * Average CPU utilization (percent of the request) the autoscaler aims for.
   * @default - 70 when autoscaled and no memory target is set
   */
  readonly targetCpuUtilization?: number;
  /**
   * Average memory utilization (percent of the request) the autoscaler aims for.
   * @default - no memory target
   */
  readonly targetMemoryUtilization?: number;
  /**
   * Custom and external metrics the autoscaler also scales on:
   * `ScalingMetric.pods('http_requests_per_second', '20')`,
   * `ScalingMetric.external('queue_messages_ready', AutoscalingTarget.averageValue('30'), { selector: { queue: 'orders' } })`.
   * With metrics and no `targetCpuUtilization`, CPU is not a target.
   * @default - none
   */
  readonly scalingMetrics?: ScalingMetric[];
  /**
   * How fast the autoscaler scales up and down, e.g.
   * `{ scaleDown: { stabilizationWindow: Duration.minutes(10) } }`.
   * @default - Kubernetes' defaults (scale-down after a 5-minute stabilization window, by up to 100% per 15 s; scale-up at once, by the larger of 4 pods or 100% per 15 s)
   */
  readonly behavior?: ScalingBehavior;
}

/** What a component kind supports; passed by each component to `Component`'s constructor. */
export interface ComponentSetup {
  /** Name of the kind in messages, e.g. `WebService`. */
  readonly kind: string;
  /** The environment overrides that apply to this kind. */
  readonly overrides: (keyof ComponentOverrides)[];
  /** Longest object name Kubernetes accepts for this kind (52 for CronJobs and StatefulSets). */
  readonly maxNameLength: number;
  /**
   * Volume names the kind uses itself (StatefulService's `data`).
   * @default - none
   */
  readonly reservedVolumes?: string[];
  /**
   * Name of the component's own container port (`http`), which `ports` may not reuse.
   * @default - the component has no port of its own
   */
  readonly portName?: string;
  /**
   * Number of the component's own container port and of its Service port, which `ports` may
   * not reuse (the Service would have two ports with one number, which the API server rejects).
   * @default - the component has no port of its own
   */
  readonly portNumbers?: { readonly container: number; readonly service: number };
}

/** Options of `Component.workloadProps`. */
export interface ComponentWorkloadOptions {
  /** @default - no port */
  readonly port?: ContainerPort;
  /** @default HealthCheck.none() */
  readonly healthCheck?: HealthCheck;
  /**
   * Mounts placed before the component's own (`/tmp`, config files).
   * @default - none
   */
  readonly mounts?: VolumeMount[];
}

/** How many pods a component runs: a fixed count or an autoscaler's range. */
export interface ReplicaPlan {
  /** The fixed replica count; undefined when autoscaled. */
  readonly replicas?: number;
  /** Autoscaler range; undefined when not autoscaled. */
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  /** The most pods the component can run. */
  readonly maxPossible: number;
}

/** core.MaxSecretSize, which ValidateConfigMap applies to data + binaryData. */
const CONFIG_MAP_MAX_BYTES = 1024 * 1024;

/**
 * cdk8s-plus drops `data` when every value is '' (its undefinedIfEmpty): an empty value is
 * still a key the pod reads, so write it back.
 */
function keepEmptyValues(configMap: ConfigMap): void {
  const data = configMap.data;
  if (Object.keys(data).length > 0 && Object.values(data).every((v) => v === '')) {
    ApiObject.of(configMap).addJsonPatch(JsonPatch.add('/data', data));
  }
}

/**
 * The component's Service port numbers (TCP) that no container of the pod declares, each with
 * the container port it forwards to: `{ port: 80 }` on a WebService whose container listens on
 * 8080. Probes connect to the pod, so a probe on such a port reaches nothing the component runs.
 */
function servicePortsOnly(props: ComponentProps & { readonly ports?: PortSpec[] }, setup: ComponentSetup): ServicePortsOnly {
  const published: { name?: string; port: number; servicePort: number; protocol: string }[] = [];
  if (setup.portNumbers !== undefined) {
    published.push({ name: setup.portName, port: setup.portNumbers.container, servicePort: setup.portNumbers.service, protocol: 'TCP' });
  }
  const specs = [...props.ports ?? [], ...(props.sidecars ?? []).flatMap((c) => c.ports ?? [])];
  for (const p of specs) {
    published.push({ name: p.name, port: p.port, servicePort: p.servicePort ?? p.port, protocol: p.protocol ?? 'TCP' });
  }
  const containerPorts = new Set([...published, ...(props.initContainers ?? []).flatMap((c) => c.ports ?? [])]
    .filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.port));
  const result = new Map<number, { containerPort: number; name?: string }>();
  for (const p of published) {
    if (p.protocol === 'TCP' && !containerPorts.has(p.servicePort) && !result.has(p.servicePort)) {
      result.set(p.servicePort, { containerPort: p.port, name: p.name });
    }
  }
  return result;
}

/** The bytes as UTF-8 text, or undefined when they are not valid UTF-8. */
function utf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Base of the app components: the name, labels, overrides, resources, config, secrets and
 * secure defaults they share. Subclasses create their cdk8s-plus workload from
 * `workloadProps()` and pass it to `configureWorkload()`.
 */
export abstract class Component extends Construct {
  /** The component's name, e.g. `storefront`. */
  public readonly componentName: string;
  /** Name of the component's objects: `<app>-<component>`, e.g. `shop-storefront`. */
  public readonly resourceName: string;
  /** The app the component belongs to. */
  public readonly app: AppChart;
  /** The environment's overrides for this component (empty outside environments). */
  public readonly overrides: ComponentOverrides;
  /** The resources in effect (the environment's override, else the component's). */
  public readonly resources: Resources;
  /** `app.kubernetes.io/version` of the component's objects. */
  public readonly version: string;
  public readonly image: string;
  public readonly readOnlyRootFilesystem: boolean;
  public readonly automountServiceAccountToken: boolean;
  /** ConfigMap built from `config`, exposed as environment variables. */
  public readonly configMap?: ConfigMap;
  /** ConfigMap built from `configFiles`, mounted at `configMountPath`. */
  public readonly filesConfigMap?: ConfigMap;
  /** Where `configFiles` are mounted; undefined without files. */
  public readonly configMountPath?: string;
  /** The ServiceAccount created from `serviceAccount`; undefined otherwise. */
  public readonly serviceAccount?: ServiceAccount;
  /** Name of the ServiceAccount the pods run as; undefined for the namespace's `default`. */
  public readonly serviceAccountName?: string;
  /** Plain environment variables in effect (the component's, then the environment's override). */
  public readonly env: { readonly [name: string]: string };
  /** Config literals in effect (the component's, then the environment's override). */
  public readonly config: { readonly [key: string]: string };
  /** Node labels the pods require, in effect (the environment's override, else the component's). */
  public readonly nodeSelector: { readonly [label: string]: string };
  /** Tolerations in effect (the environment's override, else the component's). */
  public readonly tolerations: Toleration[];
  /**
   * The component's Service, when it has one (WebService; StatefulService's headless one;
   * Worker with `ports`). Select its ports by name, e.g. for a ServiceMonitor.
   */
  public readonly service?: Service;

  private readonly props: ComponentProps;
  /** Objects the workload must come after in the output (ExternalSecrets it reads). */
  private readonly workloadDependencies: ApiObject[] = [];
  /** Secrets read by env variables, one cdk8s-plus reference per name. */
  private readonly secretsByName = new Map<string, ReturnType<typeof Secret.fromSecretName>>();
  /** Extended resources and huge pages per container, patched into the workload by `configureWorkload`. */
  private readonly extendedPatches: { list: string; index: number; extended: { [name: string]: string }; hasLimits: boolean }[] = [];
  /** Memory quantities cdk8s-plus cannot render (not whole MiB), written as given by `configureWorkload`. */
  private readonly memoryPatches: { list: string; index: number; memory: { requests?: string; limits?: string } }[] = [];
  /** The pod's volumes from `mounts` (the component's and its containers'), by name: shared by name. */
  private readonly volumesByName = new Map<string, Volume>();
  /** Service port numbers that are no container port of the pod, with the port each forwards to (a probe there reaches nothing). */
  private readonly servicePortsOnly: ServicePortsOnly;
  /** Probes cdk8s-plus cannot write (gRPC), patched into the workload by `configureWorkload`. */
  private readonly probePatches: { list: string; index: number; kube: { [field: string]: KubeProbe } }[] = [];

  protected constructor(scope: Construct, id: string, props: ComponentProps, setup: ComponentSetup) {
    super(freeId(scope, id, setup.kind), id);
    if (typeof props !== 'object' || props === null) {
      // `new WebService(chart, 'web')` from JavaScript: a sentence, not `Cannot read properties of undefined`.
      throw propError(this, 'props', 'are required', props, 'pass at least { image, resources }');
    }
    this.props = props;
    this.app = AppChart.of(this);
    this.componentName = props.name ?? id;
    this.resourceName = `${this.app.name}-${this.componentName}`;
    checkDns1035Label(this, 'name', this.componentName, 63, 'use a short lower-case name like "storefront"');
    if (this.resourceName.length > setup.maxNameLength) {
      throw propError(this, 'name', `makes the ${setup.kind} object name "${this.resourceName}" longer than ${setup.maxNameLength} characters`,
        this.componentName, 'shorten the component or app name');
    }
    this.app.registerComponent(this);

    this.overrides = this.app.overridesFor(this.componentName);
    for (const key of Object.keys(this.overrides) as (keyof ComponentOverrides)[]) {
      if (this.overrides[key] !== undefined && !setup.overrides.includes(key) && !COMMON_OVERRIDES.includes(key)) {
        throw propError(this, `${key} (override from environment "${this.app.environment?.name}")`, `does not apply to a ${setup.kind}`,
          this.overrides[key], `remove it from the environment's overrides for "${this.componentName}"`);
      }
    }

    this.version = this.overrides.version ?? props.version ?? this.app.version;
    checkLabelValue(this, this.overridden('version'), this.version, 'use a version like "1.8.2"');
    this.image = this.overrides.image ?? props.image;
    checkImage(this, this.overridden('image'), this.image);
    checkEnum(this, 'imagePullPolicy', props.imagePullPolicy, ImagePullPolicy, 'ImagePullPolicy');
    this.resources = this.overrides.resources ?? props.resources;
    toContainerResources(this, this.overridden('resources'), this.resources);
    this.env = { ...props.env, ...this.overrides.env };
    this.config = { ...props.config, ...this.overrides.config };
    this.nodeSelector = { ...this.overrides.nodeSelector ?? props.nodeSelector };
    this.tolerations = [...this.overrides.tolerations ?? props.tolerations ?? []];
    checkNodeSelector(this, this.overridden('nodeSelector'), this.nodeSelector);
    checkTolerations(this, this.overridden('tolerations'), this.tolerations);
    toKubeAffinity(this, 'nodeAffinity', props.nodeAffinity ?? []);
    if (props.priorityClassName !== undefined) {
      checkPriorityClassName(this, 'priorityClassName', props.priorityClassName);
    }
    checkMetadata(this, props);
    this.readOnlyRootFilesystem = props.readOnlyRootFilesystem ?? true;
    if (props.serviceAccount !== undefined && props.serviceAccountName !== undefined) {
      throw propError(this, 'serviceAccount', 'cannot be combined with serviceAccountName', props.serviceAccountName,
        'set serviceAccount to create a ServiceAccount, or serviceAccountName to use an existing one');
    }
    this.automountServiceAccountToken = props.automountServiceAccountToken ?? props.serviceAccountName !== undefined;
    if (props.runAsUser !== undefined) {
      checkInteger(this, 'runAsUser', props.runAsUser, 1, MAX_USER_ID, 'run as a non-root UID such as 10001');
    }
    if (props.runAsGroup !== undefined) {
      checkInteger(this, 'runAsGroup', props.runAsGroup, 0, MAX_GROUP_ID, 'use a GID such as 10001');
    }
    if (props.fsGroup !== undefined) {
      checkInteger(this, 'fsGroup', props.fsGroup, 0, MAX_GROUP_ID, 'use a GID such as 10001');
    }
    if (props.serviceAccountName !== undefined) {
      checkDns1123Subdomain(this, 'serviceAccountName', props.serviceAccountName, 'use the name of an existing ServiceAccount');
      // Naming an existing ServiceAccount declares that it exists outside dist/.
      Guardrails.of(this).declareExternal(ExternalKind.SERVICE_ACCOUNT, props.serviceAccountName);
      this.serviceAccountName = props.serviceAccountName;
    }
    if (props.serviceAccount !== undefined) {
      this.serviceAccount = this.createServiceAccount(props.serviceAccount);
      this.serviceAccountName = this.serviceAccount.name;
    }
    (props.imagePullSecrets ?? []).forEach((name, i) => {
      checkDns1123Subdomain(this, `imagePullSecrets[${i}]`, name, 'use the name of an existing registry Secret');
      Guardrails.of(this).declareExternal(ExternalKind.SECRET, name);
    });
    checkStringValues(this, 'env', props.env);
    checkStringValues(this, this.overridden('env'), this.overrides.env);
    checkStringList(this, 'command', props.command);
    checkStringList(this, 'args', props.args);
    // Name the environment's override when it brings the clash (or the bad name).
    const overriddenEnv = Object.keys(this.overrides.env ?? {});
    const envFromOverride = overriddenEnv.some((n) => props.secretEnv?.[n] !== undefined || !(n in (props.env ?? {})));
    this.checkEnv(this.env, props.secretEnv, envFromOverride ? this.overridden('env') : 'env', 'secretEnv');
    this.checkContainers(props, setup.portName, setup.portNumbers);
    this.servicePortsOnly = servicePortsOnly(props, setup);
    const reservedVolumes = ['tmp', 'config-files', ...setup.reservedVolumes ?? []];
    const declared = this.checkMounts(props.mounts ?? [], reservedVolumes, 'mounts', new Map(), this.readOnlyRootFilesystem);
    for (const [prop, specs] of [['sidecars', props.sidecars], ['initContainers', props.initContainers]] as const) {
      (specs ?? []).forEach((spec, i) => this.checkMounts(spec.mounts ?? [], reservedVolumes, `${prop}[${i}].mounts`, declared, true));
    }
    if (props.terminationGracePeriod !== undefined) {
      wholeSeconds(this, 'terminationGracePeriod', props.terminationGracePeriod, 'use whole seconds');
    }

    const config = this.config;
    if (Object.keys(config).length > 0) {
      this.configMap = new ConfigMap(this, 'ConfigMap', { metadata: this.objectMetadata(`${this.resourceName}-config`) });
      for (const key of Object.keys(config)) {
        checkEnvVarName(this, `config key ${JSON.stringify(key)}`, key);
        const value: unknown = config[key];
        if (typeof value !== 'string') {
          // null/undefined would be dropped from the YAML silently; numbers and booleans are not ConfigMap data.
          throw propError(this, `config ${JSON.stringify(key)}`, 'must be a string', value,
            value === null || value === undefined ? 'give it a value, or remove the key' : `quote it: "${String(value)}"`);
        }
        this.configMap.addData(key, value);
      }
      keepEmptyValues(this.configMap);
    }
    const files = props.configFiles ?? [];
    if (files.length > 0) {
      this.configMountPath = props.configMountPath ?? `/etc/${this.componentName}`;
      if (!this.configMountPath.startsWith('/')) {
        throw propError(this, 'configMountPath', 'must be an absolute path', this.configMountPath, 'use e.g. "/etc/app"');
      }
      this.filesConfigMap = new ConfigMap(this, 'FilesConfigMap', { metadata: this.objectMetadata(`${this.resourceName}-files`) });
      for (const file of files) {
        this.addConfigFile(this.filesConfigMap, file);
      }
      keepEmptyValues(this.filesConfigMap);
    }
  }

  /** Labels of the component's objects and pods: the app's plus component and version. */
  public get labels(): { [key: string]: string } {
    return { ...this.app.labels, [AppLabels.COMPONENT]: this.componentName, [AppLabels.VERSION]: this.version };
  }

  /** The labels that select the component's pods: app name, instance and component. */
  public get selectorLabels(): { [key: string]: string } {
    return this.app.selectorLabels(this.componentName);
  }

  /**
   * Lets `peer` open connections to this component's pods (on one port, or every port), in
   * the NetworkPolicy `<app>-<component>`. A policy that selects pods isolates them: once a
   * component allows one peer, only its allowed peers reach it, whether or not the app sets
   * `isolatePods`. See lib/app/network-policy.ts.
   */
  public allowFrom(peer: Peer, options: AllowFromOptions = {}): void {
    NetworkAccess.of(this).allow(peer, options);
  }

  /** The component's NetworkPolicy (L1), once `allowFrom` or the app's `isolatePods` created it. */
  public get networkPolicy(): KubeNetworkPolicy | undefined {
    return NetworkAccess.of(this).policy;
  }

  /**
   * Adds the component's `labels` and `annotations` to every object it created (Ingress,
   * NetworkPolicy, ServiceMonitor and claims included); a value the object sets itself wins.
   * AppChart calls it before validation and in `toJson()`, so the guardrails see the result.
   * @internal
   */
  public applyObjectMetadata(): void {
    const labels = Object.entries(this.props.labels ?? {});
    const annotations = Object.entries(this.props.annotations ?? {});
    if (labels.length === 0 && annotations.length === 0) {
      return;
    }
    for (const o of this.node.findAll()) {
      if (!ApiObject.isApiObject(o)) {
        continue;
      }
      const own = o.metadata.toJson() as { labels?: { [key: string]: unknown }; annotations?: { [key: string]: unknown } };
      for (const [key, value] of labels) {
        if (!(key in (own.labels ?? {}))) {
          o.metadata.addLabel(key, value);
        }
      }
      for (const [key, value] of annotations) {
        if (!(key in (own.annotations ?? {}))) {
          o.metadata.addAnnotation(key, value);
        }
      }
    }
  }

  /** Metadata for one of the component's objects: the name and the component's labels. */
  protected objectMetadata(name: string): ApiObjectMetadata {
    const annotations = this.props.annotations;
    return {
      name,
      labels: { ...this.props.labels, [AppLabels.COMPONENT]: this.componentName, [AppLabels.VERSION]: this.version },
      annotations: annotations && Object.keys(annotations).length > 0 ? { ...annotations } : undefined,
    };
  }

  /** `prop`, or `prop (override from environment "x")` when the environment set it. */
  protected overridden(prop: keyof ComponentOverrides): string {
    return this.overrides[prop] === undefined ? prop : `${prop} (override from environment "${this.app.environment?.name}")`;
  }

  /**
   * cdk8s-plus workload props with the component's container and secure defaults: non-root,
   * no privilege escalation, all capabilities dropped, read-only root filesystem, no token.
   * The selector is left to the subclass (`select: false`): it uses the recommended labels,
   * never cdk8s-plus's construct-path label, so moving a component changes no selector.
   */
  protected workloadProps(options: ComponentWorkloadOptions = {}): WorkloadProps {
    const props = this.props;
    const mounts: VolumeMount[] = [...options.mounts ?? []];
    // Sidecars and init containers always have a read-only root filesystem: they get /tmp too.
    const moreContainers = (props.sidecars ?? []).length + (props.initContainers ?? []).length > 0;
    const tmp = this.readOnlyRootFilesystem || moreContainers ? Volume.fromEmptyDir(this, 'TmpVolume', 'tmp') : undefined;
    if (tmp && this.readOnlyRootFilesystem) {
      mounts.push({ path: '/tmp', volume: tmp });
    }
    if (this.filesConfigMap && this.configMountPath) {
      const volume = Volume.fromConfigMap(this, 'FilesVolume', this.filesConfigMap, { name: 'config-files' });
      mounts.push({ path: this.configMountPath, volume, readOnly: true });
    }
    for (const mount of props.mounts ?? []) {
      mounts.push(this.volumeMount(mount));
    }

    const mainPorts: ContainerPort[] = [...options.port ? [options.port] : [], ...((props as ReplicatedComponentProps).ports ?? []).map(toContainerPort)];
    if (options.port !== undefined) {
      ((props as ReplicatedComponentProps).ports ?? []).forEach((p, i) => {
        if (p.port === options.port!.number && (p.protocol ?? Protocol.TCP) === (options.port!.protocol ?? Protocol.TCP)) {
          throw propError(this, `ports[${i}].port`, `is already the component's own port (${p.protocol ?? Protocol.TCP})`, p.port, 'give every port of the container its own number');
        }
      });
    }
    const main = this.containerProps({
      name: this.componentName,
      image: this.image,
      imagePullPolicy: props.imagePullPolicy,
      resources: this.resources,
      command: props.command,
      args: props.args,
      env: this.env,
      secretEnv: props.secretEnv,
      healthCheck: options.healthCheck,
      readinessProbe: (props as ReplicatedComponentProps).readinessProbe,
      livenessProbe: (props as ReplicatedComponentProps).livenessProbe,
      startupProbe: (props as ReplicatedComponentProps).startupProbe,
    }, this.overridden('resources'), mainPorts, mounts, this.readOnlyRootFilesystem, 'containers', 0);
    const sidecarMounts = (spec: ContainerSpec): VolumeMount[] => [...tmp ? [{ path: '/tmp', volume: tmp }] : [], ...(spec.mounts ?? []).map((m) => this.volumeMount(m))];
    const sidecars = (props.sidecars ?? []).map((spec, i) => this.containerProps(spec, `sidecars[${i}].resources`,
      (spec.ports ?? []).map(toContainerPort), sidecarMounts(spec), true, 'containers', i + 1));
    const initContainers = (props.initContainers ?? []).map((spec, i) => this.containerProps(spec, `initContainers[${i}].resources`,
      (spec.ports ?? []).map(toContainerPort), sidecarMounts(spec), true, 'initContainers', i));

    let serviceAccount: IServiceAccount | undefined;
    if (this.serviceAccount) {
      serviceAccount = this.serviceAccount;
    } else if (props.serviceAccountName !== undefined) {
      serviceAccount = ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', props.serviceAccountName);
    }
    return {
      metadata: this.objectMetadata(this.resourceName),
      podMetadata: {
        labels: { ...props.labels, ...props.podLabels, ...this.labels },
        annotations: props.podAnnotations && Object.keys(props.podAnnotations).length > 0 ? { ...props.podAnnotations } : undefined,
      },
      containers: [main, ...sidecars],
      initContainers: initContainers.length > 0 ? initContainers : undefined,
      securityContext: {
        ensureNonRoot: true,
        user: props.runAsUser,
        group: props.runAsGroup,
        fsGroup: props.fsGroup,
      },
      serviceAccount,
      automountServiceAccountToken: this.automountServiceAccountToken,
      terminationGracePeriod: props.terminationGracePeriod,
      select: false,
      spread: false,
    };
  }

  /**
   * The named ports published on the component's Service besides its own: the main
   * container's `ports`, then each sidecar's.
   */
  protected get extraPorts(): PortSpec[] {
    return [...(this.props as ReplicatedComponentProps).ports ?? [], ...(this.props.sidecars ?? []).flatMap((s) => s.ports ?? [])];
  }

  /**
   * The component's Service: `ports` (the component's own first, then `ports`), selecting the
   * component's pods by the recommended labels, of `serviceType` (ClusterIP by default) or
   * headless.
   */
  protected createService(ports: PortSpec[], alwaysHeadless: boolean): Service {
    const props = this.props as ReplicatedComponentProps;
    checkEnum(this, 'serviceType', props.serviceType, ServiceType, 'ServiceType');
    const type = props.serviceType ?? ServiceType.CLUSTER_IP;
    const headless = alwaysHeadless || props.headless === true;
    if (type === ServiceType.EXTERNAL_NAME) {
      throw propError(this, 'serviceType', 'cannot be ExternalName for a component (an ExternalName Service selects no pods)', type,
        'use ServiceType.CLUSTER_IP, NODE_PORT or LOAD_BALANCER');
    }
    if (headless && type !== ServiceType.CLUSTER_IP) {
      throw propError(this, 'serviceType', 'must be ClusterIP for a headless Service', type, 'remove serviceType');
    }
    const service = new Service(this, 'Service', {
      metadata: this.objectMetadata(this.resourceName),
      clusterIP: headless ? 'None' : undefined,
      type,
      ports: ports.map((p) => ({ name: p.name, port: p.servicePort ?? p.port, targetPort: p.port, protocol: p.protocol ?? Protocol.TCP })),
    });
    for (const [key, value] of Object.entries(this.selectorLabels)) {
      service.selectLabel(key, value);
    }
    // cdk8s-plus writes `externalIPs: []` on every Service; the API server stores no empty list
    // (omitempty), so it is only noise in the YAML and in GitOps diffs.
    ApiObject.of(service).addJsonPatch(JsonPatch.remove('/spec/externalIPs'));
    ports.forEach((p, i) => {
      if (p.appProtocol !== undefined) {
        ApiObject.of(service).addJsonPatch(JsonPatch.add(`/spec/ports/${i}/appProtocol`, p.appProtocol));
      }
    });
    return service;
  }

  /** Sets `service` once, from a subclass constructor. */
  protected setService(service: Service): void {
    (this as { service?: Service }).service = service;
  }

  /**
   * cdk8s-plus props of one container with the secure defaults: non-root, no privilege
   * escalation, all capabilities dropped, read-only root filesystem. Extended resources are
   * recorded for `configureWorkload` (cdk8s-plus only knows cpu, memory and ephemeral storage).
   */
  private containerProps(spec: ContainerSpec, resourcesProp: string, ports: ContainerPort[], mounts: VolumeMount[],
    readOnlyRootFilesystem: boolean, list: string, index: number): ContainerProps {
    const resources = toContainerResources(this, resourcesProp, spec.resources);
    // Extended resources and huge pages: neither is overcommitted, so each is its request and its limit.
    const extended = { ...extendedResources(this, resourcesProp, spec.resources), ...hugePages(this, resourcesProp, spec.resources) };
    const memory = inexactMemory(spec.resources);
    if (Object.keys(memory).length > 0) {
      this.memoryPatches.push({ list, index, memory });
    }
    if (Object.keys(extended).length > 0) {
      const hasLimits = spec.resources.cpuLimit !== undefined || spec.resources.memoryLimit !== undefined;
      this.extendedPatches.push({ list, index, extended, hasLimits });
    }
    const envVariables: { [name: string]: EnvValue } = {};
    for (const [name, value] of Object.entries(spec.env ?? {})) {
      envVariables[name] = EnvValue.fromValue(value);
    }
    for (const [name, ref] of Object.entries(spec.secretEnv ?? {})) {
      envVariables[name] = EnvValue.fromSecretValue({ secret: this.secretFor(ref), key: ref.key });
    }
    const isMain = list === 'containers' && index === 0;
    const prefix = isMain ? '' : `${resourcesProp.slice(0, -'.resources'.length)}.`;
    const { kube, ...cdk8sProbes } = toProbes(this, `${prefix}healthCheck`, spec, ports[0]?.number, this.servicePortsOnly);
    if (Object.keys(kube).length > 0) {
      this.probePatches.push({ list, index, kube });
    }
    return {
      name: spec.name,
      image: spec.image,
      // Written explicitly: cdk8s-plus's default is Always, which makes every pod start depend on
      // the registry; Kubernetes itself defaults a pinned image to IfNotPresent.
      imagePullPolicy: spec.imagePullPolicy ?? (defaultImagePullPolicy(spec.image) === 'Always' ? ImagePullPolicy.ALWAYS : ImagePullPolicy.IF_NOT_PRESENT),
      // `ports` rather than `portNumber`: with `portNumber` cdk8s-plus adds its own TCP startup probe.
      ports: ports.length > 0 ? ports : undefined,
      command: spec.command,
      args: spec.args,
      envVariables,
      envFrom: isMain && this.configMap ? [Env.fromConfigMap(this.configMap)] : undefined,
      volumeMounts: mounts,
      resources,
      ...cdk8sProbes,
      securityContext: {
        ensureNonRoot: true,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem,
        // cdk8s-plus's Capability enum has no ALL; Kubernetes expects the literal "ALL".
        capabilities: { drop: ['ALL' as unknown as Capability] },
      },
    };
  }

  /** The cdk8s-plus volume mount of a `Mount` (checked in the constructor), creating its claim if asked. */
  private volumeMount(mount: Mount): VolumeMount {
    const id = `Volume-${mount.name}`;
    const o = mount.options;
    const readOnly = o.readOnly === true ? true : undefined;
    const shared = this.volumesByName.get(mount.name);
    if (shared) {
      // Another container mounts it too (checked in checkMounts): one volume in the pod.
      return { path: mount.path, volume: shared, readOnly };
    }
    let volume: Volume;
    switch (mount.kind) {
      case MountKind.EMPTY_DIR: {
        const mebibytes = o.sizeLimit === undefined ? undefined : memoryMebibytes(o.sizeLimit);
        volume = Volume.fromEmptyDir(this, id, mount.name, { medium: o.medium, sizeLimit: o.sizeLimit === undefined ? undefined : Size.mebibytes(mebibytes ?? 1) });
        if (o.sizeLimit !== undefined && mebibytes === undefined) {
          // cdk8s-plus renders a Size in whole MiB: write the quantity as given (`500M`, `1.5Gi`),
          // typed as the L1 Quantity its volume config holds.
          (volume as unknown as { config: { emptyDir: { sizeLimit?: Quantity } } }).config.emptyDir.sizeLimit = Quantity.fromString(o.sizeLimit);
        }
        break;
      }
      case MountKind.SECRET:
        volume = Volume.fromSecret(this, id, Secret.fromSecretName(this, `MountSecret-${mount.name}`, mount.sourceName!), { name: mount.name });
        break;
      case MountKind.CONFIG_MAP:
        volume = Volume.fromConfigMap(this, id, ConfigMap.fromConfigMapName(this, `MountConfigMap-${mount.name}`, mount.sourceName!), { name: mount.name });
        break;
      case MountKind.CLAIM:
        volume = Volume.fromPersistentVolumeClaim(this, id,
          PersistentVolumeClaim.fromClaimName(this, `MountClaim-${mount.name}`, mount.sourceName!), { name: mount.name });
        break;
      default: {
        // No `storage` here: cdk8s-plus renders it in whole GiB (and throws on 500Mi); the patch
        // below writes the quantity as given.
        const claim = new PersistentVolumeClaim(this, `Claim-${mount.name}`, {
          metadata: this.objectMetadata(`${this.resourceName}-${mount.name}`),
          storageClassName: o.storageClassName,
          accessModes: o.accessModes ?? [PersistentVolumeAccessMode.READ_WRITE_ONCE],
          volumeMode: PersistentVolumeMode.FILE_SYSTEM,
        });
        ApiObject.of(claim).addJsonPatch(JsonPatch.add('/spec/resources', { requests: { storage: Quantity.fromString(o.size!) } }));
        volume = Volume.fromPersistentVolumeClaim(this, id, claim, { name: mount.name });
      }
    }
    this.volumesByName.set(mount.name, volume);
    return { path: mount.path, volume, readOnly };
  }

  /** Mount names, paths, sizes and source names; Secret and ConfigMap sources are declared external. */
  /**
   * Checks the mounts of one container. `declared` holds the volumes earlier containers
   * mounted: a mount of the same name and kind shares that volume; it is returned with this
   * container's added.
   */
  private checkMounts(mounts: readonly Mount[], reserved: string[], prop: string, declared: Map<string, Mount>, tmpMounted: boolean): Map<string, Mount> {
    const names = new Set([...reserved, ...declared.keys()]);
    const own = new Set<string>();
    const paths = new Set<string>();
    mounts.forEach((mount, i) => {
      const at = `${prop}[${i}]`;
      if (!(mount instanceof Mount)) {
        throw propError(this, at, 'must be a Mount', mount, 'use Mount.emptyDir(...), secret(...), configMap(...), claim(...) or newClaim(...)');
      }
      const nameErrors = isDNS1123Label(mount.name);
      if (nameErrors.length > 0) {
        throw propError(this, `${at} name`, `must be a DNS-1123 label (${nameErrors.join('; ')})`, mount.name, 'use a name like "cache"');
      }
      const shared = declared.get(mount.name);
      const sharable = shared !== undefined && !own.has(mount.name) && shared.kind === mount.kind && shared.sourceName === mount.sourceName;
      if (names.has(mount.name) && !sharable) {
        throw propError(this, `${at} name`, 'is already the name of a volume of the pod', mount.name,
          shared !== undefined && !own.has(mount.name)
            ? `use the same kind and source to share it (${shared.kind}${shared.sourceName ? ` "${shared.sourceName}"` : ''}), or another name`
            : `give every volume its own name (${[...names].map((n) => `"${n}"`).join(', ')} are taken)`);
      }
      names.add(mount.name);
      own.add(mount.name);
      if (typeof mount.path !== 'string' || !mount.path.startsWith('/')) {
        throw propError(this, `${at} path`, 'must be an absolute path', mount.path, 'use e.g. "/var/cache/app"');
      }
      if (paths.has(mount.path) || mount.path === '/tmp' && tmpMounted) {
        throw propError(this, `${at} path`, 'is already a mount path of the container', mount.path, 'mount each volume at its own path');
      }
      paths.add(mount.path);
      if (sharable) {
        // The volume, its source and options are the first mount's: a different option here would be ignored.
        for (const key of ['sizeLimit', 'medium', 'size', 'storageClassName', 'accessModes'] as const) {
          const value = mount.options[key];
          if (value !== undefined && JSON.stringify(value) !== JSON.stringify(shared!.options[key])) {
            throw propError(this, `${at} ${key}`, `differs from the volume "${mount.name}" it shares (${show(shared!.options[key])})`, value,
              `leave ${key} out here: the volume is defined by its first mount`);
          }
        }
        return;
      }
      declared.set(mount.name, mount);
      const o = mount.options;
      checkEnum(this, `${at} medium`, o.medium, EmptyDirMedium, 'EmptyDirMedium');
      // validateVolumeSource: an emptyDir sizeLimit only may not be negative.
      if (o.sizeLimit !== undefined && !nonNegativeQuantity(o.sizeLimit)) {
        throw propError(this, `${at} sizeLimit`, 'must be a quantity of 0 or more', o.sizeLimit, 'write e.g. "1Gi" or "500M"');
      }
      switch (mount.kind) {
        case MountKind.SECRET:
          checkDns1123Subdomain(this, `${at} secretName`, mount.sourceName!, 'use the name of an existing Secret');
          Guardrails.of(this).declareExternal(ExternalKind.SECRET, mount.sourceName!);
          break;
        case MountKind.CONFIG_MAP:
          checkDns1123Subdomain(this, `${at} configMapName`, mount.sourceName!, 'use the name of an existing ConfigMap');
          Guardrails.of(this).declareExternal(ExternalKind.CONFIG_MAP, mount.sourceName!);
          break;
        case MountKind.CLAIM:
          checkDns1123Subdomain(this, `${at} claimName`, mount.sourceName!, 'use the name of an existing PersistentVolumeClaim');
          break;
        case MountKind.NEW_CLAIM:
          if (!positiveQuantity(o.size)) {
            throw propError(this, `${at} size`, 'must be a positive quantity', o.size, 'write e.g. "20Gi"');
          }
          if (o.storageClassName !== undefined) {
            checkDns1123Subdomain(this, `${at} storageClassName`, o.storageClassName, 'use the name of a StorageClass');
          }
          if (o.accessModes !== undefined && o.accessModes.length === 0) {
            throw propError(this, `${at} accessModes`, 'must not be empty', o.accessModes, 'use e.g. [PersistentVolumeAccessMode.READ_WRITE_ONCE]');
          }
          (o.accessModes ?? []).forEach((mode, j) => checkEnum(this, `${at} accessModes[${j}]`, mode, PersistentVolumeAccessMode, 'PersistentVolumeAccessMode'));
          break;
        default:
          break;
      }
    });
    return declared;
  }

  private secretFor(ref: SecretRef): ReturnType<typeof Secret.fromSecretName> {
    let secret = this.secretsByName.get(ref.secretName);
    if (!secret) {
      secret = Secret.fromSecretName(this, `Secret-${ref.secretName}`, ref.secretName);
      this.secretsByName.set(ref.secretName, secret);
      // A SecretRef names a Secret that exists outside dist/: tell the reference guardrail.
      Guardrails.of(this).declareExternal(ExternalKind.SECRET, ref.secretName);
      if (ref.external) {
        // The operator must have written the Secret before the pods can start: order it first.
        this.workloadDependencies.push(this.app.externalSecretFor(ref, this).apiObject);
      }
    } else if (ref.external) {
      this.app.externalSecretFor(ref, this);
    }
    return secret;
  }

  private createServiceAccount(options: ServiceAccountOptions): ServiceAccount {
    const name = options.name ?? this.resourceName;
    checkDns1123Subdomain(this, 'serviceAccount.name', name, 'use a name like "shop-recommendations"');
    const annotations = { ...options.annotations };
    checkMetadata(this, { annotations }, 'serviceAccount.annotations');
    const metadata = this.objectMetadata(name);
    return new ServiceAccount(this, 'ServiceAccountResource', {
      metadata: { ...metadata, annotations: { ...metadata.annotations, ...annotations } },
      automountToken: false,
    });
  }

  // JSON patches on cdk8s-plus objects are applied before the generated L1 class maps its
  // props to JSON (and drops what it does not know), so patch values are typed with the L1
  // interfaces from imports/k8s: that keeps them in the shape the mapping expects.

  /**
   * Finishes a workload built from `workloadProps()`: a stable pod address label, the config
   * checksum annotation and the RuntimeDefault seccomp profile (which cdk8s-plus cannot set).
   * @param templatePath JSON pointer of the pod template, e.g. `/spec/template`
   */
  protected configureWorkload(workload: Workload, templatePath: string): void {
    // cdk8s-plus labels pods with a hash of the construct path and selects on it in its own
    // helpers (network policies, affinity). A name-derived value keeps those helpers working
    // and keeps the pod template unchanged when the component moves in the tree.
    workload.podMetadata.addLabel(Pod.ADDRESS_LABEL, this.resourceName);
    for (const dependency of this.workloadDependencies) {
      ApiObject.of(workload).addDependency(dependency);
    }
    const configMaps = [this.configMap, this.filesConfigMap].filter((c): c is ConfigMap => c !== undefined);
    if (configMaps.length > 0) {
      workload.podMetadata.addAnnotation('checksum/config', lazyConfigChecksum(configMaps));
    }
    const seccompProfile: SeccompProfile = { type: 'RuntimeDefault' };
    const l1 = ApiObject.of(workload);
    l1.addJsonPatch(JsonPatch.add(`${templatePath}/spec/securityContext/seccompProfile`, seccompProfile));
    const spec = `${templatePath}/spec`;
    for (const { list, index, extended, hasLimits } of this.extendedPatches) {
      const resources = `${spec}/${list}/${index}/resources`;
      for (const [name, value] of Object.entries(extended)) {
        // Typed as L1 Quantity: a plain string would be mapped to nothing (see above).
        l1.addJsonPatch(JsonPatch.add(`${resources}/requests/${pointer(name)}`, Quantity.fromString(value)));
      }
      const limits: { [name: string]: Quantity } = {};
      for (const [name, value] of Object.entries(extended)) {
        limits[name] = Quantity.fromString(value);
      }
      if (hasLimits) {
        for (const [name, value] of Object.entries(limits)) {
          l1.addJsonPatch(JsonPatch.add(`${resources}/limits/${pointer(name)}`, value));
        }
      } else {
        l1.addJsonPatch(JsonPatch.add(`${resources}/limits`, limits));
      }
    }
    for (const { list, index, memory } of this.memoryPatches) {
      for (const [field, value] of Object.entries(memory)) {
        l1.addJsonPatch(JsonPatch.replace(`${spec}/${list}/${index}/resources/${field}/memory`, Quantity.fromString(value)));
      }
    }
    for (const { list, index, kube } of this.probePatches) {
      for (const [field, probe] of Object.entries(kube)) {
        l1.addJsonPatch(JsonPatch.add(`${spec}/${list}/${index}/${field}`, probe));
      }
    }
    const props = this.props;
    if (Object.keys(this.nodeSelector).length > 0) {
      l1.addJsonPatch(JsonPatch.add(`${spec}/nodeSelector`, { ...this.nodeSelector }));
    }
    if (this.tolerations.length > 0) {
      l1.addJsonPatch(JsonPatch.add(`${spec}/tolerations`, toKubeTolerations(this.tolerations)));
    }
    const affinity = toKubeAffinity(this, 'nodeAffinity', props.nodeAffinity ?? []);
    if (affinity) {
      l1.addJsonPatch(JsonPatch.add(`${spec}/affinity`, affinity));
    }
    if (props.priorityClassName !== undefined) {
      l1.addJsonPatch(JsonPatch.add(`${spec}/priorityClassName`, props.priorityClassName));
    }
    if ((props.imagePullSecrets ?? []).length > 0) {
      l1.addJsonPatch(JsonPatch.add(`${spec}/imagePullSecrets`, props.imagePullSecrets!.map((name) => ({ name }))));
    }
  }

  /**
   * The component's Deployment: `workloadProps()` plus the replica count, finished with
   * `configureWorkload()` and `selectAndSpread()`.
   */
  protected createDeployment(plan: ReplicaPlan, spreadAcrossZones: boolean | undefined, options: ComponentWorkloadOptions): Deployment {
    const rollout = this.overrides.rollout ?? (this.props as ReplicatedComponentProps).rollout;
    const deployment = new Deployment(this, 'Deployment', {
      ...this.workloadProps(options),
      replicas: plan.replicas,
      strategy: deploymentStrategy(this, this.overridden('rollout'), rollout),
    });
    this.configureWorkload(deployment, '/spec/template');
    this.selectAndSpread(deployment, spreadAcrossZones ?? false);
    return deployment;
  }

  /**
   * Selects the component's pods by the recommended labels and spreads them softly across
   * nodes (and zones): `topologySpreadConstraints` with `ScheduleAnyway`, never the required
   * anti-affinity of cdk8s-plus's `spread`, which leaves pods Pending when nodes run out.
   */
  protected selectAndSpread(workload: Workload, spreadAcrossZones: boolean): void {
    const matchLabels = this.selectorLabels;
    workload.select(LabelSelector.of({ labels: matchLabels }));
    const constraint = (topologyKey: string): TopologySpreadConstraint => ({
      labelSelector: { matchLabels }, maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway',
    });
    const constraints = [constraint('kubernetes.io/hostname')];
    if (spreadAcrossZones) {
      constraints.push(constraint('topology.kubernetes.io/zone'));
    }
    ApiObject.of(workload).addJsonPatch(JsonPatch.add('/spec/template/spec/topologySpreadConstraints', constraints));
  }

  /**
   * Resolves the replica count or autoscaler range from props and overrides. An override of
   * `replicas` pins the count (no autoscaler) and an override of `maxReplicas` enables the
   * autoscaler, so each environment can choose either.
   */
  protected planReplicas(props: ReplicatedComponentProps & AutoscalingProps, defaultReplicas: number): ReplicaPlan {
    const o = this.overrides;
    if (o.replicas !== undefined && o.maxReplicas !== undefined) {
      throw propError(this, this.overridden('replicas'), 'cannot be combined with a maxReplicas override', o.replicas,
        'override either replicas (fixed count) or minReplicas/maxReplicas (autoscaled)');
    }
    const minOnlyWithMax = (prop: string, value: number) => propError(this, prop, 'only applies to an autoscaled component', value,
      'set maxReplicas too, or use replicas');
    if (o.replicas !== undefined || (o.maxReplicas === undefined && props.maxReplicas === undefined)) {
      if (o.minReplicas !== undefined) {
        throw minOnlyWithMax(this.overridden('minReplicas'), o.minReplicas);
      }
      if (o.replicas === undefined && props.minReplicas !== undefined) {
        throw minOnlyWithMax('minReplicas', props.minReplicas);
      }
      // The autoscaler's targets, metrics and behavior would be dropped without one (an environment
      // that pins replicas drops them on purpose).
      if (o.replicas === undefined) {
        const unused: Array<[string, unknown]> = [
          ['targetCpuUtilization', props.targetCpuUtilization], ['targetMemoryUtilization', props.targetMemoryUtilization],
          ['scalingMetrics', props.scalingMetrics?.length ? props.scalingMetrics.map((m) => (m instanceof ScalingMetric ? `${m.type} ${m.name}` : m)) : undefined],
          ['behavior', props.behavior !== undefined && typeof props.behavior === 'object' && props.behavior !== null ? Object.keys(props.behavior) : props.behavior],
        ];
        const [prop, value] = unused.find(([, v]) => v !== undefined) ?? [];
        if (prop !== undefined) {
          throw propError(this, prop, 'only applies to an autoscaled component: no HorizontalPodAutoscaler is created without maxReplicas', value,
            'set maxReplicas (and minReplicas) to autoscale, or remove it');
        }
      }
      const replicas = o.replicas ?? props.replicas ?? defaultReplicas;
      // Deployment/StatefulSet spec.replicas: int32, ValidateNonnegativeField (apps/validation).
      checkInteger(this, this.overridden('replicas'), replicas, 0, MAX_INT32, 'use 0 or more replicas');
      return { replicas, maxPossible: replicas };
    }

    let minReplicas: number;
    let maxReplicas: number;
    if (o.maxReplicas !== undefined) {
      maxReplicas = o.maxReplicas;
      minReplicas = o.minReplicas ?? props.minReplicas ?? props.replicas ?? defaultReplicas;
    } else {
      if (props.replicas !== undefined) {
        throw propError(this, 'replicas', 'cannot be combined with maxReplicas: the autoscaler owns the replica count', props.replicas,
          'set minReplicas instead');
      }
      maxReplicas = props.maxReplicas!;
      minReplicas = o.minReplicas ?? props.minReplicas ?? defaultReplicas;
    }
    const minProp = o.minReplicas !== undefined ? this.overridden('minReplicas') : 'minReplicas';
    const maxProp = this.overridden('maxReplicas');
    // autoscaling/validation validateHorizontalPodAutoscalerSpec: minReplicas >= 1 (0 only with the
    // alpha HPAScaleToZero gate), maxReplicas > 0 and >= minReplicas; both int32.
    checkInteger(this, minProp, minReplicas, 1, MAX_INT32, 'use 1 or more');
    checkInteger(this, maxProp, maxReplicas, 1, MAX_INT32, 'use 1 or more');
    if (minReplicas > maxReplicas) {
      throw propError(this, minProp, `must be at most maxReplicas (${maxReplicas})`, minReplicas,
        'lower minReplicas or raise maxReplicas');
    }
    return { minReplicas, maxReplicas, maxPossible: maxReplicas };
  }

  /**
   * A HorizontalPodAutoscaler (autoscaling/v2) for an autoscaled plan; undefined otherwise.
   * Metrics and behavior are built in lib/app/autoscaling.ts.
   */
  protected addAutoscaler(target: IScalable, plan: ReplicaPlan, props: AutoscalingProps): KubeHorizontalPodAutoscalerV2 | undefined {
    if (plan.maxReplicas === undefined) {
      return undefined;
    }
    const metrics: MetricSpecV2[] = [];
    const custom = toMetricSpecs(this, props.scalingMetrics ?? []);
    const cpu = props.targetCpuUtilization ?? (props.targetMemoryUtilization === undefined && custom.length === 0 ? 70 : undefined);
    if (cpu !== undefined) {
      // validateMetricTarget: averageUtilization > 0, int32 (above 100 is valid).
      checkInteger(this, 'targetCpuUtilization', cpu, 1, MAX_INT32, 'use a percentage of the CPU request, e.g. 70');
      metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
    }
    if (props.targetMemoryUtilization !== undefined) {
      checkInteger(this, 'targetMemoryUtilization', props.targetMemoryUtilization, 1, MAX_INT32,
        'use a percentage of the memory request, e.g. 80');
      metrics.push({ type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: props.targetMemoryUtilization } } });
    }
    metrics.push(...custom);
    // The workload leaves `replicas` out: the autoscaler owns the count.
    target.markHasAutoscaler();
    const scaling = target.toScalingTarget();
    return new KubeHorizontalPodAutoscalerV2(this, 'HorizontalPodAutoscaler', {
      metadata: this.objectMetadata(this.resourceName),
      spec: {
        scaleTargetRef: { apiVersion: scaling.apiVersion, kind: scaling.kind, name: scaling.name },
        minReplicas: plan.minReplicas,
        maxReplicas: plan.maxReplicas,
        metrics,
        behavior: toBehavior(this, props.behavior),
      },
    });
  }

  /**
   * A PodDisruptionBudget allowing one pod down at a time, by default when the component can
   * run 2 or more pods (with one pod, a budget would block node drains or protect nothing).
   */
  protected addDisruptionBudget(plan: ReplicaPlan, enabled: boolean | undefined): KubePodDisruptionBudget | undefined {
    if (!(enabled ?? plan.maxPossible >= 2)) {
      return undefined;
    }
    return new KubePodDisruptionBudget(this, 'PodDisruptionBudget', {
      metadata: this.objectMetadata(this.resourceName),
      spec: {
        maxUnavailable: IntOrString.fromNumber(1),
        selector: { matchLabels: this.selectorLabels },
      },
    });
  }

  private checkEnv(env: { readonly [name: string]: string }, secretEnv: { readonly [name: string]: SecretRef } | undefined,
    envProp: string, secretProp: string): void {
    const names = new Set<string>();
    const check = (prop: string, name: string) => {
      checkEnvVarName(this, `${prop} name ${JSON.stringify(name)}`, name);
      if (names.has(name)) {
        throw propError(this, `${prop} name`, `is already set in ${envProp}`, name, `set each variable once, in ${envProp} or in ${secretProp}`);
      }
      names.add(name);
    };
    for (const name of Object.keys(env)) {
      check(envProp, name);
    }
    for (const [name, ref] of Object.entries(secretEnv ?? {})) {
      check(secretProp, name);
      if (!(ref instanceof SecretRef)) {
        // Never echo the value: it may be the secret itself.
        throw new Error(`[${this.node.path}] ${secretProp} ${JSON.stringify(name)} must be a SecretRef, got a ${typeof ref} (value not shown): `
          + 'reference an existing Secret: SecretRef.of(\'shop-db\', \'password\'); secret values never go into props');
      }
      checkDns1123Subdomain(this, `${secretProp} ${JSON.stringify(name)} secretName`, ref.secretName, 'use the name of an existing Secret');
      checkConfigMapKey(this, `${secretProp} ${JSON.stringify(name)} key`, ref.key, 'use a key of the Secret, e.g. "password"');
    }
  }

  /**
   * Sidecars, init containers and named ports: container names unique in the pod (DNS-1123
   * labels, as ValidatePodSpec's validateContainers), pinned images, stated resources, and
   * port names unique in the pod, because every named port is also a port of the Service,
   * whose port names must be unique.
   */
  private checkContainers(props: ComponentProps & { readonly ports?: PortSpec[] }, portName: string | undefined,
    portNumbers: ComponentSetup['portNumbers']): void {
    const containerNames = new Map<string, string>([[this.componentName, 'name']]);
    const portNames = new Map<string, string>();
    // Every port is published on the Service: its number (servicePort, else port) and protocol
    // must be unique there (ValidateService: "Duplicate value"), and a container cannot declare
    // one number and protocol twice (cdk8s-plus throws without saying where).
    const own = 'the component\'s own port';
    const servicePorts = new Map<string, string>();
    const mainContainerPorts = new Map<string, string>();
    if (portNumbers !== undefined) {
      servicePorts.set(`${portNumbers.service}/TCP`, own);
      mainContainerPorts.set(`${portNumbers.container}/TCP`, own);
    }
    const checkPorts = (prop: string, ports: readonly PortSpec[], containerPorts: Map<string, string>) => {
      ports.forEach((p, i) => {
        const at = `${prop}[${i}]`;
        checkPortName(this, `${at}.name`, p.name);
        checkPort(this, `${at}.port`, p.port);
        if (p.servicePort !== undefined) {
          checkPort(this, `${at}.servicePort`, p.servicePort);
        }
        checkEnum(this, `${at}.protocol`, p.protocol, Protocol, 'Protocol');
        const seen = portNames.get(p.name);
        if (seen !== undefined) {
          throw propError(this, `${at}.name`, `is already the name of ${seen}`, p.name, 'give every port of the pod its own name');
        }
        portNames.set(p.name, `${at}`);
        const protocol = p.protocol ?? 'TCP';
        const inContainer = containerPorts.get(`${p.port}/${protocol}`);
        if (inContainer !== undefined) {
          throw propError(this, `${at}.port`, `is already the number of ${inContainer} in the same container (${protocol})`, p.port,
            'give every port of a container its own number, or use one port');
        }
        containerPorts.set(`${p.port}/${protocol}`, at);
        const servicePort = p.servicePort ?? p.port;
        const inService = servicePorts.get(`${servicePort}/${protocol}`);
        if (inService !== undefined) {
          throw propError(this, p.servicePort === undefined ? `${at}.port` : `${at}.servicePort`,
            `is already the Service port of ${inService} (${protocol}): every port is published on the Service`, servicePort,
            'give the port another number, or set servicePort to a free one');
        }
        servicePorts.set(`${servicePort}/${protocol}`, at);
        if (p.appProtocol !== undefined) {
          checkAppProtocol(this, `${at}.appProtocol`, p.appProtocol);
        }
      });
    };
    if (portName !== undefined) {
      portNames.set(portName, 'the component\'s own port');
    }
    checkPorts('ports', props.ports ?? [], mainContainerPorts);
    const check = (prop: string, specs: readonly ContainerSpec[] | undefined, init: boolean) => {
      (specs ?? []).forEach((spec, i) => {
        const at = `${prop}[${i}]`;
        if (spec === null || typeof spec !== 'object') {
          throw propError(this, at, 'must be a ContainerSpec', spec, 'give { name, image, resources }');
        }
        const nameErrors = typeof spec.name === 'string' ? isDNS1123Label(spec.name) : ['must be a string'];
        if (nameErrors.length > 0) {
          throw propError(this, `${at}.name`, `must be a DNS-1123 label (${nameErrors.join('; ')})`, spec.name, 'use a name like "log-shipper"');
        }
        const seen = containerNames.get(spec.name);
        if (seen !== undefined) {
          throw propError(this, `${at}.name`, `is already the name of ${seen === 'name' ? 'the main container' : seen}`, spec.name,
            'give every container of the pod its own name');
        }
        containerNames.set(spec.name, at);
        checkImage(this, `${at}.image`, spec.image);
        checkEnum(this, `${at}.imagePullPolicy`, spec.imagePullPolicy, ImagePullPolicy, 'ImagePullPolicy');
        if (!(spec.resources instanceof Resources)) {
          throw propError(this, `${at}.resources`, 'is required', spec.resources,
            'state what the container needs, e.g. resources: Resources.of({ cpu: \'50m\', memory: \'64Mi\', memoryLimit: \'64Mi\' }); '
            + 'there is no default (cdk8s-plus would silently request 1000m / 512Mi)');
        }
        checkStringValues(this, `${at}.env`, spec.env);
        checkStringList(this, `${at}.command`, spec.command);
        checkStringList(this, `${at}.args`, spec.args);
        this.checkEnv(spec.env ?? {}, spec.secretEnv, `${at}.env`, `${at}.secretEnv`);
        for (const probe of ['healthCheck', 'readinessProbe', 'livenessProbe', 'startupProbe'] as const) {
          const check = spec[probe];
          if (init && check !== undefined && check.type !== HealthCheckType.NONE) {
            throw propError(this, `${at}.${probe}`, 'must not be set on an init container (it runs to completion; the API server rejects its probes)',
              check.type, `remove ${probe}, or make it a sidecar`);
          }
        }
        checkPorts(`${at}.ports`, spec.ports ?? [], new Map());
      });
    };
    check('sidecars', props.sidecars, false);
    check('initContainers', props.initContainers, true);
  }

  private addConfigFile(configMap: ConfigMap, file: string): void {
    const key = path.basename(file);
    checkConfigMapKey(this, 'configFiles', key, 'rename the file');
    if (key in configMap.data) {
      throw propError(this, 'configFiles', `has two files named ${JSON.stringify(key)}`, file, 'give the files different names');
    }
    if (key in configMap.binaryData) {
      throw propError(this, 'configFiles', `has two files named ${JSON.stringify(key)}`, file, 'give the files different names');
    }
    let bytes: Buffer;
    try {
      // A ConfigMap holds at most 1 MiB (ValidateConfigMap): never read more than that plus one byte.
      const size = fs.statSync(file).size;
      if (size > CONFIG_MAP_MAX_BYTES) {
        throw propError(this, 'configFiles', `names a file of ${size} bytes, more than the ${CONFIG_MAP_MAX_BYTES} bytes (1 MiB) a ConfigMap holds`, file,
          'mount large files from a volume or bake them into the image');
      }
      bytes = fs.readFileSync(file);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith(`[${this.node.path}]`)) throw e;
      throw propError(this, 'configFiles', 'names a file that cannot be read', file,
        `check the path (relative paths start at ${process.cwd()})`);
    }
    const text = utf8(bytes);
    if (text === undefined) {
      // Not UTF-8 (a keystore, an image): binaryData keeps the bytes; data would corrupt them to U+FFFD.
      configMap.addBinaryData(key, bytes.toString('base64'));
    } else {
      configMap.addData(key, text);
    }
  }
}

/** A JSON pointer segment (RFC 6901): `~` → `~0`, `/` → `~1`. */
function pointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function toContainerPort(p: PortSpec): ContainerPort {
  return { name: p.name, number: p.port, protocol: p.protocol ?? Protocol.TCP };
}
