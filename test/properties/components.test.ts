// Property-based test (fast-check) of the app constructs (issue 4): random valid props of every
// component kind always synthesize (guardrails on, as in any app) to objects with zero findings
// from the guardrails' schema, names and Pod Security "restricted" rules, and the requests in the
// output equal the resources asked for.
import fc from 'fast-check';
import { Cron, Testing } from 'cdk8s';
import {
  AppChart, ResourcePreset, Resources, ScheduledTask, StatefulService, WebService, Worker,
} from '../../lib/app';
import { checkManifests, Rule } from '../../lib/guardrails';
import { parseQuantity } from '../../lib/scheduler';

const LOWER = 'abcdefghijklmnopqrstuvwxyz'.split('');
const LOWER_DIGIT = [...LOWER, ...'0123456789'.split('')];

/** DNS-1035 label of 1–20 characters (short enough for `shop-<name>` under every kind's limit). */
const dnsLabel = fc.tuple(fc.constantFrom(...LOWER), fc.array(fc.constantFrom(...LOWER_DIGIT, '-'), { maxLength: 18 }), fc.constantFrom(...LOWER_DIGIT))
  .map(([a, mid, z]) => (mid.length === 0 ? a : a + mid.join('') + z));
const envName = fc.tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ_'.split('')), fc.array(fc.constantFrom(...'ABCXYZ0189_.-'.split('')), { maxLength: 12 }))
  .map(([a, rest]) => a + rest.join(''));
const envMap = fc.dictionary(envName, fc.string({ maxLength: 20 }), { maxKeys: 3 });

const cpu = fc.oneof(
  fc.integer({ min: 1, max: 4000 }).map((m) => `${m}m`),
  fc.integer({ min: 1, max: 8 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 999 })).map(([c, f]) => `${c}.${String(f).padStart(3, '0').replace(/0+$/, '')}`),
);
const memory = fc.oneof(fc.integer({ min: 1, max: 8192 }).map((n) => `${n}Mi`), fc.integer({ min: 1, max: 16 }).map((n) => `${n}Gi`));
const resources = fc.oneof(
  fc.constantFrom(ResourcePreset.SMALL, ResourcePreset.MEDIUM, ResourcePreset.LARGE).map((p) => Resources.preset(p)),
  fc.record({ cpu, memory, withLimit: fc.boolean() }).map((r) => Resources.of({ cpu: r.cpu, memory: r.memory, memoryLimit: r.withLimit ? r.memory : undefined })),
);

/** Fixed replicas (0–20) or an autoscaler range with min ≤ max. */
const scaling = fc.oneof(
  fc.record({ replicas: fc.integer({ min: 0, max: 20 }) }),
  fc.tuple(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 20 })).map(([min, extra]) => ({ minReplicas: min, maxReplicas: min + extra })),
);
const port = fc.integer({ min: 1, max: 65535 });
const image = fc.tuple(dnsLabel, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 99 })).map(([n, a, b]) => `registry.example.com/acme/${n}:${a}.${b}`);

const common = fc.record({ image, resources, env: envMap, config: envMap });

const component = fc.oneof(
  fc.record({ kind: fc.constant('web' as const), common, scaling, port, servicePort: port, ingressHost: fc.option(fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}.${b}.example.com`), { nil: undefined }) }),
  fc.record({ kind: fc.constant('worker' as const), common, scaling }),
  fc.record({ kind: fc.constant('task' as const), common, minute: fc.integer({ min: 0, max: 59 }), hour: fc.integer({ min: 0, max: 23 }) }),
  fc.record({ kind: fc.constant('stateful' as const), common, replicas: fc.integer({ min: 0, max: 20 }), port, storageGi: fc.integer({ min: 1, max: 500 }) }),
);
const app = fc.uniqueArray(fc.tuple(dnsLabel, component), { minLength: 1, maxLength: 4, selector: ([name]) => name });

type Component = typeof component extends fc.Arbitrary<infer T> ? T : never;

function add(chart: AppChart, name: string, c: Component): Resources {
  const base = { ...c.common, name };
  switch (c.kind) {
    case 'web':
      new WebService(chart, name, { ...base, ...c.scaling, port: c.port, servicePort: c.servicePort, ingressHost: c.ingressHost });
      break;
    case 'worker':
      new Worker(chart, name, { ...base, ...c.scaling });
      break;
    case 'task':
      new ScheduledTask(chart, name, { ...base, schedule: Cron.schedule({ minute: String(c.minute), hour: String(c.hour) }) });
      break;
    case 'stateful':
      new StatefulService(chart, name, { ...base, replicas: c.replicas, port: c.port, storageSize: `${c.storageGi}Gi` });
      break;
  }
  return c.common.resources;
}

test('random valid components synthesize to schema-valid, restricted-compliant objects', () => {
  fc.assert(fc.property(app, (components) => {
    // GIVEN an app with random valid components
    const chart = new AppChart(Testing.app(), 'shop', { version: '1.8.2' });
    const asked = new Map(components.map(([name, c]) => [`shop-${name}`, add(chart, name, c)]));

    // WHEN synthesized (the app's own guardrails run too)
    const manifests = Testing.synth(chart);

    // THEN no schema, names or pod-security finding
    const findings = checkManifests(manifests.map((manifest) => ({ manifest })), { rules: [Rule.SCHEMA, Rule.NAMES, Rule.POD_SECURITY] });
    expect(findings).toEqual([]);
    // AND every workload requests what its component asked for
    const workloads = manifests.filter((m) => ['Deployment', 'StatefulSet', 'CronJob'].includes(m.kind));
    expect(workloads.map((w) => w.metadata.name).sort()).toEqual([...asked.keys()].sort());
    for (const w of workloads) {
      const spec = w.kind === 'CronJob' ? w.spec.jobTemplate.spec.template.spec : w.spec.template.spec;
      const requests = spec.containers[0].resources.requests;
      const r = asked.get(w.metadata.name)!;
      expect(parseQuantity(String(requests.cpu)).cmp(parseQuantity(r.cpu))).toBe(0);
      expect(parseQuantity(String(requests.memory)).cmp(parseQuantity(r.memory))).toBe(0);
    }
  }), { numRuns: 40 });
});
