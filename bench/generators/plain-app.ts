// Generates the benchmark system as a plain cdk8s-plus-27 program, written the way a team
// without cdk8s-appkit writes it: a chart class with one helper per component type (Deployment
// + Service + HPA + PDB + Ingress + ConfigMap, Deployment + PDB, CronJob), one call per
// component, ONE CHART PER APP PER ENVIRONMENT (the same charts as the cdk8s-appkit program,
// `<env>-<app>.k8s.yaml`), synthesized with cdk8s's own `App.synth()`. Security settings and
// probes match the cdk8s-appkit output, so both sides build the same objects.
import {
  AppSpec, COMPONENTS_PER_APP, ComponentKind, ComponentSpec, CPU_REQUEST_MILLIS, ENVIRONMENTS, FIXED_REPLICAS,
  MEMORY_MIB, OVERRIDES, PUBLIC_WEB_MAX, PUBLIC_WEB_MIN,
} from './spec';
import { countComponents } from './appkit-app';

const PRELUDE = `import { ApiObject, App, Chart, Cron, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';

const OVERRIDES: { [env: string]: { [component: string]: { replicas?: number; maxReplicas?: number } } } = ${JSON.stringify(OVERRIDES)};

const RESOURCES: kplus.ContainerResources = {
  cpu: { request: kplus.Cpu.millis(${CPU_REQUEST_MILLIS}) },
  memory: { request: Size.mebibytes(${MEMORY_MIB}), limit: Size.mebibytes(${MEMORY_MIB}) },
};

const CONTAINER_SECURITY: kplus.ContainerSecurityContextProps = {
  ensureNonRoot: true,
  privileged: false,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
};

interface ComponentOptions {
  readonly image: string;
  readonly replicas?: number;
  readonly minReplicas?: number;
  readonly maxReplicas?: number;
  readonly ingressHost?: string;
  readonly config?: { [key: string]: string };
  readonly healthPath?: string;
}

class AppStack extends Chart {
  constructor(scope: Construct, private readonly env: string, private readonly appName: string) {
    super(scope, \`\${env}-\${appName}\`, {
      namespace: appName,
      disableResourceNameHashes: true,
      labels: {
        'app.kubernetes.io/name': appName,
        'app.kubernetes.io/instance': \`\${appName}-\${env}\`,
        'app.kubernetes.io/version': '1.0.0',
        'app.kubernetes.io/part-of': appName,
      },
    });
    const ns = new kplus.Namespace(this, 'Namespace', {
      metadata: {
        name: appName,
        labels: {
          'pod-security.kubernetes.io/enforce': 'restricted',
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/warn': 'restricted',
        },
      },
    });
    ApiObject.of(ns).addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }

  public webService(name: string, options: ComponentOptions): void {
    const o = { ...options, ...OVERRIDES[this.env]?.[name] };
    const configMap = o.config
      ? new kplus.ConfigMap(this, \`\${name}-config\`, { metadata: { name: \`\${this.appName}-\${name}-config\` }, data: o.config })
      : undefined;
    const deployment = this.deployment(name, o, 8080, configMap);
    const service = deployment.exposeViaService({
      name: \`\${this.appName}-\${name}\`,
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
    });
    if (o.maxReplicas !== undefined) {
      new kplus.HorizontalPodAutoscaler(this, \`\${name}-hpa\`, {
        metadata: { name: \`\${this.appName}-\${name}\` },
        target: deployment,
        minReplicas: o.minReplicas,
        maxReplicas: o.maxReplicas,
        metrics: [kplus.Metric.resourceCpu(kplus.MetricTarget.averageUtilization(70))],
      });
    }
    if (o.ingressHost !== undefined) {
      new kplus.Ingress(this, \`\${name}-ingress\`, {
        metadata: { name: \`\${this.appName}-\${name}\` },
        rules: [{ host: o.ingressHost, path: '/', pathType: kplus.HttpIngressPathType.PREFIX, backend: kplus.IngressBackend.fromService(service) }],
      });
    }
    this.disruptionBudget(name, deployment);
  }

  public worker(name: string, options: ComponentOptions): void {
    const o = { ...options, ...OVERRIDES[this.env]?.[name] };
    this.disruptionBudget(name, this.deployment(name, o));
  }

  public scheduledTask(name: string, image: string, schedule: Cron): void {
    new kplus.CronJob(this, name, {
      metadata: { name: \`\${this.appName}-\${name}\` },
      schedule,
      concurrencyPolicy: kplus.ConcurrencyPolicy.FORBID,
      containers: [{ name, image, resources: RESOURCES, securityContext: CONTAINER_SECURITY, volumeMounts: [this.tmp(name)] }],
      securityContext: { ensureNonRoot: true },
      automountServiceAccountToken: false,
    });
  }

  private deployment(name: string, o: ComponentOptions, port?: number, configMap?: kplus.ConfigMap): kplus.Deployment {
    return new kplus.Deployment(this, name, {
      metadata: { name: \`\${this.appName}-\${name}\` },
      replicas: o.maxReplicas !== undefined ? undefined : o.replicas,
      podMetadata: { labels: { 'app.kubernetes.io/component': name } },
      containers: [{
        name,
        image: o.image,
        ports: port === undefined ? undefined : [{ number: port, name: 'http' }],
        resources: RESOURCES,
        securityContext: CONTAINER_SECURITY,
        readiness: o.healthPath ? kplus.Probe.fromHttpGet(o.healthPath, { port }) : undefined,
        liveness: o.healthPath ? kplus.Probe.fromHttpGet(o.healthPath, { port }) : undefined,
        envFrom: configMap ? [kplus.Env.fromConfigMap(configMap)] : undefined,
        volumeMounts: [this.tmp(name)],
      }],
      securityContext: { ensureNonRoot: true },
      automountServiceAccountToken: false,
    });
  }

  private disruptionBudget(name: string, deployment: kplus.Deployment): void {
    new kplus.k8s.KubePodDisruptionBudget(this, \`\${name}-pdb\`, {
      metadata: { name: \`\${this.appName}-\${name}\` },
      spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: deployment.matchLabels } },
    });
  }

  private tmp(name: string): kplus.VolumeMount {
    return { path: '/tmp', volume: kplus.Volume.fromEmptyDir(this, \`\${name}-tmp\`, 'tmp') };
  }
}

const NIGHTLY = Cron.schedule({ minute: '0', hour: '3' });
`;

