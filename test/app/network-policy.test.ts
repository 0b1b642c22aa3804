import { Testing } from 'cdk8s';
import { Protocol } from 'cdk8s-plus-27';
import { AllowFromOptions, AppChart, Environment, Peer, StatefulService, WebService, Worker } from '../../lib/app';
import { defineShop } from '../../main';
import { validateIPBlock } from '../../lib/kubernetes/network-policy-validation';
import { RESOURCES, guardedShop, kinds, only, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.8.2';
const SHOP_SELECTOR = (component: string) => ({
  'app.kubernetes.io/component': component, 'app.kubernetes.io/instance': 'shop', 'app.kubernetes.io/name': 'shop',
});

function shop(chart: AppChart) {
  const storefront = new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ingressHost: 'shop.example.com' });
  const api = new WebService(chart, 'api', { image: IMAGE, resources: RESOURCES });
  const postgres = new StatefulService(chart, 'postgres', { image: IMAGE, resources: RESOURCES, port: 5432, portName: 'postgres', storageSize: '1Gi' });
  return { storefront, api, postgres };
}

describe('NetworkPolicy', () => {
  test('an isolated app: default deny, the ingress controller reaches the storefront, the storefront the api, the api postgres', () => {
    // GIVEN
    const chart = shopChart({ isolatePods: true });
    const { storefront, api, postgres } = shop(chart);
    api.allowFrom(Peer.component(storefront), { portName: 'http' });
    postgres.allowFrom(Peer.component(api), { port: 5432 });
    postgres.allowFrom(Peer.namespace('monitoring'), { portName: 'postgres' });
    api.allowFrom(Peer.cidr('10.20.0.0/16', ['10.20.5.0/24']), { port: 8080 });

    // WHEN (synthValid checks every object against the Kubernetes 1.27 schema)
    const manifests = synthValid(chart);
    expect([storefront, api, postgres].map((c) => c.networkPolicy?.name)).toEqual(['shop-storefront', 'shop-api', 'shop-postgres']);
    expect(chart.defaultDenyIngress?.name).toBe('shop-default-deny-ingress');

    // THEN
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name)).toEqual(['shop-default-deny-ingress', 'shop-storefront', 'shop-api', 'shop-postgres']);
    expect(only(manifests, 'NetworkPolicy', 'shop-default-deny-ingress')).toMatchObject({
      apiVersion: 'networking.k8s.io/v1',
      metadata: { namespace: 'shop', labels: { 'app.kubernetes.io/name': 'shop', 'app.kubernetes.io/managed-by': 'cdk8s-appkit' } },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    expect(only(manifests, 'NetworkPolicy', 'shop-storefront').spec).toEqual({
      podSelector: { matchLabels: SHOP_SELECTOR('storefront') },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }], ports: [{ port: 'http', protocol: 'TCP' }] }],
    });
    expect(only(manifests, 'NetworkPolicy', 'shop-api').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: SHOP_SELECTOR('storefront') } }], ports: [{ port: 'http', protocol: 'TCP' }] },
      { from: [{ ipBlock: { cidr: '10.20.0.0/16', except: ['10.20.5.0/24'] } }], ports: [{ port: 8080, protocol: 'TCP' }] },
    ]);
    expect(only(manifests, 'NetworkPolicy', 'shop-postgres').spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: SHOP_SELECTOR('api') } }], ports: [{ port: 5432, protocol: 'TCP' }] },
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }], ports: [{ port: 'postgres', protocol: 'TCP' }] },
    ]);
  });

  test('without isolation nothing is written until a component allows a peer; then its Ingress stays reachable', () => {
    // GIVEN an app that does not isolate
    const chart = shopChart({ ingressControllerNamespace: 'traefik' });
    const { storefront, api } = shop(chart);
    expect(Testing.synth(chart).filter((m) => m.kind === 'NetworkPolicy')).toEqual([]);

    // WHEN the storefront says who may call it
    storefront.allowFrom(Peer.component(api));
    const manifests = synthValid(chart);

    // THEN one policy, keeping the ingress controller's access (no port: every port)
    expect(kinds(manifests).filter((k) => k.startsWith('NetworkPolicy'))).toEqual(['NetworkPolicy/shop-storefront']);
    expect(only(manifests, 'NetworkPolicy').spec.ingress).toEqual([
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } } }], ports: [{ port: 'http', protocol: 'TCP' }] },
      { from: [{ podSelector: { matchLabels: SHOP_SELECTOR('api') } }] },
    ]);
  });

  test('a component of another app is selected in its namespace; the same rule twice is written once', () => {
    const chart = shopChart({ isolatePods: true });
    const other = new AppChart(chart.node.scope!, 'billing', { version: '2.0.0' });
    const invoicer = new Worker(other, 'invoicer', { image: IMAGE, resources: RESOURCES });
    const { api } = shop(chart);
    api.allowFrom(Peer.component(invoicer), { portName: 'http', protocol: Protocol.TCP });
    api.allowFrom(Peer.component(invoicer), { portName: 'http' });
    expect(only(synthValid(chart), 'NetworkPolicy', 'shop-api').spec.ingress).toEqual([{
      from: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'billing' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/component': 'invoicer', 'app.kubernetes.io/instance': 'billing', 'app.kubernetes.io/name': 'billing' } },
      }],
      ports: [{ port: 'http', protocol: 'TCP' }],
    }]);
  });

  test('the guardrails check the policies with everything else', () => {
    const { app, chart } = guardedShop({ isolatePods: true });
    const { storefront, api } = shop(chart);
    api.allowFrom(Peer.component(storefront), { portName: 'http' });
    expect(app.synthYaml()).toContain('name: shop-default-deny-ingress');
  });

  test.each<[string, Peer, AllowFromOptions, string]>([
    ['a CIDR without a prefix length', Peer.cidr('10.0.0.1'), {},
      '[shop/api] allowFrom(cidr) cidr not a valid CIDR, got "10.0.0.1": use a CIDR such as "10.0.0.0/8" or "2001:db8::/32"'],
    ['a prefix length of 33', Peer.cidr('10.0.0.0/33'), {},
      '[shop/api] allowFrom(cidr) cidr not a valid CIDR, got "10.0.0.0/33": use a CIDR such as "10.0.0.0/8" or "2001:db8::/32"'],
    ['an except range outside the CIDR', Peer.cidr('10.0.0.0/16', ['10.1.0.0/24']), {},
      '[shop/api] allowFrom(cidr) except[0] must be a strict subset of `cidr`, got "10.1.0.0/24": list ranges inside the CIDR with a longer prefix, e.g. Peer.cidr(\'10.0.0.0/8\', [\'10.1.0.0/16\'])'],
    ['an except range equal to the CIDR', Peer.cidr('10.0.0.0/16', ['10.0.0.0/16']), {},
      '[shop/api] allowFrom(cidr) except[0] must be a strict subset of `cidr`, got "10.0.0.0/16": list ranges inside the CIDR with a longer prefix, e.g. Peer.cidr(\'10.0.0.0/8\', [\'10.1.0.0/16\'])'],
    ['a namespace with capitals', Peer.namespace('Monitoring'), {},
      '[shop/api] allowFrom(namespace) namespace is not a valid namespace name (a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')), got "Monitoring": use a namespace name like "monitoring"'],
    ['port 0', Peer.namespace('monitoring'), { port: 0 },
      '[shop/api] allowFrom(namespace) port must be between 1 and 65535, got 0: use the container port, e.g. 8080'],
    ['a port name of 16 characters', Peer.namespace('monitoring'), { portName: 'metrics-exporter' },
      '[shop/api] allowFrom(namespace) portName is not a valid port name (must be no more than 15 characters), got "metrics-exporter": use a container port name such as "http" or "metrics"'],
    ['port and portName', Peer.namespace('monitoring'), { port: 9090, portName: 'metrics' },
      '[shop/api] allowFrom(namespace) portName cannot be combined with port, got "metrics": give either port (a number) or portName'],
  ])('fails on %s', (_, peer, options, message) => {
    const { api } = shop(shopChart());
    expect(() => api.allowFrom(peer, options)).toThrow(message);
  });

  test('fails synth when a named port is not a container port of the component', () => {
    const { app, chart } = guardedShop({ isolatePods: true });
    const { storefront, api } = shop(chart);
    api.allowFrom(Peer.component(storefront), { portName: 'metrics' });
    expect(() => app.synthYaml()).toThrow('[shop/api] allowFrom portName "metrics" is not a container port of shop-api (ports: http): name one of its ports, or give the port number');
  });

  test('fails on an ingress controller namespace that is not a namespace name', () => {
    expect(() => shopChart({ ingressControllerNamespace: 'ingress_nginx' })).toThrow(
      '[shop] ingressControllerNamespace is not a valid namespace name (a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')), got "ingress_nginx": use the namespace of the ingress controller, e.g. "ingress-nginx"');
  });
});

