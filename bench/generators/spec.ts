// The system both benchmark apps describe (ours with cdk8s-appkit, the baseline with plain
// cdk8s-plus-27): N components grouped into apps of 10, each synthesized for two environments.
// One description, two generators, so both sides build the same objects.

/** Components per application chart (one `<app>.k8s.yaml` per environment). */
export const COMPONENTS_PER_APP = 10;

export const ENVIRONMENTS = ['staging', 'production'] as const;

export enum ComponentKind {
  /** WebService with Ingress, ConfigMap and HPA (min 2, max 4). */
  PUBLIC_WEB = 'public-web',
  /** WebService with 2 fixed replicas. */
  INTERNAL_WEB = 'internal-web',
  /** Worker with 2 fixed replicas. */
  WORKER = 'worker',
  /** ScheduledTask (CronJob), nightly. */
  TASK = 'task',
}

export interface ComponentSpec {
  readonly kind: ComponentKind;
  /** Component name, unique in its app: `web-0`, `api-1`, `worker-2`, `task-3`. */
  readonly name: string;
  readonly image: string;
}

export interface AppSpec {
  /** `app-000`. */
  readonly name: string;
  readonly components: readonly ComponentSpec[];
}

/** Resources of every container: cdk8s-appkit's SMALL preset. */
export const CPU_REQUEST_MILLIS = 100;
export const MEMORY_MIB = 128;

/** Replicas, before environment overrides. */
export const PUBLIC_WEB_MIN = 2;
export const PUBLIC_WEB_MAX = 4;
export const FIXED_REPLICAS = 2;

/**
 * Environment overrides, keyed by component name (they apply to that component in every app):
 * production autoscales the first web service of each app further, staging runs the first worker
 * with 3 replicas. They change numbers, not which objects exist.
 */
export const OVERRIDES: { readonly [env: string]: { readonly [component: string]: { readonly replicas?: number; readonly maxReplicas?: number } } } = {
  staging: { 'worker-2': { replicas: 3 } },
  production: { 'web-0': { maxReplicas: 8 } },
};

const KIND_CYCLE: readonly ComponentKind[] = [
  ComponentKind.PUBLIC_WEB, ComponentKind.INTERNAL_WEB, ComponentKind.WORKER, ComponentKind.TASK,
];
const NAME_PREFIX: { readonly [kind: string]: string } = {
  [ComponentKind.PUBLIC_WEB]: 'web',
  [ComponentKind.INTERNAL_WEB]: 'api',
  [ComponentKind.WORKER]: 'worker',
  [ComponentKind.TASK]: 'task',
};

/** `count` components in apps of COMPONENTS_PER_APP, kinds cycling web / api / worker / task. */
export function systemSpec(count: number): AppSpec[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`systemSpec: count must be a positive integer, got ${count}`);
  }
  const apps: AppSpec[] = [];
  for (let first = 0; first < count; first += COMPONENTS_PER_APP) {
    const name = `app-${String(apps.length).padStart(3, '0')}`;
    const components: ComponentSpec[] = [];
    for (let j = 0; j < Math.min(COMPONENTS_PER_APP, count - first); j++) {
      const kind = KIND_CYCLE[j % KIND_CYCLE.length];
      components.push({ kind, name: `${NAME_PREFIX[kind]}-${j}`, image: `registry.example.com/${name}/${NAME_PREFIX[kind]}:1.0.${j}` });
    }
    apps.push({ name, components });
  }
  return apps;
}

/** Objects per component kind, per environment. */
const OBJECTS: { readonly [kind: string]: { readonly [apiKind: string]: number } } = {
  [ComponentKind.PUBLIC_WEB]: { Deployment: 1, Service: 1, HorizontalPodAutoscaler: 1, PodDisruptionBudget: 1, Ingress: 1, ConfigMap: 1 },
  [ComponentKind.INTERNAL_WEB]: { Deployment: 1, Service: 1, PodDisruptionBudget: 1 },
  [ComponentKind.WORKER]: { Deployment: 1, PodDisruptionBudget: 1 },
  [ComponentKind.TASK]: { CronJob: 1 },
};

/** The Kubernetes objects the system synthesizes, by kind, over all environments. */
export function expectedObjectCounts(apps: readonly AppSpec[]): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (kind: string, n: number) => {
    counts[kind] = (counts[kind] ?? 0) + n * ENVIRONMENTS.length;
  };
  for (const app of apps) {
    add('Namespace', 1);
    for (const component of app.components) {
      for (const [kind, n] of Object.entries(OBJECTS[component.kind])) {
        add(kind, n);
      }
    }
  }
  return counts;
}

/** Total objects over all environments. */
export function expectedObjectTotal(apps: readonly AppSpec[]): number {
  return Object.values(expectedObjectCounts(apps)).reduce((a, b) => a + b, 0);
}

/**
 * Nodes of 8 CPU / 32Gi so that every budgeted pod (HPA max, plus surge) fits with room to spare:
 * the capacity check passes, as it must for a synth to succeed.
 */
export function nodeCount(apps: readonly AppSpec[]): number {
  let pods = 0;
  for (const app of apps) {
    for (const c of app.components) {
      pods += c.kind === ComponentKind.PUBLIC_WEB ? 8 + 1 : c.kind === ComponentKind.TASK ? 1 : 3 + 1;
    }
  }
  const perNode = Math.floor(8000 / CPU_REQUEST_MILLIS);
  return Math.ceil((pods * 1.25) / perNode) + 2;
}

export const NODE_ALLOCATABLE = { cpu: '8', memory: '32Gi', pods: '110' } as const;
