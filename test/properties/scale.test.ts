// Scale (issue 10, "Scale and resources"): huge but valid inputs end with an answer, never with
// `Maximum call stack size exceeded`. The sizes are the ones that caught the defects: a spread
// (`out.push(...lines)`, `objects.push(...parsed)`) overflows the stack past ~120,000
// arguments, so every property draws more than that. No timed assertions.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { planCapacity } from '../../lib/capacity/plan';
import { renderCapacityMarkdown } from '../../lib/capacity/report-markdown';
import { readInputs } from '../../lib/cli/read-inputs';
import { checkManifests, Rule } from '../../lib/guardrails';
import { ManifestObject } from '../../lib/scheduler/types';

// Above the ~120,000 where a spread overflows, with margin; one draw each (every draw is that large).
const SIZES = fc.integer({ min: 150_000, max: 170_000 });

function deployment(name: string): ManifestObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'shop' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'x:1', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] } },
    },
  } as ManifestObject;
}

test('the CLI reads a List of n objects (n > 150,000) into n objects', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appkit-scale-'));
  fc.assert(fc.property(SIZES, (n) => {
    const file = path.join(dir, 'all.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: n }, (_, i) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } })) }));
    const objects = readInputs([file], () => '');
    expect(objects).toHaveLength(n);
    // (a JSON file over 2 MiB is not parsed a second time for line numbers)
    expect(objects[n - 1].source).toEqual({ file, documentIndex: 0, listIndex: n - 1 });
  }), { numRuns: 1 });
});

test('the Markdown report of a pool of n nodes (n > 150,000) renders, with the first 100 node rows and how many more', () => {
  // GIVEN a real plan of one pool, its node list grown to n (planning n nodes is the scheduler's cost, not the report's)
  const plan = planCapacity({ manifests: [deployment('web')], pools: [{ name: 'general', count: 2, allocatable: { cpu: '4', memory: '16Gi', pods: 110 } }] });
  fc.assert(fc.property(SIZES, (n) => {
    const node = plan.pools[0].nodes[1];
    const big = { ...plan, pools: [{ ...plan.pools[0], nodeCount: n, nodes: Array.from({ length: n }, () => node) }] };
    // WHEN rendered (no stack overflow) THEN the list is bounded and says how many nodes it leaves out
    const report = renderCapacityMarkdown(big, {});
    const rows = report.split('\n').filter((line) => line.startsWith(`| ${node.name} `) || line.startsWith(`| \`${node.name}\``));
    expect(rows.length).toBe(100);
    expect(report).toContain(`… and ${n - 100} more nodes (not listed; see --format json).`);
  }), { numRuns: 1 });
});

test('the guardrails check n objects (n > 150,000)', () => {
  fc.assert(fc.property(SIZES, (n) => {
    const objects = Array.from({ length: n }, (_, i) => ({ manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}`, namespace: 'shop' }, data: { a: '1' } } as ManifestObject }));
    expect(checkManifests(objects, { rules: [Rule.API_VALIDATION, Rule.DUPLICATE_OBJECT] })).toEqual([]);
  }), { numRuns: 1 });
});
