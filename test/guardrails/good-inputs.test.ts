// Inputs each rule must accept: valid variations that a naive check would flag.
import { checkManifests, ExternalKind, GuardrailPolicy, Rule } from '../../lib/guardrails';
import { ManifestObject } from '../../lib/scheduler/types';
import { appWith, check, configMap, deployment, goodApp, NS, podSpec } from './fixtures';

type Json = { [key: string]: any };
const container = (o: Json) => o.spec.template.spec.containers[0];

describe('good inputs produce no findings', () => {
  test.each<[string, () => Json[]]>([
    ['image pinned by digest only', () => appWith('Deployment', (d) => {
      container(d).image = `nginx@sha256:${'a'.repeat(64)}`;
    })],
    ['image with tag and digest, registry with port', () => appWith('Deployment', (d) => {
      container(d).image = `localhost:5000/shop/web:1.0@sha512:${'f'.repeat(128)}`;
    })],
    ['a custom resource (skipped by the schema rule, named as a DNS subdomain)', () => [...goodApp(), {
      apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web-tls', namespace: NS }, spec: { anything: { goes: true } },
    }]],
    ['a Service without selector (hand-managed endpoints) and an ExternalName Service', () => [...goodApp(),
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy', namespace: NS }, spec: { ports: [{ port: 5432 }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db', namespace: NS }, spec: { type: 'ExternalName', externalName: 'db.example.com' } }]],
    ['quantities as YAML numbers, with an exponent, and with spaces the API server trims', () => appWith('Deployment', (d) => {
      container(d).resources = { requests: { cpu: 0.5, memory: '128e6' }, limits: { cpu: ' 1 ', memory: 134217728 } };
    })],
    ['a numeric targetPort and a numeric string probe port', () => appWith('Deployment', (d) => {
      container(d).readinessProbe.httpGet.port = '8080';
    })],
    ['a probe on a port number the container does not declare (containerPort is informational: the kubelet probes it)', () => appWith('Deployment', (d) => {
      container(d).livenessProbe.tcpSocket.port = 9090;
    })],
    ['optional ConfigMap and Secret references that the app lacks', () => appWith('Deployment', (d) => {
      d.spec.template.spec.volumes.push({ name: 'extra', configMap: { name: 'extra', optional: true } });
      container(d).envFrom = [{ secretRef: { name: 'maybe', optional: true } }];
    })],
    ['a Secret without data (e.g. filled by an operator)', () => [...goodApp(),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'filled-later', namespace: NS }, type: 'Opaque' }]],
    ['the same name in two namespaces, or for two kinds', () => [...goodApp(),
      { ...configMap(), metadata: { name: 'web-config', namespace: 'other' } },
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-config', namespace: NS } }]],
    ['a Windows pod without Linux-only security fields', () => appWith('Deployment', (d) => {
      d.spec.template.spec = { ...podSpec(), os: { name: 'windows' }, securityContext: { runAsNonRoot: true } };
      delete container(d).securityContext;
    })],
    ['NET_BIND_SERVICE added back after dropping ALL; seccomp Localhost per container', () => appWith('Deployment', (d) => {
      container(d).securityContext.capabilities = { drop: ['ALL'], add: ['NET_BIND_SERVICE'] };
      delete d.spec.template.spec.securityContext.seccompProfile;
      container(d).securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'profiles/web.json' };
    })],
    ['RBAC names with colons and a PDB with matchExpressions', () => [...appWith('PodDisruptionBudget', (p) => {
      p.spec.selector = { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['web', 'api'] }] };
    }), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:shop-reader' }, rules: [] }]],
    ['a Job and a CronJob at their name limits', () => [
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'r'.repeat(52), namespace: NS },
        spec: { schedule: '@daily', jobTemplate: { spec: { template: { spec: { ...podSpec(), restartPolicy: 'OnFailure' } } } } } },
      configMap()]],
  ])('%s', (_name, build) => {
    expect(check(build())).toEqual([]);
  });

  test('a ConfigMap or Secret declared external satisfies references', () => {
    // GIVEN a Deployment reading a Secret and a ConfigMap the app does not define
    const d = deployment();
    container(d).envFrom = [{ secretRef: { name: 'shop-db' } }];
    d.spec.template.spec.volumes[0].configMap.name = 'shared-ca';
    // WHEN both are declared external
    const policy = new GuardrailPolicy().declareExternal(ExternalKind.SECRET, 'shop-db').declareExternal(ExternalKind.CONFIG_MAP, 'shared-ca');
    const findings = checkManifests([{ manifest: d as ManifestObject, policy }, { manifest: configMap() as ManifestObject }], { rules: [Rule.REFERENCES] });
    // THEN nothing is reported; without the declaration both are
    expect(findings).toEqual([]);
    expect(check([d, configMap()], { rules: [Rule.REFERENCES] }).map((f) => f.field)).toEqual([
      'spec.template.spec.volumes[0].configMap.name',
      'spec.template.spec.containers[0].envFrom[0].secretRef.name',
    ]);
  });
});
