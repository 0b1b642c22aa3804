import { Construct } from 'constructs';
import { ManifestError } from '../manifests/manifest-error';
import { describeSource } from '../manifests/manifest-source';
import { NodePool } from '../manifests/node-pool';
import { Node } from '../scheduler/types';
import { SynthArtifacts } from '../synth/artifacts';
import { environmentNameOf } from '../synth/environment-marker';
import { SynthesizedObject, synthesizeScope } from '../synth/collect';
import { SynthSession } from '../synth/session';
import { SynthWarnings } from '../synth/warnings';
import { CapacityPlan, MissingRequestsLevel, ProblemSeverity, SurgePolicy } from './plan';
import { CapacityCheckOptions, planObjects } from './plan-scope';
import { checkCapacityProps } from './private/check-props';
import { renderCapacityMarkdown } from './report-markdown';
import { renderCapacitySvg } from './report-svg';
import { Headroom } from './headroom';
import { suggestionLines } from './suggest';

export interface CapacityCheckProps extends CapacityCheckOptions {
  /** The node pools the workloads of the scope must fit on. */
  readonly nodePools: NodePool[];
  /**
   * Base name of the report files written beside the environment's YAML
   * (`<reportName>.md`, `<reportName>.svg`).
   * @default - `capacity` when the id is `Capacity` or `capacity`, else the id
   */
  readonly reportName?: string;
  /**
   * Write the Markdown and SVG reports at synth (with `AppkitApp`).
   * @default true
   */
  readonly writeReport?: boolean;
}

/**
 * Proves at synth time that the workloads of its scope (an app, an environment or a chart) fit
 * the node pools, with kube-scheduler's rules. It reads the final synthesized objects of the
 * scope (escape hatches, `Include` and Helm output count), fails `cdk8s synth` and
 * `Testing.synth` with the scheduler's messages, and writes `capacity.md` and `capacity.svg`
 * beside the environment's YAML.
 *
 * ```ts
 * new CapacityCheck(production, 'capacity', {
 *   nodePools: [{ name: 'general', count: 3, allocatable: { cpu: '3920m', memory: '14Gi' } }],
 *   headroom: Headroom.nodes(1), // or Headroom.perPool({ general: 1 }), Headroom.zone()
 *   suggest: true,               // say how many nodes each pool needs
 * });
 * ```
 */
export class CapacityCheck extends Construct {
  public readonly nodePools: readonly NodePool[];
  public readonly nodes: readonly Node[];
  /** As given (a number is N+k). */
  public readonly headroom: Headroom | number;
  public readonly suggest: boolean;
  public readonly missingRequests: MissingRequestsLevel;
  public readonly surge: SurgePolicy;
  /** @default - see CapacityCheckOptions.poolLabel */
  public readonly poolLabel?: string;
  public readonly reportName: string;
  public readonly writeReport: boolean;

  // Outside a synth session (plain `App.synth()` validates once per chart), the last plan is
  // reused while the synthesized objects are the same, so a many-chart app plans once.
  private last?: { key: string; plan: CapacityPlan };

  constructor(scope: Construct, id: string, props: CapacityCheckProps) {
    super(scope, id);
    if (typeof props !== 'object' || props === null) {
      throw new Error(`[${this.node.path}] props are required, got ${String(props)}: pass at least { nodePools: [{ name: 'general', count: 3, allocatable: { cpu: '3920m', memory: '14Gi' } }] }`);
    }
    const problem = checkCapacityProps(props.nodePools ?? [], props);
    if (problem) {
      throw new Error(`[${this.node.path}] ${problem}`);
    }
    this.nodePools = props.nodePools.map((p) => ({ ...p }));
    this.nodes = [...(props.nodes ?? [])];
    this.headroom = props.headroom ?? 0;
    this.suggest = props.suggest ?? false;
    this.missingRequests = props.missingRequests ?? MissingRequestsLevel.ERROR;
    this.surge = props.surge ?? SurgePolicy.EACH_ROLLOUT;
    this.poolLabel = props.poolLabel;
    this.reportName = props.reportName ?? (id.toLowerCase() === 'capacity' ? 'capacity' : id);
    this.writeReport = props.writeReport ?? true;

    this.node.addValidation({ validate: () => this.validate() });
    if (this.writeReport) {
      SynthArtifacts.add(this, `${this.reportName}.md`, () => renderCapacityMarkdown(this.plan, { title: this.title() }));
      SynthArtifacts.add(this, `${this.reportName}.svg`, () => renderCapacitySvg(this.plan, { title: this.title() }));
    }
  }

  /**
   * The capacity plan of the scope's synthesized objects: computed once per synth (and on
   * demand in tests). Throws `ManifestError` when an object carries an invalid quantity.
   */
  public get plan(): CapacityPlan {
    return SynthSession.memo(this, 'capacity-plan', this, () => {
      const objects = synthesizeScope(this.node.scope!);
      if (SynthSession.isActive(this)) {
        return this.compute(objects);
      }
      const key = JSON.stringify(objects.map((o) => [o.path, o.manifest]));
      if (this.last?.key !== key) {
        this.last = { key, plan: this.compute(objects) };
      }
      return this.last.plan;
    });
  }

  private compute(objects: readonly SynthesizedObject[]): CapacityPlan {
    return planObjects(objects, this.nodePools, {
      nodes: this.nodes as Node[],
      headroom: this.headroom,
      suggest: this.suggest,
      missingRequests: this.missingRequests,
      surge: this.surge,
      poolLabel: this.poolLabel,
    });
  }

  private validate(): string[] {
    let plan: CapacityPlan;
    try {
      plan = this.plan;
    } catch (e) {
      if (ManifestError.isManifestError(e)) {
        return [e.message];
      }
      throw e;
    }
    for (const p of plan.problems.filter((x) => x.severity === ProblemSeverity.WARNING)) {
      const where = describeSource(p.source);
      SynthWarnings.report(this, `${p.object}${where ? ` (${where})` : ''}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
    }
    if (plan.failures.length === 0) return [];
    // With `suggest`, the answer comes with the verdict: how many nodes each pool needs.
    return [...plan.failures, ...suggestionLines(plan.suggestions ?? [])];
  }

  private title(): string {
    return `Capacity: ${environmentNameOf(this) ?? (this.node.scope!.node.path || 'app')}`;
  }
}
