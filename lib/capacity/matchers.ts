// Jest matcher for users' own tests:
//   import { capacityMatchers } from 'cdk8s-appkit';
//   expect.extend(capacityMatchers);
//   expect(chart).toFitNodePools([{ name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } }]);
// Written without @types/jest at runtime or in the emitted .d.ts (only the global `jest.Matchers`
// augmentation), so the library still compiles for users of other test runners.
import { Construct } from 'constructs';
import { NodePool } from '../manifests/node-pool';
import { ManifestObject } from '../scheduler/types';
import { CapacityPlan } from './plan';
import { CapacityCheckOptions, planManifests, planScope } from './plan-scope';
import { checkCapacityProps } from './private/check-props';

/** What a jest matcher returns. */
export interface CapacityMatcherResult {
  readonly pass: boolean;
  readonly message: () => string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /**
       * The workloads of a construct scope (chart, environment, app) or of synthesized
       * manifests (`Testing.synth(chart)`) fit the node pools, with kube-scheduler's rules.
       */
      toFitNodePools(pools: NodePool[], options?: CapacityCheckOptions): R;
    }
  }
}

/** Pass to `expect.extend()`. */
export const capacityMatchers = {
  toFitNodePools(received: unknown, pools: NodePool[], options: CapacityCheckOptions = {}): CapacityMatcherResult {
    const problem = checkCapacityProps(pools ?? [], options, 'pools');
    if (problem) {
      throw new Error(`toFitNodePools: ${problem}`);
    }
    const { plan, what } = planReceived(received, pools, options);
    const where = pools.map((p) => `${p.name} (${p.count} node${p.count === 1 ? '' : 's'})`).join(', ') || 'the given nodes';
    if (plan.fits) {
      const placed = plan.workloads.reduce((n, w) => n + w.placed, 0);
      return {
        pass: true,
        message: () => `expected the workloads of ${what} not to fit ${where}, but they fit: all ${placed} pods placed`,
      };
    }
    return {
      pass: false,
      message: () => `expected the workloads of ${what} to fit ${where}, but:\n${plan.failures.map((f) => `  - ${f}`).join('\n')}`,
    };
  },
};

function planReceived(received: unknown, pools: NodePool[], options: CapacityCheckOptions): { plan: CapacityPlan; what: string } {
  if (Construct.isConstruct(received)) {
    return { plan: planScope(received, pools, options), what: received.node.path || 'the app' };
  }
  if (Array.isArray(received) && received.every(isManifest)) {
    return { plan: planManifests(received, pools, options), what: `${received.length} manifests` };
  }
  throw new Error('toFitNodePools: expected a construct (chart, environment, app) or an array of manifests such as Testing.synth(chart), '
    + `got ${Array.isArray(received) ? 'an array of other values' : received === null ? 'null' : typeof received}`);
}

function isManifest(x: unknown): x is ManifestObject {
  return typeof x === 'object' && x !== null && typeof (x as ManifestObject).kind === 'string';
}
