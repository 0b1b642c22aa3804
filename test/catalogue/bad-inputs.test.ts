// The catalogue of bad inputs across constructs, engine, capacity and CLI (issue 4, "Tests").
// Rule-level guardrail findings have their own catalogue (test/guardrails/catalogue.test.ts);
// these rows are what a user gets wrong one layer up: construct props, quantities handed to the
// engine, capacity props and command lines. Each row asserts the exact sentence (construct
// path, prop or field, bad value, fix) and that nothing was written: rows that synthesize go
// through AppkitApp.synth() into a temp dist/ that holds a previous synth, which must stay
// byte for byte the same with no temp folder left beside it.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Cron, Duration, JsonPatch, YamlOutputType } from 'cdk8s';
import {
  AppChart, AppkitApp, Environment, EnvironmentProps, ExternalSecret, ExternalSecretProps, HealthCheck, IncludeManifests, Metrics, Migration, Peer,
  ResourcePreset, Resources, Rollout, ScalingMetric, AutoscalingTarget, ScheduledTask, SecretRef, StatefulService, WebService,
  WebServiceProps, Worker,
} from '../../lib/app';
import { CapacityCheck, CapacityCheckProps, Headroom, SurgePolicy } from '../../lib/capacity';
import { CliIo, main } from '../../lib/cli/main';
import { InvalidQuantityError, parseQuantity, podRequests } from '../../lib/scheduler';
import { PodSpec } from '../../lib/scheduler/types';
import { hashTree, leftovers, removeWorkspaces, workspace } from '../synth/tree';

afterAll(removeWorkspaces);

const IMAGE = 'ghcr.io/acme/shop-api:1.4.0';
const RESOURCES = Resources.of({ cpu: '250m', memory: '256Mi' });
const FORMAT_WRONG = 'quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\'';
const SUFFIX = 'unable to parse quantity\'s suffix';

interface Shop {
  readonly app: AppkitApp;
  readonly env: Environment;
  readonly chart: AppChart;
}

/** AppkitApp → Environment `production` → AppChart `shop` (version 1.8.2), writing to `outdir`. */
function shop(outdir: string, envProps: EnvironmentProps = {}): Shop {
  const app = new AppkitApp({ outdir });
  const env = new Environment(app, 'production', envProps);
  const chart = new AppChart(env, 'shop', { version: '1.8.2' });
  return { app, env, chart };
}

/** A valid app, synthesized once: every row's outdir starts as a copy of its dist/. */
let previousDist: string;
beforeAll(() => {
  previousDist = path.join(workspace(), 'dist');
  const { app, chart } = shop(previousDist);
  new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES });
  app.synth();
});

// ---------------------------------------------------------------------------------------------
// Constructs and capacity: built into an AppkitApp and synthesized.

interface SynthCase {
  readonly area: 'construct' | 'capacity';
  readonly name: string;
  /** Builds the app (may throw at construct time); `synth()` is called on what it returns. */
  readonly build: (outdir: string) => AppkitApp;
  /** The whole message, or an anchored pattern of it where the sentence is not written yet. */
  readonly message: string | RegExp;
  /** A known defect (file: what is wrong): the row states the behaviour we should have and runs as test.failing. */
  readonly bug?: string;
}

/** `shop()` plus components added by `add`, returning the app. */
const app = (add: (s: Shop) => void, envProps?: EnvironmentProps) => (outdir: string): AppkitApp => {
  const s = shop(outdir, envProps);
  add(s);
  return s.app;
};

const propError = (path_: string, prop: string, problem: string, got: string, fix: string) => `[${path_}] ${prop} ${problem}, got ${got}: ${fix}`;
const DNS1035 = 'must be a DNS-1035 label (lower-case letters, digits and "-", starting with a letter and ending with a letter or digit)';
const LABEL_VALUE = 'must be a valid label value (at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit)';

