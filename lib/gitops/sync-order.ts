// Safe order and safe pruning for GitOps tools, as pure functions over plain manifests (the
// `GitOps` construct runs them on every object of its environments at synth).
//
// Order. Argo CD applies one sync wave at a time and waits for the wave to be healthy before
// the next (argo-cd docs, user-guide/sync-waves.md); inside a wave it orders by kind
// (gitops-engine pkg/sync/sync_tasks.go `kindOrder`), where kinds it does not know, such as
// ExternalSecret, come LAST, after the Deployments that mount the Secret they create. So:
//   wave -2  Namespace, CustomResourceDefinition, SecretStore, ClusterSecretStore
//   wave -1  ServiceAccount, ConfigMap, Secret, ExternalSecret, RBAC, PVC, NetworkPolicy, quotas
//   wave  0  everything else (workloads, Services, Ingresses, autoscalers, budgets)
// A Migration's Job goes in wave -1 (the caller passes `syncWave`): inside a wave Argo CD applies
// by kind, and Job comes after ServiceAccount, Secret, ConfigMap and PersistentVolumeClaim in
// `kindOrder`; the wave is healthy only once the Job has completed (gitops-engine
// pkg/health/health_job.go), so the workloads of wave 0 roll out after the migration. A pod that
// reads the Secret of an ExternalSecret (applied last in the wave) waits for it, as kubelet retries.
// Flux's kustomize-controller applies cluster definitions (CRDs, Namespaces) first, then the
// rest in one server-side apply and retries until healthy; it needs no annotation.
//
// Pruning. Namespaces (deleting one deletes everything in it, PVCs included) and the claims of
// StatefulSets are kept when they leave dist/ and when the Application is deleted:
// Argo CD `argocd.argoproj.io/sync-options: Prune=false,Delete=false`
// (user-guide/sync-options.md), Flux `kustomize.toolkit.fluxcd.io/prune: disabled`
// (kustomize-controller docs, spec "Garbage collection").
import { apiGroup } from '../kubernetes/private/json';
import { ManifestObject } from '../scheduler/types';
import { GitOpsTool } from './gitops-tool';

export const ARGO_CD_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const ARGO_CD_SYNC_OPTIONS = 'argocd.argoproj.io/sync-options';
export const FLUX_PRUNE = 'kustomize.toolkit.fluxcd.io/prune';

const WAVES: { readonly [groupKind: string]: number } = {
  '/Namespace': -2,
  'apiextensions.k8s.io/CustomResourceDefinition': -2,
  'external-secrets.io/SecretStore': -2,
  'external-secrets.io/ClusterSecretStore': -2,
  '/ServiceAccount': -1,
  '/ConfigMap': -1,
  '/Secret': -1,
  'external-secrets.io/ExternalSecret': -1,
  '/PersistentVolumeClaim': -1,
  '/LimitRange': -1,
  '/ResourceQuota': -1,
  'networking.k8s.io/NetworkPolicy': -1,
  'rbac.authorization.k8s.io/Role': -1,
  'rbac.authorization.k8s.io/RoleBinding': -1,
  'rbac.authorization.k8s.io/ClusterRole': -1,
  'rbac.authorization.k8s.io/ClusterRoleBinding': -1,
  'storage.k8s.io/StorageClass': -1,
  'scheduling.k8s.io/PriorityClass': -1,
};

/** The Argo CD sync wave of a kind: -2 namespaces and definitions, -1 what workloads use, 0 the rest. */
export function syncWaveOf(apiVersion: string, kind: string): number {
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  return WAVES[`${group}/${kind}`] ?? 0;
}

export interface GitOpsAnnotationOptions {
  readonly tool: GitOpsTool;
  /** Add Argo CD sync waves (Argo CD only). */
  readonly syncWaves: boolean;
  /** Keep Namespaces when pruning and deleting. */
  readonly protectNamespaces: boolean;
  /** Keep PersistentVolumeClaims (and the claims StatefulSets create) when pruning and deleting. */
  readonly protectVolumeClaims: boolean;
}

