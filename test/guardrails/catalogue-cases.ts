// Test data (not a test file): the catalogue of bad inputs, one broken field each, built on the
// good app of ./fixtures. catalogue.test.ts asserts the exact finding of each.
import { Rule } from '../../lib/guardrails';
import { appWith, configMap, deployment, goodApp, NS, podSpec } from './fixtures';

type Json = { [key: string]: any };

export interface CatalogueCase {
  readonly name: string;
  readonly rule: Rule;
  readonly objects: () => Json[];
  /** [object, field, message] of every finding of `rule`, in order. */
  readonly findings: ReadonlyArray<readonly [string, string, string]>;
}

const container = (o: Json) => o.spec.template.spec.containers[0];

export const CASES: Omit<CatalogueCase, 'findings'>[] = [
  // schema
  { name: 'replicas as a string', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { d.spec.replicas = '3'; }) },
  { name: 'typo in a container field', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { container(d).imagePullPolicyy = 'Always'; }) },
  { name: 'typo at the top of a raw object', rule: Rule.SCHEMA, objects: () => appWith('ConfigMap', (cm) => { cm.datta = cm.data; delete cm.data; }) },
  { name: 'unknown field with no close match', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { d.spec.autoscale = true; }) },
  { name: 'targetPort neither integer nor string', rule: Rule.SCHEMA, objects: () => appWith('Service', (s) => { s.spec.ports[0].targetPort = true; }) },
  { name: 'container without a name', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { delete container(d).name; }) },
  { name: 'replicas beyond int32', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { d.spec.replicas = 3000000000; }) },
  { name: 'apiVersion that Kubernetes 1.27 does not serve', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { d.apiVersion = 'apps/v1beta2'; }) },
  { name: 'apiVersion of a group the kind left (extensions/v1beta1)', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { d.apiVersion = 'extensions/v1beta1'; }) },
  { name: 'cpu request "2 cores"', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { container(d).resources.requests.cpu = '2 cores'; }) },
  { name: 'memory limit with the suffix "mi"', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { container(d).resources.limits = { memory: '512mi' }; }) },
  { name: 'emptyDir sizeLimit "1 GB"', rule: Rule.SCHEMA, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.volumes.push({ name: 'scratch', emptyDir: { sizeLimit: '1 GB' } }); }) },
  { name: 'object without kind', rule: Rule.SCHEMA, objects: () => appWith('ConfigMap', (cm) => { delete cm.kind; }) },
  // names
  { name: 'Deployment name with capitals and underscore', rule: Rule.NAMES, objects: () => [{ ...deployment(), metadata: { ...deployment().metadata, name: 'Web_App' } }] },
  { name: 'Service name starting with a digit', rule: Rule.NAMES, objects: () => appWith('Service', (s) => { s.metadata.name = '1web'; }) },
  { name: 'namespace with a capital', rule: Rule.NAMES, objects: () => [{ ...configMap(), metadata: { name: 'web-config', namespace: 'Shop' } }] },
  { name: 'label key with two slashes', rule: Rule.NAMES, objects: () => appWith('ConfigMap', (cm) => { cm.metadata.labels = { 'app.kubernetes.io/name/extra': 'web' }; }) },
  { name: 'label value with a space', rule: Rule.NAMES, objects: () => appWith('ConfigMap', (cm) => { cm.metadata.labels = { team: 'shop front' }; }) },
  { name: 'container port name over 15 characters', rule: Rule.NAMES, objects: () => appWith('Deployment', (d) => { container(d).ports[0].name = 'metrics-endpoint'; }) },
  { name: 'env var name starting with a digit', rule: Rule.NAMES, objects: () => appWith('Deployment', (d) => { container(d).env[0].name = '1LOG_LEVEL'; }) },
  { name: 'two containers with one name', rule: Rule.NAMES, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.containers.push({ ...container(d), ports: [] }); }) },
  { name: 'Service with two unnamed ports', rule: Rule.NAMES, objects: () => appWith('Service', (s) => { s.spec.ports = [{ port: 80, targetPort: 8080 }, { port: 443, targetPort: 8443 }]; }) },
  { name: 'Service appProtocol with a space', rule: Rule.NAMES, objects: () => appWith('Service', (s) => { s.spec.ports[0].appProtocol = 'http 2'; }) },
  { name: 'CronJob name over 52 characters', rule: Rule.NAMES, objects: () => [cronJob('nightly-inventory-and-pricing-report-for-all-warehouses')] },
  { name: 'ConfigMap key with a space', rule: Rule.NAMES, objects: () => appWith('ConfigMap', (cm) => { cm.data['app config.yaml'] = 'x'; }) },
  { name: 'annotations over 256 KiB', rule: Rule.NAMES, objects: () => appWith('ConfigMap', (cm) => { cm.metadata.annotations = { 'example.com/blob': 'x'.repeat(262130) }; }) },
  // duplicate-object
  { name: 'two ConfigMaps with one name', rule: Rule.DUPLICATE_OBJECT, objects: () => [...goodApp(), configMap()] },
  // references
  { name: 'Service selector that matches no pod', rule: Rule.REFERENCES, objects: () => appWith('Service', (s) => { s.spec.selector = { 'app.kubernetes.io/name': 'wbe' }; }) },
  { name: 'Service targetPort naming no container port', rule: Rule.REFERENCES, objects: () => appWith('Service', (s) => { s.spec.ports[0].targetPort = 'web'; }) },
  { name: 'Ingress backend naming no Service', rule: Rule.REFERENCES, objects: () => appWith('Ingress', (i) => { i.spec.rules[0].http.paths[0].backend.service.name = 'storefront'; }) },
  { name: 'Ingress backend port the Service lacks', rule: Rule.REFERENCES, objects: () => appWith('Ingress', (i) => { i.spec.rules[0].http.paths[0].backend.service.port = { number: 8080 }; }) },
  { name: 'HPA scaling a missing Deployment', rule: Rule.REFERENCES, objects: () => appWith('HorizontalPodAutoscaler', (h) => { h.spec.scaleTargetRef.name = 'api'; }) },
  { name: 'PDB selector that matches no pod', rule: Rule.REFERENCES, objects: () => appWith('PodDisruptionBudget', (p) => { p.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'In', values: ['web'] }] }; }) },
  { name: 'PDB without a selector', rule: Rule.REFERENCES, objects: () => appWith('PodDisruptionBudget', (p) => { delete p.spec.selector; }) },
  { name: 'readiness probe on an undeclared port name', rule: Rule.REFERENCES, objects: () => appWith('Deployment', (d) => { container(d).readinessProbe.httpGet.port = 'health'; }) },
  { name: 'Secret volume of a Secret the app lacks', rule: Rule.REFERENCES, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.volumes.push({ name: 'tls', secret: { secretName: 'web-tls' } }); }) },
  { name: 'configMapKeyRef to a missing key', rule: Rule.REFERENCES, objects: () => appWith('Deployment', (d) => { container(d).env[0].valueFrom.configMapKeyRef.key = 'log_level'; }) },
  { name: 'imagePullSecret the app lacks', rule: Rule.REFERENCES, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.imagePullSecrets = [{ name: 'registry' }]; }) },
  { name: 'ServiceAccount the app lacks', rule: Rule.REFERENCES, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.serviceAccountName = 'web-reader'; }) },
  // image, image-tag
  { name: 'image with a capital letter', rule: Rule.IMAGE, objects: () => appWith('Deployment', (d) => { container(d).image = 'registry.example.com/Shop/web:1.4.2'; }) },
  { name: 'image with a truncated digest', rule: Rule.IMAGE, objects: () => appWith('Deployment', (d) => { container(d).image = 'web@sha256:0123456789abcdef0123456789abcdef'; }) },
  { name: 'container without an image', rule: Rule.IMAGE, objects: () => appWith('Deployment', (d) => { delete container(d).image; }) },
  { name: 'image without a tag', rule: Rule.IMAGE_TAG, objects: () => appWith('Deployment', (d) => { container(d).image = 'nginx'; }) },
  { name: 'image tagged latest', rule: Rule.IMAGE_TAG, objects: () => appWith('Deployment', (d) => { container(d).image = 'registry.example.com:5000/shop/web:latest'; }) },
  // secret-data
  { name: 'Secret with data', rule: Rule.SECRET_DATA, objects: () => [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: NS }, data: { user: 'YWRtaW4=', password: 'czNjcjN0' } }] },
  // pod-security
  { name: 'privileged container', rule: Rule.POD_SECURITY, objects: () => appWith('Deployment', (d) => { container(d).securityContext.privileged = true; }) },
  { name: 'pod running as root', rule: Rule.POD_SECURITY, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.securityContext.runAsUser = 0; }) },
  { name: 'hostPath volume', rule: Rule.POD_SECURITY, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.volumes.push({ name: 'docker', hostPath: { path: '/var/run/docker.sock' } }); }) },
  // api-validation (issue 10): what the 1.27 API server rejects beyond the schema
  { name: 'negative cpu request', rule: Rule.API_VALIDATION, objects: () => appWith('Deployment', (d) => { container(d).resources.requests.cpu = '-100m'; }) },
  { name: 'memory request above its limit', rule: Rule.API_VALIDATION, objects: () => appWith('Deployment', (d) => { container(d).resources.limits = { memory: '64Mi' }; }) },
  { name: 'GPU request without a limit', rule: Rule.API_VALIDATION, objects: () => appWith('Deployment', (d) => { container(d).resources.requests['nvidia.com/gpu'] = 1; }) },
  { name: 'GPU request below its limit', rule: Rule.API_VALIDATION, objects: () => appWith('Deployment', (d) => { container(d).resources.requests['nvidia.com/gpu'] = 1; container(d).resources.limits = { 'nvidia.com/gpu': 2 }; }) },
  { name: 'half a GPU', rule: Rule.API_VALIDATION, objects: () => appWith('Deployment', (d) => { container(d).resources.limits = { 'nvidia.com/gpu': '500m' }; }) },
  { name: 'hugepages not a multiple of the page size', rule: Rule.API_VALIDATION, objects: () => appWith('Deployment', (d) => { container(d).resources.requests['hugepages-2Mi'] = '3Mi'; container(d).resources.limits = { 'hugepages-2Mi': '3Mi' }; }) },
  { name: 'ConfigMap data over 1 MiB', rule: Rule.API_VALIDATION, objects: () => appWith('ConfigMap', (cm) => { cm.data.big = 'x'.repeat(1024 * 1024); }) },
  { name: 'Secret stringData over 1 MiB', rule: Rule.API_VALIDATION, objects: () => [...goodApp(), { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'blob', namespace: NS }, stringData: { a: 'é'.repeat(524289) } }] },
  { name: 'object over 1.5 MiB', rule: Rule.API_VALIDATION, objects: () => [...goodApp(), { apiVersion: 'example.com/v1', kind: 'Blob', metadata: { name: 'big', namespace: NS }, spec: { parts: Array.from({ length: 16 }, () => 'x'.repeat(100 * 1024)) } }] },
  { name: 'Ingress host that is an IP address', rule: Rule.NAMES, objects: () => appWith('Ingress', (i) => { i.spec.rules[0].host = '192.168.1.10'; }) },
  { name: 'Ingress path with /../', rule: Rule.NAMES, objects: () => appWith('Ingress', (i) => { i.spec.rules[0].http.paths[0].path = '/api/../admin'; }) },
  { name: 'Ingress Exact path ending in /.', rule: Rule.NAMES, objects: () => appWith('Ingress', (i) => { i.spec.rules[0].http.paths[0] = { ...i.spec.rules[0].http.paths[0], path: '/static//files/.', pathType: 'Exact' }; }) },
  { name: 'Ingress wildcard host in the middle', rule: Rule.NAMES, objects: () => appWith('Ingress', (i) => { i.spec.rules[0].host = 'shop.*.example.com'; }) },
  { name: 'CronJob timeZone in the wrong case', rule: Rule.API_VALIDATION, objects: () => [{ ...cronJob('nightly'), spec: { ...cronJob('nightly').spec, timeZone: 'europe/berlin' } }] },
  { name: 'CronJob timeZone Local', rule: Rule.API_VALIDATION, objects: () => [{ ...cronJob('nightly'), spec: { ...cronJob('nightly').spec, timeZone: 'Local' } }] },
  { name: 'CronJob timeZone empty', rule: Rule.API_VALIDATION, objects: () => [{ ...cronJob('nightly'), spec: { ...cronJob('nightly').spec, timeZone: '' } }] },
  { name: 'Service port 0', rule: Rule.API_VALIDATION, objects: () => appWith('Service', (svc) => { svc.spec.ports[0].port = 0; }) },
  { name: 'toleration with operator In', rule: Rule.API_VALIDATION, objects: () => appWith('Deployment', (d) => { d.spec.template.spec.tolerations = [{ key: 'gpu', operator: 'In', value: 'x' }]; }) },
  { name: 'HPA maxReplicas below minReplicas', rule: Rule.API_VALIDATION, objects: () => appWith('HorizontalPodAutoscaler', (h) => { h.spec.minReplicas = 5; h.spec.maxReplicas = 2; }) },
];

function cronJob(name: string): Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: NS },
    spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...podSpec(), restartPolicy: 'Never' } } } } },
  };
}
