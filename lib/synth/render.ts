import { ApiObject, Chart, DependencyGraph } from 'cdk8s';
import { resolvedManifest } from './collect';
import { TreeIndex } from './tree-index';
import { stringifyYaml } from './yaml-writer';

/**
 * The ApiObjects a chart renders, in dependency order: port of cdk8s's private `chartToKube`
 * (node_modules/cdk8s/lib/app.js, v2.70). An object belongs only to its closest chart.
 */
export function chartApiObjects(chart: Chart, index?: TreeIndex): ApiObject[] {
  const chartOf = (x: ApiObject) => (index ? index.chartOf(x) : Chart.of(x));
  return new DependencyGraph(chart.node).topology()
    .filter(ApiObject.isApiObject)
    .filter((x) => chartOf(x) === chart);
}

/**
 * A chart as `cdk8s synth` writes it (`Yaml.stringify` of each object, joined by `---`),
 * built from the session-memoized manifests instead of `chart.toJson()`, which would
 * re-resolve and re-validate the whole app, and written by the byte-identical fast writer.
 */
export function renderChartYaml(chart: Chart, index?: TreeIndex): string {
  return stringifyYaml(...chartApiObjects(chart, index).map(resolvedManifest));
}
