// A negative quantity never frees room (issue 10): the API server rejects it
// (ValidateNonnegativeQuantity, pkg/apis/core/validation/validation.go), so the engine refuses
// it wherever it reads one — container requests and limits, init containers, overhead, node
// allocatable — instead of subtracting it from a sum.
import fc from 'fast-check';
import { InvalidQuantityError, nodeFits, podRequests } from '../../lib/scheduler';
import { Node, PodSpec } from '../../lib/scheduler/types';

const positive = fc.tuple(fc.integer({ min: 1, max: 4000 }), fc.constantFrom('m', '', 'Mi', 'Gi', 'k')).map(([n, unit]) => `${n}${unit}`);
const negative = positive.map((q) => `-${q}`);

test('podRequests throws on a negative quantity in any container, request or limit', () => {
  fc.assert(fc.property(
    fc.array(fc.record({ cpu: positive, memory: positive }), { minLength: 1, maxLength: 5 }),
    fc.nat(), fc.constantFrom('requests', 'limits'), fc.constantFrom('cpu', 'memory'), fc.boolean(), negative,
    (containers, which, kind, resource, init, bad) => {
      const list = containers.map((r, i) => ({ name: `c${i}`, resources: { requests: { ...r } } as Record<string, Record<string, string>> }));
      const target = list[which % list.length];
      target.resources[kind] = { ...(target.resources[kind] ?? {}), [resource]: bad };
      const spec = (init ? { containers: [], initContainers: list } : { containers: list }) as unknown as PodSpec;
      expect(() => podRequests(spec)).toThrow(InvalidQuantityError);
      expect(() => podRequests(spec)).toThrow(`invalid quantity ${JSON.stringify(bad)} at spec.${init ? 'initContainers' : 'containers'}[${which % list.length}].resources.${kind}[${resource}]: must be greater than or equal to 0`);
    },
  ), { numRuns: 200 });
});

test('a node with negative allocatable is refused, not treated as having less room', () => {
  fc.assert(fc.property(negative, (bad) => {
    const node = { metadata: { name: 'n1' }, status: { allocatable: { cpu: bad, memory: '8Gi', pods: '110' } } } as unknown as Node;
    const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', resources: { requests: { cpu: '1' } } }] } };
    expect(() => nodeFits(node, [], pod as never)).toThrow(InvalidQuantityError);
  }), { numRuns: 50 });
});