const SYNTH_CASES: readonly SynthCase[] = [
  {
    area: 'construct',
    name: 'WebService port 0',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, port: 0 })),
    message: propError('production/shop/storefront', 'port', 'must be between 1 and 65535', '0', 'pick a valid TCP port'),
  },
  {
    area: 'construct',
    name: 'WebService port 70000',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, port: 70000 })),
    message: '[production/shop/storefront] port must be between 1 and 65535, got 70000: pick a valid TCP port',
  },
  {
    area: 'construct',
    name: 'WebService servicePort 1.5',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, servicePort: 1.5 })),
    message: propError('production/shop/storefront', 'servicePort', 'must be between 1 and 65535', '1.5', 'pick a valid TCP port'),
  },
  {
    area: 'construct',
    name: 'Worker replicas -1',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, replicas: -1 })),
    message: propError('production/shop/mailer', 'replicas', 'must be an integer between 0 and 2147483647', '-1', 'use 0 or more replicas'),
  },
  {
    area: 'construct',
    name: 'WebService minReplicas above maxReplicas',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, minReplicas: 5, maxReplicas: 3 })),
    message: propError('production/shop/storefront', 'minReplicas', 'must be at most maxReplicas (3)', '5', 'lower minReplicas or raise maxReplicas'),
  },
  {
    area: 'construct',
    name: 'WebService replicas together with maxReplicas',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, replicas: 2, maxReplicas: 5 })),
    message: propError('production/shop/storefront', 'replicas', 'cannot be combined with maxReplicas: the autoscaler owns the replica count', '2', 'set minReplicas instead'),
  },
  {
    area: 'construct',
    name: 'component name with an underscore',
    build: app(({ chart }) => new WebService(chart, 'store_front', { image: IMAGE, resources: RESOURCES })),
    message: propError('production/shop/store_front', 'name', DNS1035, '"store_front"', 'use a short lower-case name like "storefront"'),
  },
  {
    area: 'construct',
    name: 'component name with a leading digit',
    build: app(({ chart }) => new Worker(chart, 'mailer', { name: '1mailer', image: IMAGE, resources: RESOURCES })),
    message: propError('production/shop/mailer', 'name', DNS1035, '"1mailer"', 'use a short lower-case name like "storefront"'),
  },
  {
    area: 'construct',
    name: 'component name of 64 characters',
    build: app(({ chart }) => new Worker(chart, 'mailer', { name: 'm'.repeat(64), image: IMAGE, resources: RESOURCES })),
    message: propError('production/shop/mailer', 'name', 'must be at most 63 characters', `"${'m'.repeat(64)}"`, 'use a short lower-case name like "storefront"'),
  },
  {
    area: 'construct',
    name: 'ScheduledTask whose CronJob name exceeds 52 characters',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', {
      name: 'nightly-inventory-and-pricing-report-for-all-shops', image: IMAGE, resources: RESOURCES, schedule: Cron.daily(),
    })),
    // "shop-" + 50 characters = 55
    message: propError('production/shop/report', 'name',
      'makes the ScheduledTask object name "shop-nightly-inventory-and-pricing-report-for-all-shops" longer than 52 characters',
      '"nightly-inventory-and-pricing-report-for-all-shops"', 'shorten the component or app name'),
  },
  {
    area: 'construct',
    name: 'two components with one name',
    build: app(({ chart }) => {
      new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES });
      new Worker(chart, 'mailer-2', { name: 'mailer', image: IMAGE, resources: RESOURCES });
    }),
    message: propError('production/shop/mailer-2', 'name', 'is already used by production/shop/mailer', '"mailer"',
      'component names must be unique within an app: give this component another name'),
  },
  {
    area: 'construct',
    name: 'missing resources',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: undefined as unknown as Resources })),
    message: propError('production/shop/mailer', 'resources', 'is required', 'undefined',
      'state CPU and memory requests, e.g. resources: Resources.of({ cpu: \'250m\', memory: \'256Mi\' }) or Resources.preset(ResourcePreset.SMALL)'),
  },
  {
    area: 'construct',
    name: 'Resources.of cpu "1 core"',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: Resources.of({ cpu: '1 core', memory: '256Mi' }) })),
    message: propError('production/shop/mailer', 'resources.cpu', 'must be a CPU quantity of 0 or more (cores or millicores)', '"1 core"', 'write e.g. "250m" or "0.5"'),
  },
  {
    area: 'construct',
    name: 'Resources.of cpu "-0.5"',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: Resources.of({ cpu: '-0.5', memory: '256Mi' }) })),
    message: propError('production/shop/mailer', 'resources.cpu', 'must be a CPU quantity of 0 or more (cores or millicores)', '"-0.5"', 'write e.g. "250m" or "0.5"'),
  },
  {
    area: 'construct',
    name: 'Resources.of memory "1GB"',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: Resources.of({ cpu: '250m', memory: '1GB' }) })),
    message: propError('production/shop/mailer', 'resources.memory', 'must be a memory quantity of 0 or more', '"1GB"', 'write e.g. "256Mi", "2Gi" or "1G"'),
  },
  {
    area: 'construct',
    name: 'Resources.of cpuLimit below the request',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: Resources.of({ cpu: '500m', memory: '256Mi', cpuLimit: '250m' }) })),
    message: propError('production/shop/mailer', 'resources.cpuLimit', 'must be at least the CPU request (500m)', '"250m"', 'raise the limit or lower the request'),
  },
  {
    area: 'construct',
    name: 'resources override with a bad memory quantity',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES }),
      { overrides: { mailer: { resources: Resources.of({ cpu: '1', memory: '2GB' }) } } }),
    message: propError('production/shop/mailer', 'resources (override from environment "production").memory',
      'must be a memory quantity of 0 or more', '"2GB"', 'write e.g. "256Mi", "2Gi" or "1G"'),
  },
  {
    area: 'construct',
    name: 'image tagged latest',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: 'ghcr.io/acme/mailer:latest', resources: RESOURCES })),
    message: propError('production/shop/mailer', 'image', 'must not use the moving tag "latest"', '"ghcr.io/acme/mailer:latest"', 'pin a version tag, e.g. "ghcr.io/acme/mailer:1.0.0"'),
  },
  {
    area: 'construct',
    name: 'untagged image on a registry with a port',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: 'registry.local:5000/acme/mailer', resources: RESOURCES })),
    message: propError('production/shop/mailer', 'image', 'must be pinned to a tag or digest', '"registry.local:5000/acme/mailer"', 'add a version tag, e.g. "registry.local:5000/acme/mailer:1.0.0"'),
  },
  {
    area: 'construct',
    name: 'literal secret value in secretEnv (never echoed)',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, secretEnv: { SMTP_PASSWORD: 'hunter2' as unknown as SecretRef } })),
    message: '[production/shop/mailer] secretEnv "SMTP_PASSWORD" must be a SecretRef, got a string (value not shown): '
      + 'reference an existing Secret: SecretRef.of(\'shop-db\', \'password\'); secret values never go into props',
  },
  {
    area: 'construct',
    name: 'variable set in env and secretEnv',
    build: app(({ chart }) => new Worker(chart, 'mailer', {
      image: IMAGE, resources: RESOURCES, env: { DB_PASSWORD: 'x' }, secretEnv: { DB_PASSWORD: SecretRef.of('shop-db', 'password') },
    })),
    message: propError('production/shop/mailer', 'secretEnv name', 'is already set in env', '"DB_PASSWORD"', 'set each variable once, in env or in secretEnv'),
  },
  {
    area: 'construct',
    name: 'config key with a space',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, config: { 'log level': 'info' } })),
    message: propError('production/shop/mailer', 'config key "log level"',
      'must be a valid environment variable name (letters, digits, "_", "-" or ".", not starting with a digit)', '"log level"', 'rename the variable, e.g. LOG_LEVEL'),
  },
  {
    area: 'construct',
    name: 'cron schedule with 6 fields',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.schedule({ minute: '0 0' }) })),
    message: propError('production/shop/report', 'schedule', 'must be a cron expression with 5 fields', '"0 0 * * * *"', 'use e.g. Cron.schedule({ minute: \'0\', hour: \'3\' })'),
  },
  {
    area: 'construct',
    name: 'ScheduledTask startingDeadline of 2.5 seconds',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', {
      image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), startingDeadline: Duration.millis(2500),
    })),
    message: propError('production/shop/report', 'startingDeadline', 'must be a whole number of seconds',
      '"2 seconds 500 millis"', 'use whole seconds, e.g. Duration.seconds(3)'),
  },
  {
    area: 'construct',
    name: 'StatefulService storageSize "10GB"',
    build: app(({ chart }) => new StatefulService(chart, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '10GB' })),
    message: propError('production/shop/db', 'storageSize', 'must be a positive quantity', '"10GB"', 'write e.g. "10Gi"'),
  },
  {
    area: 'construct',
    name: 'HTTP health check path without a slash',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, healthCheck: HealthCheck.http('healthz') })),
    message: propError('production/shop/storefront', 'healthCheck path', 'must start with "/"', '"healthz"', 'use e.g. HealthCheck.http(\'/healthz\')'),
  },
  {
    area: 'construct',
    name: 'ingressPath without ingressHost',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ingressPath: '/api' })),
    message: propError('production/shop/storefront', 'ingressPath', 'needs ingressHost', '"/api"', 'set ingressHost to create the Ingress, or remove this prop'),
  },
  {
    area: 'construct',
    name: 'ingressHost override with capitals',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES }),
      { overrides: { storefront: { ingressHost: 'Shop.Example.com' } } }),
    message: propError('production/shop/storefront', 'ingressHost (override from environment "production")',
      'is not a valid Ingress host (a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\'))',
      '"Shop.Example.com"', 'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address'),
  },
  {
    area: 'construct',
    name: 'Ingress host that is an IP address',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ingressHosts: [{ host: '192.0.2.10' }] })),
    message: propError('production/shop/storefront', 'ingressHosts[0].host', 'is not a valid Ingress host (must be a DNS name, not an IP address)',
      '"192.0.2.10"', 'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address'),
  },
  {
    area: 'construct',
    name: 'Ingress path with "/../"',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ingressHost: 'shop.example.com', ingressPath: '/api/../admin' })),
    message: propError('production/shop/storefront', 'ingressPath', 'is not a valid Ingress path (must not contain \'/../\')',
      '"/api/../admin"', 'use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"'),
  },
  {
    area: 'construct',
    name: 'HPA external metric with a utilization target',
    build: app(({ chart }) => new Worker(chart, 'mailer', {
      image: IMAGE, resources: RESOURCES, maxReplicas: 4, scalingMetrics: [ScalingMetric.external('queue_messages_ready', AutoscalingTarget.averageUtilization(50))],
    })),
    message: propError('production/shop/mailer', 'scalingMetrics[0] target', 'cannot be a utilization for a External metric (only resource metrics have one)', '50',
      'use AutoscalingTarget.value(...) or AutoscalingTarget.averageValue(...), or targetCpuUtilization / targetMemoryUtilization'),
  },
  {
    area: 'construct',
    name: 'HPA scale-down stabilization of two hours',
    build: app(({ chart }) => new Worker(chart, 'mailer', {
      image: IMAGE, resources: RESOURCES, maxReplicas: 4, behavior: { scaleDown: { stabilizationWindow: Duration.hours(2) } },
    })),
    message: propError('production/shop/mailer', 'behavior.scaleDown.stabilizationWindow', 'must be whole seconds from 0 to 3600', '"7200s"', 'use e.g. Duration.minutes(10)'),
  },
  {
    area: 'construct',
    name: 'NetworkPolicy CIDR with host bits and no prefix',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES }).allowFrom(Peer.cidr('10.0.0.300/8'))),
    message: propError('production/shop/mailer', 'allowFrom(cidr) cidr', 'not a valid CIDR', '"10.0.0.300/8"', 'use a CIDR such as "10.0.0.0/8" or "2001:db8::/32"'),
  },
  {
    area: 'construct',
    name: 'NetworkPolicy except range outside its CIDR',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES }).allowFrom(Peer.cidr('10.0.0.0/16', ['10.1.0.0/24']))),
    message: propError('production/shop/mailer', 'allowFrom(cidr) except[0]', 'must be a strict subset of `cidr`', '"10.1.0.0/24"',
      'list ranges inside the CIDR with a longer prefix, e.g. Peer.cidr(\'10.0.0.0/8\', [\'10.1.0.0/16\'])'),
  },
  {
    area: 'construct',
    name: 'AppChart label overriding a recommended label',
    build: (outdir: string) => {
      const a = new AppkitApp({ outdir });
      new AppChart(new Environment(a, 'production'), 'shop', { version: '1.8.2', labels: { 'app.kubernetes.io/name': 'store' } });
      return a;
    },
    message: propError('production/shop', 'labels "app.kubernetes.io/name"', 'would override a recommended label that the app sets itself', '"store"',
      'remove it: set name, version, partOf or instance on the AppChart (or version on a component) instead, or use another key such as "acme.example/name"'),
  },
  {
    area: 'construct',
    name: 'ServiceMonitor on a port the Service does not have (found at synth)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, metrics: Metrics.serviceMonitor() })),
    message: 'Validation failed with the following errors:\n'
      + '  [production/shop/storefront] metrics port "metrics" is not a named port of Service shop-storefront (ports: http): '
      + 'add a port named "metrics" to the component, or set Metrics.serviceMonitor({ port }) to one of its port names',
  },
  {
    area: 'construct',
    name: 'NetworkPolicy on a port name no container has (found at synth)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES }).allowFrom(Peer.namespace('monitoring'), { portName: 'metrics' })),
    message: 'Validation failed with the following errors:\n'
      + '  [production/shop/storefront] allowFrom portName "metrics" is not a container port of shop-storefront (ports: http): name one of its ports, or give the port number',
  },
  {
    area: 'construct',
    name: 'override a Worker cannot take',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES }),
      { overrides: { mailer: { ingressHost: 'mail.example.com' } } }),
    message: propError('production/shop/mailer', 'ingressHost (override from environment "production")', 'does not apply to a Worker',
      '"mail.example.com"', 'remove it from the environment\'s overrides for "mailer"'),
  },
  {
    area: 'construct',
    name: 'override key with a typo (found at synth)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES }),
      { overrides: { storefrnt: { replicas: 3 } } }),
    message: 'Validation failed with the following errors:\n'
      + '  [production] overrides key "storefrnt" matches no component in environment "production" (components: storefront): fix the key or remove the override',
  },
  {
    area: 'construct',
    name: 'runAsUser 0',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, runAsUser: 0 })),
    message: propError('production/shop/mailer', 'runAsUser', 'must be an integer between 1 and 2147483647', '0', 'run as a non-root UID such as 10001'),
  },
  {
    area: 'construct',
    name: 'environment name with a space',
    build: (outdir) => {
      const a = new AppkitApp({ outdir });
      new Environment(a, 'prod east');
      return a;
    },
    message: propError('prod east', 'id', LABEL_VALUE, '"prod east"', 'name the environment like "staging" or "production"'),
  },
  {
    area: 'construct',
    name: 'AppChart version with a space',
    build: (outdir) => {
      const a = new AppkitApp({ outdir });
      new AppChart(new Environment(a, 'production'), 'shop', { version: '1.8 beta' });
      return a;
    },
    message: propError('production/shop', 'version', LABEL_VALUE, '"1.8 beta"', 'use a version like "1.8.2"'),
  },
  {
    area: 'construct',
    name: 'AppkitApp outputFileExtension ".json"',
    build: (outdir) => new AppkitApp({ outdir, outputFileExtension: '.json' }),
    message: '[AppkitApp] outputFileExtension must end in .yaml or .yml, got ".json": kustomize and GitOps tools only read YAML files; leave it unset for .k8s.yaml',
  },
  {
    area: 'construct',
    name: 'AppkitApp yamlOutputType FILE_PER_APP',
    build: (outdir) => new AppkitApp({ outdir, yamlOutputType: YamlOutputType.FILE_PER_APP }),
    message: '[AppkitApp] yamlOutputType must be FILE_PER_CHART, got FILE_PER_APP: AppkitApp writes one file per chart under dist/<environment>/; leave yamlOutputType unset',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck without pools',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [] })),
    message: '[production/capacity] nodePools must list at least one pool, got []: add e.g. { name: \'general\', count: 3, allocatable: { cpu: \'3920m\', memory: \'14Gi\' } }',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck pool with a negative count',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: -1, allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: '[production/capacity] nodePools[0].count must be a whole number of nodes ≥ 0, got -1: use e.g. 3',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck pool with memory "16GB"',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16GB' } }] })),
    message: `[production/capacity] nodePools[0].allocatable['memory'] must be a Kubernetes quantity, got "16GB" (${FORMAT_WRONG}): write e.g. '3500m', '4' or '16Gi'`,
  },
  {
    area: 'capacity',
    name: 'CapacityCheck with headroom -1',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { headroom: -1, nodePools: [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: '[production/capacity] headroom must be a whole number of nodes ≥ 0, got -1: use e.g. 1 for N+1',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck with a per-pool headroom naming no pool',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { headroom: Headroom.perPool({ gpu: 1 }), nodePools: [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: '[production/capacity] headroom names pool "gpu", which is not in nodePools (general): use one of those names',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck pool with zone "eu west"',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 3, zones: ['eu west'], allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: '[production/capacity] nodePools[0].zones[0] must be a zone name (a label value), got "eu west": use e.g. \'eu-west-1a\'',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck pool with a zone listed twice',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 3, zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1a'], allocatable: { cpu: '4', memory: '16Gi' } }] })),
    // was: accepted, eu-west-1a got 2 of the 3 nodes
    message: '[production/capacity] nodePools[0].zones[2] (pool general) must not repeat a zone, got "eu-west-1a", also zones[0]: list each zone once (nodes are spread round robin over the list, so a zone listed twice gets twice its share); for an uneven spread, describe one pool per zone',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck pool with zones and a zone label',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 2, zones: ['eu-west-1a', 'eu-west-1b'], labels: { 'topology.kubernetes.io/zone': 'eu-west-1c' }, allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: '[production/capacity] nodePools[0].zones (pool general) must not be set with the label topology.kubernetes.io/zone, got zones ["eu-west-1a","eu-west-1b"] and the label "eu-west-1c": '
      + 'keep zones (nodes spread over them) or the label (every node in that zone), not both',
  },
  {
    area: 'capacity',
    name: 'over-committed app (found at synth by the scheduler)',
    build: app(({ env, chart }) => {
      // 3 pods of 2 cpu on two 2-cpu nodes: the third pod fits nowhere
      new WebService(chart, 'storefront', { image: IMAGE, resources: Resources.preset(ResourcePreset.LARGE), replicas: 3 });
      new CapacityCheck(env, 'capacity', { surge: SurgePolicy.NONE, nodePools: [{ name: 'general', count: 2, allocatable: { cpu: '2', memory: '8Gi', pods: '110' } }] });
    }),
    message: 'Validation failed with the following errors:\n'
      + '  [production/capacity] cluster cpu: requests 6 exceed allocatable 4 (150%)\n'
      + '  [production/capacity] shop/shop-storefront (Deployment, replica 3 of 3): 0/2 nodes are available: 2 Insufficient cpu.',
  },
  {
    area: 'capacity',
    name: 'raw Deployment with cpu "2 cores" under a CapacityCheck',
    build: app(({ env, chart }) => {
      rawDeployment(chart, '2 cores');
      new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 2, allocatable: { cpu: '2', memory: '8Gi' } }] });
    }),
    // The field once, in manifest terms (not again pod-spec-relative as `… at spec.containers[0]…`);
    // the schema guardrail reports the same bad quantity, as the API server would.
    message: 'Validation failed with the following errors:\n'
      + '  [production/Guardrails] [production/shop/web] Deployment shop/web: spec.template.spec.containers[0].resources.requests[cpu] '
      + `must be a Kubernetes quantity, got "2 cores": ${FORMAT_WRONG} (schema)\n`
      + '  [production/capacity] production/shop/web: Deployment shop/web: spec.template.spec.containers[0].resources.requests[cpu]: '
      + `invalid quantity "2 cores": ${FORMAT_WRONG}`,
  },
  {
    area: 'construct',
    name: 'cron minute 61',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', {
      image: IMAGE, resources: RESOURCES, schedule: Cron.schedule({ minute: '61', hour: '3' }),
    })),
    // robfig/cron ParseStandard, as the API server: end of range (61) above maximum (59)
    message: propError('production/shop/report', 'schedule', 'minute field "61" is out of range 0-59', '"61 3 * * *"', 'use a value from 0 to 59'),
  },
  {
    area: 'construct',
    name: 'cron minute "x"',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', {
      image: IMAGE, resources: RESOURCES, schedule: Cron.schedule({ minute: 'x', hour: '3' }),
    })),
    message: propError('production/shop/report', 'schedule', 'minute field "x" is not a number', '"x 3 * * *"', 'use a value from 0 to 59'),
  },
  {
    area: 'construct',
    name: 'raw Deployment with cpu "2 cores" and no CapacityCheck',
    build: app(({ chart }) => rawDeployment(chart, '2 cores')),
    message: 'Validation failed with the following errors:\n'
      + '  [production/Guardrails] [production/shop/web] Deployment shop/web: spec.template.spec.containers[0].resources.requests[cpu] '
      + `must be a Kubernetes quantity, got "2 cores": ${FORMAT_WRONG} (schema)`,
  },
  // Pod-level props (issue 8).
  {
    area: 'construct',
    name: 'toleration with Exists and a value',
    build: app(({ chart }) => new Worker(chart, 'recommendations', {
      image: IMAGE, resources: RESOURCES, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', value: 'present' }],
    })),
    message: propError('production/shop/recommendations', 'tolerations[0].operator', 'value must be empty when `operator` is \'Exists\'', '"present"',
      'remove the value (Exists matches any value), or use operator: Equal to match this value'),
  },
  {
    area: 'construct',
    name: 'toleration with tolerationSeconds but not NoExecute',
    build: app(({ chart }) => new Worker(chart, 'recommendations', {
      image: IMAGE, resources: RESOURCES, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 60 }],
    })),
    message: propError('production/shop/recommendations', 'tolerations[0].effect', 'must be \'NoExecute\' when `tolerationSeconds` is set', '"NoSchedule"',
      'set effect: NoExecute or remove tolerationSeconds (it only delays eviction by NoExecute taints)'),
  },
  {
    area: 'construct',
    name: 'GPU request without memory',
    build: app(({ chart }) => new Worker(chart, 'recommendations', {
      image: IMAGE, resources: Resources.of({ cpu: '2', extended: { 'nvidia.com/gpu': '1' } } as never),
    })),
    message: propError('production/shop/recommendations', 'resources.memory',
      'is required with extended resources (nvidia.com/gpu): without it the scheduler counts the pod as using no memory on the node', 'undefined',
      'state the memory the container needs, e.g. Resources.of({ cpu: \'2\', memory: \'16Gi\', memoryLimit: \'16Gi\', extended: { \'nvidia.com/gpu\': \'1\' } })'),
  },
  {
    area: 'construct',
    name: 'half a GPU',
    build: app(({ chart }) => new Worker(chart, 'recommendations', {
      image: IMAGE, resources: Resources.of({ cpu: '2', memory: '8Gi', extended: { 'nvidia.com/gpu': '0.5' } }),
    })),
    message: propError('production/shop/recommendations', 'resources.extended["nvidia.com/gpu"]',
      'must be an integer (extended resources are counted in whole devices)', '"0.5"', 'write a whole number, e.g. "1"'),
  },
  {
    area: 'construct',
    name: 'rollout with maxSurge 0 and maxUnavailable 0',
    build: app(({ chart }) => new Worker(chart, 'recommendations', {
      image: IMAGE, resources: RESOURCES, rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 0 }),
    })),
    message: propError('production/shop/recommendations', 'rollout maxUnavailable', 'may not be 0 when `maxSurge` is 0', '0',
      'allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1)'),
  },
  {
    area: 'construct',
    name: 'duplicate port names',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'http', port: 9090 }] })),
    message: propError('production/shop/storefront', 'ports[0].name', 'is already the name of the component\'s own port', '"http"',
      'give every port of the pod its own name'),
  },
  {
    area: 'construct',
    name: 'sidecar without resources',
    build: app(({ chart }) => new Worker(chart, 'recommendations', {
      image: IMAGE, resources: RESOURCES, sidecars: [{ name: 'model-sync', image: IMAGE } as never],
    })),
    message: propError('production/shop/recommendations', 'sidecars[0].resources', 'is required', 'undefined',
      'state what the container needs, e.g. resources: Resources.of({ cpu: \'50m\', memory: \'64Mi\', memoryLimit: \'64Mi\' }); '
      + 'there is no default (cdk8s-plus would silently request 1000m / 512Mi)'),
  },
  {
    area: 'construct',
    name: 'user label overriding a recommended label',
    build: app(({ chart }) => new Worker(chart, 'recommendations', {
      image: IMAGE, resources: RESOURCES, labels: { 'app.kubernetes.io/version': '2.0.0' },
    })),
    message: propError('production/shop/recommendations', 'labels',
      'may not set the recommended label "app.kubernetes.io/version": the app sets it and selectors depend on it', '"app.kubernetes.io/version"',
      'use another label key (e.g. "acme.example/team"), or set name, version or partOf on the AppChart or component'),
  },
  {
    area: 'construct',
    name: 'Recreate rollout on a StatefulService',
    build: app(({ chart }) => new StatefulService(chart, 'postgres', {
      image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '10Gi', rollout: Rollout.recreate(),
    })),
    message: propError('production/shop/postgres', 'rollout', 'Recreate only applies to Deployments', '"Rollout.recreate()"',
      'use Rollout.rollingUpdate({ partition }) or Rollout.onDelete() for a StatefulService'),
  },
  // Issue 10: what the API server rejects, caught at synth; cdk8s' own errors said at our prop.
  {
    area: 'construct',
    name: 'raw Deployment with a negative cpu request',
    build: app(({ chart }) => rawDeployment(chart, '-500m')),
    message: 'Validation failed with the following errors:\n'
      + '  [production/Guardrails] [production/shop/web] Deployment shop/web: spec.template.spec.containers[0].resources.requests[cpu] '
      + '"-500m" is invalid: must be greater than or equal to 0; use a quantity of 0 or more (api-validation)',
  },
  {
    area: 'construct',
    name: 'raw Ingress with an IP address as host',
    build: app(({ chart }) => new ApiObject(chart, 'ingress', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
      spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, rules: [{ host: '10.0.0.1' }] },
    })),
    message: 'Validation failed with the following errors:\n'
      + '  [production/Guardrails] [production/shop/ingress] Ingress shop/web: spec.rules[0].host "10.0.0.1" is invalid: must be a DNS name, not an IP address; '
      + 'use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address (names)\n'
      + '  [production/Guardrails] [production/shop/ingress] Ingress shop/web: spec.defaultBackend.service.name "web" names no Service in namespace "shop": add the Service to the app or fix the name (references)',
  },
  {
    area: 'construct',
    name: 'ScheduledTask timeZone in the wrong case',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), timeZone: 'europe/berlin' })),
    message: propError('production/shop/report', 'timeZone', 'must be a time zone of the tz database (unknown time zone europe/berlin)', '"europe/berlin"', 'use e.g. "Europe/Berlin" or "UTC", with its exact case'),
  },
  {
    area: 'construct',
    name: 'ScheduledTask activeDeadline of 1.5 seconds',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), activeDeadline: Duration.millis(1500) })),
    message: propError('production/shop/report', 'activeDeadline', 'must be a whole number of seconds', '"1 second 500 millis"', 'use whole seconds, e.g. Duration.seconds(2)'),
  },
  {
    area: 'construct',
    name: 'Worker terminationGracePeriod of 2.5 seconds',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, terminationGracePeriod: Duration.millis(2500) })),
    message: propError('production/shop/mailer', 'terminationGracePeriod', 'must be a whole number of seconds', '"2 seconds 500 millis"', 'use whole seconds, e.g. Duration.seconds(3)'),
  },
  {
    area: 'construct',
    name: 'WebService without props (JavaScript)',
    build: app(({ chart }) => new WebService(chart, 'storefront', undefined as unknown as WebServiceProps)),
    message: '[production/shop/storefront] props are required, got undefined: pass at least { image, resources }',
  },
  {
    area: 'construct',
    name: 'IncludeManifests of YAML with a duplicate key (cdk8s Include keeps the last value)',
    build: app(({ chart }) => new IncludeManifests(chart, 'vendor', { path: vendorFile('vendor.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: redis}\ndata: {a: "1"}\ndata: {a: "2"}\n') })),
    message: /^\[production\/shop\/vendor\] \/.*\/vendor\.yaml document 0: invalid YAML at line 5, column 1: mapping key "data" already defined: remove one of the two$/,
  },
  {
    area: 'construct',
    name: 'IncludeManifests of a kind: List whose items is a mapping',
    build: app(({ chart }) => new IncludeManifests(chart, 'vendor', { path: vendorFile('list.yaml', 'apiVersion: v1\nkind: List\nitems:\n  redis: {}\n') })),
    message: /^\[production\/shop\/vendor\] \/.*\/list\.yaml:1: List: items: expected a list of objects, got a mapping: write items as a YAML list \(- apiVersion: …\)$/,
  },
  {
    area: 'construct',
    name: 'ExternalSecret without props (JavaScript)',
    build: app(({ chart }) => new ExternalSecret(chart, 'db', undefined as unknown as ExternalSecretProps)),
    message: '[production/shop/db] props are required, got undefined: pass at least { secretName, storeName, key, remoteKey }',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck without props (JavaScript)',
    build: app(({ chart }) => new CapacityCheck(chart, 'capacity', undefined as unknown as CapacityCheckProps)),
    message: '[production/shop/capacity] props are required, got undefined: pass at least { nodePools: [{ name: \'general\', count: 3, allocatable: { cpu: \'3920m\', memory: \'14Gi\' } }] }',
  },
  {
    area: 'construct',
    name: 'config value null',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, config: { SMTP_HOST: null as unknown as string } })),
    message: propError('production/shop/mailer', 'config "SMTP_HOST"', 'must be a string', 'null', 'give it a value, or remove the key'),
  },
  // Issue 10, second attack: the same mistake in every prop of its kind.
  {
    area: 'construct',
    name: 'env value null (JavaScript)',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, env: { SMTP_PORT: null as unknown as string } })),
    message: propError('production/shop/mailer', 'env "SMTP_PORT"', 'must be a string', 'null', 'give it a value, or remove the key'),
  },
  {
    area: 'construct',
    name: 'sidecar env value 25 (a number)',
    build: app(({ chart }) => new Worker(chart, 'mailer', {
      image: IMAGE, resources: RESOURCES, sidecars: [{ name: 'relay', image: IMAGE, resources: RESOURCES, env: { PORT: 25 as unknown as string } }],
    })),
    message: propError('production/shop/mailer', 'sidecars[0].env "PORT"', 'must be a string', '25', 'quote it: "25"'),
  },
  {
    area: 'construct',
    name: 'command given as one string',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, command: 'npm start' as unknown as string[] })),
    message: propError('production/shop/mailer', 'command', 'must be a list of strings', '"npm start"', 'split it into a list, e.g. ["npm","start"]'),
  },
  {
    area: 'construct',
    name: 'runAsUser 2147483648 (past IsValidUserID)',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, runAsUser: 2 ** 31 })),
    message: propError('production/shop/mailer', 'runAsUser', 'must be an integer between 1 and 2147483647', '2147483648', 'run as a non-root UID such as 10001'),
  },
  {
    area: 'construct',
    name: 'serviceType "Public" (cast through as any)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, serviceType: 'Public' as never })),
    message: propError('production/shop/storefront', 'serviceType', 'must be one of "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"', '"Public"',
      'use ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER or ServiceType.EXTERNAL_NAME'),
  },
  {
    area: 'construct',
    name: 'port protocol "HTTP" (cast through as any)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'metrics', port: 9090, protocol: 'HTTP' as never }] })),
    message: propError('production/shop/storefront', 'ports[0].protocol', 'must be one of "TCP", "UDP", "SCTP"', '"HTTP"', 'use Protocol.TCP, Protocol.UDP or Protocol.SCTP'),
  },
  {
    area: 'construct',
    name: 'extra port with the number of the component\'s own port',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, ports: [{ name: 'admin', port: 8080 }] })),
    message: propError('production/shop/storefront', 'ports[0].port', 'is already the number of the component\'s own port in the same container (TCP)', '8080',
      'give every port of a container its own number, or use one port'),
  },
  {
    area: 'construct',
    name: 'ScheduledTask concurrencyPolicy "Sometimes" (cast through as any)',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), concurrencyPolicy: 'Sometimes' as never })),
    message: propError('production/shop/report', 'concurrencyPolicy', 'must be one of "Allow", "Forbid", "Replace"', '"Sometimes"',
      'use ConcurrencyPolicy.ALLOW, ConcurrencyPolicy.FORBID or ConcurrencyPolicy.REPLACE'),
  },
  {
    area: 'construct',
    name: 'ScheduledTask timeZone 5 (a number)',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), timeZone: 5 as unknown as string })),
    message: propError('production/shop/report', 'timeZone', 'must be a time zone of the tz database (must be a string)', '5', 'use e.g. "Europe/Berlin" or "UTC", with its exact case'),
  },
  {
    area: 'construct',
    name: 'ScheduledTask backoffLimit 2147483648 (past int32)',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', { image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), backoffLimit: 2 ** 31 })),
    message: propError('production/shop/report', 'backoffLimit', 'must be an integer between 0 and 2147483647', '2147483648', 'use 0 or more retries'),
  },
  {
    area: 'construct',
    name: 'StatefulService storageAccessModes ["ReadWriteEverywhere"]',
    build: app(({ chart }) => new StatefulService(chart, 'postgres', {
      image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '10Gi', storageAccessModes: ['ReadWriteEverywhere' as never],
    })),
    message: propError('production/shop/postgres', 'storageAccessModes[0]', 'must be one of "ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"', '"ReadWriteEverywhere"',
      'use PersistentVolumeAccessMode.READ_WRITE_ONCE, PersistentVolumeAccessMode.READ_ONLY_MANY, PersistentVolumeAccessMode.READ_WRITE_MANY or PersistentVolumeAccessMode.READ_WRITE_ONCE_POD'),
  },
  {
    area: 'construct',
    name: 'Environment with replicas at the top level (JavaScript: ignored silently before)',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES }), { replicas: 3 } as EnvironmentProps),
    message: propError('production', 'replicas', 'is not a prop of Environment (its props: overrides, guardrails, cluster, namespaceScheme)', '3',
      'to set it for components, put it in overrides, e.g. overrides: { storefront: { replicas: … } }'),
  },
  {
    area: 'construct',
    name: 'Environment namespaceScheme "per-team" (cast through as any)',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES }), { namespaceScheme: 'per-team' as never }),
    message: propError('production', 'namespaceScheme', 'must be one of "app", "app-environment"', '"per-team"', 'use NamespaceScheme.APP or NamespaceScheme.APP_AND_ENVIRONMENT'),
  },
  {
    area: 'construct',
    name: 'ingressHosts path 5 (a number)',
    build: app(({ chart }) => new WebService(chart, 'storefront', {
      image: IMAGE, resources: RESOURCES, ingressHosts: [{ host: 'shop.example.com', paths: [{ path: 5 as unknown as string }] }],
    })),
    message: propError('production/shop/storefront', 'ingressHosts[0].paths[0].path', 'is not a valid Ingress path (must be a string)', '5',
      'use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"'),
  },
  {
    area: 'capacity',
    name: 'CapacityCheck surge "sometimes" (cast through as any)',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { surge: 'sometimes' as never, nodePools: [{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: '[production/capacity] surge must be one of "none", "each-rollout", "largest-rollout", "all-rollouts", got "sometimes": '
      + 'use SurgePolicy.NONE, SurgePolicy.EACH_ROLLOUT, SurgePolicy.LARGEST_ROLLOUT, SurgePolicy.ALL_ROLLOUTS',
  },
  {
    area: 'construct',
    name: 'IncludeManifests of a file over maxInputBytes (the hint names the prop, not the CLI flag)',
    build: app(({ chart }) => new IncludeManifests(chart, 'vendor', { path: vendorFile('big.yaml', `# ${'x'.repeat(2000)}\n`), maxInputBytes: 1024 })),
    message: /^\[production\/shop\/vendor\] \/.*\/big\.yaml: input is 2\.0 KiB \(2003 bytes\) past the limit of 1 KiB \(1024 bytes\): split it, or raise the limit with the maxInputBytes prop$/,
  },
  {
    area: 'construct',
    name: 'IncludeManifests of an object whose metadata is a string',
    build: app(({ chart }) => new IncludeManifests(chart, 'vendor', { path: vendorFile('meta.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: redis\n') })),
    message: /^\[production\/shop\/vendor\] \/.*\/meta\.yaml:1: ConfigMap: metadata: expected a mapping \(name, namespace, labels…\), got the string "redis": write it as a mapping, e\.g\. metadata: { name: web }$/,
  },
  {
    area: 'construct',
    name: 'raw Service with port 0',
    build: app(({ chart }) => new ApiObject(chart, 'svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'legacy' }, spec: { ports: [{ port: 0 }] } })),
    message: 'Validation failed with the following errors:\n'
      + '  [production/Guardrails] [production/shop/svc] Service shop/legacy: spec.ports[0].port 0 is invalid: must be between 1 and 65535, inclusive; use a port between 1 and 65535 (api-validation)',
  },
  {
    area: 'construct',
    name: 'raw Deployment with a toleration operator "In"',
    build: app(({ chart }) => {
      const d = rawDeployment(chart, '100m');
      d.addJsonPatch(JsonPatch.add('/spec/template/spec/tolerations', [{ key: 'gpu', operator: 'In', value: 'yes' }]));
    }),
    message: 'Validation failed with the following errors:\n'
      + '  [production/Guardrails] [production/shop/web] Deployment shop/web: spec.template.spec.tolerations[0].operator is invalid: '
      + 'Unsupported value: "In": supported values: "Equal", "Exists"; use operator: Equal (the default) or Exists (api-validation)',
  },
  {
    area: 'capacity',
    name: 'CapacityCheck pool label value "eu west"',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 3, labels: { tier: 'eu west' }, allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: /^Validation failed with the following errors:\n {2}\[production\/capacity\] NodePool general: labels\["tier"\]: invalid node label: value "eu west" a valid label must be an empty string or consist of alphanumeric characters/,
  },
  {
    area: 'capacity',
    name: 'CapacityCheck pool count 1e20 (not exact)',
    build: app(({ env }) => new CapacityCheck(env, 'capacity', { nodePools: [{ name: 'general', count: 1e20, allocatable: { cpu: '4', memory: '16Gi' } }] })),
    message: '[production/capacity] nodePools[0].count must be at most 9007199254740991 nodes (past 2^53 a count is not exact), got 100000000000000000000: use the real node count',
  },
  // Run-to-completion components, Durations and maps given through `as any` or JavaScript
  // (attack on the Migration / hugepages / refreshInterval surface).
  {
    area: 'construct',
    name: 'Migration activeDeadline of NaN seconds',
    build: app(({ chart }) => new Migration(chart, 'migrate', { image: IMAGE, resources: RESOURCES, activeDeadline: Duration.seconds(NaN) })),
    // was: 'NaN seconds' cannot be converted into a whole number of millis. (cdk8s, no path)
    message: propError('production/shop/migrate', 'activeDeadline', 'must be a finite duration', '"NaN seconds"', 'use whole seconds, e.g. Duration.seconds(30)'),
  },
  {
    area: 'construct',
    name: 'Migration ttlAfterFinished of Infinity seconds',
    build: app(({ chart }) => new Migration(chart, 'migrate', { image: IMAGE, resources: RESOURCES, ttlAfterFinished: Duration.seconds(Infinity) })),
    message: propError('production/shop/migrate', 'ttlAfterFinished', 'must be a finite duration', '"Infinity seconds"', 'use whole seconds, e.g. Duration.seconds(30)'),
  },
  {
    area: 'construct',
    name: 'Migration activeDeadline past an int64 of seconds',
    build: app(({ chart }) => new Migration(chart, 'migrate', { image: IMAGE, resources: RESOURCES, activeDeadline: Duration.seconds(1e20) })),
    // was: accepted, written as activeDeadlineSeconds: 100000000000000000000 (the API server cannot decode it)
    message: propError('production/shop/migrate', 'activeDeadline', 'must be at most 9223372036854775807 seconds (an int64)', '"1157407407407407 days 9 hours"',
      'use whole seconds, e.g. Duration.seconds(30)'),
  },
  {
    area: 'construct',
    name: 'Worker terminationGracePeriod of NaN seconds',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: RESOURCES, terminationGracePeriod: Duration.seconds(NaN) })),
    message: propError('production/shop/mailer', 'terminationGracePeriod', 'must be a finite duration', '"NaN seconds"', 'use whole seconds, e.g. Duration.seconds(30)'),
  },
  {
    area: 'construct',
    name: 'autoscaling stabilizationWindow of NaN seconds',
    build: app(({ chart }) => new Worker(chart, 'mailer', {
      image: IMAGE, resources: RESOURCES, maxReplicas: 4, behavior: { scaleDown: { stabilizationWindow: Duration.seconds(NaN) } },
    })),
    message: propError('production/shop/mailer', 'behavior.scaleDown.stabilizationWindow', 'must be a finite duration', '"NaN seconds"', 'use e.g. Duration.minutes(10)'),
  },
  {
    area: 'construct',
    name: 'ExternalSecret refreshInterval of 1.5 milliseconds',
    build: app(({ chart }) => new ExternalSecret(chart, 'db', {
      secretName: 'shop-db', storeName: 'vault', refreshInterval: Duration.millis(1.5),
    })),
    // was: 1.5 must be a whole number of millis. (cdk8s, no path)
    message: propError('production/shop/db', 'refreshInterval', 'must be a whole number of milliseconds', '"1.5 millis"',
      'use e.g. Duration.hours(1), or Duration.seconds(0) to disable periodic refresh'),
  },
  {
    area: 'construct',
    name: 'ExternalSecret refreshInterval of NaN seconds',
    build: app(({ chart }) => new ExternalSecret(chart, 'db', {
      secretName: 'shop-db', storeName: 'vault', refreshInterval: Duration.seconds(NaN),
    })),
    message: propError('production/shop/db', 'refreshInterval', 'must be a finite duration', '"NaN seconds"',
      'use e.g. Duration.hours(1), or Duration.seconds(0) to disable periodic refresh'),
  },
  {
    area: 'construct',
    name: 'Migration replicas (as any)',
    build: app(({ chart }) => new Migration(chart, 'migrate', { image: IMAGE, resources: RESOURCES, replicas: 3 } as any)),
    // was: accepted, the Job written without a word about replicas
    message: propError('production/shop/migrate', 'replicas', 'is not a prop of Migration', '3',
      'remove it (a Migration runs its pod to completion: replicas, probes, ports, autoscaling and metrics are props of WebService, Worker and StatefulService)'),
  },
  {
    area: 'construct',
    name: 'WebService replica: 3 (a typo, from JavaScript)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, replica: 3 } as any)),
    // was: accepted, the Deployment written with the default 2 replicas
    message: propError('production/shop/storefront', 'replica', 'is not a prop of WebService', '3', 'did you mean replicas?'),
  },
  {
    area: 'construct',
    name: 'Worker maxreplicas (wrong case, from JavaScript)',
    build: app(({ chart }) => new Worker(chart, 'queue', { image: IMAGE, resources: RESOURCES, maxreplicas: 5 } as any)),
    // was: accepted, no HorizontalPodAutoscaler
    message: propError('production/shop/queue', 'maxreplicas', 'is not a prop of Worker', '5', 'did you mean maxReplicas?'),
  },
  {
    area: 'construct',
    name: 'StatefulService schedule (a prop of another kind)',
    build: app(({ chart }) => new StatefulService(chart, 'db', { image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '1Gi', schedule: '0 3 * * *' } as any)),
    message: propError('production/shop/db', 'schedule', 'is not a prop of StatefulService', '"0 3 * * *"',
      "remove it (the props of StatefulService are listed in the README's table of components)"),
  },
  {
    area: 'construct',
    name: 'Migration backofLimit (a typo)',
    build: app(({ chart }) => new Migration(chart, 'migrate', { image: IMAGE, resources: RESOURCES, backofLimit: 3 } as any)),
    message: propError('production/shop/migrate', 'backofLimit', 'is not a prop of Migration', '3', 'did you mean backoffLimit?'),
  },
  {
    area: 'construct',
    name: 'ScheduledTask healthCheck (as any)',
    build: app(({ chart }) => new ScheduledTask(chart, 'report', {
      image: IMAGE, resources: RESOURCES, schedule: Cron.daily(), healthCheck: HealthCheck.tcp(),
    } as any)),
    message: propError('production/shop/report', 'healthCheck', 'is not a prop of ScheduledTask', '{"type":"tcp","options":{}}',
      'remove it (a ScheduledTask runs its pod to completion: replicas, probes, ports, autoscaling and metrics are props of WebService, Worker and StatefulService)'),
  },
  {
    area: 'construct',
    name: 'WebService portName 5 (as any)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, portName: 5 as any })),
    // was: TypeError: The "string" argument must be of type string or an instance of Buffer or ArrayBuffer
    message: propError('production/shop/storefront', 'portName', 'must be an IANA service name (at most 15 lower-case letters, digits and single "-", with at least one letter)', '5',
      'use a name such as "http" or "postgres"'),
  },
  {
    area: 'construct',
    name: 'WebService port 8080n (a BigInt)',
    build: app(({ chart }) => new WebService(chart, 'storefront', { image: IMAGE, resources: RESOURCES, port: 8080n as any })),
    // was: TypeError: Do not know how to serialize a BigInt (building the message)
    message: propError('production/shop/storefront', 'port', 'must be between 1 and 65535', '8080n', 'pick a valid TCP port'),
  },
  {
    area: 'construct',
    name: 'Migration given the chart as healthCheck (a cycle)',
    build: app(({ chart }) => new Migration(chart, 'migrate', { image: IMAGE, resources: RESOURCES, healthCheck: chart } as any)),
    // was: TypeError: Converting circular structure to JSON (building the message)
    message: propError('production/shop/migrate', 'healthCheck', 'is not a prop of Migration', 'an AppChart',
      'remove it (a Migration runs its pod to completion: replicas, probes, ports, autoscaling and metrics are props of WebService, Worker and StatefulService)'),
  },
  {
    area: 'construct',
    name: 'Resources.of hugepages "2Mi" (a string)',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1Gi', hugepages: '2Mi' as any }) })),
    // was: resources.hugepages must be keyed by a page size … (hugepages-0), got "0" (the string spread into { 0: '2', … })
    message: propError('production/shop/mailer', 'resources.hugepages', 'must be an object of name: quantity pairs', '"2Mi"', 'pass page size: quantity pairs, e.g. hugepages: { \'2Mi\': \'100Mi\' }'),
  },
  {
    area: 'construct',
    name: 'Resources.of extended as a list',
    build: app(({ chart }) => new Worker(chart, 'mailer', { image: IMAGE, resources: Resources.of({ cpu: '1', memory: '1Gi', extended: ['nvidia.com/gpu'] as any }) })),
    message: propError('production/shop/mailer', 'resources.extended', 'must be an object of name: quantity pairs', '["nvidia.com/gpu"]', 'pass resource: quantity pairs, e.g. extended: { \'nvidia.com/gpu\': \'1\' }'),
  },
];

/** A raw restricted-compliant Deployment `web` requesting `cpu` (what Include and Helm produce). */
/** A file in a fresh workspace (never in the outdir), for IncludeManifests rows. */
function vendorFile(name: string, text: string): string {
  const file = path.join(workspace(), name);
  fs.writeFileSync(file, text);
  return file;
}

function rawDeployment(chart: AppChart, cpu: string): ApiObject {
  const labels = { app: 'web' };
  return new ApiObject(chart, 'web', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'web',
            image: 'nginx:1.25',
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
            resources: { requests: { cpu, memory: '1Gi' } },
          }],
        },
      },
    },
  });
}

