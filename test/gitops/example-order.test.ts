// The example (main.ts) deployed with Argo CD: what each workload uses applies in an earlier
// sync wave than the workload, and Namespaces and the database's claims are never pruned.
import { buildExample, EXAMPLE_REPO_URL } from '../../main';
import { Manifest, synthFolder, tempApp } from './helpers';

const app = tempApp();
buildExample(app);
const gitops = synthFolder(app, 'gitops');
const envs = { staging: synthFolder(app, 'staging'), production: synthFolder(app, 'production') };

const wave = (m: Manifest): number => Number(m.metadata.annotations['argocd.argoproj.io/sync-wave']);
const id = (m: Manifest): string => `${m.kind}/${m.metadata.name}`;

/** Everything a workload's pod template uses by name: ConfigMaps, Secrets, its ServiceAccount. */
function usedBy(workload: Manifest): string[] {
  const template = workload.kind === 'CronJob' ? workload.spec.jobTemplate.spec.template : workload.spec.template;
  const spec = template.spec;
  const used = new Set<string>();
  for (const c of [...spec.initContainers ?? [], ...spec.containers]) {
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef) used.add(`ConfigMap/${e.valueFrom.configMapKeyRef.name}`);
      if (e.valueFrom?.secretKeyRef) used.add(`Secret/${e.valueFrom.secretKeyRef.name}`);
    }
    for (const e of c.envFrom ?? []) {
      if (e.configMapRef) used.add(`ConfigMap/${e.configMapRef.name}`);
      if (e.secretRef) used.add(`Secret/${e.secretRef.name}`);
    }
  }
  for (const v of spec.volumes ?? []) {
    if (v.configMap) used.add(`ConfigMap/${v.configMap.name}`);
    if (v.secret) used.add(`Secret/${v.secret.secretName}`);
  }
  if (spec.serviceAccountName) used.add(`ServiceAccount/${spec.serviceAccountName}`);
  return [...used].sort();
}

describe('example with Argo CD (main.ts)', () => {
  test('dist/gitops/ holds one Application per environment, production by its registered cluster name', () => {
    expect(gitops.map((a) => [a.metadata.name, a.spec.source, a.spec.destination])).toEqual([
      ['staging', { path: 'dist/staging', repoURL: EXAMPLE_REPO_URL, targetRevision: 'main' }, { server: 'https://kubernetes.default.svc' }],
      ['production', { path: 'dist/production', repoURL: EXAMPLE_REPO_URL, targetRevision: 'main' }, { name: 'production' }],
    ]);
  });

  test.each(Object.keys(envs))('%s: every object has a sync wave: Namespace -2, config -1, the rest 0', (env) => {
    const objects = envs[env as keyof typeof envs];
    const waves: { [wave: string]: string[] } = {};
    for (const o of objects) {
      (waves[wave(o)] ??= []).push(o.kind);
    }
    expect(Object.keys(waves).sort()).toEqual(['-1', '-2', '0']);
    expect([...new Set(waves[-2])].sort()).toEqual(['Namespace']);
    expect([...new Set(waves[-1])].sort()).toEqual(['ConfigMap', 'ExternalSecret', 'NetworkPolicy', 'ServiceAccount']);
    expect([...new Set(waves[0])].sort()).toEqual(['CronJob', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'PodDisruptionBudget', 'Service', 'ServiceMonitor', 'StatefulSet']);
  });

  test.each(Object.keys(envs))('%s: what each workload uses applies in an earlier wave (in-repo objects, ExternalSecret targets, its Namespace)', (env) => {
    const objects = envs[env as keyof typeof envs];
    const waveOf = new Map<string, number>();
    for (const o of objects) {
      waveOf.set(id(o), wave(o));
      if (o.kind === 'ExternalSecret') {
        waveOf.set(`Secret/${o.spec.target?.name ?? o.metadata.name}`, wave(o)); // the Secret it creates
      }
    }
    const namespaceWave = wave(objects.find((o) => o.kind === 'Namespace')!);
    const workloads = objects.filter((o) => ['Deployment', 'StatefulSet', 'CronJob'].includes(o.kind));
    expect(workloads).toHaveLength(6);
    const checked: string[] = [];
    for (const w of workloads) {
      expect(namespaceWave).toBeLessThan(wave(w));
      for (const used of usedBy(w)) {
        if (waveOf.has(used)) {
          expect([used, waveOf.get(used)! < wave(w)]).toEqual([used, true]);
          checked.push(`${id(w)} → ${used}`);
        }
      }
    }
    // the payment key's Secret comes from the ExternalSecret, so it is ordered too
    expect(checked).toContain('Deployment/shop-api → Secret/shop-payment');
    expect(checked).toContain('Deployment/shop-api → ConfigMap/shop-api-config');
  });

  test.each(Object.keys(envs))('%s: the Namespace and the database claims are protected from pruning and deletion', (env) => {
    const objects = envs[env as keyof typeof envs];
    const protectedObjects = objects.filter((o) => o.metadata.annotations['argocd.argoproj.io/sync-options'] !== undefined).map(id);
    expect(protectedObjects).toEqual(['Namespace/shop']);
    expect(objects.find((o) => o.kind === 'Namespace')!.metadata.annotations['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    const db = objects.find((o) => o.kind === 'StatefulSet')!;
    expect(db.spec.volumeClaimTemplates.map((t: Manifest) => [t.metadata.name, t.metadata.annotations])).toEqual([
      ['data', { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' }],
    ]);
  });
});
