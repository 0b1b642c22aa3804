import { Deployment, HorizontalPodAutoscaler, Service } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubePodDisruptionBudget } from '../../imports/k8s';
import { AutoscalingProps, Component, ReplicatedComponentProps } from './component';
import { HealthCheck } from './health-check';
import { propError } from './private/errors';

export interface WorkerProps extends ReplicatedComponentProps, AutoscalingProps {}

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
  public readonly autoscaler?: HorizontalPodAutoscaler;
  public readonly disruptionBudget?: KubePodDisruptionBudget;
  /** The Service publishing `ports`; undefined without ports. */
  public declare readonly service?: Service;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, {
      kind: 'Worker',
      overrides: ['replicas', 'minReplicas', 'maxReplicas', 'resources', 'rollout'],
      maxNameLength: 63,
    });
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
    this.autoscaler = this.addAutoscaler(this.deployment, plan, props);
    this.disruptionBudget = this.addDisruptionBudget(plan, props.podDisruptionBudget);
  }
}
