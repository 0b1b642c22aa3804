import { ManifestError } from '../../lib/manifests/manifest-error';
import { NodeDocument, readNodeInputs } from '../../lib/manifests/node-inputs';

const API_VERSION = 'capacity.cdk8s-appkit.io/v1alpha1';
const SOURCE = { file: 'nodes.yaml', documentIndex: 0 };
const doc = (object: unknown, documentIndex = 0): NodeDocument => ({ object, source: { file: 'nodes.yaml', documentIndex } });
const node = (name: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, status: { allocatable: { cpu: '2', memory: '8Gi', pods: '110' } },
});
const pool = (spec: unknown, metadata: unknown = { name: 'general' }) => ({ apiVersion: API_VERSION, kind: 'NodePool', metadata, spec });

describe('readNodeInputs', () => {
  test('GIVEN kubectl get nodes -o yaml (a List) and a NodePool WHEN read THEN Nodes and pools are separated, in file order', () => {
    // GIVEN
    const list = { apiVersion: 'v1', kind: 'List', items: [node('ip-1', { 'eks.amazonaws.com/nodegroup': 'ng-a' }), node('ip-2')] };
    const spare = pool({ count: 1, allocatable: { cpu: '2' } }, { name: 'spare' });

    // WHEN
    const inputs = readNodeInputs([doc(list), doc(spare, 1)]);

    // THEN
    expect(inputs.nodes).toEqual([list.items[0], list.items[1]]);
    expect(inputs.pools).toEqual([{ name: 'spare', count: 1, allocatable: { cpu: '2' } }]);
  });

  test('GIVEN every NodePool field WHEN read THEN the pool holds exactly the fields the file sets', () => {
    const spec = {
      count: 2,
      capacity: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': 1 },
      reserved: { cpu: '500m' },
      labels: { accelerator: 'nvidia' },
      taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      maxPods: 58,
    };
    expect(readNodeInputs([doc(pool(spec, { name: 'gpu' }))])).toEqual({ nodes: [], pools: [{ name: 'gpu', ...spec }] });
  });

  test('GIVEN empty documents and a typed NodeList WHEN read THEN empty documents are skipped and the items read', () => {
    const nodeList = { apiVersion: 'v1', kind: 'NodeList', items: [node('a'), node('b')] };
    const inputs = readNodeInputs([doc(null), doc(undefined, 1), doc(nodeList, 2)]);
    expect(inputs).toEqual({ nodes: nodeList.items, pools: [] });
  });

  test('fails on a bad List item, naming the document and the item', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [node('a'), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'b' } }] };
    expect(() => readNodeInputs([doc(list, 3)])).toThrow(new ManifestError(
      'a Node needs status.allocatable (as `kubectl get nodes -o yaml` prints it)', { ...SOURCE, documentIndex: 3, listIndex: 1 }, 'Node b', 'status.allocatable'));
    expect(() => readNodeInputs([doc(list, 3)])).toThrow(
      'nodes.yaml document 3 (items[1]): Node b: status.allocatable: a Node needs status.allocatable (as `kubectl get nodes -o yaml` prints it)');
  });

  test('GIVEN a ManifestError WHEN thrown THEN it carries the source, object and field apart', () => {
    let error: unknown;
    try {
      readNodeInputs([doc(pool({ count: 'three', allocatable: { cpu: '4' } }))]);
    } catch (e) {
      error = e;
    }
    expect(ManifestError.isManifestError(error)).toBe(true);
    expect(error).toMatchObject({ source: SOURCE, object: 'NodePool general', field: 'spec.count', problem: 'expected a whole number of nodes ≥ 0, got "three": write the number of nodes, e.g. count: 3' });
  });

  const UNKNOWN_FIELD = 'unknown field: expected one of count, allocatable, capacity, reserved, labels, zones, taints, maxPods';
  test.each([
    ['a document that is a list', ['a', 'b'],
      'nodes.yaml document 0: expected a Node or NodePool object, got a list: give `kubectl get nodes -o yaml` output or NodePool documents (apiVersion: capacity.cdk8s-appkit.io/v1alpha1)'],
    ['a document that is a string', 'general',
      'nodes.yaml document 0: expected a Node or NodePool object, got "general": give `kubectl get nodes -o yaml` output or NodePool documents (apiVersion: capacity.cdk8s-appkit.io/v1alpha1)'],
    ['a List without items', { apiVersion: 'v1', kind: 'List' },
      'nodes.yaml document 0: List: items: expected a list, got nothing: write items as a YAML list (- apiVersion: …)'],
    ['a workload', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } },
      'nodes.yaml document 0: Deployment web: a --nodes file holds Node and NodePool objects only, got kind "Deployment": pass workloads as arguments instead'],
    ['an unnamed object of another kind', { apiVersion: 'v1', kind: 'Namespace' },
      'nodes.yaml document 0: Namespace: a --nodes file holds Node and NodePool objects only, got kind "Namespace": pass workloads as arguments instead'],
    ['a Node without a name', { apiVersion: 'v1', kind: 'Node', metadata: {}, status: { allocatable: { cpu: '1' } } },
      'nodes.yaml document 0: Node: metadata.name: a Node needs a name: give the Node objects as `kubectl get nodes -o yaml` prints them'],
    ['a Node with an invalid quantity', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4 cores' } } },
      'nodes.yaml document 0: Node n1: status.allocatable[cpu]: invalid quantity "4 cores": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\': write e.g. 3500m, 4 or 16Gi'],
    ['a NodePool with an invalid quantity', pool({ count: 2, allocatable: { cpu: '2', memory: '8GB' } }),
      'nodes.yaml document 0: NodePool general: spec.allocatable[memory]: invalid quantity "8GB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\': write e.g. 3500m, 4 or 16Gi'],
    ['a Node without status', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' } },
      'nodes.yaml document 0: Node n1: status.allocatable: a Node needs status.allocatable (as `kubectl get nodes -o yaml` prints it)'],
    ['a Karpenter NodePool', { ...pool({ template: {} }, { name: 'default' }), apiVersion: 'karpenter.sh/v1' },
      `nodes.yaml document 0: NodePool default: apiVersion: expected ${API_VERSION}, got "karpenter.sh/v1" (a Karpenter NodePool says how to provision nodes, not how many there are): describe the pool as apiVersion ${API_VERSION}, kind NodePool`],
    ['a NodePool without apiVersion', { ...pool({ count: 1 }), apiVersion: undefined },
      `nodes.yaml document 0: NodePool general: apiVersion: expected ${API_VERSION}, got undefined: describe the pool as apiVersion ${API_VERSION}, kind NodePool`],
    ['a NodePool without a name', pool({ count: 1, allocatable: { cpu: '1' } }, {}),
      'nodes.yaml document 0: NodePool: metadata.name: a NodePool needs a name, got nothing: add e.g. metadata: { name: general }'],
    ['a NodePool without spec', pool(undefined),
      'nodes.yaml document 0: NodePool general: spec: expected spec with count and allocatable, got nothing: write e.g. spec: { count: 3, allocatable: { cpu: "4", memory: 16Gi } }'],
    ['a NodePool whose spec is a list', pool([1]),
      'nodes.yaml document 0: NodePool general: spec: expected spec with count and allocatable, got a list: write e.g. spec: { count: 3, allocatable: { cpu: "4", memory: 16Gi } }'],
    ['a misspelt NodePool field', pool({ count: 1, allocatible: { cpu: '1' } }),
      `nodes.yaml document 0: NodePool general: spec.allocatible: ${UNKNOWN_FIELD}`],
    ['a Node field in a NodePool', pool({ count: 1, allocatable: { cpu: '1' }, unschedulable: true }),
      `nodes.yaml document 0: NodePool general: spec.unschedulable: ${UNKNOWN_FIELD}`],
    ['a count that is a word', pool({ count: 'three', allocatable: { cpu: '4' } }),
      'nodes.yaml document 0: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got "three": write the number of nodes, e.g. count: 3'],
    ['a negative count', pool({ count: -2, allocatable: { cpu: '4' } }),
      'nodes.yaml document 0: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got -2: write the number of nodes, e.g. count: 3'],
    ['a fractional count', pool({ count: 1.5, allocatable: { cpu: '4' } }),
      'nodes.yaml document 0: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got 1.5: write the number of nodes, e.g. count: 3'],
    ['no count', pool({ allocatable: { cpu: '4' } }),
      'nodes.yaml document 0: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got nothing: write the number of nodes, e.g. count: 3'],
    ['neither allocatable nor capacity', pool({ count: 1 }),
      'nodes.yaml document 0: NodePool general: spec.allocatable: a NodePool needs spec.allocatable (or spec.capacity): add e.g. allocatable: { cpu: "4", memory: 16Gi }'],
    ['allocatable that is a list', pool({ count: 1, allocatable: ['4'] }),
      'nodes.yaml document 0: NodePool general: spec.allocatable: expected resource: quantity pairs, got a list: write e.g. allocatable: { cpu: "4", memory: 16Gi }'],
    ['a capacity quantity that is an object', pool({ count: 1, capacity: { cpu: { cores: 4 } } }),
      'nodes.yaml document 0: NodePool general: spec.capacity[cpu]: expected a quantity such as 4, 3500m or 16Gi, got an object'],
    ['a reserved quantity that is null', pool({ count: 1, capacity: { cpu: '4' }, reserved: { cpu: null } }),
      'nodes.yaml document 0: NodePool general: spec.reserved[cpu]: expected a quantity such as 4, 3500m or 16Gi, got null'],
    ['a label value that is a number', pool({ count: 1, allocatable: { cpu: '4' }, labels: { zone: 1 } }),
      'nodes.yaml document 0: NodePool general: spec.labels: 1 is invalid: must be a string; quote the value of "zone": "1"'],
    ['taints that are an object', pool({ count: 1, allocatable: { cpu: '4' }, taints: { key: 'a', effect: 'NoSchedule' } }),
      'nodes.yaml document 0: NodePool general: spec.taints: expected a list of taints, got an object: write e.g. taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]'],
    ['a taint without an effect', pool({ count: 1, allocatable: { cpu: '4' }, taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'b' }] }),
      'nodes.yaml document 0: NodePool general: spec.taints[1].effect: Required value; set effect: NoSchedule, PreferNoSchedule or NoExecute'],
    ['a taint value that is a number', pool({ count: 1, allocatable: { cpu: '4' }, taints: [{ key: 'a', value: 1, effect: 'NoSchedule' }] }),
      'nodes.yaml document 0: NodePool general: spec.taints[0].value: expected a string, got 1: quote it, e.g. value: "1"'],
    ['a negative maxPods', pool({ count: 1, allocatable: { cpu: '4' }, maxPods: -1 }),
      'nodes.yaml document 0: NodePool general: spec.maxPods: expected a whole number ≥ 0, got -1: write e.g. maxPods: 110 (the kubelet default)'],
    ['a count of .nan (shown as written, not as null)', pool({ count: NaN, allocatable: { cpu: '4' } }),
      'nodes.yaml document 0: NodePool general: spec.count: expected a whole number of nodes ≥ 0, got NaN: write the number of nodes, e.g. count: 3'],
    ['a pool name that is no DNS subdomain (the engine\'s check, with the file)', { ...pool({ count: 1, allocatable: { cpu: '4' } }), metadata: { name: 'Big_Pool' } },
      'nodes.yaml document 0: NodePool Big_Pool: metadata.name: invalid pool name "Big_Pool": use lowercase letters, digits, \'-\' and \'.\''],
    ['a taint with an empty key (validateNodeTaints)', pool({ count: 1, allocatable: { cpu: '4' }, taints: [{ key: '', effect: 'NoSchedule' }] }),
      'nodes.yaml document 0: NodePool general: spec.taints[0].key: "" is invalid: name part must be non-empty; use a taint key such as "dedicated" or "nvidia.com/gpu"'],
    ['a taint effect that is not one of the three', pool({ count: 1, allocatable: { cpu: '4' }, taints: [{ key: 'a', effect: 'Bogus' }] }),
      'nodes.yaml document 0: NodePool general: spec.taints[0].effect: Unsupported value: "Bogus": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"; use effect: NoSchedule, PreferNoSchedule or NoExecute'],
    ['the zone both as zones and as a label', pool({ count: 2, allocatable: { cpu: '4' }, zones: ['b', 'c'], labels: { 'topology.kubernetes.io/zone': 'a' } }),
      'nodes.yaml document 0: NodePool general: spec.zones: zones ["b","c"] and the label topology.kubernetes.io/zone: "a" both set the nodes\' zone: keep zones (nodes spread over them) or the label (every node in that zone), not both'],
    ['a Node label value that is a number', { ...node('n1'), metadata: { name: 'n1', labels: { zone: 5 } } },
      'nodes.yaml document 0: Node n1: metadata.labels: 5 is invalid: must be a string; quote the value of "zone": "5"'],
    ['Node taints that are a number (was: internal error "taints is not iterable")', { ...node('n1'), spec: { taints: 5 } },
      'nodes.yaml document 0: Node n1: spec.taints: expected a list of taints, got 5: write e.g. taints: [{ key: dedicated, value: gpu, effect: NoSchedule }]'],
    ['a Node taint given twice for one effect', { ...node('n1'), spec: { taints: [{ key: 'a', effect: 'NoSchedule' }, { key: 'a', value: 'x', effect: 'NoSchedule' }] } },
      'nodes.yaml document 0: Node n1: spec.taints[1]: Duplicate value: {"key":"a","value":"x","effect":"NoSchedule"}: taints must be unique by key and effect pair; remove one of the two taints'],
    ['a Node unschedulable that is a string', { ...node('n1'), spec: { unschedulable: 'yes' } },
      'nodes.yaml document 0: Node n1: spec.unschedulable: expected true or false, got "yes": write unschedulable: true (cordoned) or leave it out'],
    ['a maxPods that is a string', pool({ count: 1, allocatable: { cpu: '4' }, maxPods: '58' }),
      'nodes.yaml document 0: NodePool general: spec.maxPods: expected a whole number ≥ 0, got "58": write e.g. maxPods: 110 (the kubelet default)'],
  ])('fails on %s, naming the file, document, object and field', (_name, object, message) => {
    expect(() => readNodeInputs([doc(object)])).toThrow(ManifestError);
    expect(() => readNodeInputs([doc(object)])).toThrow(new Error(message));
  });
});

