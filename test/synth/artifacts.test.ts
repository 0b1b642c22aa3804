import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AppkitApp } from '../../lib/app/appkit-app';
import { Environment } from '../../lib/app/environment';
import { SynthArtifacts } from '../../lib/synth/artifacts';
import { synthesizeScope } from '../../lib/synth/collect';
import { leftovers, removeWorkspaces, workspace } from './tree';

afterAll(removeWorkspaces);

function appWithEnv(): { app: AppkitApp; env: Environment; outdir: string } {
  const outdir = path.join(workspace(), 'dist');
  const app = new AppkitApp({ outdir });
  const env = new Environment(app, 'production', { guardrails: false });
  const chart = new Chart(env, 'shop');
  new ApiObject(chart, 'Config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shop' } });
  return { app, env, outdir };
}

describe('SynthArtifacts', () => {
  test('writes a report beside its environment\'s YAML, rendered after validation from the synthesized objects', () => {
    // GIVEN a construct (like CapacityCheck) that reports on the synthesized objects
    const { app, env, outdir } = appWithEnv();
    const check = new Construct(env, 'Capacity');
    const order: string[] = [];
    check.node.addValidation({ validate: () => { order.push('validate'); return []; } });
    SynthArtifacts.add(check, 'capacity.md', () => {
      order.push('render');
      return `${synthesizeScope(env).map((o) => o.manifest.kind).join(',')}\n`;
    });
    SynthArtifacts.add(check, 'capacity.svg', () => Buffer.from('<svg/>\r\n'));

    // WHEN
    const result = app.synth();

    // THEN
    expect(order).toEqual(['validate', 'render']);
    expect(result.files).toEqual(['production/capacity.md', 'production/capacity.svg', 'production/kustomization.yaml', 'production/shop.k8s.yaml']);
    expect(fs.readFileSync(path.join(outdir, 'production', 'capacity.md'), 'utf8')).toBe('ConfigMap\n');
    // Binary content is written as given; only strings are normalised to LF.
    expect(fs.readFileSync(path.join(outdir, 'production', 'capacity.svg'), 'utf8')).toBe('<svg/>\r\n');
    expect(fs.readFileSync(path.join(outdir, 'production', 'kustomization.yaml'), 'utf8')).not.toContain('capacity');
  });

  test('an artifact outside any environment goes to the top of the output folder', () => {
    const { app } = appWithEnv();
    SynthArtifacts.add(app, 'README.md', () => 'generated\n');
    expect(app.synth().files).toContain('README.md');
  });

  test('is not rendered when validation fails, and nothing is written', () => {
    const { app, env, outdir } = appWithEnv();
    const render = jest.fn(() => 'x');
    SynthArtifacts.add(env, 'capacity.md', render);
    env.node.addValidation({ validate: () => ['pods do not fit'] });
    expect(() => app.synth()).toThrow('[production] pods do not fit');
    expect(render).not.toHaveBeenCalled();
    expect(fs.existsSync(outdir)).toBe(false);
  });

  test('fails when a render throws, writing nothing', () => {
    const { app, env, outdir } = appWithEnv();
    SynthArtifacts.add(env, 'capacity.md', () => { throw new Error('[production/Capacity] 3 pods do not fit'); });
    expect(() => app.synth()).toThrow('[production/Capacity] 3 pods do not fit');
    expect(fs.existsSync(outdir)).toBe(false);
    expect(leftovers(outdir)).toEqual([]);
  });

  test('fails when two constructs of one environment add the same file', () => {
    const { app, env } = appWithEnv();
    SynthArtifacts.add(new Construct(env, 'A'), 'capacity.md', () => 'a');
    SynthArtifacts.add(new Construct(env, 'B'), 'Capacity.md', () => 'b');
    expect(() => app.synth()).toThrow('[production/B] would write production/Capacity.md, which [production/A] already writes: give one of them another name.');
  });

  test.each([
    ['capacity.yaml'], ['capacity.yml'], ['capacity.json'], ['Capacity.YAML'], ['kustomization.yaml'],
  ])('fails on %s: GitOps tools would apply it', (fileName) => {
    const { env } = appWithEnv();
    expect(() => SynthArtifacts.add(env, fileName, () => ''))
      .toThrow(`[production] artifact fileName must not end in .yaml, .yml or .json, got "${fileName}": GitOps tools apply those files from dist/, so use another extension such as .md`);
  });

  test.each([['../capacity.md'], ['reports/capacity.md'], ['.hidden'], [''], ['capacity report.md']])('fails on %j: not one portable file name', (fileName) => {
    const { env } = appWithEnv();
    expect(() => SynthArtifacts.add(env, fileName, () => '')).toThrow(`[production] artifact fileName must be one file name of letters, digits, '.', '_' or '-', got ${JSON.stringify(fileName)}: use a name such as capacity.md`);
  });

  test('fails when the same construct adds a file twice', () => {
    const { env } = appWithEnv();
    SynthArtifacts.add(env, 'capacity.md', () => '');
    expect(() => SynthArtifacts.add(env, 'capacity.md', () => '')).toThrow('[production] artifact fileName "capacity.md" is already added on this construct: add each file once');
    expect(SynthArtifacts.of(env).map((a) => a.fileName)).toEqual(['capacity.md']);
  });
});