function failsWritingNothing(c: SynthCase): void {
  // GIVEN an outdir holding a previous synth
  const outdir = path.join(workspace(), 'dist');
  fs.cpSync(previousDist, outdir, { recursive: true });
  const before = hashTree(outdir);

  // WHEN the app is built and synthesized
  let error: unknown;
  try {
    c.build(outdir).synth();
  } catch (e) {
    error = e;
  }

  // THEN the exact message: the construct path in brackets, then prop, bad value and fix
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  if (typeof c.message === 'string') {
    expect(message).toBe(c.message);
  } else {
    expect(message).toMatch(c.message);
  }
  expect(message).toMatch(/^(Validation failed with the following errors:\n {2})?\[[^\]]+\] \S[^]*: \S[^]*$/);
  // AND nothing was written: the previous dist byte for byte, no new file, no temp folder
  expect(hashTree(outdir)).toEqual(before);
  expect(leftovers(outdir)).toEqual([]);
}

describe('catalogue: constructs and capacity', () => {
  const rows = (cases: readonly SynthCase[]) => cases.map((c) => [c.area, c.name, c] as const);

  test('the previous dist of every row is a real synth', () => {
    expect(Object.keys(hashTree(previousDist))).toEqual(['production/', 'production/kustomization.yaml', 'production/shop.k8s.yaml']);
  });

  test.each(rows(SYNTH_CASES.filter((c) => !c.bug)))('fails (%s) %s, writing nothing', (_area, _name, c) => failsWritingNothing(c));

  // Known defects (see each row's `bug`): the behaviour we should have, failing until fixed.
  test.failing.each(rows(SYNTH_CASES.filter((c) => c.bug)))('fails (%s) %s, writing nothing [known bug]', (_area, _name, c) => failsWritingNothing(c));
});