// Cases from pkg/apis/networking/validation/validation_test.go (Kubernetes 1.27,
// TestValidateNetworkPolicy / TestValidateNetworkPolicyUpdate ipBlock entries).
describe('ValidateIPBlock (networking validation 1.27)', () => {
  test.each<[string, string[], string[]]>([
    ['192.168.0.0/16', ['192.168.3.0/24', '192.168.4.0/24'], []],
    ['fd00:192:168::/48', ['fd00:192:168:3::/64', 'fd00:192:168:4::/64'], []],
    ['192.168.0.0/24', ['192.168.0.0/25'], []],
    ['010.000.000.000/8', [], []], // ParseCIDRSloppy: leading zeros accepted in 1.27
    ['192.168.1.1/16', [], []], // host bits set: accepted (masked)
    ['', [], ['cidr: Required value']],
    ['192.168.5.6', [], ['cidr: not a valid CIDR']],
    ['192.168.0.0/24', ['192.168.1.0/24'], ['except[0]: must be a strict subset of `cidr`']],
    ['192.168.0.0/24', ['192.168.0.0/24'], ['except[0]: must be a strict subset of `cidr`']],
    ['192.168.0.0/24', ['192.168.0.0/16'], ['except[0]: must be a strict subset of `cidr`']],
    ['fd00:192:168::/48', ['fd00:192:169::/64'], ['except[0]: must be a strict subset of `cidr`']],
    ['192.168.0.0/16', ['bad', '192.169.0.0/24'], ['except[0]: not a valid CIDR']], // upstream stops at the first bad except
    ['192.168.0.0/16', ['192.169.0.0/24', '192.170.0.0/24'], ['except[0]: must be a strict subset of `cidr`', 'except[1]: must be a strict subset of `cidr`']],
  ])('cidr %j except %j', (cidr, except, errors) => {
    expect(validateIPBlock(cidr, except).map((p) => `${p.field}: ${p.message}`)).toEqual(errors);
  });
});

describe('the example shop (main.ts)', () => {
  test('isolates its pods: only the ingress controller reaches the storefront, only the storefront the api, only api/worker/report postgres', () => {
    // GIVEN / WHEN
    const chart = defineShop(new Environment(Testing.app(), 'production'));
    const policies = Testing.synth(chart).filter((m) => m.kind === 'NetworkPolicy');

    // THEN
    const from = (name: string) => only(policies, 'NetworkPolicy', name).spec.ingress.map((r: any) => [
      r.from[0].podSelector?.matchLabels['app.kubernetes.io/component'] ?? r.from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'],
      r.ports[0].port,
    ]);
    expect(policies.map((p) => p.metadata.name)).toEqual(['shop-default-deny-ingress', 'shop-storefront', 'shop-api', 'shop-postgres', 'shop-recommendations']);
    expect(from('shop-storefront')).toEqual([['ingress-nginx', 'http']]);
    expect(from('shop-api')).toEqual([['storefront', 'http']]);
    expect(from('shop-postgres')).toEqual([['api', 'postgres'], ['worker', 'postgres'], ['report', 'postgres']]);
    expect(from('shop-recommendations')).toEqual([['monitoring', 'metrics']]);
  });
});