describe('readNodeInputs: node names are unique, with both places and the fix for the kinds involved', () => {
  const at = (object: unknown, file: string, line: number): NodeDocument => ({ object, source: { file, documentIndex: 0, line } });
  const fails = (docs: NodeDocument[]) => {
    try {
      readNodeInputs(docs);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  test('the same Node in a NodeList and in a second file', () => {
    const list = { apiVersion: 'v1', kind: 'NodeList', items: [node('ip-1'), node('ip-2')] };
    expect(fails([{ object: list, source: { file: 'a.yaml', documentIndex: 0, line: 1 } }, at(node('ip-2'), 'b.yaml', 3)])).toBe(
      'b.yaml:3: Node ip-2: metadata.name: Node "ip-2" is also listed at a.yaml:1: a cluster\'s node names are unique, '
      + 'so remove one of the two (e.g. the same `kubectl get nodes -o yaml` output given twice) or rename it');
  });

  test('two NodePools of the same name', () => {
    const general = pool({ count: 3, allocatable: { cpu: '2' } });
    expect(fails([at(general, 'pools.yaml', 1), at(general, 'pools.yaml', 9)])).toBe(
      'pools.yaml:9: NodePool general: metadata.name: NodePool "general" is also defined at pools.yaml:1, so its nodes general-1…general-N would exist twice: '
      + 'give each pool its own name, or remove one of the two');
  });

  test('a Node named like a pool node; one past the pool\'s count is a different name', () => {
    const general = pool({ count: 3, allocatable: { cpu: '2' } });
    expect(fails([at(general, 'pools.yaml', 1), at(node('general-3'), 'nodes.yaml', 4)])).toBe(
      'nodes.yaml:4: Node general-3: metadata.name: Node "general-3" has the name of node 3 of NodePool general at pools.yaml:1 '
      + '(its nodes are named general-1…general-3): rename the Node or the pool');
    expect(fails([at(general, 'pools.yaml', 1), at(node('general-4'), 'nodes.yaml', 4), at(node('general-03'), 'nodes.yaml', 9)])).toBe('no error');
  });
});
