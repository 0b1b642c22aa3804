// The example system: Acme's shop, defined once and synthesized for staging and production.
//
//   npm run synth   → dist/staging/shop.k8s.yaml, dist/production/shop.k8s.yaml (+ kustomization.yaml)
//                     dist/gitops/: the Argo CD Applications (`kubectl apply -k dist/gitops`)
//
// Secrets are never in this file or in dist/: the database password and the TLS certificate
// exist in each cluster, the payment API key is synced from Vault by an ExternalSecret.
import { Cron, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AppChart, Cluster, Environment, EnvironmentProps, HealthCheck, Metrics, Peer, ResourcePreset, Resources, Rollout,
  ScheduledTask, SecretRef, StatefulService, Toleration, WebService, Worker,
} from './lib/app';
import { AppkitApp } from './lib/app/appkit-app';
import { CapacityCheck } from './lib/capacity/capacity-check';
import { GitOps, GitOpsTool } from './lib/gitops';
import { NodePool } from './lib/manifests/node-pool';

/** Release of the shop; every image below is pinned to it. */
export const SHOP_VERSION = '1.8.2';

const DB = {
  DB_HOST: 'shop-postgres',
  DB_NAME: 'shop',
  DB_USER: 'shop',
};
const DB_PASSWORD = SecretRef.of('shop-db', 'password');

/** GPU nodes carry this taint, so only pods that ask for it land there. */
export const GPU_TOLERATION: Toleration = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };

