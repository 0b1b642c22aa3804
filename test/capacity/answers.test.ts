// Issue 9, "Answers, not only verdicts" and "Reports a platform engineer reads": the CLI
// (--suggest-nodes, --headroom N | pool=k,… | zone) and the CapacityCheck construct (suggest,
// headroom: Headroom.*) give the same answers on the same inputs.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { Environment } from '../../lib/app/environment';
import { CapacityCheck } from '../../lib/capacity/capacity-check';
import { Headroom } from '../../lib/capacity/headroom';
import { CapacityPlan } from '../../lib/capacity/plan';
import { CliIo, main } from '../../lib/cli/main';
import { NodePool } from '../../lib/manifests/node-pool';

const POOLS: NodePool[] = [
  { name: 'general', count: 4, zones: ['eu-west-1a', 'eu-west-1b'], allocatable: { cpu: '4', memory: '16Gi', pods: 110 } },
  { name: 'gpu', count: 1, allocatable: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' }, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] },
];
const POOLS_YAML = `apiVersion: capacity.cdk8s-appkit.io/v1alpha1
kind: NodePool
metadata: { name: general }
spec:
  count: 4
  zones: [eu-west-1a, eu-west-1b]
  allocatable: { cpu: "4", memory: 16Gi, pods: 110 }
---
apiVersion: capacity.cdk8s-appkit.io/v1alpha1
kind: NodePool
metadata: { name: gpu }
spec:
  count: 1
  allocatable: { cpu: "8", memory: 32Gi, nvidia.com/gpu: "1" }
  taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]
`;

function web(replicas: number) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '1500m', memory: '1Gi' } } }] } },
    },
  };
}

function cli(args: string[], replicas: number): { code: number; stdout: string; stderr: string; plan?: CapacityPlan } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answers-'));
  fs.writeFileSync(path.join(dir, 'pools.yaml'), POOLS_YAML);
  fs.writeFileSync(path.join(dir, 'web.json'), JSON.stringify(web(replicas)));
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, env: {} };
  const code = main(['capacity', '--nodes', path.join(dir, 'pools.yaml'), ...args, path.join(dir, 'web.json')], io);
  fs.rmSync(dir, { recursive: true, force: true });
  return { code, stdout, stderr, plan: args.includes('json') && code !== 2 ? JSON.parse(stdout) as CapacityPlan : undefined };
}

function construct(replicas: number, props: { headroom?: Headroom | number; suggest?: boolean }): CapacityCheck {
  const app = Testing.app();
  const env = new Environment(app, 'production', { guardrails: false });
  const chart = new Chart(env, 'shop');
  new ApiObject(chart, 'web', web(replicas));
  return new CapacityCheck(env, 'capacity', { nodePools: POOLS, writeReport: false, ...props });
}

describe('the CLI and CapacityCheck agree', () => {
  test.each([
    // 11 pods of 1500m: 2 per 4-cpu node → 6 nodes; the gpu pool is tainted away: 0
    [11, ['--suggest-nodes'], { suggest: true }, [{ pool: 'general', nodes: 6, present: 4 }, { pool: 'gpu', nodes: 0, present: 1 }]],
    // N+1 on general: 7 nodes
    [11, ['--suggest-nodes', '--headroom', 'general=1'], { suggest: true, headroom: Headroom.perPool({ general: 1 }) }, [{ pool: 'general', nodes: 7, present: 4 }, { pool: 'gpu', nodes: 0, present: 1 }]],
    // zone loss over two zones: the remaining zone must hold 6 nodes → 12
    [11, ['--suggest-nodes', '--headroom', 'zone'], { suggest: true, headroom: Headroom.zone() }, [{ pool: 'general', nodes: 12, present: 4 }, { pool: 'gpu', nodes: 0, present: 1 }]],
  ])('%i replicas, %j: suggestions %j', (replicas, args, props, suggestions) => {
    const fromCli = cli([...args, '--format', 'json'], replicas);
    const check = construct(replicas, props);

    expect(fromCli.code).toBe(1); // the verdict for the nodes as given
    expect(fromCli.plan!.suggestions).toEqual(suggestions);
    expect(check.plan.suggestions).toEqual(suggestions);
    expect(check.plan.failures).toEqual(fromCli.plan!.failures);
    expect(check.plan.headroom.map((h) => [h.pool, h.lostNodes, h.fits])).toEqual(fromCli.plan!.headroom.map((h) => [h.pool, h.lostNodes, h.fits]));
  });

  test('the text report and the synth error say how many nodes each pool needs', () => {
    const text = cli(['--suggest-nodes'], 11);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('## Suggested node counts\n\n- pool general: 6 nodes needed, 4 present\n- pool gpu: 0 nodes needed, 1 present\n');
    expect(text.stdout).toContain('\n1. shop/web (Deployment), replicas 9–11 of 11: 0/5 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 4 Insufficient cpu.\n');

    const check = construct(11, { suggest: true });
    const chart = check.node.scope!.node.findChild('shop') as Chart;
    expect(() => Testing.synth(chart)).toThrow(
      /\[production\/capacity\] shop\/web \(Deployment\), replicas 9–11 of 11: 0\/5 nodes are available: 1 node\(s\) had untolerated taint \{dedicated: gpu\}, 4 Insufficient cpu\.\n\s*\[production\/capacity\] pool general: 6 nodes needed, 4 present\n\s*\[production\/capacity\] pool gpu: 0 nodes needed, 1 present/);
  });

  test('a plain number is still N+k, in the construct and the CLI', () => {
    const check = construct(6, { headroom: 1 });
    const fromCli = cli(['--headroom', '1', '--format', 'json'], 6);
    expect(check.plan.settings.headroom).toBe(1);
    expect(fromCli.plan!.settings.headroom).toBe(1);
    expect(check.plan.headroom.map((h) => h.lostNodes)).toEqual([['general-4'], ['gpu-1']]);
    expect(fromCli.plan!.headroom.map((h) => h.lostNodes)).toEqual([['general-4'], ['gpu-1']]);
    expect(check.plan.fits).toBe(true);
  });

  test.each([
    [{ headroom: { gneral: 1 } as unknown as Headroom }, '[production/capacity] headroom names pool "gneral", which is not in nodePools (general, gpu): use one of those names'],
    [{ headroom: -1 }, '[production/capacity] headroom must be a whole number of nodes ≥ 0, got -1: use e.g. 1 for N+1'],
    [{ headroom: 'region' as unknown as Headroom }, '[production/capacity] headroom must be a number of nodes, a { pool: nodes } object or \'zone\', got "region": use e.g. 1, { general: 1, gpu: 0 } or \'zone\''],
  ])('fails in the constructor for headroom %j', (props, message) => {
    expect(() => construct(1, props)).toThrow(new Error(message));
  });

  test('plain headroom values from JSON-minded callers work in the construct too', () => {
    expect(construct(6, { headroom: { general: 1 } as unknown as Headroom }).plan.settings.headroom).toEqual({ general: 1 });
    expect(construct(6, { headroom: 'zone' as unknown as Headroom }).plan.settings.headroom).toBe('zone');
  });
});
