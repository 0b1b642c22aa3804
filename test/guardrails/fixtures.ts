// Test helper (not a test file): a small app that passes every guardrail, to break one field at
// a time in the catalogue tests.
import { checkManifests, CheckOptions, Finding, Rule } from '../../lib/guardrails';
import { ManifestObject } from '../../lib/scheduler/types';

type Json = { [key: string]: any };

export const NS = 'shop';

/** A restricted-compliant pod spec with a named port, probes and a ConfigMap. */
export function podSpec(): Json {
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'web',
      image: 'registry.example.com/shop/web:1.4.2',
      ports: [{ name: 'http', containerPort: 8080 }],
      readinessProbe: { httpGet: { path: '/ready', port: 'http' } },
      livenessProbe: { tcpSocket: { port: 8080 } },
      env: [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'web-config', key: 'logLevel' } } }],
      securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, readOnlyRootFilesystem: true },
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    }],
    volumes: [{ name: 'config', configMap: { name: 'web-config' } }],
  };
}

export function deployment(): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: NS, labels: { 'app.kubernetes.io/name': 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
      template: { metadata: { labels: { 'app.kubernetes.io/name': 'web' } }, spec: podSpec() },
    },
  };
}

export function service(): Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: NS },
    spec: { selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  };
}

export function configMap(): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: NS }, data: { logLevel: 'info' } };
}

export function ingress(): Json {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: NS },
    spec: {
      rules: [{
        host: 'shop.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { name: 'http' } } } }] },
      }],
    },
  };
}

export function hpa(): Json {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: NS },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5 },
  };
}

export function pdb(): Json {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web', namespace: NS },
    spec: { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
  };
}

/** Every object of the good app, fresh (tests may mutate them). */
export function goodApp(): Json[] {
  return [configMap(), deployment(), service(), ingress(), hpa(), pdb()];
}

/** `checkManifests` over plain objects, paths `obj0`, `obj1`, … */
export function check(objects: Json[], options?: CheckOptions): Finding[] {
  return checkManifests(objects.map((manifest, i) => ({ manifest: manifest as ManifestObject, path: `obj${i}` })), options);
}

/** The findings of one rule, as `field: message` lines. */
export function messages(objects: Json[], rule: Rule): string[] {
  return check(objects, { rules: [rule] }).map((f) => f.message);
}

/** A deep copy of the good app with `edit` applied to the object of `kind`. */
export function appWith(kind: string, edit: (o: Json) => void): Json[] {
  const app = goodApp();
  const target = app.find((o) => o.kind === kind);
  if (!target) {
    throw new Error(`no ${kind} in the good app`);
  }
  edit(target);
  return app;
}
