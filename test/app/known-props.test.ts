// A prop a component does not take (a typo from JavaScript, a prop of another kind, anything
// passed through `as any`) fails in its constructor, with the likely name when there is one,
// instead of being dropped. A subclass may take props of its own; props spread in as undefined
// are left alone.
import { Cron } from 'cdk8s';
import { Construct } from 'constructs';
import { Migration, ScheduledTask, StatefulService, WebService, WebServiceProps, Worker } from '../../lib/app';
import { only, RESOURCES, shopChart, synthValid } from './helpers';

const IMAGE = 'ghcr.io/acme/shop:1.0.0';
const BASE = { image: IMAGE, resources: RESOURCES };

test.each([
  ['WebService', (c: Construct) => new WebService(c, 'web', { ...BASE, ingresHost: 'shop.example.com' } as any),
    '[shop/web] ingresHost is not a prop of WebService, got "shop.example.com": did you mean ingressHost?'],
  ['WebService', (c: Construct) => new WebService(c, 'web', { ...BASE, Port: 9090 } as any),
    '[shop/web] Port is not a prop of WebService, got 9090: did you mean port?'],
  ['Worker', (c: Construct) => new Worker(c, 'worker', { ...BASE, imagePulPolicy: 'Always' } as any),
    '[shop/worker] imagePulPolicy is not a prop of Worker, got "Always": did you mean imagePullPolicy?'],
  ['Worker', (c: Construct) => new Worker(c, 'worker', { ...BASE, replica: 3 } as any),
    '[shop/worker] replica is not a prop of Worker, got 3: did you mean replicas?'],
  ['Worker', (c: Construct) => new Worker(c, 'worker', { ...BASE, ingressHost: 'x.example.com' } as any),
    '[shop/worker] ingressHost is not a prop of Worker, got "x.example.com": remove it (the props of Worker are listed in the README\'s table of components)'],
  ['StatefulService', (c: Construct) => new StatefulService(c, 'db', { ...BASE, port: 5432, storageSize: '1Gi', storageClass: 'fast' } as any),
    '[shop/db] storageClass is not a prop of StatefulService, got "fast": remove it (the props of StatefulService are listed in the README\'s table of components)'],
  ['ScheduledTask', (c: Construct) => new ScheduledTask(c, 'report', { ...BASE, schedule: Cron.daily(), timezone: 'Europe/Berlin' } as any),
    '[shop/report] timezone is not a prop of ScheduledTask, got "Europe/Berlin": did you mean timeZone?'],
  ['Migration', (c: Construct) => new Migration(c, 'migrate', { ...BASE, replicas: 2 } as any),
    '[shop/migrate] replicas is not a prop of Migration, got 2: remove it (a Migration runs its pod to completion: replicas, probes, ports, autoscaling and metrics are props of WebService, Worker and StatefulService)'],
])('%s refuses a prop it does not take', (_kind, build, message) => {
  expect(() => build(shopChart())).toThrow(message);
});

test('props spread in as undefined are left alone', () => {
  const chart = shopChart();
  new Worker(chart, 'worker', { ...BASE, ...({ ingressHost: undefined } as object) });
  expect(only(synthValid(chart), 'Deployment').spec.replicas).toBe(1);
});

test('a subclass may take props of its own', () => {
  interface TeamServiceProps extends WebServiceProps { readonly team: string }
  class TeamService extends WebService {
    constructor(scope: Construct, id: string, props: TeamServiceProps) {
      super(scope, id, props);
      this.deployment.metadata.addLabel('example.com/team', props.team);
    }
  }
  const chart = shopChart();
  new TeamService(chart, 'web', { ...BASE, team: 'payments' });
  expect(only(synthValid(chart), 'Deployment').metadata.labels['example.com/team']).toBe('payments');
});
