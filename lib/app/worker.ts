import { Deployment, Service } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubeHorizontalPodAutoscalerV2, KubePodDisruptionBudget } from '../../imports/k8s';
import { ServiceMonitor } from '../../imports/monitoring.coreos.com';
import { AutoscalingProps, Component, ComponentProps, ReplicatedComponentProps } from './component';
import { HealthCheck } from './health-check';
import { addServiceMonitor, MonitoringProps } from './metrics';
import { propError } from './private/errors';
import { AUTOSCALING_PROPS, checkKnownProps, REPLICATED_PROPS } from './private/validation';

export interface WorkerProps extends ReplicatedComponentProps, AutoscalingProps, MonitoringProps {}

const WORKER_PROPS: { readonly [K in Exclude<keyof WorkerProps, keyof ComponentProps>]-?: true } = {
  ...REPLICATED_PROPS,
  ...AUTOSCALING_PROPS,
  metrics: true,
};

/**
 * A background process (queue consumers, stream processors, model servers): a Deployment,
 * optionally a HorizontalPodAutoscaler (`maxReplicas`) and a PodDisruptionBudget (on by
 * default with 2+ replicas); with `ports` (e.g. `metrics`, its own or a sidecar's) also a
 * Service publishing them.
 * Runs 1 replica unless told otherwise.
 */
export class Worker extends Component {
  /** Replica count when neither `replicas` nor `maxReplicas` is set. */
  public static readonly DEFAULT_REPLICAS = 1;

  public readonly deployment: Deployment;
  /** The HorizontalPodAutoscaler (autoscaling/v2), when `maxReplicas` is set. */
  public readonly autoscaler?: KubeHorizontalPodAutoscalerV2;
  public readonly disruptionBudget?: KubePodDisruptionBudget;
  /** The Service publishing `ports`; undefined without ports. */
  public declare readonly service?: Service;
  /** The Prometheus ServiceMonitor, when `metrics` is set. */
  public readonly serviceMonitor?: ServiceMonitor;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, {
      kind: 'Worker',
      overrides: ['replicas', 'minReplicas', 'maxReplicas', 'resources', 'rollout'],
      maxNameLength: 63,
    });
    if (new.target === Worker) checkKnownProps(this, 'Worker', props, WORKER_PROPS);
    const plan = this.planReplicas(props, Worker.DEFAULT_REPLICAS);
    this.deployment = this.createDeployment(plan, props.spreadAcrossZones, {
      healthCheck: props.healthCheck ?? HealthCheck.none(),
    });
    if (this.extraPorts.length > 0) {
      this.setService(this.createService(this.extraPorts, false));
    } else if (props.serviceType !== undefined) {
      throw propError(this, 'serviceType', 'needs ports: a Worker gets a Service only when it has ports', props.serviceType,
        'add ports (e.g. { name: \'metrics\', port: 9090 }) or remove serviceType');
    }
    if (props.metrics !== undefined) {
      if (!this.service) {
        throw propError(this, 'metrics', 'needs ports: a ServiceMonitor scrapes a port of the Worker\'s Service', 'Metrics.serviceMonitor(…)',
          'add ports (e.g. { name: \'metrics\', port: 9090 }) or remove metrics');
      }
      this.serviceMonitor = addServiceMonitor(this, this.service, props.metrics);
    }
    this.autoscaler = this.addAutoscaler(this.deployment, plan, props);
    this.disruptionBudget = this.addDisruptionBudget(plan, props.podDisruptionBudget);
  }
}
