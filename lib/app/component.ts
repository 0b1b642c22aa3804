import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, ApiObjectMetadata, Duration, JsonPatch } from 'cdk8s';
import {
  Capability, ConfigMap, ContainerPort, Deployment, ContainerProps, ContainerResources, Env, EnvValue,
  HorizontalPodAutoscaler, IScalable, LabelSelector, Metric, MetricTarget, Pod, Secret,
  ServiceAccount, Volume, VolumeMount, Workload, WorkloadProps,
} from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { IntOrString, KubePodDisruptionBudget, SeccompProfile, TopologySpreadConstraint } from '../../imports/k8s';
import { Guardrails } from '../guardrails/guardrails';
import { ExternalKind } from '../guardrails/policy';
import { AppChart, AppLabels } from './app-chart';
import { ComponentOverrides } from './environment';
import { HealthCheck } from './health-check';
import { toContainerResources } from './private/container-resources';
import { lazyConfigChecksum } from './private/config-checksum';
import { propError } from './private/errors';
import { toProbes } from './private/probes';
import {
  checkConfigMapKey, checkDns1035Label, checkDns1123Subdomain, checkEnvVarName, checkImage, checkInteger,
  checkLabelValue,
} from './private/validation';
import { Resources } from './resources';
import { SecretRef } from './secret-ref';
import { wholeSeconds } from './private/durations';

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
   * CPU and memory the container requests: `Resources.of({ cpu: '250m', memory: '256Mi' })`
   * or `Resources.preset(ResourcePreset.SMALL)`. Required: there is no silent default.
   */
  readonly resources: Resources;
  /**
   * `app.kubernetes.io/version` of this component's objects.
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
}

/** What a component kind supports; passed by each component to `Component`'s constructor. */
export interface ComponentSetup {
  /** Name of the kind in messages, e.g. `WebService`. */
  readonly kind: string;
  /** The environment overrides that apply to this kind. */
  readonly overrides: (keyof ComponentOverrides)[];
  /** Longest object name Kubernetes accepts for this kind (52 for CronJobs and StatefulSets). */
  readonly maxNameLength: number;
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

  private readonly props: ComponentProps;
  /** Objects the workload must come after in the output (ExternalSecrets it reads). */
  private readonly workloadDependencies: ApiObject[] = [];
  private readonly containerResources: ContainerResources;

  protected constructor(scope: Construct, id: string, props: ComponentProps, setup: ComponentSetup) {
    super(scope, id);
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
      if (this.overrides[key] !== undefined && !setup.overrides.includes(key)) {
        throw propError(this, `${key} (override from environment "${this.app.environment?.name}")`, `does not apply to a ${setup.kind}`,
          this.overrides[key], `remove it from the environment's overrides for "${this.componentName}"`);
      }
    }

    this.version = props.version ?? this.app.version;
    checkLabelValue(this, 'version', this.version, 'use a version like "1.8.2"');
    checkImage(this, 'image', props.image);
    this.image = props.image;
    this.resources = this.overrides.resources ?? props.resources;
    this.containerResources = toContainerResources(this, this.overridden('resources'), this.resources);
    this.readOnlyRootFilesystem = props.readOnlyRootFilesystem ?? true;
    this.automountServiceAccountToken = props.automountServiceAccountToken ?? props.serviceAccountName !== undefined;
    if (props.runAsUser !== undefined) {
      checkInteger(this, 'runAsUser', props.runAsUser, 1, 0xffffffff, 'run as a non-root UID such as 10001');
    }
    if (props.runAsGroup !== undefined) {
      checkInteger(this, 'runAsGroup', props.runAsGroup, 0, 0xffffffff, 'use a GID such as 10001');
    }
    if (props.fsGroup !== undefined) {
      checkInteger(this, 'fsGroup', props.fsGroup, 0, 0xffffffff, 'use a GID such as 10001');
    }
    if (props.serviceAccountName !== undefined) {
      checkDns1123Subdomain(this, 'serviceAccountName', props.serviceAccountName, 'use the name of an existing ServiceAccount');
    }
    this.checkEnv(props);
    if (props.terminationGracePeriod !== undefined) {
      wholeSeconds(this, 'terminationGracePeriod', props.terminationGracePeriod, 'use whole seconds');
    }

    const config = props.config ?? {};
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

