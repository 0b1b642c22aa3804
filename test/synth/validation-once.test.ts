import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import { AppkitApp } from '../../lib/app/appkit-app';
import { Environment } from '../../lib/app/environment';
import { synthesizeScope } from '../../lib/synth/collect';
import { removeWorkspaces, workspace } from './tree';

afterAll(removeWorkspaces);

const CHARTS = 50;

/** `charts` charts of 3 objects each, under one Environment when `AppkitApp`. */
function populate(app: App, charts: number): Chart[] {
  const scope = app instanceof AppkitApp ? new Environment(app, 'production', { guardrails: false }) : app;
  const list: Chart[] = [];
  for (let i = 0; i < charts; i++) {
    const chart = new Chart(scope, `svc-${i}`, { disableResourceNameHashes: true });
    for (const kind of ['ConfigMap', 'Service', 'ServiceAccount']) {
      new ApiObject(chart, kind, { apiVersion: 'v1', kind, metadata: { name: `svc-${i}` } });
    }
    list.push(chart);
  }
  return list;
}

describe('validation runs once per synth', () => {
  test(`an app-wide validation runs exactly once with ${CHARTS} charts`, () => {
    // GIVEN
    const app = new AppkitApp({ outdir: path.join(workspace(), 'dist') });
    const charts = populate(app, CHARTS);
    const validate = jest.fn(() => []);
    charts[7].node.addValidation({ validate });

    // WHEN
    app.synth();

    // THEN
    expect(validate).toHaveBeenCalledTimes(1);
  });

  test(`plain cdk8s App.synth runs it ${CHARTS + 1} times (the quadratic behaviour AppkitApp avoids)`, () => {
    const app = new App({ outdir: path.join(workspace(), 'dist') });
    const charts = populate(app, CHARTS);
    const validate = jest.fn(() => []);
    charts[7].node.addValidation({ validate });
    app.synth();
    expect(validate).toHaveBeenCalledTimes(CHARTS + 1);
  });

  test('each object is resolved once even when every chart\'s validation reads the whole app', () => {
    // GIVEN every chart has a guardrail-style validation over all synthesized objects
    const app = new AppkitApp({ outdir: path.join(workspace(), 'dist') });
    const charts = populate(app, CHARTS);
    const seen: number[] = [];
    for (const chart of charts) {
      chart.node.addValidation({ validate: () => { seen.push(synthesizeScope(app).length); return []; } });
    }
    const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      // WHEN
      app.synth();

      // THEN
      expect(seen).toEqual(Array(CHARTS).fill(CHARTS * 3));
      expect(toJson).toHaveBeenCalledTimes(CHARTS * 3);
    } finally {
      toJson.mockRestore();
    }
  });

  test('outside a synth session nothing is cached, so edits between synths are seen', () => {
    const app = new App();
    const [chart] = populate(app, 1);
    expect(synthesizeScope(app)).toHaveLength(3);
    new ApiObject(chart, 'Extra', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } });
    expect(synthesizeScope(app)).toHaveLength(4);
  });

  test('fails with every validation error of every chart in one message, in cdk8s format', () => {
    const outdir = path.join(workspace(), 'dist');
    const app = new AppkitApp({ outdir });
    const charts = populate(app, 3);
    charts[0].node.addValidation({ validate: () => ['first problem'] });
    charts[2].node.addValidation({ validate: () => ['second problem', 'third problem'] });
    expect(() => app.synth()).toThrow(new Error([
      'Validation failed with the following errors:',
      '  [production/svc-0] first problem',
      '  [production/svc-2] second problem',
      '  [production/svc-2] third problem',
    ].join('\n')));
  });
});