/** The sync wave of a Migration's Job: with what it reads, before the workloads. */
export const MIGRATION_SYNC_WAVE = -1;

/**
 * The manifest with the GitOps tool's order and prune-protection annotations added. An
 * annotation the object already sets wins (a wave, a `Prune=`/`Delete=` option, Flux's prune).
 * `syncWave` replaces the kind's wave (a Migration's Job). Returns `manifest` itself when nothing changes.
 */
export function withGitOpsAnnotations(manifest: ManifestObject, options: GitOpsAnnotationOptions, syncWave?: number): ManifestObject {
  const add: { [key: string]: string } = {};
  const existing = manifest.metadata?.annotations ?? {};
  const argo = options.tool === GitOpsTool.ARGO_CD;
  if (argo && options.syncWaves && existing[ARGO_CD_SYNC_WAVE] === undefined) {
    add[ARGO_CD_SYNC_WAVE] = String(syncWave ?? syncWaveOf(manifest.apiVersion, manifest.kind));
  }
  const group = apiGroup(manifest.apiVersion);
  const isNamespace = group === '' && manifest.kind === 'Namespace';
  const isClaim = group === '' && manifest.kind === 'PersistentVolumeClaim';
  const protect = (isNamespace && options.protectNamespaces) || (isClaim && options.protectVolumeClaims);
  Object.assign(add, protect ? protectionAnnotations(existing, options.tool) : {});

  let result: ManifestObject = manifest;
  if (Object.keys(add).length > 0) {
    result = { ...manifest, metadata: { ...manifest.metadata, annotations: { ...existing, ...add } } };
  }
  if (options.protectVolumeClaims && group === 'apps' && manifest.kind === 'StatefulSet') {
    result = withProtectedClaimTemplates(result, options.tool);
  }
  return result;
}

/** The annotations that keep an object when pruning and deleting, merged with the ones it has. */
function protectionAnnotations(existing: { readonly [key: string]: string }, tool: GitOpsTool): { [key: string]: string } {
  if (tool === GitOpsTool.FLUX) {
    return existing[FLUX_PRUNE] === undefined ? { [FLUX_PRUNE]: 'disabled' } : {};
  }
  const current = (existing[ARGO_CD_SYNC_OPTIONS] ?? '').split(',').map((o) => o.trim()).filter((o) => o !== '');
  const missing = ['Prune=false', 'Delete=false'].filter((o) => !current.some((c) => c.startsWith(o.split('=')[0] + '=')));
  return missing.length === 0 ? {} : { [ARGO_CD_SYNC_OPTIONS]: [...current, ...missing].join(',') };
}

/**
 * The StatefulSet with its volumeClaimTemplates annotated: the StatefulSet controller copies
 * a template's annotations onto every claim it creates (pkg/controller/statefulset/
 * stateful_set_utils.go `getPersistentVolumeClaims`), so the claims carry the protection.
 */
function withProtectedClaimTemplates(manifest: ManifestObject, tool: GitOpsTool): ManifestObject {
  const spec = manifest.spec as { readonly volumeClaimTemplates?: ReadonlyArray<{ readonly metadata?: { readonly annotations?: { readonly [key: string]: string } } }> } | undefined;
  const templates = spec?.volumeClaimTemplates;
  if (!Array.isArray(templates) || templates.length === 0) {
    return manifest;
  }
  let changed = false;
  const annotated = templates.map((t) => {
    const existing = t.metadata?.annotations ?? {};
    const add = protectionAnnotations(existing, tool);
    if (Object.keys(add).length === 0) {
      return t;
    }
    changed = true;
    return { ...t, metadata: { ...t.metadata, annotations: { ...existing, ...add } } };
  });
  return changed ? { ...manifest, spec: { ...spec, volumeClaimTemplates: annotated } } : manifest;
}