/** The shop's six components. Environments change sizes and hosts, never the shape. */
export function defineShop(env: Environment): AppChart {
  // isolatePods: no pod accepts a connection unless its component allows the caller (below).
  const shop = new AppChart(env, 'shop', { version: SHOP_VERSION, partOf: 'acme-commerce', isolatePods: true });

  // Public storefront: behind the ingress (so reachable from ingress-nginx), autoscaled on CPU.
  const storefront = new WebService(shop, 'storefront', {
    image: `ghcr.io/acme/shop-storefront:${SHOP_VERSION}`,
    resources: Resources.preset(ResourcePreset.MEDIUM),
    healthCheck: HealthCheck.http('/healthz'),
    ingressHost: 'shop.acme.example',
    ingressTlsSecretName: 'shop-acme-example-tls',
    ingressClassName: 'nginx',
    minReplicas: 3,
    maxReplicas: 12,
    targetCpuUtilization: 65,
    env: { API_URL: 'http://shop-api' },
    config: { CHECKOUT_FLOW: 'single-page', LOG_LEVEL: 'info' },
  });

  // Internal API: reached by the storefront through its Service, never from outside.
  const api = new WebService(shop, 'api', {
    image: `ghcr.io/acme/shop-api:${SHOP_VERSION}`,
    resources: Resources.of({ cpu: '500m', memory: '768Mi', memoryLimit: '768Mi' }),
    replicas: 3,
    healthCheck: HealthCheck.http('/readyz'),
    env: DB,
    secretEnv: {
      DB_PASSWORD,
      // Synced from Vault by the external-secrets operator: the app ships an ExternalSecret.
      PAYMENT_API_KEY: SecretRef.fromExternalSecret('shop-payment', 'api-key', {
        storeName: 'acme-vault', remoteKey: 'shop/payment', remoteProperty: 'api-key',
      }),
    },
    config: { LOG_LEVEL: 'info', ORDER_TIMEOUT_SECONDS: '30' },
  });

  // Queue consumer: sends confirmations and syncs stock, scaled with the backlog's CPU.
  const worker = new Worker(shop, 'worker', {
    image: `ghcr.io/acme/shop-worker:${SHOP_VERSION}`,
    resources: Resources.preset(ResourcePreset.SMALL),
    minReplicas: 2,
    maxReplicas: 10,
    targetCpuUtilization: 75,
    command: ['/app/worker'],
    args: ['--queues', 'emails,stock'],
    env: DB,
    secretEnv: { DB_PASSWORD },
  });

  // Nightly sales report at 03:00 Berlin time; one run at a time, killed after an hour.
  const report = new ScheduledTask(shop, 'report', {
    image: `ghcr.io/acme/shop-report:${SHOP_VERSION}`,
    resources: Resources.preset(ResourcePreset.SMALL),
    schedule: Cron.schedule({ minute: '0', hour: '3' }),
    timeZone: 'Europe/Berlin',
    activeDeadline: Duration.hours(1),
    backoffLimit: 2,
    env: DB,
    secretEnv: { DB_PASSWORD },
  });

  // The database. Postgres writes its socket and lock files outside its data directory,
  // so it keeps a writable root filesystem; it runs as the image's postgres user (999).
  const postgres = new StatefulService(shop, 'postgres', {
    image: 'docker.io/library/postgres:15.4',
    resources: Resources.preset(ResourcePreset.LARGE),
    port: 5432,
    portName: 'postgres',
    storageSize: '50Gi',
    storageClassName: 'ssd',
    storageMountPath: '/var/lib/postgresql/data',
    readOnlyRootFilesystem: false,
    runAsUser: 999,
    runAsGroup: 999,
    fsGroup: 999,
    healthCheck: HealthCheck.command(['pg_isready', '-U', 'shop', '-d', 'shop']),
    env: { PGDATA: '/var/lib/postgresql/data/pgdata', POSTGRES_DB: 'shop', POSTGRES_USER: 'shop' },
    secretEnv: { POSTGRES_PASSWORD: DB_PASSWORD },
  });

  // GPU inference: the recommendations model, one GPU per pod, on the tainted GPU node pool.
  // maxSurge 0: a rollout replaces pods one at a time instead of asking for a spare GPU.
  const recommendations = new Worker(shop, 'recommendations', {
    image: `ghcr.io/acme/shop-recommendations:${SHOP_VERSION}`,
    resources: Resources.of({ cpu: '3', memory: '12Gi', memoryLimit: '12Gi', extended: { 'nvidia.com/gpu': '1' } }),
    replicas: 2,
    nodeSelector: { 'cloud.google.com/gke-nodepool': 'gpu' },
    tolerations: [GPU_TOLERATION],
    rollout: Rollout.rollingUpdate({ maxSurge: 0, maxUnavailable: 1 }),
    ports: [{ name: 'metrics', port: 9090 }],
    // Prometheus (prometheus-operator) scrapes the Service's `metrics` port.
    metrics: Metrics.serviceMonitor({ port: 'metrics' }),
    healthCheck: HealthCheck.http('/healthz', { startupTimeout: Duration.minutes(10) }),
    env: { MODEL_DIR: '/tmp/models' },
    // Keeps the model files current from the bucket; small, and says so.
    sidecars: [{
      name: 'model-sync',
      image: 'ghcr.io/acme/model-sync:0.4.1',
      resources: Resources.of({ cpu: '100m', memory: '128Mi', memoryLimit: '128Mi' }),
      args: ['--source', 'gs://acme-models/recommendations', '--dest', '/tmp/models', '--interval', '5m'],
    }],
    // Reads the bucket as a Google service account (GKE Workload Identity), no key file.
    serviceAccount: {
      annotations: { 'iam.gke.io/gcp-service-account': 'shop-recommendations@acme-shop.iam.gserviceaccount.com' },
    },
  });

  // Who may call whom (NetworkPolicies): the storefront calls the api; the api, the worker and
  // the report use the database; Prometheus (namespace monitoring) scrapes the model's metrics.
  api.allowFrom(Peer.component(storefront), { portName: 'http' });
  for (const client of [api, worker, report]) {
    postgres.allowFrom(Peer.component(client), { portName: 'postgres' });
  }
  recommendations.allowFrom(Peer.namespace('monitoring'), { portName: 'metrics' });

  return shop;
}

