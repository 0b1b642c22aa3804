import { ApiObject, JsonPatch } from 'cdk8s';
import { PersistentVolumeAccessMode, Protocol, Service, StatefulSet, Volume, VolumeMount } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubePersistentVolumeClaimProps, KubePodDisruptionBudget, Quantity } from '../../imports/k8s';
import { ServiceMonitor } from '../../imports/monitoring.coreos.com';
import { Component, ComponentProps, ReplicatedComponentProps } from './component';
import { HealthCheck } from './health-check';
import { addServiceMonitor, MonitoringProps } from './metrics';
import { positiveQuantity } from './private/container-resources';
import { propError } from './private/errors';
import { statefulSetStrategy } from './private/rollout';
import { checkAppProtocol, checkDns1035Label, checkEnum, checkDns1123Subdomain, checkKnownProps, checkPort, checkPortName, REPLICATED_PROPS } from './private/validation';

/** Name of the volume claim template (PVCs are named `data-<app>-<component>-<ordinal>`). */
const DATA = 'data';

/** One more volume per replica (a volume claim template besides `data`). */
export interface StatefulClaim {
  /** Claim template name (PVCs are named `<name>-<app>-<component>-<ordinal>`), a DNS-1123 label. */
  readonly name: string;
  /** Where the volume is mounted in the container. */
  readonly mountPath: string;
  /** Size of each replica's volume: a positive quantity (`10Gi`, `500M`), written as given. */
  readonly size: string;
  /**
   * StorageClass of the volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Access modes.
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly accessModes?: PersistentVolumeAccessMode[];
}

export interface StatefulServiceProps extends ReplicatedComponentProps, MonitoringProps {
  /** Port the container listens on. */
  readonly port: number;
  /**
   * Name of the port on the container and the Service.
   * @default 'tcp'
   */
  readonly portName?: string;
  /**
   * The Service port's `appProtocol` (e.g. `redis`, `postgresql`, `kubernetes.io/h2c`), a hint
   * for load balancers and meshes.
   * @default - none
   */
  readonly appProtocol?: string;
  /** Size of each replica's volume: a positive quantity (`10Gi`, `500M`), written as given. */
  readonly storageSize: string;
  /**
   * StorageClass of the volumes.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Where the volume is mounted in the container.
   * @default '/data'
   */
  readonly storageMountPath?: string;
  /**
   * Access modes of the `data` volumes.
   * @default [PersistentVolumeAccessMode.READ_WRITE_ONCE]
   */
  readonly storageAccessModes?: PersistentVolumeAccessMode[];
  /**
   * More volumes per replica (e.g. a separate WAL volume), each a volume claim template.
   * @default - only `data`
   */
  readonly additionalClaims?: StatefulClaim[];
}

const STATEFUL_SERVICE_PROPS: { readonly [K in Exclude<keyof StatefulServiceProps, keyof ComponentProps>]-?: true } = {
  ...REPLICATED_PROPS,
  metrics: true,
  port: true,
  portName: true,
  appProtocol: true,
  storageSize: true,
  storageClassName: true,
  storageMountPath: true,
  storageAccessModes: true,
  additionalClaims: true,
};

/**
 * A stateful service (databases, brokers): a StatefulSet with one ReadWriteOnce volume per
 * replica from a volume claim template, a headless Service for stable pod DNS names, and a
 * PodDisruptionBudget with 2+ replicas. Runs 1 replica unless told otherwise.
 */
export class StatefulService extends Component {
  /** Replica count when `replicas` is not set. */
  public static readonly DEFAULT_REPLICAS = 1;

  public readonly statefulSet: StatefulSet;
  /** The headless Service (`clusterIP: None`) governing the StatefulSet. */
  public readonly service: Service;
  public readonly disruptionBudget?: KubePodDisruptionBudget;
  /** The Prometheus ServiceMonitor, when `metrics` is set (it scrapes a named port of the headless Service). */
  public readonly serviceMonitor?: ServiceMonitor;
  public readonly port: number;
  /** Name of the component's own port on the container and the Service. */
  public readonly portName: string;
  /** The Service port's `appProtocol`; undefined when not set. */
  public readonly appProtocol?: string;
  public readonly storageSize: string;
  public readonly storageMountPath: string;

