// The objects that connect the repository to the clusters: `kubectl apply -k dist/gitops`
// is the whole bootstrap. Argo CD: one Application per Environment (argo-cd
// manifests/crds/application-crd.yaml); Flux: one GitRepository and one Kustomization per
// Environment (fluxcd source-controller and kustomize-controller v1 CRDs). Types come from
// those CRDs through `cdk8s import` (crds/README.md). At synth, every object of the covered
// environments gets the tool's order and prune-protection annotations (sync-order.ts).
import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as argo from '../../imports/argo-app-argoproj.io';
import * as fluxKustomize from '../../imports/flux-kustomize-kustomize.toolkit.fluxcd.io';
import * as fluxSource from '../../imports/flux-source-source.toolkit.fluxcd.io';
import { Environment } from '../app/environment';
import { Migration, migrationOfJob } from '../app/migration';
import { Guardrails } from '../guardrails/guardrails';
import { isClusterScoped } from '../kubernetes/cluster-scoped';
import { ManifestTransforms } from '../synth/manifest-transforms';
import { synthesizeScope } from '../synth/collect';
import { OutputFolder } from '../synth/output-folder';
import { GitOpsTool } from './gitops-tool';
import { MIGRATION_SYNC_WAVE, withGitOpsAnnotations } from './sync-order';

export interface GitOpsProps {
  /** The GitOps controller that syncs the clusters. */
  readonly tool: GitOpsTool;
  /**
   * The Git repository holding `dist/`, as the controller clones it: `https://…` or, for
   * Argo CD, `git@host:org/repo.git`; for Flux, `ssh://git@host/org/repo.git`.
   */
  readonly repoUrl: string;
  /**
   * The branch (or tag, or commit) to deploy: Argo CD's `targetRevision`; Flux's
   * `spec.ref.branch` (`spec.ref.commit` for a 40-digit commit, `spec.ref.name` for `refs/…`).
   * @default 'main'
   */
  readonly revision?: string;
  /**
   * The folder of the synthesized output inside the repository, `/`-separated, no leading `./`.
   * @default 'dist'
   */
  readonly distPath?: string;
  /**
   * The environments to deploy.
   * @default - every Environment of the app; one created after the GitOps construct fails synth
   */
  readonly environments?: Environment[];
  /**
   * The namespace the controller watches for its objects.
   * @default 'argocd' for Argo CD, 'flux-system' for Flux
   */
  readonly namespace?: string;
  /**
   * Argo CD project of the Applications.
   * @default 'default'
   */
  readonly project?: string;
  /**
   * Sync automatically on every commit (Argo CD `syncPolicy.automated`); Flux always does.
   * @default true
   */
  readonly automatedSync?: boolean;
  /**
   * Delete objects that left `dist/` (Argo CD `automated.prune`, Flux `spec.prune`).
   * Protected Namespaces and volume claims are kept either way.
   * @default true
   */
  readonly prune?: boolean;
  /**
   * Revert changes made in the cluster by hand (Argo CD `automated.selfHeal`; Flux always does).
   * @default true
   */
  readonly selfHeal?: boolean;
  /**
   * How often Flux fetches the repository and reapplies each environment (Flux only).
   * @default Duration.minutes(5)
   */
  readonly interval?: Duration;
  /**
   * Secret (in `namespace`) with the credentials Flux clones a private repository with
   * (`flux create secret git`; GitRepository `spec.secretRef`; Flux only). Argo CD reads the
   * credentials registered with `argocd repo add`.
   * @default - a public repository
   */
  readonly repoSecretName?: string;
  /**
   * Flux Kustomizations (in `namespace`) that every environment waits for, e.g. the one that
   * installs the external-secrets operator and its CRDs (Flux `spec.dependsOn`; Flux only).
   * @default - none
   */
  readonly dependsOn?: string[];
  /**
   * Order the sync: Namespaces and CRDs, then ServiceAccounts, ConfigMaps, Secrets and
   * ExternalSecrets, then the workloads (Argo CD `sync-wave` annotations; Argo CD only).
   * @default true
   */
  readonly syncWaves?: boolean;
  /**
   * Keep Namespaces (and everything in them) when they leave `dist/` or the Application is
   * deleted. Set false to let the tool delete them.
   * @default true
   */
  readonly protectNamespaces?: boolean;
  /**
   * Keep PersistentVolumeClaims, including those StatefulSets create from their
   * volumeClaimTemplates, when pruning and deleting. Set false to let the tool delete them.
   * @default true
   */
  readonly protectVolumeClaims?: boolean;
}