  /** Metadata for one of the component's objects: the name and the component's labels. */
  protected objectMetadata(name: string): ApiObjectMetadata {
    return { name, labels: { [AppLabels.COMPONENT]: this.componentName, [AppLabels.VERSION]: this.version } };
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
    if (this.readOnlyRootFilesystem) {
      mounts.push({ path: '/tmp', volume: Volume.fromEmptyDir(this, 'TmpVolume', 'tmp') });
    }
    if (this.filesConfigMap && this.configMountPath) {
      const volume = Volume.fromConfigMap(this, 'FilesVolume', this.filesConfigMap, { name: 'config-files' });
      mounts.push({ path: this.configMountPath, volume, readOnly: true });
    }

    const envVariables: { [name: string]: EnvValue } = {};
    for (const [name, value] of Object.entries(props.env ?? {})) {
      envVariables[name] = EnvValue.fromValue(value);
    }
    const secrets = new Map<string, ReturnType<typeof Secret.fromSecretName>>();
    for (const [name, ref] of Object.entries(props.secretEnv ?? {})) {
      let secret = secrets.get(ref.secretName);
      if (!secret) {
        secret = Secret.fromSecretName(this, `Secret-${ref.secretName}`, ref.secretName);
        secrets.set(ref.secretName, secret);
        // A SecretRef names a Secret that exists outside dist/: tell the reference guardrail.
        Guardrails.of(this).declareExternal(ExternalKind.SECRET, ref.secretName);
      }
      if (ref.external) {
        // The operator must have written the Secret before the pods can start: order it first.
        this.workloadDependencies.push(this.app.externalSecretFor(ref, this).apiObject);
      }
      envVariables[name] = EnvValue.fromSecretValue({ secret, key: ref.key });
    }

    const container: ContainerProps = {
      name: this.componentName,
      image: this.image,
      // `ports` rather than `portNumber`: with `portNumber` cdk8s-plus adds its own TCP startup probe.
      ports: options.port ? [options.port] : undefined,
      command: props.command,
      args: props.args,
      envVariables,
      envFrom: this.configMap ? [Env.fromConfigMap(this.configMap)] : undefined,
      volumeMounts: mounts,
      resources: this.containerResources,
      ...toProbes(this, options.healthCheck ?? HealthCheck.none(), options.port?.number),
      securityContext: {
        ensureNonRoot: true,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: this.readOnlyRootFilesystem,
        // cdk8s-plus's Capability enum has no ALL; Kubernetes expects the literal "ALL".
        capabilities: { drop: ['ALL' as unknown as Capability] },
      },
    };
    return {
      metadata: this.objectMetadata(this.resourceName),
      podMetadata: { labels: this.labels },
      containers: [container],
      securityContext: {
        ensureNonRoot: true,
        user: props.runAsUser,
        group: props.runAsGroup,
        fsGroup: props.fsGroup,
      },
      serviceAccount: props.serviceAccountName === undefined ? undefined
        : ServiceAccount.fromServiceAccountName(this, 'ServiceAccount', props.serviceAccountName),
      automountServiceAccountToken: this.automountServiceAccountToken,
      terminationGracePeriod: props.terminationGracePeriod,
      select: false,
      spread: false,
    };
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
    ApiObject.of(workload).addJsonPatch(JsonPatch.add(`${templatePath}/spec/securityContext/seccompProfile`, seccompProfile));
  }

  /**
   * The component's Deployment: `workloadProps()` plus the replica count, finished with
   * `configureWorkload()` and `selectAndSpread()`.
   */
  protected createDeployment(plan: ReplicaPlan, spreadAcrossZones: boolean | undefined, options: ComponentWorkloadOptions): Deployment {
    const deployment = new Deployment(this, 'Deployment', { ...this.workloadProps(options), replicas: plan.replicas });
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
      const replicas = o.replicas ?? props.replicas ?? defaultReplicas;
      checkInteger(this, this.overridden('replicas'), replicas, 0, Number.MAX_SAFE_INTEGER, 'use 0 or more replicas');
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
    checkInteger(this, minProp, minReplicas, 1, Number.MAX_SAFE_INTEGER, 'use 1 or more');
    checkInteger(this, maxProp, maxReplicas, 1, Number.MAX_SAFE_INTEGER, 'use 1 or more');
    if (minReplicas > maxReplicas) {
      throw propError(this, minProp, `must be at most maxReplicas (${maxReplicas})`, minReplicas,
        'lower minReplicas or raise maxReplicas');
    }
    return { minReplicas, maxReplicas, maxPossible: maxReplicas };
  }

  /** A HorizontalPodAutoscaler for an autoscaled plan; undefined otherwise. */
  protected addAutoscaler(target: IScalable, plan: ReplicaPlan, props: AutoscalingProps): HorizontalPodAutoscaler | undefined {
    if (plan.maxReplicas === undefined) {
      return undefined;
    }
    const metrics: Metric[] = [];
    const cpu = props.targetCpuUtilization ?? (props.targetMemoryUtilization === undefined ? 70 : undefined);
    if (cpu !== undefined) {
      checkInteger(this, 'targetCpuUtilization', cpu, 1, Number.MAX_SAFE_INTEGER, 'use a percentage of the CPU request, e.g. 70');
      metrics.push(Metric.resourceCpu(MetricTarget.averageUtilization(cpu)));
    }
    if (props.targetMemoryUtilization !== undefined) {
      checkInteger(this, 'targetMemoryUtilization', props.targetMemoryUtilization, 1, Number.MAX_SAFE_INTEGER,
        'use a percentage of the memory request, e.g. 80');
      metrics.push(Metric.resourceMemory(MetricTarget.averageUtilization(props.targetMemoryUtilization)));
    }
    return new HorizontalPodAutoscaler(this, 'HorizontalPodAutoscaler', {
      metadata: this.objectMetadata(this.resourceName),
      target,
      minReplicas: plan.minReplicas,
      maxReplicas: plan.maxReplicas,
      metrics,
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

  private checkEnv(props: ComponentProps): void {
    const names = new Set<string>();
    const check = (prop: string, name: string) => {
      checkEnvVarName(this, `${prop} name ${JSON.stringify(name)}`, name);
      if (names.has(name)) {
        throw propError(this, `${prop} name`, 'is already set in env', name, 'set each variable once, in env or in secretEnv');
      }
      names.add(name);
    };
    for (const name of Object.keys(props.env ?? {})) {
      check('env', name);
    }
    for (const [name, ref] of Object.entries(props.secretEnv ?? {})) {
      check('secretEnv', name);
      if (!(ref instanceof SecretRef)) {
        // Never echo the value: it may be the secret itself.
        throw new Error(`[${this.node.path}] secretEnv ${JSON.stringify(name)} must be a SecretRef, got a ${typeof ref} (value not shown): `
          + 'reference an existing Secret: SecretRef.of(\'shop-db\', \'password\'); secret values never go into props');
      }
      checkDns1123Subdomain(this, `secretEnv ${JSON.stringify(name)} secretName`, ref.secretName, 'use the name of an existing Secret');
      checkConfigMapKey(this, `secretEnv ${JSON.stringify(name)} key`, ref.key, 'use a key of the Secret, e.g. "password"');
    }
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
