// The `schema` rule on custom resources: their CRD's openAPIV3Schema (crds/, or a
// CustomResourceDefinition among the checked objects), unknown fields rejected.
import * as fs from 'fs';
import * as path from 'path';
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

  test('a CRD among the checked objects is used for its kind; unknown kinds are skipped', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.acme.example' },
      spec: {
        group: 'acme.example', names: { kind: 'Widget', plural: 'widgets' }, scope: 'Namespaced',
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
      },
    };
    const widget = (size: unknown) => ({ apiVersion: 'acme.example/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size } });
    expect(schemaFindings([crd, widget(3)])).toEqual([]);
    expect(schemaFindings([crd, widget('big')])).toEqual(['spec.size: spec.size must be integer, got "big"']);
    expect(schemaFindings([widget('big')])).toEqual([]); // no CRD known: skipped
  });
});

describe('schemas/crd-schemas.json', () => {
  test('is what crds/extract-schemas.js makes of crds/ (rerun it after changing a CRD)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { extract } = require('../../crds/extract-schemas.js');
    const root = path.join(__dirname, '..', '..');
    expect(JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'crd-schemas.json'), 'utf8'))).toEqual(extract(path.join(root, 'crds')));
    expect(Object.keys(extract(path.join(root, 'crds')))).toEqual([
      'external-secrets.io/v1/ExternalSecret', 'external-secrets.io/v1beta1/ExternalSecret', 'monitoring.coreos.com/v1/ServiceMonitor',
    ]);
  });
});