// ---------------------------------------------------------------------------------------------
// Engine: quantities and pod requests.

interface EngineCase {
  readonly name: string;
  readonly run: () => unknown;
  readonly message: string;
}

const quantity = (input: string, reason: string): EngineCase => ({
  name: `parseQuantity(${JSON.stringify(input)})`,
  run: () => parseQuantity(input),
  message: `invalid quantity ${JSON.stringify(input)}: ${reason}`,
});

const ENGINE_CASES: readonly EngineCase[] = [
  quantity('1K', SUFFIX), // decimal kilo is lower-case k
  quantity('1Mb', FORMAT_WRONG),
  quantity('1KiB', FORMAT_WRONG),
  quantity(' 1', FORMAT_WRONG),
  quantity('1 ', FORMAT_WRONG),
  quantity('1.5.5', FORMAT_WRONG),
  quantity('', FORMAT_WRONG),
  quantity('1e', SUFFIX),
  quantity('1e9223372036854775808', SUFFIX), // exponent past int64: strconv.ParseInt fails (1.27 truncates an int64 exponent to int32, so 1e4294967297 is 10: test/kubernetes/quantity.test.ts)
  {
    name: 'podRequests with "1Mb" in a container request',
    run: () => podRequests({
      containers: [
        { name: 'app', resources: { requests: { cpu: '100m' } } },
        { name: 'sidecar', resources: { requests: { memory: '1Mb' } } },
      ],
    } as PodSpec),
    message: `invalid quantity "1Mb" at spec.containers[1].resources.requests[memory]: ${FORMAT_WRONG}`,
  },
  {
    name: 'podRequests with "1K" in an init container limit',
    run: () => podRequests({ containers: [], initContainers: [{ name: 'migrate', resources: { limits: { cpu: '1K' } } }] } as unknown as PodSpec),
    message: `invalid quantity "1K" at spec.initContainers[0].resources.limits[cpu]: ${SUFFIX}`,
  },
  {
    name: 'podRequests with a negative memory request',
    run: () => podRequests({ containers: [{ name: 'app', resources: { requests: { memory: '-1Gi' } } }] } as PodSpec),
    message: 'invalid quantity "-1Gi" at spec.containers[0].resources.requests[memory]: must be greater than or equal to 0',
  },
  {
    name: 'podRequests with a negative limit and no request',
    run: () => podRequests({ containers: [{ name: 'app', resources: { limits: { cpu: '-500m' } } }] } as PodSpec),
    message: 'invalid quantity "-500m" at spec.containers[0].resources.limits[cpu]: must be greater than or equal to 0',
  },
];

