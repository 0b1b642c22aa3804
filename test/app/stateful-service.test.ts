import { HealthCheck, StatefulService, StatefulServiceProps } from '../../lib/app';
import { Manifest, RESOURCES, kinds, only, podSpec, restrictedViolations, shopChart, synthValid } from './helpers';

const IMAGE = 'postgres:15.4';
const SELECTOR = {
  'app.kubernetes.io/component': 'postgres',
  'app.kubernetes.io/instance': 'shop',
  'app.kubernetes.io/name': 'shop',
};

function postgres(props: Partial<StatefulServiceProps> = {}, overrides?: Parameters<typeof shopChart>[1]) {
  const chart = shopChart({}, overrides);
  const db = new StatefulService(chart, 'postgres', {
    image: IMAGE, resources: RESOURCES, port: 5432, storageSize: '20Gi', ...props,
  });
  return { chart, db, manifests: (): Manifest[] => synthValid(chart) };
}

describe('StatefulService', () => {
  test('database: StatefulSet + headless Service + one volume per replica', () => {
    // GIVEN / WHEN
    const { manifests } = postgres({
      replicas: 3,
      portName: 'postgres',
      storageClassName: 'fast-ssd',
      storageMountPath: '/var/lib/postgresql/data',
      runAsUser: 999,
      fsGroup: 999,
      healthCheck: HealthCheck.command(['pg_isready', '-U', 'postgres']),
    });
    const all = manifests();

    // THEN
    expect(all).toMatchSnapshot();
    expect(kinds(all)).toEqual(['Namespace/shop', 'Service/shop-postgres', 'StatefulSet/shop-postgres', 'PodDisruptionBudget/shop-postgres']);
    expect(only(all, 'Service').spec).toEqual({
      clusterIP: 'None',
      ports: [{ name: 'postgres', port: 5432, protocol: 'TCP', targetPort: 5432 }],
      selector: SELECTOR,
      type: 'ClusterIP',
    });
    const set = only(all, 'StatefulSet');
    expect(set.spec.replicas).toBe(3);
    expect(set.spec.serviceName).toBe('shop-postgres');
    expect(set.spec.selector).toEqual({ matchLabels: SELECTOR });
    expect(set.spec.volumeClaimTemplates).toEqual([{
      metadata: { labels: SELECTOR, name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '20Gi' } }, storageClassName: 'fast-ssd' },
    }]);
    const spec = podSpec(set);
    expect(spec.containers[0].volumeMounts).toEqual([
      { mountPath: '/var/lib/postgresql/data', name: 'data' },
      { mountPath: '/tmp', name: 'tmp' },
    ]);
    // the claim template provides `data`; only /tmp is a pod volume
    expect(spec.volumes).toEqual([{ emptyDir: {}, name: 'tmp' }]);
    expect(spec.securityContext).toMatchObject({ runAsUser: 999, fsGroup: 999, runAsNonRoot: true });
    expect(restrictedViolations(spec)).toEqual([]);
    expect(only(all, 'PodDisruptionBudget').spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: SELECTOR } });
  });

  test('one replica by default, no PDB, a TCP health check on the port', () => {
    const { manifests, db } = postgres();
    const all = manifests();
    expect(kinds(all)).toEqual(['Namespace/shop', 'Service/shop-postgres', 'StatefulSet/shop-postgres']);
    expect(db.disruptionBudget).toBeUndefined();
    const set = only(all, 'StatefulSet');
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.volumeClaimTemplates[0].spec.storageClassName).toBeUndefined();
    const container = podSpec(set).containers[0];
    expect(container.readinessProbe.tcpSocket).toEqual({ port: 5432 });
    expect(container.volumeMounts[0]).toEqual({ mountPath: '/data', name: 'data' });
  });

  test('the headless Service selects by the recommended labels only', () => {
    const selector = only(postgres().manifests(), 'Service').spec.selector;
    expect(selector).toEqual(SELECTOR);
    expect(Object.keys(selector).some((k) => k.startsWith('cdk8s.io'))).toBe(false);
  });

  test('the environment can override replicas', () => {
    const { manifests } = postgres({}, { postgres: { replicas: 2 } });
    expect(only(manifests(), 'StatefulSet').spec.replicas).toBe(2);
    expect(only(manifests(), 'PodDisruptionBudget').metadata.name).toBe('shop-postgres');
  });

  test('a writable root filesystem leaves no pod volumes', () => {
    const spec = podSpec(only(postgres({ readOnlyRootFilesystem: false }).manifests(), 'StatefulSet'));
    expect(spec.containers[0].volumeMounts).toEqual([{ mountPath: '/data', name: 'data' }]);
    expect(spec.volumes).toBeUndefined(); // not `volumes: []`
  });

  test.each(['10000000000', '10G', '10Gi'])('a storage size of %s (a quantity the API server accepts) is written as given', (storageSize) => {
    const set = only(postgres({ storageSize }).manifests(), 'StatefulSet');
    expect(set.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe(storageSize);
  });

  test.each<[string, Partial<StatefulServiceProps>, Parameters<typeof shopChart>[1], string]>([
    ['port 0', { port: 0 }, undefined, '[shop/postgres] port must be between 1 and 65535, got 0: pick a valid TCP port'],
    ['a storage size that is no quantity', { storageSize: '10GB' }, undefined, '[shop/postgres] storageSize must be a positive quantity, got "10GB": write e.g. "10Gi"'],
    ['a relative mount path', { storageMountPath: 'data' }, undefined, '[shop/postgres] storageMountPath must be an absolute path, got "data": use e.g. "/data"'],
    ['an invalid port name', { portName: 'Postgres_SQL' }, undefined, '[shop/postgres] portName must be an IANA service name (at most 15 lower-case letters, digits and single "-", with at least one letter), got "Postgres_SQL": use a name such as "http" or "postgres"'],
    ['an autoscaling override', {}, { postgres: { maxReplicas: 3 } }, '[production/shop/postgres] maxReplicas (override from environment "production") does not apply to a StatefulService, got 3: remove it from the environment\'s overrides for "postgres"'],
  ])('fails on %s', (_, props, overrides, message) => {
    expect(() => postgres(props, overrides)).toThrow(message);
  });
});