/**
 * Source of a main.ts exporting `buildApp(outdir?)` (a cdk8s `App`); run directly it calls
 * `app.synth()` like the cdk8s project template.
 */
export function plainAppSource(apps: readonly AppSpec[]): string {
  const lines: string[] = [
    `// Generated by bench/generators/plain-app.ts: ${countComponents(apps)} components in ${apps.length} apps`
      + ` (${COMPONENTS_PER_APP} per app), one chart per app per environment.`,
    PRELUDE,
    'export function buildApp(outdir?: string): App {',
    '  const app = new App({ outdir });',
    `  for (const env of ${JSON.stringify(ENVIRONMENTS)}) {`,
    '    defineSystem(app, env);',
    '  }',
    '  return app;',
    '}',
    '',
    'function defineSystem(app: App, env: string): void {',
  ];
  for (const app of apps) {
    const v = `a${app.name.slice(4)}`;
    lines.push(`  const ${v} = new AppStack(app, env, '${app.name}');`);
    for (const c of app.components) {
      lines.push(`  ${componentStatement(v, app, c)}`);
    }
  }
  lines.push(
    '}',
    '',
    'if (require.main === module) {',
    '  buildApp().synth();',
    '}',
    '',
  );
  return lines.join('\n');
}

function componentStatement(scope: string, app: AppSpec, c: ComponentSpec): string {
  const image = `image: '${c.image}'`;
  switch (c.kind) {
    case ComponentKind.PUBLIC_WEB:
      return `${scope}.webService('${c.name}', { ${image}, minReplicas: ${PUBLIC_WEB_MIN}, maxReplicas: ${PUBLIC_WEB_MAX}, `
        + `ingressHost: '${c.name}.${app.name}.example.com', healthPath: '/healthz', config: { LOG_LEVEL: 'info' } });`;
    case ComponentKind.INTERNAL_WEB:
      return `${scope}.webService('${c.name}', { ${image}, replicas: ${FIXED_REPLICAS}, healthPath: '/healthz' });`;
    case ComponentKind.WORKER:
      return `${scope}.worker('${c.name}', { ${image}, replicas: ${FIXED_REPLICAS} });`;
    case ComponentKind.TASK:
      return `${scope}.scheduledTask('${c.name}', '${c.image}', NIGHTLY);`;
  }
}

/**
 * tsconfig.json of the cdk8s `typescript-app` project template (cdk8s-cli
 * templates/typescript-app/tsconfig.json), so that `npx ts-node main.ts` type-checks exactly as a
 * freshly initialised cdk8s project does.
 */
export const CDK8S_TEMPLATE_TSCONFIG = {
  compilerOptions: {
    alwaysStrict: true,
    declaration: true,
    experimentalDecorators: true,
    inlineSourceMap: true,
    inlineSources: true,
    lib: ['es2016'],
    module: 'CommonJS',
    noEmit: false,
    noEmitOnError: true,
    noFallthroughCasesInSwitch: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noImplicitThis: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    resolveJsonModule: true,
    strict: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    stripInternal: true,
    target: 'ES2017',
  },
  include: ['**/*.ts'],
  exclude: ['node_modules'],
};