/** What differs between environments: sizes, replica counts, host names. */
export const ENVIRONMENTS: { readonly [name: string]: EnvironmentProps } = {
  staging: {
    overrides: {
      storefront: { minReplicas: 1, maxReplicas: 2, ingressHost: 'shop.staging.acme.example', resources: Resources.preset(ResourcePreset.SMALL) },
      api: { replicas: 1, resources: Resources.preset(ResourcePreset.SMALL) },
      worker: { minReplicas: 1, maxReplicas: 2 },
      report: { resources: Resources.of({ cpu: '100m', memory: '256Mi', memoryLimit: '256Mi' }) },
      postgres: { resources: Resources.preset(ResourcePreset.MEDIUM) },
      recommendations: { replicas: 1 },
    },
  },
  production: {
    // Registered in Argo CD with `argocd cluster add <kube-context> --name production`;
    // staging runs in the cluster Argo CD runs in (the default, Cluster.inCluster()).
    cluster: Cluster.name('production'),
    overrides: {
      api: { minReplicas: 3, maxReplicas: 8 },
    },
  },
};

/**
 * `count` GPU nodes (g2-standard-8: 8 vCPU, 32 GiB, one NVIDIA L4), tainted
 * `nvidia.com/gpu=present:NoSchedule` and labelled with their node pool, as GKE creates them.
 */
export function gpuPool(count: number): NodePool {
  return {
    name: 'gpu',
    count,
    capacity: { 'cpu': '8', 'memory': '32Gi', 'pods': '110', 'nvidia.com/gpu': '1' },
    reserved: { cpu: '90m', memory: '1792Mi' },
    labels: { 'cloud.google.com/gke-nodepool': 'gpu' },
    taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }],
  };
}

/**
 * The nodes each environment runs on. Production keeps one node of headroom (N+1): the shop
 * must still fit, at its HPA maximums and mid-rollout, while a node is drained or lost.
 */
export const NODE_POOLS: { readonly [name: string]: { readonly pools: NodePool[]; readonly headroom: number } } = {
  staging: {
    // 2 × 2 vCPU / 8 GiB machines; allocatable is what the kubelet leaves to pods. One GPU node.
    pools: [
      { name: 'general', count: 2, capacity: { cpu: '2', memory: '8Gi', pods: '110' }, reserved: { cpu: '70m', memory: '1Gi' } },
      gpuPool(1),
    ],
    headroom: 0,
  },
  production: {
    // 4 × 8 vCPU / 32 GiB machines. With 4 vCPU machines the 2-CPU database, scheduled after
    // the Deployments (apply order), finds no node with 2 CPU left once one node is lost.
    // The GPU pool keeps one spare node too: 2 recommendation pods on 3 single-GPU nodes.
    pools: [
      { name: 'general', count: 4, capacity: { cpu: '8', memory: '32Gi', pods: '110' }, reserved: { cpu: '90m', memory: '1792Mi' } },
      gpuPool(3),
    ],
    headroom: 1,
  },
};

/** Builds the example system into `app`: one Environment per entry of ENVIRONMENTS, each guarded. */
export function buildExample(app: Construct): void {
  for (const [name, props] of Object.entries(ENVIRONMENTS)) {
    // Each environment checks its objects with the guardrails (on by default).
    const env = new Environment(app, name, props);
    defineShop(env);
    const { pools, headroom } = NODE_POOLS[name];
    new CapacityCheck(env, 'capacity', { nodePools: pools, headroom });
  }
  // Argo CD syncs dist/<env>/ of this repository to each environment's cluster, in order
  // (namespaces, then config, then workloads), never pruning Namespaces or volume claims.
  new GitOps(app, 'gitops', { tool: GitOpsTool.ARGO_CD, repoUrl: EXAMPLE_REPO_URL });
}

/** The repository Argo CD clones (this repository, with dist/ committed). */
export const EXAMPLE_REPO_URL = 'https://github.com/acme/shop-deploy.git';

if (require.main === module) {
  AppkitApp.run(() => {
    const app = new AppkitApp();
    buildExample(app);
    app.synth();
  });
}
