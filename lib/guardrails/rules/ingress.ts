// Rule `names`, Ingress part: hosts, paths, TLS hosts and Secret names as the 1.27 API server
// checks them (the one port is ../upstream/ingress-validation.ts, which WebService calls too),
// on every Ingress: constructs, escape hatches, Included YAML and Helm output alike.
import { validateIngressSpec } from '../../kubernetes/ingress-validation';
import { Rule } from '../rule';
import { RuleContext } from './context';

const FIXES: { readonly [field: string]: string } = {
  host: 'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address',
  path: 'use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"',
  pathType: 'use "Prefix", "Exact" or "ImplementationSpecific"',
};

export function checkIngresses(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    if (o.group !== 'networking.k8s.io' || o.kind !== 'Ingress') {
      continue;
    }
    const byField = new Map<string, { value: unknown; messages: string[] }>();
    for (const p of validateIngressSpec(o.manifest.spec, o.manifest.metadata)) {
      const entry = byField.get(p.field) ?? { value: p.value, messages: [] };
      entry.messages.push(p.message);
      byField.set(p.field, entry);
    }
    for (const [field, { value, messages }] of byField) {
      const fix = fixFor(field);
      ctx.report(Rule.NAMES, o, field, `${field} ${JSON.stringify(value)} is invalid: ${messages.join('; ')}; ${fix}`);
    }
  }
}

function fixFor(field: string): string {
  if (field === 'spec') return 'give the Ingress rules or a defaultBackend';
  if (field.startsWith('annotations.')) return 'remove the kubernetes.io/ingress.class annotation (spec.ingressClassName replaces it)';
  if (field.includes('backend') || field.includes('Backend')) {
    if (field.endsWith('.service.name')) return 'use the name of a Service in the same namespace (a DNS-1035 label, e.g. "storefront")';
    if (field.endsWith('.port.name')) return 'use the name of one of the Service\'s ports, e.g. "http"';
    if (field.endsWith('.port.number')) return 'use a port between 1 and 65535';
    if (field.includes('.resource.')) return 'give the resource\'s apiGroup (a DNS subdomain), kind and name';
    return 'give the backend a service with a name and one of port.name or port.number (or a resource instead)';
  }
  const last = field.slice(field.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  return FIXES[last] ?? (field.includes('tls') && last === 'hosts' ? FIXES.host : 'use a DNS-1123 subdomain, e.g. "shop-example-com-tls"');
}
