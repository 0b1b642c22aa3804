// Property-based tests (fast-check): the ported validators against independent definitions,
// image references round-tripping through the parser, and random valid workloads passing
// every rule while a random unknown field is always caught.
import fc from 'fast-check';
import { checkManifests, Rule } from '../../lib/guardrails';
import { suggestName } from '../../lib/guardrails/rules/names';
import { NameFormat, validateNameFormat } from '../../lib/kubernetes/object-names';
import { parse, parseNormalizedNamed } from '../../lib/kubernetes/docker-reference';
import { isDNS1123Label, isDNS1123Subdomain } from '../../lib/kubernetes/validation';
import { ManifestObject } from '../../lib/scheduler/types';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');
const alnum = fc.constantFrom(...LOWER_ALNUM);
const labelChar = fc.constantFrom(...LOWER_ALNUM, '-', '-', '.', '_', 'A', ' ');

/** RFC 1123 label, defined independently of the regexp: 1–63 of [a-z0-9-], alphanumeric at both ends. */
function isLabel(s: string): boolean {
  return s.length >= 1 && s.length <= 63 && [...s].every((ch) => LOWER_ALNUM.includes(ch) || ch === '-')
    && s[0] !== '-' && s[s.length - 1] !== '-';
}

describe('DNS names', () => {
  test('IsDNS1123Label accepts exactly the RFC 1123 labels', () => {
    fc.assert(fc.property(fc.array(labelChar, { maxLength: 70 }).map((a) => a.join('')), (s) => {
      expect(isDNS1123Label(s).length === 0).toBe(isLabel(s));
    }), { numRuns: 2000 });
  });

  test('IsDNS1123Subdomain accepts exactly dot-joined labels up to 253 characters', () => {
    const part = fc.array(labelChar, { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.array(part, { minLength: 1, maxLength: 25 }).map((parts) => parts.join('.')), (s) => {
      expect(isDNS1123Subdomain(s).length === 0).toBe(s.length <= 253 && s.split('.').every(isLabel));
    }), { numRuns: 2000 });
  });

  test('a suggested name is always valid for its format', () => {
    const formats = fc.constantFrom(NameFormat.DNS1123_LABEL, NameFormat.DNS1123_SUBDOMAIN, NameFormat.DNS1035_LABEL, NameFormat.PATH_SEGMENT);
    fc.assert(fc.property(formats, fc.string({ maxLength: 300 }), (format, name) => {
      const suggestion = suggestName(format, name);
      if (suggestion !== undefined) {
        expect(validateNameFormat(format, suggestion)).toEqual([]);
      }
    }), { numRuns: 2000 });
  });
});

// Image references built from the grammar's parts (docker/distribution v2.8).
const component = fc.tuple(fc.array(alnum, { minLength: 1, maxLength: 6 }),
  fc.array(fc.tuple(fc.constantFrom('.', '_', '__', '-', '--'), fc.array(alnum, { minLength: 1, maxLength: 6 })), { maxLength: 2 }))
  .map(([head, rest]) => head.join('') + rest.map(([sep, a]) => sep + a.join('')).join(''));
const domain = fc.tuple(fc.array(fc.array(alnum, { minLength: 1, maxLength: 8 }).map((a) => a.join('')), { minLength: 2, maxLength: 3 }),
  fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }))
  .map(([parts, port]) => parts.join('.') + (port ? `:${port}` : ''));
const tag = fc.tuple(fc.constantFrom(...'abcXYZ019_'.split('')), fc.array(fc.constantFrom(...'abcXYZ019_.-'.split('')), { maxLength: 20 }))
  .map(([first, rest]) => first + rest.join(''));
const digest = fc.array(fc.constantFrom(...'0123456789abcdef'.split('')), { minLength: 64, maxLength: 64 }).map((h) => `sha256:${h.join('')}`);

