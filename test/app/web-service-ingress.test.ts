// WebService ingressHost/ingressPath follow the API server's networking validation (issue 10),
// through the one port in lib/guardrails/upstream/ingress-validation.ts: a wildcard host is
// valid (it was refused before: stricter than Kubernetes), an IP address and un-normalized
// Prefix paths are not.
import { WebService, WebServiceProps } from '../../lib/app';
import { RESOURCES, only, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-api:1.4.0';

function web(props: Partial<WebServiceProps>) {
  const chart = shopChart();
  new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ...props });
  return chart;
}

test('accepts a wildcard host, with TLS, and writes it to the Ingress', () => {
  const ingress = only(synthValid(web({ ingressHost: '*.shop.example.com', ingressTlsSecretName: 'wildcard-tls', ingressPath: '/a..b/' })), 'Ingress');
  expect(ingress.spec.rules[0].host).toBe('*.shop.example.com');
  expect(ingress.spec.rules[0].http.paths[0].path).toBe('/a..b/');
  expect(ingress.spec.tls[0].hosts).toEqual(['*.shop.example.com']);
});

test.each<[string, Partial<WebServiceProps>, string]>([
  ['an IP address as host', { ingressHost: '203.0.113.7' }, '[shop/storefront] ingressHost must be a DNS name, not an IP address, got "203.0.113.7": use a host name like "shop.example.com"'],
  ['a wildcard in the middle', { ingressHost: 'shop.*.example.com' }, '[shop/storefront] ingressHost must be a wildcard DNS-1123 subdomain ("*." and a subdomain), got "shop.*.example.com": use e.g. "*.example.com"'],
  ['a path with /../', { ingressHost: 'shop.example.com', ingressPath: '/api/../admin' }, '[shop/storefront] ingressPath must not contain \'/../\', got "/api/../admin": write a normalized path such as "/api"'],
  ['a path with //', { ingressHost: 'shop.example.com', ingressPath: '/api//v1' }, '[shop/storefront] ingressPath must not contain \'//\', got "/api//v1": write a normalized path such as "/api"'],
  ['a path ending in /.', { ingressHost: 'shop.example.com', ingressPath: '/api/.' }, '[shop/storefront] ingressPath cannot end with \'/.\', got "/api/.": write a normalized path such as "/api"'],
])('fails on %s', (_name, props, message) => {
  expect(() => web(props)).toThrow(message);
});
