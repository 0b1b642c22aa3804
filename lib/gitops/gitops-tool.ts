/** The GitOps controller that syncs `dist/` to the clusters. */
export enum GitOpsTool {
  /** Argo CD: one `argoproj.io/v1alpha1` Application per Environment. */
  ARGO_CD = 'argo-cd',
  /** Flux: one `source.toolkit.fluxcd.io/v1` GitRepository and one `kustomize.toolkit.fluxcd.io/v1` Kustomization per Environment. */
  FLUX = 'flux',
}