  constructor(scope: Construct, id: string, props: StatefulServiceProps) {
    // StatefulSet names are limited to 52 characters: the controller-revision-hash label
    // value appends 11 to it and label values stop at 63.
    super(scope, id, props, {
      kind: 'StatefulService', overrides: ['replicas', 'resources', 'rollout'], maxNameLength: 52, portName: props?.portName ?? 'tcp',
      portNumbers: { container: props?.port, service: props?.port },
      reservedVolumes: [DATA, ...(props?.additionalClaims ?? []).map((c) => c.name)],
    });
    if (new.target === StatefulService) checkKnownProps(this, 'StatefulService', props, STATEFUL_SERVICE_PROPS);
    this.port = props.port;
    const portName = props.portName ?? 'tcp';
    this.portName = portName;
    checkPort(this, 'port', this.port);
    checkPortName(this, 'portName', portName);
    this.appProtocol = props.appProtocol;
    if (this.appProtocol !== undefined) {
      checkAppProtocol(this, 'appProtocol', this.appProtocol);
    }
    this.storageSize = props.storageSize;
    if (!positiveQuantity(props.storageSize)) {
      throw propError(this, 'storageSize', 'must be a positive quantity', props.storageSize, 'write e.g. "10Gi"');
    }
    if (props.storageClassName !== undefined) {
      checkDns1123Subdomain(this, 'storageClassName', props.storageClassName, 'use the name of a StorageClass');
    }
    this.storageMountPath = props.storageMountPath ?? '/data';
    if (!this.storageMountPath.startsWith('/')) {
      throw propError(this, 'storageMountPath', 'must be an absolute path', this.storageMountPath, 'use e.g. "/data"');
    }
    const plan = this.planReplicas(props, StatefulService.DEFAULT_REPLICAS);

    this.service = this.createService([{ name: portName, port: this.port, appProtocol: this.appProtocol }, ...this.extraPorts], true);
    this.setService(this.service);

    // cdk8s-plus has no volume claim templates. Each claim's volume is mounted through
    // cdk8s-plus (so the container gets its volumeMount) and, being the first mounts of the
    // only container, they are the pod's first volumes: the patch below swaps them for claim templates.
    const claims = [
      { name: DATA, mountPath: this.storageMountPath, size: props.storageSize, storageClassName: props.storageClassName, accessModes: props.storageAccessModes },
      ...(props.additionalClaims ?? []).map((c, i) => this.checkClaim(c, i)),
    ];
    const mounts: VolumeMount[] = claims.map((c) => ({ path: c.mountPath, volume: Volume.fromEmptyDir(this, c.name === DATA ? 'DataVolume' : `ClaimVolume-${c.name}`, c.name) }));
    this.statefulSet = new StatefulSet(this, 'StatefulSet', {
      ...this.workloadProps({
        port: { number: this.port, name: portName, protocol: Protocol.TCP },
        healthCheck: props.healthCheck ?? HealthCheck.tcp(),
        mounts,
      }),
      service: this.service,
      replicas: plan.replicas,
      strategy: statefulSetStrategy(this, this.overridden('rollout'), this.overrides.rollout ?? props.rollout),
    });
    this.configureWorkload(this.statefulSet, '/spec/template');
    this.selectAndSpread(this.statefulSet, props.spreadAcrossZones ?? false);
    // Typed as the L1 props (Quantity, not string): see Component.configureWorkload.
    const claimTemplates: KubePersistentVolumeClaimProps[] = claims.map((c) => {
      if (c.accessModes !== undefined && c.accessModes.length === 0) {
        throw propError(this, c.name === DATA ? 'storageAccessModes' : `additionalClaims "${c.name}" accessModes`, 'must not be empty', c.accessModes,
          'use e.g. [PersistentVolumeAccessMode.READ_WRITE_ONCE]');
      }
      (c.accessModes ?? []).forEach((mode, i) => checkEnum(this, `${c.name === DATA ? 'storageAccessModes' : `additionalClaims "${c.name}" accessModes`}[${i}]`,
        mode, PersistentVolumeAccessMode, 'PersistentVolumeAccessMode'));
      return {
        metadata: { labels: this.selectorLabels, name: c.name },
        spec: {
          accessModes: c.accessModes ?? ['ReadWriteOnce'],
          resources: { requests: { storage: Quantity.fromString(c.size) } },
          storageClassName: c.storageClassName,
        },
      };
    });
    ApiObject.of(this.statefulSet).addJsonPatch(
      ...claims.flatMap((c) => [JsonPatch.test('/spec/template/spec/volumes/0/name', c.name), JsonPatch.remove('/spec/template/spec/volumes/0')]),
      JsonPatch.add('/spec/volumeClaimTemplates', claimTemplates),
    );
    // With no volume besides the claims (no /tmp, no config files, no mounts) nothing is left:
    // leave the field out rather than write `volumes: []`.
    const podVolumes = new Set([...this.statefulSet.containers, ...this.statefulSet.initContainers]
      .flatMap((c) => c.mounts.map((m) => m.volume.name)).concat(this.statefulSet.volumes.map((v) => v.name)));
    if (podVolumes.size === claims.length) {
      ApiObject.of(this.statefulSet).addJsonPatch(JsonPatch.remove('/spec/template/spec/volumes'));
    }
    // StatefulSet adds cdk8s-plus's construct-path label to its Service's selector; the
    // recommended labels already select the pods, and a path-derived selector must not exist.
    ApiObject.of(this.service).addJsonPatch(JsonPatch.remove('/spec/selector/cdk8s.io~1metadata.addr'));

    if (props.metrics !== undefined) {
      this.serviceMonitor = addServiceMonitor(this, this.service, props.metrics);
    }
    this.disruptionBudget = this.addDisruptionBudget(plan, props.podDisruptionBudget);
  }

  private checkClaim(claim: StatefulClaim, i: number): StatefulClaim {
    const at = `additionalClaims[${i}]`;
    checkDns1035Label(this, `${at}.name`, claim.name, 63, 'use a name like "wal"');
    if (claim.name === DATA) {
      throw propError(this, `${at}.name`, 'is the name of the main claim template', claim.name, 'use another name, e.g. "wal"');
    }
    if (typeof claim.mountPath !== 'string' || !claim.mountPath.startsWith('/') || claim.mountPath === this.storageMountPath) {
      throw propError(this, `${at}.mountPath`, `must be an absolute path other than storageMountPath (${this.storageMountPath})`, claim.mountPath, 'use e.g. "/wal"');
    }
    if (!positiveQuantity(claim.size)) {
      throw propError(this, `${at}.size`, 'must be a positive quantity', claim.size, 'write e.g. "10Gi"');
    }
    if (claim.storageClassName !== undefined) {
      checkDns1123Subdomain(this, `${at}.storageClassName`, claim.storageClassName, 'use the name of a StorageClass');
    }
    return claim;
  }
}
