// Findings about input that is legal but worth telling the user (and, for errors, failing on).
import type { ManifestSource } from './manifest-source';

export enum ProblemSeverity {
  ERROR = 'error',
  WARNING = 'warning',
}

/** One finding about one object. */
export interface ManifestProblem {
  readonly severity: ProblemSeverity;
  /** `Deployment shop/storefront`. */
  readonly object: string;
  /** @default - unknown */
  readonly source?: ManifestSource;
  /** Manifest path, e.g. `spec.template.spec.containers[0].resources.requests`. @default - whole object */
  readonly field?: string;
  readonly message: string;
}
