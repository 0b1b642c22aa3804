// The `schema` rule on custom resources: their CRD's openAPIV3Schema (crds/), unknown fields rejected.
import { checkManifests, Rule } from '../../lib/guardrails';

const externalSecret = (spec: object, apiVersion = 'external-secrets.io/v1') => ({
  apiVersion, kind: 'ExternalSecret', metadata: { name: 'shop-payment', namespace: 'shop' }, spec,
});
const GOOD_SPEC = {
  data: [{ remoteRef: { key: 'shop/payment' }, secretKey: 'api-key' }],
  refreshInterval: '3600s',
  secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
  target: { creationPolicy: 'Owner', name: 'shop-payment' },
};
const schemaFindings = (manifests: object[]) => checkManifests(manifests.map((manifest) => ({ manifest: manifest as any })), { rules: [Rule.SCHEMA] })
  .map((f) => `${f.field}: ${f.message}`);

describe('schema rule: custom resources against their CRD', () => {
  test('a valid ExternalSecret and ServiceMonitor pass', () => {
    expect(schemaFindings([
      externalSecret(GOOD_SPEC),
      {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'shop-api', namespace: 'shop' },
        spec: { endpoints: [{ port: 'http', interval: '30s' }], selector: { matchLabels: { app: 'x' } } },
      },
    ])).toEqual([]);
  });

  test('unknown fields, wrong enums and types are findings', () => {
    expect(schemaFindings([
      externalSecret({ ...GOOD_SPEC, refreshIntervall: '1h', secretStoreRef: { kind: 'Vault', name: 'vault' } }),
      {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'shop-api' },
        spec: { endpoints: [{ port: 8080 }], selector: {} },
      },
    ])).toEqual([
      'spec.refreshIntervall: unknown field "spec.refreshIntervall": did you mean "refreshInterval"?',
      'spec.secretStoreRef.kind: spec.secretStoreRef.kind must be one of "SecretStore", "ClusterSecretStore", got "Vault"',
      'spec.endpoints[0].port: spec.endpoints[0].port must be string, got 8080',
    ]);
  });
});

describe('schema rule: map keys print as Go field.Path Key (`requests[cpu]`), fields after a dot', () => {
  test('a resource list, labels and a CRD map name the key in brackets; an unknown field stays a field', () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: { app: 1 } },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'main', image: 'nginx:1.25', resources: { requests: { cpu: '2 cores' }, limit: { cpu: '1' } } }] },
        },
      },
    };
    expect(schemaFindings([deployment, externalSecret({ ...GOOD_SPEC, target: { ...GOOD_SPEC.target, template: { data: { token: 1 } } } })])).toEqual([
      'metadata.labels[app]: metadata.labels[app] must be string, got 1',
      'spec.template.spec.containers[0].resources.limit: unknown field "spec.template.spec.containers[0].resources.limit": did you mean "limits"?',
      'spec.template.spec.containers[0].resources.requests[cpu]: spec.template.spec.containers[0].resources.requests[cpu] must be a Kubernetes quantity, got "2 cores": '
        + 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'',
      'spec.target.template.data[token]: spec.target.template.data[token] must be string, got 1',
    ]);
  });
});
