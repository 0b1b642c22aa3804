import { Deployment } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { KubeHorizontalPodAutoscalerV2, KubePodDisruptionBudget } from '../../imports/k8s';
import { AutoscalingProps, Component, ReplicatedComponentProps } from './component';
import { HealthCheck } from './health-check';

export interface WorkerProps extends ReplicatedComponentProps, AutoscalingProps {}

/**
 * A background process without a Service (queue consumers, stream processors): a
 * Deployment, optionally a HorizontalPodAutoscaler (`maxReplicas`) and a
 * PodDisruptionBudget (on by default with 2+ replicas). Runs 1 replica unless told otherwise.
 */
export class Worker extends Component {
  /** Replica count when neither `replicas` nor `maxReplicas` is set. */
  public static readonly DEFAULT_REPLICAS = 1;

  public readonly deployment: Deployment;
  /** The HorizontalPodAutoscaler (autoscaling/v2), when `maxReplicas` is set. */
  public readonly autoscaler?: KubeHorizontalPodAutoscalerV2;
  public readonly disruptionBudget?: KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: WorkerProps) {
    super(scope, id, props, {
      kind: 'Worker',
      overrides: ['replicas', 'minReplicas', 'maxReplicas', 'resources'],
      maxNameLength: 63,
    });
    const plan = this.planReplicas(props, Worker.DEFAULT_REPLICAS);
    this.deployment = this.createDeployment(plan, props.spreadAcrossZones, {
      healthCheck: props.healthCheck ?? HealthCheck.none(),
    });
    this.autoscaler = this.addAutoscaler(this.deployment, plan, props);
    this.disruptionBudget = this.addDisruptionBudget(plan, props.podDisruptionBudget);
  }
}
