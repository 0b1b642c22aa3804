import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * One walk of the construct tree per synth: `findAll()` per node and `Chart.of()` per
 * construct, each computed once. Plays the role of cdk8s's private `SynthRequestCache`
 * (node_modules/cdk8s/lib/app.js), plus the chart lookup it repeats per dependency.
 */
export class TreeIndex {
  /** Every construct of the tree, pre-order, root first. */
  public readonly all: readonly IConstruct[];
  private readonly subtrees = new Map<IConstruct, IConstruct[]>();
  private readonly charts = new Map<IConstruct, Chart | undefined>();

  constructor(public readonly root: IConstruct) {
    this.all = root.node.findAll();
    this.subtrees.set(root, this.all as IConstruct[]);
  }

  /** `scope.node.findAll()`, once per scope. */
  public findAll(scope: IConstruct): IConstruct[] {
    let found = this.subtrees.get(scope);
    if (!found) {
      found = scope.node.findAll();
      this.subtrees.set(scope, found);
    }
    return found;
  }

  /** The closest chart of `c` (itself when it is a chart), or undefined outside any chart. */
  public chartOf(c: IConstruct): Chart | undefined {
    if (this.charts.has(c)) {
      return this.charts.get(c);
    }
    const scope = c.node.scope;
    const chart = Chart.isChart(c) ? c : scope ? this.chartOf(scope) : undefined;
    this.charts.set(c, chart);
    return chart;
  }
}
