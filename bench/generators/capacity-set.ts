// The capacity benchmark set of issue #3: 1,000 Node objects (as `kubectl get nodes -o yaml`
// prints them, trimmed to what scheduling reads) and 500 Deployments × 20 replicas = 10,000 pods.
// Three pools exercise the filters a real cluster hits: a general pool, a high-memory pool that
// some Deployments select, and a GPU pool tainted `dedicated=gpu:NoSchedule` that only GPU
// Deployments tolerate; a tenth of the Deployments spread with DoNotSchedule on hostname.
// Everything fits with room to spare (about a third of the cluster's CPU is requested).

export interface CapacitySetOptions {
  /** @default 1000 */
  readonly nodes?: number;
  /** @default 500 */
  readonly deployments?: number;
  /** @default 20 */
  readonly replicas?: number;
}

export interface CapacitySet {
  readonly nodes: Record<string, unknown>[];
  readonly deployments: Record<string, unknown>[];
  /** nodes × replicas, for the table. */
  readonly pods: number;
}

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

export function capacitySet(options: CapacitySetOptions = {}): CapacitySet {
  const nodeCount = options.nodes ?? 1000;
  const deploymentCount = options.deployments ?? 500;
  const replicas = options.replicas ?? 20;
  const gpuNodes = Math.max(1, Math.round(nodeCount * 0.05));
  const highmemNodes = Math.max(1, Math.round(nodeCount * 0.15));

  const nodes: Record<string, unknown>[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const pool = i < gpuNodes ? 'gpu' : i < gpuNodes + highmemNodes ? 'highmem' : 'general';
    nodes.push(node(`${pool}-${String(i).padStart(4, '0')}`, pool, ZONES[i % ZONES.length]));
  }

  const deployments: Record<string, unknown>[] = [];
  for (let i = 0; i < deploymentCount; i++) {
    deployments.push(deployment(i, replicas));
  }
  return { nodes, deployments, pods: deploymentCount * replicas };
}

function node(name: string, pool: string, zone: string): Record<string, unknown> {
  const memory = pool === 'highmem' ? '64Gi' : '32Gi';
  const capacity: Record<string, string> = { 'cpu': '8', 'memory': memory, 'pods': '110', 'ephemeral-storage': '100Gi' };
  const allocatable: Record<string, string> = { 'cpu': '7910m', 'memory': pool === 'highmem' ? '63Gi' : '31Gi', 'pods': '110', 'ephemeral-storage': '95Gi' };
  if (pool === 'gpu') {
    capacity['nvidia.com/gpu'] = '4';
    allocatable['nvidia.com/gpu'] = '4';
  }
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node.kubernetes.io/instance-type': pool === 'highmem' ? 'r6i.2xlarge' : pool === 'gpu' ? 'g5.2xlarge' : 'm6i.2xlarge',
        'topology.kubernetes.io/zone': zone,
        'cdk8s-appkit.io/pool': pool,
      },
    },
    spec: pool === 'gpu' ? { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } : {},
    status: { capacity, allocatable },
  };
}

function deployment(i: number, replicas: number): Record<string, unknown> {
  const name = `svc-${String(i).padStart(3, '0')}`;
  const namespace = `team-${i % 20}`;
  const labels = { 'app.kubernetes.io/name': name };
  const gpu = i % 100 === 0;
  const highmem = !gpu && i % 10 === 1;
  const spread = i % 10 === 2;
  const cpu = `${100 + (i % 3) * 100}m`;
  const memory = highmem ? '2Gi' : `${128 << (i % 3)}Mi`;
  const resources: Record<string, Record<string, string>> = { requests: { cpu, memory }, limits: { memory } };
  if (gpu) {
    resources.requests['nvidia.com/gpu'] = '1';
    resources.limits['nvidia.com/gpu'] = '1';
  }
  const podSpec: Record<string, unknown> = {
    containers: [{ name: 'main', image: `registry.example.com/${name}:1.0.0`, resources }],
  };
  if (gpu) {
    podSpec.nodeSelector = { 'cdk8s-appkit.io/pool': 'gpu' };
    podSpec.tolerations = [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }];
  }
  if (highmem) {
    podSpec.nodeSelector = { 'cdk8s-appkit.io/pool': 'highmem' };
  }
  if (spread) {
    podSpec.topologySpreadConstraints = [{
      maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels },
    }];
  }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: podSpec },
    },
  };
}