describe('catalogue: engine', () => {
  test.each(ENGINE_CASES.map((c) => [c.name, c] as const))('fails %s', (_name, c) => {
    // WHEN / THEN an InvalidQuantityError with the input (and field), upstream's reason
    let error: unknown;
    try {
      c.run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidQuantityError);
    expect((error as Error).message).toBe(c.message);
  });
});

// ---------------------------------------------------------------------------------------------
// CLI: `cdk8s-appkit capacity` with files in a temp folder.

const POOL = 'apiVersion: capacity.cdk8s-appkit.io/v1alpha1\nkind: NodePool\nmetadata: { name: general }\n'
  + 'spec: { count: 2, allocatable: { cpu: "2", memory: 8Gi, pods: 110 } }\n';

function deploymentYaml(replicas: number, cpu: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: ${replicas}
  strategy: { type: Recreate }
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
        - name: web
          image: nginx:1.25
          resources: { requests: { cpu: ${cpu}, memory: 1Gi } }
`;
}

interface CliCase {
  readonly name: string;
  /** Files to create in the temp folder. */
  readonly files: Record<string, string>;
  /** Arguments after `capacity`; `@/x` is the temp folder's file x. */
  readonly argv: readonly string[];
  readonly code: number;
  /** Exact stderr; `@/` stands for the temp folder. */
  readonly stderr: string;
  /** A known defect: the row states the behaviour we should have and runs as test.failing. */
  readonly bug?: string;
}

const CAPACITY_USAGE = 'usage: cdk8s-appkit capacity --nodes <file> [--nodes <file>...] [options] <file-or-dir|->...\n'
  + 'Run \'cdk8s-appkit capacity --help\' for the options.\n';

const POD_TOLERATION = 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop, labels: { a: b } }\nspec: { tolerations: [{ key: gpu, operator: In, value: yes }], containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n';
const POD_AFFINITY = 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop, labels: { a: b } }\nspec: { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: zone, operator: In, values: [] }] }] } } }, containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n';
const POD_SELECTOR = 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop }\nspec: { nodeSelector: { zone: 5 }, containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n';
const POD_SPREAD = 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop, labels: { a: b } }\nspec: { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { a: b } } }], containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n';

const CLI_CASES: readonly CliCase[] = [
  {
    name: 'missing manifest file',
    files: { 'pools.yaml': POOL },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml: cannot read: no such file or folder (ENOENT).\n',
  },
  {
    name: 'invalid YAML (tab indentation)',
    files: { 'pools.yaml': POOL, 'web.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: web\n' },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml document 0: invalid YAML at line 4, column 1: Tabs are not allowed as indentation.\n',
  },
  {
    name: 'invalid quantity "2 cores" in a manifest',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '2 cores') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    // The field once (not again pod-spec-relative as `… at spec.containers[0]…`).
    stderr: `error: @/web.yaml:1: Deployment shop/web: spec.template.spec.containers[0].resources.requests[cpu]: invalid quantity "2 cores": ${FORMAT_WRONG}.\n`,
  },
  {
    name: 'unknown flag',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headrom', '1', '@/web.yaml'],
    code: 2,
    stderr: `error: unknown option --headrom: did you mean --headroom?\n${CAPACITY_USAGE}`,
  },
  {
    name: 'missing --nodes',
    files: { 'web.yaml': deploymentYaml(1, '1') },
    argv: ['@/web.yaml'],
    code: 2,
    stderr: `error: --nodes is required: give the Node objects or NodePool file the workloads must fit on\n${CAPACITY_USAGE}`,
  },
  {
    name: 'NodePool with count -2',
    files: { 'pools.yaml': POOL.replace('count: 2', 'count: -2'), 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/pools.yaml:1: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got -2: write the number of nodes, e.g. count: 3.\n',
  },
  {
    name: 'bad --headroom value',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', 'two', '@/web.yaml'],
    code: 2,
    stderr: 'error: option --headroom: expected a whole number of nodes ≥ 0, <pool>=<nodes>,… or zone, got "two": '
      + `use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone\n${CAPACITY_USAGE}`,
  },
  {
    name: '--headroom 1.5',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', '1.5', '@/web.yaml'],
    code: 2,
    stderr: `error: option --headroom must be a whole number of nodes ≥ 0, got "1.5": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone\n${CAPACITY_USAGE}`,
  },
  {
    name: '--headroom given twice',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', '1', '--headroom', '2', '@/web.yaml'],
    code: 2,
    // was: the last one silently (exit 1 with headroom 2)
    stderr: `error: option --headroom is given twice, "1" and "2", and takes one value: keep one of the two\n${CAPACITY_USAGE}`,
  },
  {
    name: '--surge given twice',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--surge', 'none', '--surge=all-rollouts', '@/web.yaml'],
    code: 2,
    stderr: `error: option --surge is given twice, "none" and "all-rollouts", and takes one value: keep one of the two\n${CAPACITY_USAGE}`,
  },
  {
    name: '--headroom -1',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', '-1', '@/web.yaml'],
    code: 2,
    stderr: `error: option --headroom must be a whole number of nodes ≥ 0, got "-1": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone\n${CAPACITY_USAGE}`,
  },
  {
    name: '--headroom past 2^53',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', '1e309', '@/web.yaml'],
    code: 2,
    stderr: `error: option --headroom must be a whole number of nodes ≥ 0, got "1e309": use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone\n${CAPACITY_USAGE}`,
  },
  {
    name: '--headroom for a pool that is not there',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', 'gpu=1', '@/web.yaml'],
    code: 2,
    stderr: `error: option --headroom: headroom names pool "gpu", which has no nodes: the pools are general: use one of them\n${CAPACITY_USAGE}`,
  },
  {
    name: '--headroom with a malformed pool pair',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', 'general:1', '@/web.yaml'],
    code: 2,
    stderr: 'error: option --headroom: expected a whole number of nodes ≥ 0, <pool>=<nodes>,… or zone, got "general:1": '
      + `use e.g. --headroom 1, --headroom general=1,gpu=0 or --headroom zone\n${CAPACITY_USAGE}`,
  },
  {
    name: 'NodePool zones not a list',
    files: { 'pools.yaml': POOL.replace('count: 2,', 'count: 2, zones: eu-west-1a,'), 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/pools.yaml:1: NodePool general: spec.zones: expected a list of zone names, got "eu-west-1a": write e.g. zones: [eu-west-1a, eu-west-1b].\n',
  },
  {
    name: 'NodePool zones with a zone twice',
    files: { 'pools.yaml': POOL.replace('count: 2,', 'count: 2, zones: [eu-west-1a, eu-west-1a],'), 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/pools.yaml:1: NodePool general: spec.zones[1]: "eu-west-1a" is listed twice (also spec.zones[0]): list each zone once (nodes are spread round robin over the list, so a zone listed twice gets twice its share); for an uneven spread, describe one pool per zone.\n',
  },
  {
    name: 'Node taints that are a number',
    files: { 'nodes.yaml': 'apiVersion: v1\nkind: Node\nmetadata: { name: n1 }\nspec: { taints: 5 }\nstatus: { allocatable: { cpu: "4", memory: 8Gi, pods: "110" } }\n', 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/nodes.yaml', '@/web.yaml'],
    code: 2,
    // was: error: internal error: taints is not iterable
    stderr: 'error: @/nodes.yaml:1: Node n1: spec.taints: expected a list of taints, got 5: write e.g. taints: [{ key: dedicated, value: gpu, effect: NoSchedule }].\n',
  },
  {
    name: 'a NUL byte in a manifest',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('image: nginx:1.25', 'image: nginx:1.25\u0000') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml document 0: invalid YAML at line 13, column 28: control characters are not allowed (U+0000): remove it, or write it escaped in a double-quoted string ("\\u0000").\n',
  },
  {
    name: 'tolerations that are a number (was: an internal TypeError text)',
    files: { 'pools.yaml': POOL, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop }\nspec: { tolerations: 5, containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.tolerations: expected a list, got 5: write it as a YAML list (- …).\n',
  },
  {
    name: 'topologySpreadConstraints that are a number',
    files: { 'pools.yaml': POOL, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop }\nspec: { topologySpreadConstraints: 5, containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.topologySpreadConstraints: expected a list, got 5: write it as a YAML list (- …).\n',
  },
  {
    name: 'resources.requests that are a number (was: "cannot be verified", exit 1)',
    files: { 'pools.yaml': POOL, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop }\nspec: { priority: 0, containers: [{ name: a, image: a, resources: { requests: 5 } }] }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.containers[0].resources.requests: expected a mapping, got 5: write it as a mapping of quantities, e.g. { cpu: 500m, memory: 1Gi }.\n',
  },
  {
    name: 'a cpu request that is a list',
    files: { 'pools.yaml': POOL, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop }\nspec: { priority: 0, containers: [{ name: a, image: a, resources: { requests: { cpu: [1], memory: 10Mi } } }] }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.containers[0].resources.requests[cpu]: expected a quantity (a string such as 500m, or a number), got a list: write e.g. cpu: 500m.\n',
  },
  {
    name: 'a containerPort quoted',
    files: { 'pools.yaml': POOL, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop }\nspec: { priority: 0, containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } }, ports: [{ containerPort: "80" }] }] }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.containers[0].ports[0].containerPort: expected a whole number, got "80": write a whole number, unquoted.\n',
  },
  {
    name: 'nodeSelector that is a number (was: accepted)',
    files: { 'pools.yaml': POOL, 'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: w, namespace: shop }\nspec: { nodeSelector: 5, containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.nodeSelector: expected a mapping, got 5: write it as a mapping of strings (key: "value").\n',
  },
  {
    name: 'replicas quoted ("3")',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('replicas: 1', 'replicas: "3"') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    // was: must be at most 2147483647 (an int32), got 3
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.replicas: expected a whole number, got the string "3": write it unquoted, e.g. replicas: 3.\n',
  },
  {
    name: 'replicas .nan',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('replicas: 1', 'replicas: .nan') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    // was: got null
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.replicas: must be a whole number ≥ 0, got NaN.\n',
  },
  {
    name: 'NodePool zones of numbers',
    files: { 'pools.yaml': POOL.replace('count: 2,', 'count: 2, zones: [1, 2],'), 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--headroom', 'zone', '@/web.yaml'],
    code: 2,
    // was: spec.zones: expected a list of zone names, got a list
    stderr: 'error: @/pools.yaml:1: NodePool general: spec.zones[0]: expected a zone name (a string), got 1: quote it, e.g. zones: ["1"].\n',
  },
  // Issue #9 semantics: inputs the API server would reject, said in one sentence.
  {
    name: 'Deployment maxSurge 0 and maxUnavailable 0',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(2, '1').replace('strategy: { type: Recreate }', 'strategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.strategy.rollingUpdate.maxUnavailable: 0 is invalid: may not be 0 when `maxSurge` is 0; allow one pod down (maxUnavailable: 1) or one extra pod (maxSurge: 1).\n',
  },
  {
    name: 'DaemonSet maxSurge 0 and maxUnavailable 0',
    files: {
      'pools.yaml': POOL,
      'ds.yaml': 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: { name: agent, namespace: ops }\nspec:\n  updateStrategy: { rollingUpdate: { maxUnavailable: 0 } }\n'
        + '  selector: { matchLabels: { app: agent } }\n  template:\n    metadata: { labels: { app: agent } }\n    spec: { containers: [{ name: a, image: a, resources: { requests: { cpu: 10m, memory: 10Mi } } }] }\n',
    },
    argv: ['--nodes', '@/pools.yaml', '@/ds.yaml'],
    code: 2,
    stderr: 'error: @/ds.yaml:1: DaemonSet ops/agent: spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0; allow one pod down (maxUnavailable: 1) or one extra pod per node (maxSurge: 1).\n',
  },
  {
    name: 'Deployment maxSurge -1',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(2, '1').replace('strategy: { type: Recreate }', 'strategy: { rollingUpdate: { maxSurge: -1 } }') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.strategy.rollingUpdate.maxSurge: -1 is invalid: must be greater than or equal to 0; use 0 or more pods, or a percentage such as "25%".\n',
  },
  {
    name: 'the same object twice once --namespace fills the namespace',
    files: { 'pools.yaml': POOL, 'a.yaml': deploymentYaml(1, '1'), 'b.yaml': deploymentYaml(1, '1').replace('namespace: shop', '') },
    argv: ['--nodes', '@/pools.yaml', '--namespace', 'shop', '@/a.yaml', '@/b.yaml'],
    code: 2,
    stderr: 'error: @/b.yaml:1: Deployment shop/web: metadata.name: the same object (group/kind/namespace/name) is given twice, at @/a.yaml:1 and at @/b.yaml:1: Kubernetes applies it once; remove one copy or give them different names or namespaces.\n',
  },
  {
    name: '--namespace that is not a DNS-1123 label',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--namespace', 'Shop_1', '@/web.yaml'],
    code: 2,
    stderr: `error: option --namespace must be a namespace name (a DNS-1123 label: at most 63 lower-case letters, digits and "-", starting and ending with a letter or digit), got "Shop_1": use e.g. --namespace shop\n${CAPACITY_USAGE}`,
  },
  {
    name: 'LimitRange with an invalid quantity',
    files: { 'pools.yaml': POOL, 'lr.yaml': 'apiVersion: v1\nkind: LimitRange\nmetadata: { name: limits, namespace: shop }\nspec: { limits: [{ type: Container, default: { cpu: 1 core } }] }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/lr.yaml'],
    code: 2,
    stderr: `error: @/lr.yaml:1: LimitRange shop/limits: spec.limits[0].default[cpu]: invalid quantity "1 core": ${FORMAT_WRONG}.\n`,
  },
  {
    name: 'Argo Rollout whose workloadRef is not among the inputs',
    files: { 'pools.yaml': POOL, 'ro.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: { name: web, namespace: shop }\nspec: { replicas: 2, workloadRef: { apiVersion: apps/v1, kind: Deployment, name: web-base } }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/ro.yaml'],
    code: 2,
    stderr: 'error: @/ro.yaml:1: Rollout shop/web: spec.workloadRef: workloadRef Deployment shop/web-base is not among the inputs: its pod template cannot be counted; add the Deployment to the inputs.\n',
  },
  {
    name: 'CronJob with an invalid schedule',
    files: { 'pools.yaml': POOL, 'cj.yaml': 'apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: report, namespace: shop }\nspec:\n  schedule: "61 * * * *"\n  jobTemplate: { spec: { template: { spec: { restartPolicy: Never, containers: [{ name: r, image: r, resources: { requests: { cpu: 10m, memory: 10Mi } } }] } } } }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/cj.yaml'],
    code: 2,
    stderr: 'error: @/cj.yaml:1: CronJob shop/report: spec.schedule: must be a valid cron schedule, got "61 * * * *": the API server rejects it; write e.g. "0 3 * * *".\n',
  },
  // Issue 10, input files: every error names the file, document and line; no input means no verdict.
  {
    name: 'empty manifest file (no workloads)',
    files: { 'pools.yaml': POOL, 'web.yaml': '' },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: no workloads found in @/web.yaml: give manifests with Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs or Pods.\n',
  },
  {
    name: 'manifests without any workload (only a ConfigMap)',
    files: { 'pools.yaml': POOL, 'web.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: web }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: no workloads found in @/web.yaml: it holds 1 object, none of which run pods (ConfigMap); give manifests with Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs or Pods.\n',
  },
  {
    name: 'manifests holding only kinds that run no pods (Service, ConfigMap)',
    files: { 'pools.yaml': POOL, 'x.yaml': 'apiVersion: v1\nkind: Service\nmetadata: { name: a }\nspec: { ports: [{ port: 80 }] }\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/x.yaml'],
    code: 2,
    stderr: 'error: no workloads found in @/x.yaml: it holds 2 objects, none of which run pods (Service, ConfigMap); give manifests with Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs or Pods.\n',
  },
  {
    name: 'manifests holding only a kind whose pods are not counted (a Prometheus CR)',
    files: { 'pools.yaml': POOL, 'x.yaml': 'apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nmetadata: { name: k8s, namespace: monitoring }\nspec: { replicas: 2 }\n' },
    argv: ['--nodes', '@/pools.yaml', '@/x.yaml'],
    code: 2,
    stderr: 'error: no workloads found in @/x.yaml: it holds 1 object (Prometheus); the pods of Prometheus monitoring/k8s are not counted (its operator runs pods from `spec`, kind not modelled); give manifests with Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs, CronJobs or Pods.\n',
  },
  {
    name: 'a NodeList YAML document too large to parse in bounded time (given as JSON instead)',
    files: { 'pools.yaml': POOL, 'nodes.yaml': `apiVersion: v1\nkind: List\nitems: []\n# ${'x'.repeat(8 * 1024 * 1024)}\n` },
    argv: ['--nodes', '@/nodes.yaml', '@/pools.yaml'],
    code: 2,
    stderr: 'error: @/nodes.yaml:1: a YAML document of 8.0 MiB (8388647 bytes) is more than the YAML parser reads in bounded time and memory (8 MiB (8388608 bytes)): give it as JSON (kubectl get nodes -o json > nodes.json), or split it into documents.\n',
  },
  {
    name: 'folder holding only sub-folders, without -R',
    files: { 'pools.yaml': POOL, 'apps/web/web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '@/apps'],
    code: 2,
    stderr: 'error: no manifest files found in @/apps/: it holds only sub-folders (1), which are read with -R (--recursive).\n',
  },
  {
    name: '--nodes= with an empty value',
    files: { 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes=', '@/web.yaml'],
    code: 2,
    stderr: `error: option --nodes needs a value, got an empty one: use e.g. --nodes nodes.yaml\n${CAPACITY_USAGE}`,
  },
  {
    name: '--max-input-bytes 0',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--max-input-bytes', '0', '@/web.yaml'],
    code: 2,
    stderr: `error: option --max-input-bytes must be a whole number of bytes ≥ 1, with an optional Ki, Mi or Gi suffix, at most 9007199254740991 bytes, got "0": use e.g. --max-input-bytes 128Mi\n${CAPACITY_USAGE}`,
  },
  {
    name: 'manifest file over --max-input-bytes',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '--max-input-bytes', '200', '@/web.yaml'],
    code: 2,
    stderr: `error: @/web.yaml: input is ${Buffer.byteLength(deploymentYaml(1, '1'))} bytes past the limit of 200 bytes: split it, or raise the limit with --max-input-bytes.\n`,
  },
  {
    name: 'duplicate key in a manifest',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('  replicas: 1\n', '  replicas: 1\n  replicas: 5\n') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml document 0: invalid YAML at line 6, column 3: mapping key "replicas" already defined: remove one of the two.\n',
  },
  {
    name: 'kind: List whose items is a mapping',
    files: { 'pools.yaml': POOL, 'web.yaml': `apiVersion: v1\nkind: List\nitems:\n  web: {}\n` },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:1: List: items: expected a list of objects, got a mapping: write items as a YAML list (- apiVersion: …).\n',
  },
  {
    name: 'a document that is a plain string',
    files: { 'pools.yaml': POOL, 'web.yaml': `${deploymentYaml(1, '1')}---\njust some text\n` },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:16: expected a Kubernetes object (a mapping with apiVersion and kind), got the string "just some text".\n',
  },
  {
    name: 'manifest file that is not UTF-8',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('metadata', 'm\u00e9tadata') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml', '--', '@/latin1.yaml'],
    code: 2,
    stderr: 'error: @/latin1.yaml: not UTF-8 text (invalid byte 0xe9 at offset 1): save the file as UTF-8.\n',
  },
  {
    name: 'negative cpu request (must never free room)',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1') + '---\n' + deploymentYaml(1, '-1').replace('name: web,', 'name: api,') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:16: Deployment shop/api: spec.template.spec.containers[0].resources.requests[cpu]: -1 is invalid: must be greater than or equal to 0; use a quantity of 0 or more.\n',
  },
  {
    name: 'memory limit below its request',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('requests: { cpu: 1, memory: 1Gi }', 'requests: { cpu: 1, memory: 1Gi }, limits: { memory: 512Mi }') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.template.spec.containers[0].resources.requests: "1Gi" is invalid: must be less than or equal to memory limit of 512Mi; lower the memory request or raise its limit.\n',
  },
  {
    name: 'GPU request with a different limit',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('requests: { cpu: 1, memory: 1Gi }', 'requests: { cpu: 1, memory: 1Gi, nvidia.com/gpu: 1 }, limits: { nvidia.com/gpu: 2 }') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.template.spec.containers[0].resources.requests: 1 is invalid: must be equal to nvidia.com/gpu limit of 2; nvidia.com/gpu cannot be overcommitted: set the request and the limit to the same value.\n',
  },
  {
    name: 'NodePool with negative allocatable memory',
    files: { 'pools.yaml': POOL.replace('memory: 8Gi', 'memory: -8Gi'), 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/pools.yaml:1: NodePool general: spec.allocatable[memory]: invalid quantity "-8Gi": must be greater than or equal to 0: write e.g. 3500m, 4 or 16Gi.\n',
  },
  {
    name: 'over-committed manifests (exit 1)',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(3, '1500m') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 1,
    stderr: 'error: the workloads do not fit: 2 failures, listed under "Failures" above.\n',
  },
  // Issue 10, second attack: what the API server rejects in the fields the scheduler reads.
  {
    name: 'replicas 2147483648 (past int32)',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('replicas: 1', 'replicas: 2147483648') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.replicas: must be at most 2147483647 (an int32), got 2147483648.\n',
  },
  {
    name: 'replicas 1e20 (quoted as written)',
    files: { 'pools.yaml': POOL, 'web.yaml': deploymentYaml(1, '1').replace('replicas: 1', 'replicas: 1e20') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:1: Deployment shop/web: spec.replicas: must be at most 2147483647 (an int32), got 1e20.\n',
  },
  {
    name: 'NodePool count 1e20 (not exact)',
    files: { 'pools.yaml': POOL.replace('count: 2', 'count: 1e20'), 'web.yaml': deploymentYaml(1, '1') },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/pools.yaml:1: NodePool general: spec.count: expected at most 9007199254740991 nodes, got 1e20: write the number of nodes, e.g. count: 3.\n',
  },
  {
    name: 'toleration with operator In',
    files: { 'pools.yaml': POOL, 'pod.yaml': POD_TOLERATION },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.tolerations[0].operator: Unsupported value: "In": supported values: "Equal", "Exists"; use operator: Equal (the default) or Exists.\n',
  },
  {
    name: 'node affinity In without values',
    files: { 'pools.yaml': POOL, 'pod.yaml': POD_AFFINITY },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: '
      + 'Required value: must be specified when `operator` is \'In\' or \'NotIn\'; list the label values to match.\n',
  },
  {
    name: 'nodeSelector value 5 (a number)',
    files: { 'pools.yaml': POOL, 'pod.yaml': POD_SELECTOR },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.nodeSelector: 5 is invalid: must be a string; quote the value of "zone": "5".\n',
  },
  {
    name: 'topology spread maxSkew 0',
    files: { 'pools.yaml': POOL, 'pod.yaml': POD_SPREAD },
    argv: ['--nodes', '@/pools.yaml', '@/pod.yaml'],
    code: 2,
    stderr: 'error: @/pod.yaml:1: Pod shop/w: spec.topologySpreadConstraints[0].maxSkew: 0 is invalid: must be greater than zero; use maxSkew: 1 or more.\n',
  },
  {
    name: 'HPA maxReplicas below minReplicas',
    files: {
      'pools.yaml': POOL,
      'web.yaml': `${deploymentYaml(1, '1')}---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: { name: web, namespace: shop }\n`
        + 'spec: { minReplicas: 5, maxReplicas: 2, scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web } }\n',
    },
    argv: ['--nodes', '@/pools.yaml', '@/web.yaml'],
    code: 2,
    stderr: 'error: @/web.yaml:16: HorizontalPodAutoscaler shop/web: spec.maxReplicas: 2 is invalid: must be greater than or equal to `minReplicas`; raise maxReplicas to at least 5 or lower minReplicas.\n',
  },
];

function cliFails(code: number, c: CliCase): void {
  // GIVEN the files, and an --svg target that must only appear when the input was read
  const dir = workspace();
  for (const [name, text] of Object.entries(c.files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.from([0x23, 0xe9, 0x0a])); // "#é" in Latin-1
  const svg = path.join(dir, 'capacity.svg');
  const at = (s: string) => s.split('@/').join(`${dir}/`);
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {} };

  // WHEN
  const exit = main(['capacity', '--svg', svg, ...c.argv.map(at)], io);

  // THEN the exit code and the exact sentence
  expect(exit).toBe(code);
  expect(stderr).toBe(at(c.stderr));
  if (code === 2) {
    // bad input: no report on stdout, no picture written
    expect(stdout).toBe('');
    expect(fs.existsSync(svg)).toBe(false);
  } else {
    expect(stdout).toContain('\n1. cluster cpu: requests 4500m exceed allocatable 4 (112.5%)\n'
      + '2. shop/web (Deployment, replica 3 of 3): 0/2 nodes are available: 2 Insufficient cpu.\n');
  }
}

describe('catalogue: CLI', () => {
  const rows = (cases: readonly CliCase[]) => cases.map((c) => [c.code, c.name, c] as const);
  test.each(rows(CLI_CASES.filter((c) => !c.bug)))('fails with exit %i: %s', (code, _name, c) => cliFails(code, c));
  test.failing.each(rows(CLI_CASES.filter((c) => c.bug)))('fails with exit %i: %s [known bug]', (code, _name, c) => cliFails(code, c));
});

test('the catalogue has at least 40 bad inputs across constructs, engine, capacity and CLI', () => {
  const byArea = {
    construct: SYNTH_CASES.filter((c) => c.area === 'construct').length,
    capacity: SYNTH_CASES.filter((c) => c.area === 'capacity').length,
    engine: ENGINE_CASES.length,
    cli: CLI_CASES.length,
  };
  expect(Object.values(byArea).every((n) => n >= 5)).toBe(true);
  expect(Object.values(byArea).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(40);
  const names = [...SYNTH_CASES, ...ENGINE_CASES, ...CLI_CASES].map((c) => c.name);
  expect(new Set(names).size).toBe(names.length);
});

// Valid but unusual inputs on the same surface: Kubernetes 1.27 takes them, so must we.
describe('catalogue: unusual inputs accepted', () => {
  test('Migration at its bounds, with props spread as undefined, writes them as given', () => {
    // GIVEN a Migration named at the 52-character limit (shop- + 47), bounds of 0 and undefined spread props
    const { chart } = shop(path.join(workspace(), 'dist'));
    const m = new Migration(chart, 'migrate', {
      name: 'm'.repeat(47), image: IMAGE, resources: Resources.of({ cpu: '100u', memory: '64Mi' }),
      backoffLimit: 0, activeDeadline: Duration.seconds(0), ttlAfterFinished: Duration.seconds(0), replicas: undefined,
    } as MigrationPropsWithUndefined);

    // WHEN the Job is rendered
    const spec = ApiObject.of(m.job).toJson().spec;

    // THEN every value is written as given
    expect(m.jobName).toMatch(/^shop-m{47}-[0-9a-f]{10}$/);
    expect([spec.backoffLimit, spec.activeDeadlineSeconds, spec.ttlSecondsAfterFinished]).toEqual([0, 0, 0]);
    expect(spec.template.spec.containers[0].resources.requests.cpu).toBe('100u');
  });

  test('ExternalSecret refreshInterval of 1 ms and 0 are Go durations', () => {
    const { chart } = shop(path.join(workspace(), 'dist'));
    const props = { secretName: 'shop-db', storeName: 'vault' };
    const fast = new ExternalSecret(chart, 'fast', { ...props, refreshInterval: Duration.millis(1) });
    const off = new ExternalSecret(chart, 'off', { ...props, secretName: 'shop-off', refreshInterval: Duration.seconds(0) });
    expect([fast.apiObject.toJson().spec.refreshInterval, off.apiObject.toJson().spec.refreshInterval]).toEqual(['1ms', '0s']);
  });
});

type MigrationPropsWithUndefined = ConstructorParameters<typeof Migration>[2] & { readonly replicas?: undefined };