describe('image references', () => {
  test('a reference built from valid parts parses back into the same parts', () => {
    fc.assert(fc.property(domain, fc.array(component, { minLength: 1, maxLength: 3 }), fc.option(tag, { nil: undefined }),
      fc.option(digest, { nil: undefined }), (d, path, t, dg) => {
        const input = `${d}/${path.join('/')}${t ? `:${t}` : ''}${dg ? `@${dg}` : ''}`;
        expect(parseNormalizedNamed(input)).toEqual({ reference: { domain: d, path: path.join('/'), tag: t ?? '', digest: dg ?? '' } });
      }), { numRuns: 1000 });
  });

  test('an upper-case letter in the repository path is rejected, never mis-parsed', () => {
    fc.assert(fc.property(domain, component, fc.constantFrom(...'ABCXYZ'.split('')), (d, c, upper) => {
      expect(parseNormalizedNamed(`${d}/${c}${upper}:1.0`).error).toBe('invalid reference format: repository name must be lowercase');
    }), { numRuns: 500 });
  });

  test('parsing any string returns a reference or an error without throwing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const r = parse(s);
      expect(Boolean(r.reference) !== Boolean(r.error)).toBe(true);
    }), { numRuns: 3000 });
    // long near-misses are where a backtracking regexp would blow up; these return at once
    expect(parse(`${'a-'.repeat(5000)}!`).error).toBe('invalid reference format');
    expect(parse(`${'a.'.repeat(5000)}/x!`).error).toBe('invalid reference format');
  });
});

describe('random workloads', () => {
  const name = fc.tuple(fc.constantFrom(...'abcdefghij'.split('')), fc.array(fc.constantFrom(...'abc123-'.split('')), { maxLength: 20 }), alnum)
    .map(([a, mid, z]) => a + mid.join('') + z);
  const workload = fc.record({
    name,
    namespace: name,
    replicas: fc.integer({ min: 0, max: 1000 }),
    port: fc.integer({ min: 1, max: 65535 }),
    portName: fc.constantFrom('http', 'grpc', 'metrics', 'web-1'),
    image: fc.tuple(domain, fc.array(component, { minLength: 1, maxLength: 2 }), tag.filter((t) => t !== 'latest'))
      .map(([d, p, t]) => `${d}/${p.join('/')}:${t}`),
    labelValue: name,
    cpu: fc.constantFrom('100m', '0.5', '2', '1500m'),
  });

  type Workload = typeof workload extends fc.Arbitrary<infer T> ? T : never;

  function manifests(w: Workload): ManifestObject[] {
    const labels = { 'app.kubernetes.io/name': w.labelValue };
    return [
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: w.name, namespace: w.namespace, labels },
        spec: {
          replicas: w.replicas,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
              containers: [{
                name: 'main',
                image: w.image,
                ports: [{ name: w.portName, containerPort: w.port }],
                readinessProbe: { tcpSocket: { port: w.portName } },
                resources: { requests: { cpu: w.cpu, memory: '64Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
              }],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: `s${w.name}`, namespace: w.namespace },
        spec: { selector: labels, ports: [{ name: 'main', port: w.port, targetPort: w.portName }] },
      },
    ];
  }

  test('a valid Deployment and Service pass every rule', () => {
    fc.assert(fc.property(workload, (w) => {
      expect(checkManifests(manifests(w).map((manifest) => ({ manifest })))).toEqual([]);
    }), { numRuns: 200 });
  });

  test('an unknown field anywhere in the pod template is always reported at its path', () => {
    const where = fc.constantFrom(['spec'], ['spec', 'template'], ['spec', 'template', 'spec'], ['spec', 'template', 'metadata']);
    const key = fc.array(fc.constantFrom(...'xyzq'.split('')), { minLength: 3, maxLength: 8 }).map((a) => `zz${a.join('')}`);
    fc.assert(fc.property(workload, where, key, (w, path, extra) => {
      const [deployment] = manifests(w) as any[];
      path.reduce((node: any, k: string) => node[k], deployment)[extra] = 1;
      const findings = checkManifests([{ manifest: deployment }], { rules: [Rule.SCHEMA] });
      expect(findings.map((f) => f.field)).toEqual([[...path, extra].join('.')]);
    }), { numRuns: 200 });
  });
});
