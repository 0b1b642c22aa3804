export { GitOpsTool } from './gitops-tool';
export { GitOps } from './gitops';
export type { GitOpsProps } from './gitops';
export { ARGO_CD_SYNC_OPTIONS, ARGO_CD_SYNC_WAVE, FLUX_PRUNE, syncWaveOf, withGitOpsAnnotations } from './sync-order';
export type { GitOpsAnnotationOptions } from './sync-order';
export { capacityChanged, CapacitySource, describeObject, diffDist } from './dist-diff';
export type {
  CapacityChange, CapacityEffect, DistDiff, EnvironmentDiff, FieldChange, ObjectChange, ObjectId, ObjectRename,
} from './dist-diff';
export { DiffInputError, readDistAtCommit, readDistOnDisk, resolveBase } from './dist-files';
export type { DistFiles, GitBase } from './dist-files';
export { renderDiffJson, renderDiffMarkdown, renderDiffText } from './diff-report';
export type { DiffSubject } from './diff-report';
