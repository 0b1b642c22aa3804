import { CertManagerIssuer, IngressPathType, WebService, WebServiceProps } from '../../lib/app';
import { RESOURCES, guardedShop, only, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop-storefront:1.8.2';
const BACKEND = { service: { name: 'shop-storefront', port: { number: 80 } } };

function storefront(props: Partial<WebServiceProps>, chart = shopChart()) {
  const service = new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ...props });
  return { chart, service };
}

describe('WebService Ingress', () => {
  test('several hosts and paths, TLS per host, cert-manager issuer, rewrite and annotations', () => {
    // GIVEN
    const { chart, service } = storefront({
      ingressHost: 'shop.example.com',
      ingressTlsSecretName: 'shop-example-com-tls',
      ingressClassName: 'nginx',
      ingressHosts: [
        { host: 'api.example.com', paths: [{ path: '/v1' }, { path: '/healthz', pathType: IngressPathType.EXACT }], tlsSecretName: 'api-example-com-tls' },
        { host: '*.shops.example.com', tlsSecretName: 'wildcard-shops-tls' },
        { host: 'www.example.com' },
      ],
      ingressCertManagerIssuer: CertManagerIssuer.clusterIssuer('letsencrypt'),
      ingressRewriteTarget: '/',
      ingressAnnotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '8m' },
    });

    // WHEN
    const manifests = synthValid(chart);

    // THEN
    const ingress = only(manifests, 'Ingress');
    expect(ingress.metadata.annotations).toEqual({
      'cert-manager.io/cluster-issuer': 'letsencrypt',
      'nginx.ingress.kubernetes.io/proxy-body-size': '8m',
      'nginx.ingress.kubernetes.io/rewrite-target': '/',
    });
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      rules: [
        { host: 'shop.example.com', http: { paths: [{ backend: BACKEND, path: '/', pathType: 'Prefix' }] } },
        {
          host: 'api.example.com',
          http: { paths: [{ backend: BACKEND, path: '/healthz', pathType: 'Exact' }, { backend: BACKEND, path: '/v1', pathType: 'Prefix' }] },
        },
        { host: '*.shops.example.com', http: { paths: [{ backend: BACKEND, path: '/', pathType: 'Prefix' }] } },
        { host: 'www.example.com', http: { paths: [{ backend: BACKEND, path: '/', pathType: 'Prefix' }] } },
      ],
      tls: [
        { hosts: ['shop.example.com'], secretName: 'shop-example-com-tls' },
        { hosts: ['api.example.com'], secretName: 'api-example-com-tls' },
        { hosts: ['*.shops.example.com'], secretName: 'wildcard-shops-tls' },
      ],
    });
    expect(service.ingressHosts.map((h) => h.host)).toEqual(['shop.example.com', 'api.example.com', '*.shops.example.com', 'www.example.com']);
  });

  test('the guardrails check the Ingress: backends resolve and the TLS Secrets are declared external', () => {
    const { app, chart } = guardedShop();
    storefront({
      ingressHost: 'shop.example.com', ingressTlsSecretName: 'shop-tls',
      ingressHosts: [{ host: 'api.example.com', tlsSecretName: 'api-tls' }],
      ingressCertManagerIssuer: CertManagerIssuer.clusterIssuer('letsencrypt'),
    }, chart);
    expect(app.synthYaml()).toContain('cert-manager.io/cluster-issuer: letsencrypt');
  });

  test('hosts sharing a certificate share one tls entry; ingressHosts alone create the Ingress', () => {
    const { chart } = storefront({
      ingressHosts: [{ host: 'a.example.com', tlsSecretName: 'example-tls' }, { host: 'b.example.com', tlsSecretName: 'example-tls' }],
    });
    expect(only(synthValid(chart), 'Ingress').spec.tls).toEqual([{ hosts: ['a.example.com', 'b.example.com'], secretName: 'example-tls' }]);
  });

  test('the one-line ingressHost is unchanged', () => {
    const { chart } = storefront({ ingressHost: 'shop.example.com' });
    const ingress = only(synthValid(chart), 'Ingress');
    expect(ingress.metadata.annotations).toBeUndefined();
    expect(ingress.spec).toEqual({ rules: [{ host: 'shop.example.com', http: { paths: [{ backend: BACKEND, path: '/', pathType: 'Prefix' }] } }] });
  });

  const HOST_FIX = 'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address';
  const PATH_FIX = 'use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"';
  const WILDCARD = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  test.each<[string, Partial<WebServiceProps>, string]>([
    ['an IP address as host', { ingressHost: '10.0.0.1' },
      `[shop/storefront] ingressHost is not a valid Ingress host (must be a DNS name, not an IP address), got "10.0.0.1": ${HOST_FIX}`],
    ['an IPv4 address with leading zeros (ParseIPSloppy)', { ingressHosts: [{ host: '010.000.000.001' }] },
      `[shop/storefront] ingressHosts[0].host is not a valid Ingress host (must be a DNS name, not an IP address), got "010.000.000.001": ${HOST_FIX}`],
    ['a wildcard not in first place', { ingressHosts: [{ host: 'shop.*.example.com' }] },
      `[shop/storefront] ingressHosts[0].host is not a valid Ingress host (${WILDCARD}), got "shop.*.example.com": ${HOST_FIX}`],
    ['a lone wildcard', { ingressHosts: [{ host: '*' }] },
      `[shop/storefront] ingressHosts[0].host is not a valid Ingress host (${WILDCARD}), got "*": ${HOST_FIX}`],
    ['an empty host', { ingressHosts: [{ host: '' }] },
      `[shop/storefront] ingressHosts[0].host is not a valid Ingress host (must not be empty: a rule for every host is not supported), got "": ${HOST_FIX}`],
    ['a path with "/../"', { ingressHosts: [{ host: 'shop.example.com', paths: [{ path: '/a/../b' }] }] },
      `[shop/storefront] ingressHosts[0].paths[0].path is not a valid Ingress path (must not contain '/../'), got "/a/../b": ${PATH_FIX}`],
    ['a path ending in "/." and holding "%2F"', { ingressHost: 'shop.example.com', ingressPath: '/a%2Fb/.' },
      `[shop/storefront] ingressPath is not a valid Ingress path (must not contain '%2F'; cannot end with '/.'), got "/a%2Fb/.": ${PATH_FIX}`],
    ['a relative path', { ingressHosts: [{ host: 'shop.example.com', paths: [{ path: 'api', pathType: IngressPathType.EXACT }] }] },
      `[shop/storefront] ingressHosts[0].paths[0].path is not a valid Ingress path (must be an absolute path), got "api": ${PATH_FIX}`],
    ['no paths', { ingressHosts: [{ host: 'shop.example.com', paths: [] }] },
      '[shop/storefront] ingressHosts[0].paths must list at least one path, got []: leave paths out for "/", or list e.g. [{ path: \'/api\' }]'],
    ['one host and path twice', { ingressHost: 'shop.example.com', ingressHosts: [{ host: 'shop.example.com', paths: [{ path: '/', pathType: IngressPathType.EXACT }] }] },
      '[shop/storefront] ingressHosts[0].paths[0].path routes host "shop.example.com" path "/" already routed by ingressPath, got "/": route each host and path once'],
    ['a TLS Secret name with capitals', { ingressHosts: [{ host: 'shop.example.com', tlsSecretName: 'Shop-TLS' }] },
      '[shop/storefront] ingressHosts[0].tlsSecretName must be a DNS-1123 subdomain (lower-case letters, digits, "-" and ".", at most 253 characters), got "Shop-TLS": use the name of a TLS Secret, e.g. "shop-example-com-tls"'],
    ['a cert-manager issuer without TLS', { ingressHost: 'shop.example.com', ingressCertManagerIssuer: CertManagerIssuer.issuer('letsencrypt') },
      '[shop/storefront] ingressCertManagerIssuer needs a host with TLS (cert-manager only issues certificates for tls entries), got "letsencrypt": set ingressTlsSecretName, or tlsSecretName on an ingressHosts entry'],
    ['an annotation contradicting the rewrite target', {
      ingressHost: 'shop.example.com', ingressRewriteTarget: '/', ingressAnnotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' },
    }, '[shop/storefront] ingressAnnotations "nginx.ingress.kubernetes.io/rewrite-target" contradicts ingressRewriteTarget ("/"), got "/$2": set it once, through ingressRewriteTarget'],
    ['an annotation key with a space', { ingressHost: 'shop.example.com', ingressAnnotations: { 'proxy body size': '8m' } },
      '[shop/storefront] ingressAnnotations key is not a valid annotation key (name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')), got "proxy body size": use a key like "nginx.ingress.kubernetes.io/proxy-body-size"'],
    ['annotations without an Ingress', { ingressAnnotations: { a: 'b' } },
      '[shop/storefront] ingressAnnotations needs ingressHost or ingressHosts, got {"a":"b"}: set ingressHost (or ingressHosts) to create the Ingress, or remove this prop'],
  ])('fails on %s', (_, props, message) => {
    expect(() => storefront(props)).toThrow(message);
  });

  test('a wildcard host is valid', () => {
    expect(() => storefront({ ingressHosts: [{ host: '*.example.com' }] })).not.toThrow();
  });
});
