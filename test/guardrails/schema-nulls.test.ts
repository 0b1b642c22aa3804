// The schema rule reads `null` as the API server's Go JSON decoding does: a null field keeps its
// zero value (so it is accepted wherever leaving the field out is), a null map value is "", a null
// scalar list item is its zero value; a null where an object item is expected stays an error.
// Custom resources: a CRD's structural schema prunes null fields (apiextensions-apiserver).
import { checkManifests } from '../../lib/guardrails/check-manifests';
import { Rule } from '../../lib/guardrails/rule';

function schemaMessages(manifest: object): string[] {
  return checkManifests([{ manifest: manifest as any, path: 'included/app' }], { rules: [Rule.SCHEMA] })
    .map((f) => `${f.field}: ${f.message}`);
}

const deployment = (spec: object, metadata: object = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...metadata },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', ...spec }] } },
  },
});

describe('schema rule: null as the API server decodes it', () => {
  test('null fields, null map values and null scalar list items are accepted', () => {
    expect(schemaMessages({ ...deployment({ args: [null, '--port=80'], ports: [{ containerPort: 80, protocol: null }] }, { labels: { team: null }, annotations: null }) })).toEqual([]);
    const d: any = deployment({});
    d.spec.replicas = null;
    d.spec.strategy = null;
    d.spec.template.spec.containers[0].resources = { requests: { cpu: null } };
    expect(schemaMessages(d)).toEqual([]);
  });

  test('an IntOrString null (targetPort) reads as 0 and is accepted by the schema', () => {
    expect(schemaMessages({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80, targetPort: null }] } })).toEqual([]);
  });

  test('a null where a list item must be an object is still an error, and other errors next to nulls are kept', () => {
    expect(schemaMessages(deployment({ env: [null], ports: [{ containerPort: '80', name: null }] }))).toEqual([
      'spec.template.spec.containers[0].env[0]: spec.template.spec.containers[0].env[0] must be object, got null',
      'spec.template.spec.containers[0].ports[0].containerPort: spec.template.spec.containers[0].ports[0].containerPort must be integer, got "80"',
    ]);
  });

  test('custom resources: null fields are pruned like a structural schema does', () => {
    expect(schemaMessages({
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'production', namespace: 'argocd' },
      spec: {
        project: 'default', revisionHistoryLimit: null,
        source: { repoURL: 'https://github.com/acme/shop-deploy.git', targetRevision: null, path: 'dist/production' },
        destination: { server: 'https://kubernetes.default.svc', namespace: null },
      },
    })).toEqual([]);
  });
});
