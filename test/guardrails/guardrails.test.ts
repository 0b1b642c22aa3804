import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Include, JsonPatch, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ExternalKind, Guardrails, Rule } from '../../lib/guardrails';
import * as check from '../../lib/guardrails/check-manifests';
import { resolvedManifest } from '../../lib/synth/collect';
import { SynthSession } from '../../lib/synth/session';
import { configMap, deployment, service } from './fixtures';

type Json = { [key: string]: any };

function chartWithGuardrails(): Chart {
  const chart = new Chart(Testing.app(), 'test');
  new Guardrails(chart, 'Guardrails');
  return chart;
}

function raw(scope: Construct, id: string, manifest: Json): ApiObject {
  return new ApiObject(scope, id, manifest as any);
}

/** A restricted-compliant Deployment with its ConfigMap and Service, as raw ApiObjects. */
function goodWorkload(scope: Construct, id: string): Construct {
  const c = new Construct(scope, id);
  raw(c, 'Config', configMap());
  raw(c, 'Deployment', deployment());
  raw(c, 'Service', service());
  return c;
}

let stderr: jest.SpyInstance;
beforeEach(() => {
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  jest.restoreAllMocks();
});

describe('Guardrails construct', () => {
  test('a compliant chart synthesizes', () => {
    const chart = chartWithGuardrails();
    goodWorkload(chart, 'web');
    expect(Testing.synth(chart)).toHaveLength(3);
    expect(stderr).not.toHaveBeenCalled();
  });

  test('fails synth on a typo in a raw ApiObject, naming its construct path', () => {
    // GIVEN a raw ConfigMap whose `data` is misspelled (cdk8s writes it as is)
    const chart = chartWithGuardrails();
    raw(chart, 'Legacy', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'legacy' }, datta: { a: 'b' } });
    // WHEN synthesized, THEN validation fails with the object's construct path, the field and the fix
    expect(() => Testing.synth(chart)).toThrow('Validation failed with the following errors:\n'
      + '  [test/Guardrails] [test/Legacy] ConfigMap legacy: unknown field "datta": did you mean "data"? (schema)');
  });

  test('fails synth on typos in Included YAML', () => {
    // GIVEN YAML from elsewhere, with a misspelled container field and replicas as a string
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guardrails-'));
    const file = path.join(dir, 'legacy.yaml');
    const d = deployment();
    d.metadata.name = 'legacy';
    d.spec.replicas = '2';
    d.spec.template.spec.containers[0].imagePullPolcy = 'Always';
    fs.writeFileSync(file, JSON.stringify(d));
    const chart = chartWithGuardrails();
    raw(chart, 'Config', configMap());
    new Include(chart, 'Legacy', { url: file });
    // THEN each problem is one line naming the Included object's path
    expect(() => Testing.synth(chart)).toThrow('\n'
      + '  [test/Guardrails] [test/Legacy/legacy-deployment-shop] Deployment shop/legacy: spec.replicas must be integer, got "2" (schema)\n'
      + '  [test/Guardrails] [test/Legacy/legacy-deployment-shop] Deployment shop/legacy: '
      + 'unknown field "spec.template.spec.containers[0].imagePullPolcy": did you mean "imagePullPolicy"? (schema)');
  });

  test('fails synth on a cdk8s-plus Deployment that misses the restricted profile', () => {
    // GIVEN a cdk8s-plus Deployment with its defaults (non-root, no privilege escalation)
    const chart = chartWithGuardrails();
    new kplus.Deployment(chart, 'Web', {
      metadata: { name: 'web' },
      containers: [{ image: 'nginx:1.25.3', portNumber: 8080 }],
    });
    // THEN the capabilities and seccomp checks fail, in the API server's words
    let message = '';
    try {
      Testing.synth(chart);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n').filter((l) => l.includes('(pod-security)'))).toEqual([
      '  [test/Guardrails] [test/Web/Resource] Deployment web: violates PodSecurity "restricted:v1.27": unrestricted capabilities '
        + '(container "main" must set securityContext.capabilities.drop=["ALL"]) (pod-security)',
      '  [test/Guardrails] [test/Web/Resource] Deployment web: violates PodSecurity "restricted:v1.27": seccompProfile '
        + '(pod or container "main" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost") (pod-security)',
    ]);
  });

  test('a rule lowered for a scope prints a warning with its reason once, and synth succeeds', () => {
    // GIVEN an unpinned image in one workload, the rule lowered for that workload only
    const chart = chartWithGuardrails();
    const web = goodWorkload(chart, 'web');
    (web.node.findChild('Deployment') as ApiObject).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/image', 'nginx:latest'));
    Guardrails.of(web).lower(Rule.IMAGE_TAG, 'vendor image, pinned by digest in the CD pipeline');
    // WHEN synthesized (cdk8s validates once per chart and once for the app)
    Testing.synth(chart);
    Testing.synth(chart);
    // THEN the warning is printed once, with the object path and the reason
    expect(stderr.mock.calls.map((call) => call[0])).toEqual([
      'warning: [test/web/Deployment] Deployment shop/web: spec.template.spec.containers[0].image "nginx:latest" uses the mutable tag "latest": '
        + 'pin a version tag or a digest, e.g. "nginx:<version>" or "nginx@sha256:<digest>" '
        + '(image-tag, lowered to warning: vendor image, pinned by digest in the CD pipeline)\n',
    ]);
  });

  test('the same finding outside the lowered scope still fails', () => {
    const chart = chartWithGuardrails();
    const a = new Construct(chart, 'a');
    const b = new Construct(chart, 'b');
    const image = (scope: Construct, name: string) => {
      const d = deployment();
      d.metadata.name = name;
      d.spec.template.spec.containers[0].image = 'nginx';
      d.spec.template.spec.volumes = [];
      delete d.spec.template.spec.containers[0].env;
      raw(scope, 'Deployment', d);
    };
    image(a, 'a');
    image(b, 'b');
    Guardrails.of(a).lower(Rule.IMAGE_TAG, 'legacy');
    expect(() => Testing.synth(chart)).toThrow(/\[test\/b\/Deployment\] Deployment shop\/b: .*has no tag.*\(image-tag\)$/);
  });

  test('an exemption is written as an annotation on the objects the rule checks', () => {
    // GIVEN a workload that needs the host network, exempted with a reason
    const chart = chartWithGuardrails();
    const agent = goodWorkload(chart, 'agent');
    (agent.node.findChild('Deployment') as ApiObject).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    Guardrails.of(agent).exempt(Rule.POD_SECURITY, 'node agent: reads host network metrics');
    // WHEN synthesized
    const manifests = Testing.synth(chart);
    // THEN the Deployment carries the reason; the Service and ConfigMap (no pod template) do not
    const byKind = Object.fromEntries(manifests.map((m: Json) => [m.kind, m]));
    expect(byKind.Deployment.metadata.annotations).toEqual({ 'appkit.cdk8s.io/exemption.pod-security': 'node agent: reads host network metrics' });
    expect(byKind.Service.metadata.annotations).toBeUndefined();
    expect(byKind.ConfigMap.metadata.annotations).toBeUndefined();
  });

  test('an exemption declared on a chart before its objects exist still reaches them', () => {
    const chart = chartWithGuardrails();
    Guardrails.of(chart).exempt(Rule.POD_SECURITY, 'lab cluster');
    goodWorkload(chart, 'web');
    const d = Testing.synth(chart).find((m: Json) => m.kind === 'Deployment');
    expect(d.metadata.annotations).toEqual({ 'appkit.cdk8s.io/exemption.pod-security': 'lab cluster' });
  });

  test('an exemption reaches manifests another validation resolved earlier in the same synth session', () => {
    // GIVEN a validation that resolves the Deployment before Guardrails runs (like CapacityCheck can)
    const app = Testing.app();
    const chart = new Chart(app, 'test');
    const early = new Construct(chart, 'Early');
    const web = goodWorkload(chart, 'web');
    const dep = web.node.findChild('Deployment') as ApiObject;
    new Guardrails(chart, 'Guardrails');
    let resolvedEarly: Json | undefined;
    early.node.addValidation({ validate: () => { resolvedEarly = resolvedManifest(dep); return []; } });
    Guardrails.of(chart).exempt(Rule.IMAGE_TAG, 'added late');
    // remove the annotation exempt() added at once, as if the object had been created afterwards
    delete (dep.metadata as any).annotations['appkit.cdk8s.io/exemption.image-tag'];
    // WHEN validated within one session
    SynthSession.run(app, () => chart.node.findAll().forEach((c) => c.node.validate()));
    // THEN the memoized manifest (what the synth writes) carries the annotation, keys sorted
    expect(resolvedEarly?.metadata).toEqual({
      annotations: { 'appkit.cdk8s.io/exemption.image-tag': 'added late' },
      labels: { 'app.kubernetes.io/name': 'web' },
      name: 'web',
      namespace: 'shop',
    });
    expect(Object.keys(resolvedEarly!.metadata)).toEqual(['annotations', 'labels', 'name', 'namespace']);
  });

  test('allowSecretData applies to the scope it is declared on only', () => {
    // GIVEN two Secrets with data, one allowed
    const chart = chartWithGuardrails();
    const secret = (id: string) => raw(chart, id, { apiVersion: 'v1', kind: 'Secret', metadata: { name: id.toLowerCase(), namespace: 'shop' }, stringData: { token: 'x' } });
    Guardrails.of(secret('Dev')).allowSecretData('dev-only dummy token');
    secret('Prod');
    // THEN only the other fails; the allowed one records why
    expect(() => Testing.synth(chart)).toThrow(/^Validation failed with the following errors:\n {2}\[test\/Guardrails\] \[test\/Prod\] Secret shop\/prod: stringData would write a secret value/);
    const dev = (chart.node.findChild('Dev') as ApiObject).toJson();
    expect(dev.metadata.annotations).toEqual({ 'appkit.cdk8s.io/exemption.secret-data': 'dev-only dummy token' });
  });

  test('declareExternal satisfies references for pods under the scope', () => {
    const chart = chartWithGuardrails();
    const web = goodWorkload(chart, 'web');
    (web.node.findChild('Deployment') as ApiObject)
      .addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/envFrom', [{ secretRef: { name: 'shop-db' } }]));
    expect(() => Testing.synth(chart)).toThrow(/envFrom\[0\]\.secretRef\.name "shop-db" names no Secret in namespace "shop"/);
    Guardrails.of(chart).declareExternal(ExternalKind.SECRET, 'shop-db');
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('an outer Guardrails covers nested ones: each problem is reported once', () => {
    const chart = chartWithGuardrails();
    const inner = new Construct(chart, 'team');
    new Guardrails(inner, 'Guardrails');
    raw(inner, 'Bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' }, datta: {} });
    expect(() => Testing.synth(chart)).toThrow('Validation failed with the following errors:\n'
      + '  [test/Guardrails] [test/team/Bad] ConfigMap bad: unknown field "datta": did you mean "data"? (schema)');
  });

  test('duplicates across two charts are found by a Guardrails above both', () => {
    const app = Testing.app();
    new Guardrails(app, 'Guardrails');
    raw(new Chart(app, 'a'), 'Config', configMap());
    const b = new Chart(app, 'b');
    raw(b, 'Config', configMap());
    expect(() => app.synthYaml()).toThrow('[Guardrails] [b/Config] ConfigMap shop/web-config: metadata.name "web-config" is already used by '
      + 'the object at a/Config (same group, kind and namespace): rename one of them, or the later one overwrites the other when applied (duplicate-object)');
  });

  test('runs the rules once per synth session', () => {
    const app = Testing.app();
    const charts = [new Chart(app, 'a'), new Chart(app, 'b')];
    new Guardrails(app, 'Guardrails');
    charts.forEach((c, i) => raw(c, 'Config', { ...configMap(), metadata: { name: `c${i}`, namespace: 'shop' } }));
    const spy = jest.spyOn(check, 'checkManifests');
    SynthSession.run(app, () => {
      app.node.findAll().forEach((c) => c.node.validate());
      app.node.findAll().forEach((c) => c.node.validate());
    });
    expect(spy).toHaveBeenCalledTimes(1);
  });

  test('Guardrails.enable returns the existing construct; a second one on a scope fails', () => {
    const chart = new Chart(Testing.app(), 'test');
    const first = Guardrails.enable(chart);
    expect(Guardrails.enable(chart)).toBe(first);
    expect(first.node.path).toBe('test/Guardrails');
    expect(() => new Guardrails(chart, 'Again')).toThrow('[test/Again] test is already checked by test/Guardrails: '
      + 'configure it with Guardrails.of(scope) instead of adding a second Guardrails');
  });

  test('fails to lower or exempt without a reason, naming the scope', () => {
    const chart = new Chart(Testing.app(), 'test');
    expect(() => Guardrails.of(chart).lower(Rule.IMAGE_TAG, ' ')).toThrow('[test] lower(Rule.IMAGE_TAG) needs a reason, got " ": '
      + "say why the rule does not hold here, e.g. 'vendor image is only published as latest'");
    expect(() => Guardrails.of(chart).exempt(Rule.POD_SECURITY, '')).toThrow(/^\[test\] exempt\(Rule.POD_SECURITY\) needs a reason, got ""/);
    expect(() => Guardrails.of(chart).declareExternal(ExternalKind.SECRET, 'Shop_DB')).toThrow(
      /^\[test\] declareExternal\(ExternalKind.SECRET, "Shop_DB"\) is not a valid Secret name \(a lowercase RFC 1123 subdomain/);
  });

  test('props.rules limits the rules that run', () => {
    const chart = new Chart(Testing.app(), 'test');
    new Guardrails(chart, 'Guardrails', { rules: [Rule.NAMES] });
    raw(chart, 'Bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bad' }, datta: {} });
    expect(() => Testing.synth(chart)).not.toThrow();
    expect(() => new Guardrails(new Chart(Testing.app(), 'x'), 'G', { rules: ['nope' as Rule] }))
      .toThrow('[x/G] rules must be Rule values, got ["nope"]: use e.g. [Rule.SCHEMA, Rule.NAMES]');
  });
});
