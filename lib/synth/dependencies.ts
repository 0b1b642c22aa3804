// Port of `resolveDependencies` and `buildDependencies` in cdk8s core
// (cdk8s-team/cdk8s-core src/app.ts, shipped as node_modules/cdk8s/lib/app.js, v2.70).
// cdk8s does not export them, and the only public path to them, `chart.toJson()`, re-resolves
// and re-validates the whole app once per chart (quadratic in the number of charts).
// Semantics are unchanged; lookups go through one TreeIndex instead of repeated tree walks.
import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { TreeIndex } from './tree-index';

/**
 * Turns construct dependencies into chart and ApiObject dependencies, as cdk8s does before
 * it renders a chart: nested charts make their parent depend on them, and a dependency
 * between two constructs makes every ApiObject of the source depend on every ApiObject of
 * the target (each within its closest chart).
 * @returns whether some chart depends on another chart
 */
export function resolveDependencies(index: TreeIndex): boolean {
  let hasDependantCharts = false;

  for (const parentChart of index.all.filter(Chart.isChart)) {
    for (const childChart of parentChart.node.children.filter(Chart.isChart)) {
      parentChart.node.addDependency(childChart);
      hasDependantCharts = true;
    }
  }

  const deps = buildDependencies(index);
  for (const dep of deps) {
    const sourceChart = requireChart(index, dep.source);
    const targetChart = requireChart(index, dep.target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }

  // cdk8s rebuilds the dependency list here, so the chart dependencies added just above
  // take part too (a chart's ApiObjects then depend on the other chart's ApiObjects).
  for (const dep of buildDependencies(index)) {
    const sourceChart = requireChart(index, dep.source);
    const targetChart = requireChart(index, dep.target);
    const targets = apiObjectsIn(index, dep.target, targetChart);
    const sources = apiObjectsIn(index, dep.source, sourceChart);
    for (const target of targets) {
      for (const source of sources) {
        if (target !== source) {
          source.node.addDependency(target);
        }
      }
    }
  }
  return hasDependantCharts;
}

interface Dependency {
  readonly source: IConstruct;
  readonly target: IConstruct;
}

function buildDependencies(index: TreeIndex): Dependency[] {
  const deps: Dependency[] = [];
  for (const child of index.all) {
    for (const dep of child.node.dependencies) {
      deps.push({ source: child, target: dep });
    }
  }
  return deps;
}

function apiObjectsIn(index: TreeIndex, scope: IConstruct, chart: Chart): ApiObject[] {
  return index.findAll(scope)
    .filter(ApiObject.isApiObject)
    .filter((x) => index.chartOf(x) === chart);
}

function requireChart(index: TreeIndex, c: IConstruct): Chart {
  const chart = index.chartOf(c);
  if (!chart) {
    // Same failure, same words, as cdk8s's `Chart.of()`.
    throw new Error(`cannot find a parent chart (directly or indirectly) for ${c.node.path}`);
  }
  return chart;
}
