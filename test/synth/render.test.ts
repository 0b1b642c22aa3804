// The ports of cdk8s's resolveDependencies / chartToKube (lib/synth/dependencies.ts, render.ts)
// checked against cdk8s itself: same objects, same order, same bytes.
import { ApiObject, App, Chart, Yaml } from 'cdk8s';
import { Construct } from 'constructs';
import { AppkitApp } from '../../lib/app/appkit-app';
import { renderChartYaml } from '../../lib/synth/render';

function obj(scope: Construct, id: string): ApiObject {
  return new ApiObject(scope, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id.toLowerCase() } });
}

/** A tree with construct-level, nested-chart and cross-chart dependencies. */
function tangledApp(app: App): Chart[] {
  // Created in the reverse of the dependency order, so only resolved dependencies sort them.
  const a = new Chart(app, 'a', { disableResourceNameHashes: true });
  const first = obj(a, 'First');
  const z = obj(a, 'Z');
  const group = new Construct(a, 'Group');
  const x = obj(group, 'X');
  obj(group, 'Y');
  z.node.addDependency(group); // construct-level: Z after X and Y
  first.node.addDependency(z);
  const b = new Chart(a, 'b', { disableResourceNameHashes: true }); // nested: a depends on b
  obj(b, 'W');
  const c = new Chart(app, 'c', { disableResourceNameHashes: true });
  const u = obj(c, 'U');
  const v = obj(c, 'V');
  v.node.addDependency(x); // cross-chart: c depends on a
  u.node.addDependency(v);
  return [a, b, c];
}

test('renders each chart exactly as cdk8s does (objects, order, bytes)', () => {
  // GIVEN the same tree under cdk8s's App and under AppkitApp
  const plainApp = new App();
  const plain = tangledApp(plainApp);
  const kit = new AppkitApp();
  const ours = tangledApp(kit);

  // WHEN
  const ourStream = kit.synthYaml();
  const ourCharts = ours.map((chart) => renderChartYaml(chart));

  // THEN
  expect(ourStream).toEqual(plainApp.synthYaml());
  expect(ourCharts).toEqual(plain.map((chart) => Yaml.stringify(...chart.toJson())));
  // (and the order is the dependency order, not creation order; "y" is quoted: YAML 1.1)
  expect(ourCharts[0]).toMatch(/name: x\n[\s\S]*name: "y"\n[\s\S]*name: z\n[\s\S]*name: first\n/);
  expect(ourCharts[1]).toMatch(/^apiVersion: v1\nkind: ConfigMap\nmetadata:\n {2}name: w\n$/);
  expect(ourCharts[2]).toMatch(/name: v\n[\s\S]*name: u\n/);
});

test('fails on a dependency cycle with cdk8s\'s message, naming the paths', () => {
  const app = new AppkitApp();
  const chart = new Chart(app, 'a');
  const p = obj(chart, 'P');
  const q = obj(chart, 'Q');
  p.node.addDependency(q);
  q.node.addDependency(p);
  expect(() => app.synthYaml()).toThrow(/^Dependency cycle detected: a\/[PQ] => a\/[PQ] => a\/[PQ]$/);
});
