// withGitOpsAnnotations and syncWaveOf as pure functions over plain manifests.
import { GitOpsTool } from '../../lib/gitops/gitops-tool';
import { syncWaveOf, withGitOpsAnnotations } from '../../lib/gitops/sync-order';

const ARGO = { tool: GitOpsTool.ARGO_CD, syncWaves: true, protectNamespaces: true, protectVolumeClaims: true };
const FLUX = { ...ARGO, tool: GitOpsTool.FLUX };

describe('syncWaveOf', () => {
  test.each([
    ['v1', 'Namespace', -2],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', -2],
    ['external-secrets.io/v1', 'SecretStore', -2],
    ['v1', 'ServiceAccount', -1],
    ['v1', 'ConfigMap', -1],
    ['v1', 'Secret', -1],
    ['external-secrets.io/v1', 'ExternalSecret', -1],
    ['external-secrets.io/v1beta1', 'ExternalSecret', -1],
    ['rbac.authorization.k8s.io/v1', 'RoleBinding', -1],
    ['v1', 'PersistentVolumeClaim', -1],
    ['networking.k8s.io/v1', 'NetworkPolicy', -1],
    ['apps/v1', 'Deployment', 0],
    ['v1', 'Service', 0],
    ['batch/v1', 'CronJob', 0],
    ['example.com/v1', 'Namespace', 0], // a custom kind that happens to be called Namespace
  ])('%s %s → wave %i', (apiVersion, kind, wave) => {
    expect(syncWaveOf(apiVersion, kind)).toBe(wave);
  });
});

describe('withGitOpsAnnotations', () => {
  test('returns the manifest itself when nothing changes, and never mutates it', () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' } };
    expect(withGitOpsAnnotations(deployment, FLUX)).toBe(deployment);
    const frozen = Object.freeze({ apiVersion: 'v1', kind: 'Namespace', metadata: Object.freeze({ name: 'shop' }) });
    expect(withGitOpsAnnotations(frozen, ARGO).metadata).toEqual({
      name: 'shop', annotations: { 'argocd.argoproj.io/sync-wave': '-2', 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' },
    });
    expect(frozen.metadata).toEqual({ name: 'shop' });
  });

  test('a given syncWave (a Migration\'s Job) replaces the kind\'s wave, yields to the object\'s own, and is Argo CD only', () => {
    const job = (annotations?: { [k: string]: string }) => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'shop-db-migrate-0123456789', annotations } });
    expect(withGitOpsAnnotations(job(), ARGO).metadata?.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '0' });
    expect(withGitOpsAnnotations(job(), ARGO, -1).metadata?.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
    expect(withGitOpsAnnotations(job({ 'argocd.argoproj.io/sync-wave': '-7' }), ARGO, -1).metadata?.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-7' });
    const plain = job();
    expect(withGitOpsAnnotations(plain, FLUX, -1)).toBe(plain);
    expect(withGitOpsAnnotations(plain, { ...ARGO, syncWaves: false }, -1)).toBe(plain);
  });

  test('a PersistentVolumeClaim object is protected like a claim template', () => {
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' } };
    expect(withGitOpsAnnotations(pvc, FLUX).metadata?.annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'disabled' });
    expect(withGitOpsAnnotations(pvc, { ...ARGO, protectVolumeClaims: false }).metadata?.annotations).toEqual({ 'argocd.argoproj.io/sync-wave': '-1' });
  });

  test('a prune setting the object has wins: Flux prune annotation, Argo CD Prune= and Delete= options', () => {
    const ns = (annotations: { [k: string]: string }) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp', annotations } });
    expect(withGitOpsAnnotations(ns({ 'kustomize.toolkit.fluxcd.io/prune': 'enabled' }), FLUX).metadata?.annotations)
      .toEqual({ 'kustomize.toolkit.fluxcd.io/prune': 'enabled' });
    expect(withGitOpsAnnotations(ns({ 'argocd.argoproj.io/sync-options': 'Prune=true, Delete=true' }), { ...ARGO, syncWaves: false }).metadata?.annotations)
      .toEqual({ 'argocd.argoproj.io/sync-options': 'Prune=true, Delete=true' });
  });

  test('every claim template of a StatefulSet is annotated; one already protected is left as is', () => {
    const sts = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: { volumeClaimTemplates: [
        { metadata: { name: 'data' } },
        { metadata: { name: 'wal', annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } } },
      ] },
    };
    const out = withGitOpsAnnotations(sts, { ...ARGO, syncWaves: false }) as any;
    expect(out.spec.volumeClaimTemplates.map((t: any) => t.metadata)).toEqual([
      { name: 'data', annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } },
      { name: 'wal', annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } },
    ]);
    expect(out.spec.volumeClaimTemplates[1]).toBe(sts.spec.volumeClaimTemplates[1]);
  });
});
