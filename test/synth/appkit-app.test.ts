import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing, YamlOutputType } from 'cdk8s';
import { AppkitApp } from '../../lib/app/appkit-app';
import { Environment } from '../../lib/app/environment';
import { SynthWarnings } from '../../lib/synth/warnings';
import { buildFixtureApp } from '../fixtures/synth-fixture';
import { hashTree, leftovers, removeWorkspaces, workspace } from './tree';

afterAll(removeWorkspaces);

function configMap(chart: Chart, id: string, name: string): ApiObject {
  return new ApiObject(chart, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name } });
}

describe('AppkitApp layout', () => {
  test('environments get a folder with one file per chart and a kustomization.yaml', () => {
    // GIVEN
    const outdir = path.join(workspace(), 'dist');
    const app = buildFixtureApp({ outdir, chartsPerEnv: 3 });

    // WHEN
    const result = app.synth();

    // THEN
    expect(Object.keys(hashTree(outdir))).toEqual([
      'cluster-addons.k8s.yaml',
      'production/',
      'production/kustomization.yaml',
      'production/notes.md',
      'production/shop.k8s.yaml',
      'production/svc-1.k8s.yaml',
      'production/svc-2.k8s.yaml',
      'staging/',
      'staging/kustomization.yaml',
      'staging/notes.md',
      'staging/shop.k8s.yaml',
      'staging/svc-1.k8s.yaml',
      'staging/svc-2.k8s.yaml',
    ]);
    expect(result.files).toEqual(Object.keys(hashTree(outdir)).filter((f) => !f.endsWith('/')));
    expect(fs.readFileSync(path.join(outdir, 'production', 'kustomization.yaml'), 'utf8')).toMatchSnapshot();
    expect(fs.readFileSync(path.join(outdir, 'production', 'kustomization.yaml'), 'utf8')).toContain([
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - shop.k8s.yaml',
      '  - svc-1.k8s.yaml',
      '  - svc-2.k8s.yaml',
      '',
    ].join('\n'));
    expect(leftovers(outdir)).toEqual([]);
  });

  test('chart files hold the objects in dependency order, in cdk8s YAML style', () => {
    // GIVEN the fixture creates each Deployment before the ConfigMap it depends on
    const outdir = path.join(workspace(), 'dist');
    const app = buildFixtureApp({ outdir });

    // WHEN
    app.synth();

    // THEN
    const shop = fs.readFileSync(path.join(outdir, 'staging', 'shop.k8s.yaml'), 'utf8');
    expect(shop).toMatchSnapshot();
    expect(shop.indexOf('kind: ConfigMap')).toBeLessThan(shop.indexOf('kind: Deployment'));
    expect(shop.split('\n---\n')).toHaveLength(2);
    expect(shop.endsWith('\n')).toBe(true);
  });

  test('chart files are byte-identical to what cdk8s renders for the chart', () => {
    // GIVEN
    const outdir = path.join(workspace(), 'dist');
    const app = buildFixtureApp({ outdir });

    // WHEN
    app.synth();

    // THEN cdk8s's own path (chart.toJson + Yaml.stringify, as App.synth writes files) agrees
    for (const [file, chart] of [
      ['staging/shop.k8s.yaml', app.node.findChild('staging').node.findChild('Shop')],
      ['cluster-addons.k8s.yaml', app.node.findChild('cluster-addons')],
    ] as const) {
      const cdk8sYaml = require('cdk8s').Yaml.stringify(...(chart as Chart).toJson());
      expect(fs.readFileSync(path.join(outdir, file), 'utf8')).toEqual(cdk8sYaml);
    }
  });

  test('an AppChart (found by its marker) is named by its name, any other chart by its id', () => {
    // GIVEN a stand-in for AppChart: the same Symbol.for marker and a `name`
    class MarkedChart extends Chart {
      constructor(scope: Environment, id: string, public readonly name: string) {
        super(scope, id);
        Object.defineProperty(this, Symbol.for('cdk8s-appkit.AppChart'), { value: true });
      }
    }
    class UnmarkedChart extends Chart {
      public readonly name = 'ignored';
    }
    const outdir = path.join(workspace(), 'dist');
    const app = new AppkitApp({ outdir });
    const env = new Environment(app, 'staging', { guardrails: false });
    configMap(new MarkedChart(env, 'ShopChart', 'shop'), 'A', 'a');
    configMap(new UnmarkedChart(env, 'billing'), 'B', 'b');

    // WHEN
    const result = app.synth();

    // THEN
    expect(result.files).toEqual(['staging/billing.k8s.yaml', 'staging/kustomization.yaml', 'staging/shop.k8s.yaml']);
  });

  test('artifacts land beside their environment\'s YAML with LF line endings', () => {
    const outdir = path.join(workspace(), 'dist');
    buildFixtureApp({ outdir }).synth();
    expect(fs.readFileSync(path.join(outdir, 'staging', 'notes.md'), 'utf8')).toBe('# staging\n\n2 charts.\n');
  });

  test('two synths of the same app write the same bytes', () => {
    // GIVEN
    const outdir = path.join(workspace(), 'dist');

    // WHEN
    buildFixtureApp({ outdir }).synth();
    const first = hashTree(outdir);
    buildFixtureApp({ outdir }).synth();

    // THEN
    expect(hashTree(outdir)).toEqual(first);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('a second synth replaces the whole folder, removing files no longer produced', () => {
    const outdir = path.join(workspace(), 'dist');
    buildFixtureApp({ outdir, chartsPerEnv: 3 }).synth();
    buildFixtureApp({ outdir, chartsPerEnv: 1 }).synth();
    expect(Object.keys(hashTree(outdir))).not.toContain('staging/svc-2.k8s.yaml');
    expect(fs.readFileSync(path.join(outdir, 'staging', 'kustomization.yaml'), 'utf8')).not.toContain('svc-1');
  });

  test('synthYaml returns every chart, validated once, without writing', () => {
    const outdir = path.join(workspace(), 'dist');
    const app = buildFixtureApp({ outdir });
    let calls = 0;
    app.node.addValidation({ validate: () => { calls++; return []; } });
    const yaml = app.synthYaml();
    expect(calls).toBe(1);
    expect(yaml.match(/^kind: /gm)).toHaveLength(2 * 5 + 1);
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('outdir defaults to CDK8S_OUTDIR, then dist, as cdk8s does', () => {
    const saved = process.env.CDK8S_OUTDIR;
    try {
      process.env.CDK8S_OUTDIR = 'from-cli';
      expect(new AppkitApp().outdir).toBe('from-cli');
      delete process.env.CDK8S_OUTDIR;
      expect(new AppkitApp().outdir).toBe('dist');
      expect(new AppkitApp({ outdir: 'x' }).outdir).toBe('x');
    } finally {
      if (saved === undefined) delete process.env.CDK8S_OUTDIR; else process.env.CDK8S_OUTDIR = saved;
    }
  });

  test('fails when two charts of an environment would write the same file, writing nothing', () => {
    const outdir = path.join(workspace(), 'dist');
    const app = new AppkitApp({ outdir });
    const env = new Environment(app, 'production', { guardrails: false });
    configMap(new Chart(env, 'shop'), 'A', 'a');
    configMap(new Chart(new Chart(env, 'outer'), 'Shop'), 'B', 'b');
    expect(() => app.synth()).toThrow('[production/outer/Shop] would write production/Shop.k8s.yaml, which [production/shop] already writes: give one of them another name.');
    expect(fs.existsSync(outdir)).toBe(false);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('fails on a chart id that is not a portable file name, writing nothing', () => {
    const outdir = path.join(workspace(), 'dist');
    const app = new AppkitApp({ outdir });
    configMap(new Chart(new Environment(app, 'production', { guardrails: false }), 'my shop'), 'A', 'a');
    expect(() => app.synth()).toThrow('[production/my shop] chart file name must start with a letter or digit and hold only letters, digits, \'.\', \'_\' or \'-\', got "my shop": rename the construct.');
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('fails on a yamlOutputType other than FILE_PER_CHART', () => {
    expect(() => new AppkitApp({ yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }))
      .toThrow('[AppkitApp] yamlOutputType must be FILE_PER_CHART, got FILE_PER_RESOURCE');
  });

  test('fails on an outputFileExtension kustomize would not read', () => {
    expect(() => new AppkitApp({ outputFileExtension: '.json' })).toThrow(/outputFileExtension must end in \.yaml or \.yml, got "\.json"/);
  });

  test('fails on an outdir that contains the working folder', () => {
    const app = new AppkitApp({ outdir: '.' });
    configMap(new Chart(app, 'c'), 'A', 'a');
    expect(() => app.synth()).toThrow('outdir "." contains the folder the app runs in, and synth replaces outdir as a whole: use a dedicated folder such as dist.');
  });
});

describe('AppkitApp warnings', () => {
  test('a warning reported many times prints once per synth, and does not fail synth', () => {
    // GIVEN a validation that reports the same warning from 3 charts' validations
    const outdir = path.join(workspace(), 'dist');
    const app = new AppkitApp({ outdir });
    const charts = [1, 2, 3].map((i) => new Chart(app, `c${i}`));
    charts.forEach((c, i) => {
      configMap(c, 'A', `a${i}`);
      c.node.addValidation({ validate: () => { SynthWarnings.report(charts[0], 'image tag is latest'); return []; } });
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // WHEN
      const result = app.synth();

      // THEN
      expect(result.warnings).toEqual(['[c1] image tag is latest']);
      expect(stderr.mock.calls.map((c) => c[0])).toEqual(['warning: [c1] image tag is latest\n']);
    } finally {
      stderr.mockRestore();
    }
  });

  test('outside AppkitApp (Testing.synth runs validation per chart) a warning still prints once', () => {
    const app = Testing.app();
    const charts = [1, 2].map((i) => new Chart(app, `c${i}`));
    charts[0].node.addValidation({ validate: () => { SynthWarnings.report(charts[0], 'lowered rule'); return []; } });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      charts.forEach((c) => Testing.synth(c));
      expect(stderr.mock.calls.map((c) => c[0])).toEqual(['warning: [c1] lowered rule\n']);
    } finally {
      stderr.mockRestore();
    }
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const kubectlMissing = kubectl.error || kubectl.status !== 0;
if (kubectlMissing) {
  // eslint-disable-next-line no-console
  console.log(`skipping kubectl kustomize test: kubectl is not available (${kubectl.error?.message ?? kubectl.stderr})`);
}

(kubectlMissing ? describe.skip : describe)('kubectl kustomize', () => {
  test('builds every environment folder unchanged', () => {
    // GIVEN
    const outdir = path.join(workspace(), 'dist');
    buildFixtureApp({ outdir }).synth();

    for (const env of ['staging', 'production']) {
      // WHEN
      const built = spawnSync('kubectl', ['kustomize', path.join(outdir, env)], { encoding: 'utf8' });

      // THEN every object of the folder comes out, and nothing else
      expect(built.stderr).toBe('');
      expect(built.status).toBe(0);
      const names = [...built.stdout.matchAll(/^ {2}name: (.*)$/gm)].map((m) => m[1]).sort();
      expect(names).toEqual(['shop', 'shop-config', 'svc-1', 'svc-1-config']);
    }
  });
});