/**
 * Bootstrap objects for Argo CD or Flux, written to `dist/<id>/` with a `kustomization.yaml`:
 * `kubectl apply -k dist/gitops` connects the repository to the clusters.
 *
 * @example
 * new GitOps(app, 'gitops', { tool: GitOpsTool.ARGO_CD, repoUrl: 'https://github.com/acme/shop-deploy.git' });
 */
export class GitOps extends Chart {
  public readonly tool: GitOpsTool;
  public readonly repoUrl: string;
  public readonly revision: string;
  public readonly distPath: string;
  public readonly namespace: string;
  public readonly project: string;
  public readonly automatedSync: boolean;
  public readonly prune: boolean;
  public readonly selfHeal: boolean;
  public readonly interval: Duration;
  public readonly syncWaves: boolean;
  public readonly protectNamespaces: boolean;
  public readonly protectVolumeClaims: boolean;
  private readonly environmentList: readonly Environment[];
  /** `interval` as Flux reads it (a Go duration), made once: a bad interval fails in the constructor. */
  private readonly intervalText: string;

  constructor(scope: Construct, id: string, props: GitOpsProps) {
    super(scope, id, { disableResourceNameHashes: true });
    const where = `[${this.node.path}]`;
    if (!Object.values(GitOpsTool).includes(props.tool)) {
      throw new Error(`${where} tool must be a GitOpsTool, got ${JSON.stringify(props.tool)}: use GitOpsTool.ARGO_CD or GitOpsTool.FLUX`);
    }
    this.tool = props.tool;
    this.repoUrl = checkedRepoUrl(where, props.tool, props.repoUrl);
    this.revision = props.revision ?? 'main';
    if (!/^\S+$/.test(this.revision)) {
      throw new Error(`${where} revision must be a branch, tag or commit, got ${JSON.stringify(this.revision)}: use e.g. "main"`);
    }
    this.distPath = props.distPath ?? 'dist';
    if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(this.distPath) || this.distPath.split('/').includes('..')) {
      throw new Error(`${where} distPath must be a folder of the repository such as "dist" or "deploy/dist", got ${JSON.stringify(this.distPath)}: no leading "./" or "/", no ".."`);
    }
    this.namespace = props.namespace ?? (props.tool === GitOpsTool.ARGO_CD ? 'argocd' : 'flux-system');
    this.project = props.project ?? 'default';
    this.automatedSync = props.automatedSync ?? true;
    this.prune = props.prune ?? true;
    this.selfHeal = props.selfHeal ?? true;
    this.interval = props.interval ?? Duration.minutes(5);
    this.intervalText = goDuration(this.interval, where); // a bad interval fails here, with the construct path
    this.syncWaves = props.syncWaves ?? true;
    this.protectNamespaces = props.protectNamespaces ?? true;
    this.protectVolumeClaims = props.protectVolumeClaims ?? true;
    if (props.tool !== GitOpsTool.ARGO_CD) {
      rejectArgoOnly(where, props);
    } else {
      rejectFluxOnly(where, props);
    }

    const root = this.node.root;
    const listed = props.environments !== undefined;
    this.environmentList = [...(props.environments ?? root.node.findAll().filter((c): c is Environment => c instanceof Environment))];
    if (this.environmentList.length === 0) {
      throw new Error(`${where} found no Environment to deploy: create the Environments before the GitOps construct, or list them in environments`);
    }
    for (const env of this.environmentList) {
      if (env.name === id) {
        throw new Error(`${where} id "${id}" is also the name of Environment ${env.node.path}, and both would write dist/${id}/: give the GitOps construct another id, e.g. "gitops"`);
      }
    }
    OutputFolder.set(this, id);
    Guardrails.enable(this);

    if (props.tool === GitOpsTool.ARGO_CD) {
      this.environmentList.forEach((env) => this.addApplication(env));
    } else {
      this.addFluxObjects(props.dependsOn ?? [], props.repoSecretName);
    }

