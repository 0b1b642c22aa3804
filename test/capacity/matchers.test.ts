import { ApiObject, Chart, Testing } from 'cdk8s';
import { capacityMatchers } from '../../lib/capacity';
import { NodePool } from '../../lib/manifests/node-pool';

expect.extend(capacityMatchers);

const GENERAL: NodePool = { name: 'general', count: 3, allocatable: { cpu: '4', memory: '16Gi' } };
const SMALL: NodePool = { name: 'small', count: 1, allocatable: { cpu: '2', memory: '4Gi' } };

function shop(replicas: number): Chart {
  const chart = new Chart(Testing.app(), 'shop');
  new ApiObject(chart, 'storefront', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'storefront', namespace: 'shop' },
    spec: {
      replicas,
      strategy: { type: 'Recreate' },
      selector: { matchLabels: { app: 'storefront' } },
      template: {
        metadata: { labels: { app: 'storefront' } },
        spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '1', memory: '1Gi' } } }] },
      },
    },
  });
  return chart;
}

describe('toFitNodePools', () => {
  test('passes when the chart fits', () => {
    expect(shop(3)).toFitNodePools([GENERAL]);
  });

  test('passes for synthesized manifests', () => {
    expect(Testing.synth(shop(3))).toFitNodePools([GENERAL]);
  });

  test('.not passes when the chart does not fit', () => {
    expect(shop(3)).not.toFitNodePools([SMALL]);
  });

  test('fails listing the scheduler messages', () => {
    expect(() => expect(shop(3)).toFitNodePools([SMALL])).toThrow(
      'expected the workloads of shop to fit small (1 node), but:\n'
      + '  - cluster cpu: requests 3 exceed allocatable 2 (150%)\n'
      + '  - shop/storefront (Deployment, replica 3 of 3): 0/1 nodes are available: 1 Insufficient cpu.');
  });

  test('fails .not saying everything fits', () => {
    expect(() => expect(shop(2)).not.toFitNodePools([GENERAL])).toThrow('expected the workloads of shop not to fit general (3 nodes), but they fit: all 2 pods placed');
  });

  test('fails on bad pools and on something that is not a chart', () => {
    expect(() => expect(shop(1)).toFitNodePools([])).toThrow("toFitNodePools: pools must list at least one pool, got []");
    expect(() => expect(shop(1)).toFitNodePools([{ ...GENERAL, zones: ['a', 'a'] }]))
      .toThrow(new Error('toFitNodePools: pools[0].zones[1] (pool general) must not repeat a zone, got "a", also zones[0]: list each zone once (nodes are spread round robin over the list, so a zone listed twice gets twice its share); for an uneven spread, describe one pool per zone'));
    expect(() => expect('shop').toFitNodePools([GENERAL])).toThrow('toFitNodePools: expected a construct (chart, environment, app) or an array of manifests such as Testing.synth(chart), got string');
  });
});