    const covered = new Set<Environment>(this.environmentList);
    const options = {
      tool: this.tool,
      syncWaves: this.syncWaves,
      protectNamespaces: this.protectNamespaces,
      protectVolumeClaims: this.protectVolumeClaims,
    };
    ManifestTransforms.add(this, (manifest, apiObject) => {
      const env = Environment.of(apiObject);
      if (!env || !covered.has(env)) {
        return manifest;
      }
      return withGitOpsAnnotations(manifest, options, migrationOfJob(apiObject) ? MIGRATION_SYNC_WAVE : undefined);
    });
    if (!listed) {
      this.node.addValidation({ validate: () => this.environmentsCreatedLater(covered) });
    }
    this.node.addValidation({ validate: () => this.migrationsWithTtl(covered) });
    this.node.addValidation({ validate: () => this.objectsSharedInOneCluster() });
  }

  /** The environments this construct deploys. */
  public get environments(): Environment[] {
    return [...this.environmentList];
  }

  private addApplication(env: Environment): void {
    const destination = env.cluster.server !== undefined ? { server: env.cluster.server } : { name: env.cluster.clusterName };
    new argo.Application(this, env.name, {
      metadata: { name: env.name, namespace: this.namespace },
      spec: {
        project: this.project,
        source: { repoUrl: this.repoUrl, targetRevision: this.revision, path: `${this.distPath}/${env.name}` },
        destination,
        syncPolicy: {
          automated: this.automatedSync ? { prune: this.prune, selfHeal: this.selfHeal } : undefined,
          // Delete what left dist/ only after every wave is applied and healthy.
          syncOptions: ['PruneLast=true'],
        },
      },
    });
  }

  private addFluxObjects(dependsOn: readonly string[], secretName: string | undefined): void {
    const source = this.node.id;
    new fluxSource.GitRepository(this, 'GitRepository', {
      metadata: { name: source, namespace: this.namespace },
      spec: {
        url: this.repoUrl,
        interval: this.intervalText,
        ref: fluxRef(this.revision),
        secretRef: secretName === undefined ? undefined : { name: secretName },
      },
    });
    for (const env of this.environmentList) {
      if (!env.cluster.isInCluster) {
        throw new Error(`[${this.node.path}] Environment ${env.node.path} has cluster ${env.cluster}, but Flux applies to the cluster it runs in: `
          + `bootstrap each cluster with its own GitOps construct (e.g. new GitOps(app, 'gitops-${env.name}', { environments: [${env.name}], … })) and leave cluster unset`);
      }
      new fluxKustomize.Kustomization(this, env.name, {
        metadata: { name: env.name, namespace: this.namespace },
        spec: {
          interval: this.intervalText,
          path: `./${this.distPath}/${env.name}`,
          prune: this.prune,
          sourceRef: { kind: fluxKustomize.KustomizationSpecSourceRefKind.GIT_REPOSITORY, name: source },
          dependsOn: dependsOn.length > 0 ? dependsOn.map((name) => ({ name })) : undefined,
          // Ready only when every applied object is healthy: the next commit waits for it.
          wait: true,
          timeout: '5m',
        },
      });
    }
  }

  /**
   * A Migration's Job deleted by its TTL is missing from the cluster: Argo CD (self-heal) and
   * Flux (every interval) recreate it from dist/, and the migration runs again, again and again.
   */
  private migrationsWithTtl(covered: ReadonlySet<Environment>): string[] {
    return [...covered].flatMap((env) => env.node.findAll())
      .filter((c): c is Migration => c instanceof Migration && c.ttlAfterFinished !== undefined)
      .map((m) => `Migration ${m.node.path} ttlAfterFinished cannot be used with GitOps, got ${m.ttlAfterFinished!.toSeconds()}s: `
        + `${this.tool === GitOpsTool.FLUX ? 'Flux' : 'Argo CD'} would recreate the deleted Job from dist/ and run the migration again; `
        + 'remove ttlAfterFinished (the Job is pruned once a new version gives it a new name)');
  }

  /**
   * Two environments synced to one cluster must not write the same object (group, kind,
   * namespace, name): Argo CD would sync it from two Applications and Flux apply it from two
   * Kustomizations, each overwriting the other's labels, selectors and sizes on every sync (and
   * an immutable field such as a Deployment's selector fails the second sync). Destinations are
   * compared as written: the same server URL or the same registered name.
   */
  private objectsSharedInOneCluster(): string[] {
    const byCluster = new Map<string, Environment[]>();
    for (const env of this.environmentList) {
      // Flux applies to the cluster it runs in (another cluster fails in the constructor).
      const cluster = this.tool === GitOpsTool.FLUX ? 'the cluster Flux runs in' : `cluster ${env.cluster}`;
      byCluster.set(cluster, [...byCluster.get(cluster) ?? [], env]);
    }
    const problems: string[] = [];
    for (const [cluster, envs] of byCluster) {
      const owner = new Map<string, Environment>();
      for (const env of envs) {
        const shared = new Map<Environment, { first: string; count: number }>();
        for (const { manifest } of synthesizeScope(env)) {
          const metadata = (manifest.metadata ?? {}) as { name?: string; namespace?: string };
          if (typeof manifest.kind !== 'string' || typeof metadata.name !== 'string') continue;
          const apiVersion = String(manifest.apiVersion ?? '');
          const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
          const namespace = isClusterScoped(manifest.kind) ? undefined : metadata.namespace;
          const key = JSON.stringify([group, manifest.kind, namespace ?? '', metadata.name]);
          const earlier = owner.get(key);
          if (earlier === undefined) {
            owner.set(key, env);
          } else if (earlier !== env) {
            const seen = shared.get(earlier);
            const what = `${manifest.kind} ${namespace === undefined ? '' : `${namespace}/`}${metadata.name}`;
            shared.set(earlier, { first: seen?.first ?? what, count: (seen?.count ?? 0) + 1 });
          }
        }
        for (const [earlier, { first, count }] of shared) {
          problems.push(`Environments ${earlier.node.path} and ${env.node.path} are both deployed to ${cluster} and both write ${first}`
            + `${count > 1 ? ` (and ${count - 1} more object${count > 2 ? 's' : ''})` : ''}: `
            + (this.tool === GitOpsTool.FLUX
              ? 'two Kustomizations would apply each of them, overwriting each other; give each environment its own namespaces '
                + `(namespaceScheme: NamespaceScheme.APP_AND_ENVIRONMENT), or bootstrap each cluster with its own GitOps construct (environments: [${env.name}])`
              : 'two Applications would sync each of them, overwriting each other; give each environment its own cluster '
                + `(cluster: Cluster.name('${env.name}')) or its own namespaces (namespaceScheme: NamespaceScheme.APP_AND_ENVIRONMENT)`));
        }
      }
    }
    return problems;
  }

  private environmentsCreatedLater(covered: ReadonlySet<Environment>): string[] {
    return this.node.root.node.findAll()
      .filter((c): c is Environment => c instanceof Environment && !covered.has(c))
      .map((env) => `Environment ${env.node.path} was created after the GitOps construct and is not deployed: create the GitOps construct after every Environment, or list the environments in its environments prop`);
  }
}

function checkedRepoUrl(where: string, tool: GitOpsTool, url: string): string {
  const https = /^https?:\/\/[^\s/]+\/\S+$/;
  const ssh = /^ssh:\/\/[^\s/]+\/\S+$/;
  const scp = /^[A-Za-z0-9._-]+@[^\s:/]+:\S+$/;
  if (typeof url === 'string' && (https.test(url) || ssh.test(url) || (tool === GitOpsTool.ARGO_CD && scp.test(url)))) {
    return url;
  }
  const example = tool === GitOpsTool.FLUX ? '"https://github.com/acme/shop-deploy.git" or "ssh://git@github.com/acme/shop-deploy.git"' : '"https://github.com/acme/shop-deploy.git" or "git@github.com:acme/shop-deploy.git"';
  return fail(`${where} repoUrl must be the Git URL the controller clones, got ${JSON.stringify(url)}: use e.g. ${example}`);
}

function rejectArgoOnly(where: string, props: GitOpsProps): void {
  for (const prop of ['project', 'automatedSync', 'selfHeal', 'syncWaves'] as const) {
    if (props[prop] !== undefined) {
      fail(`${where} ${prop} applies to Argo CD only, got ${JSON.stringify(props[prop])} with tool FLUX: remove it (Flux always syncs, self-heals and applies kustomize's order)`);
    }
  }
}

function rejectFluxOnly(where: string, props: GitOpsProps): void {
  if (props.interval !== undefined) {
    fail(`${where} interval applies to Flux only, got ${props.interval.toSeconds()}s with tool ARGO_CD: remove it (Argo CD's polling interval is timeout.reconciliation in argocd-cm)`);
  }
  if (props.repoSecretName !== undefined) {
    fail(`${where} repoSecretName applies to Flux only, got ${JSON.stringify(props.repoSecretName)} with tool ARGO_CD: remove it and register the credentials with argocd repo add`);
  }
  if (props.dependsOn !== undefined) {
    fail(`${where} dependsOn applies to Flux only, got ${JSON.stringify(props.dependsOn)} with tool ARGO_CD: remove it (Argo CD orders with sync waves)`);
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** `Duration.minutes(90)` → `1h30m`, as Go's time.ParseDuration reads it. */
export function goDuration(d: Duration, where?: string): string {
  // toSeconds() throws (without saying which prop) for NaN, Infinity and fractions of a second.
  const total = d.toSeconds({ integral: false });
  if (!Number.isInteger(total) || total <= 0) {
    return fail(`${where ? `${where} ` : ''}interval must be a whole number of seconds above 0, got ${total} seconds: use e.g. Duration.minutes(5)`);
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s ? `${s}s` : ''}`;
}

function fluxRef(revision: string): fluxSource.GitRepositorySpecRef {
  if (/^[0-9a-f]{40}$/.test(revision)) {
    return { commit: revision };
  }
  return revision.startsWith('refs/') ? { name: revision } : { branch: revision };
}
