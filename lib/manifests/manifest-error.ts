// One error type for bad input (unreadable file, invalid YAML, invalid quantity), so the CLI
// can tell "the input is wrong" (exit 2) from "it does not fit" (exit 1).
import { describeSource, ManifestSource } from './manifest-source';

/**
 * Bad input: names the file/document or construct, the object and the field.
 * Message: `<source>: <Kind ns/name>: <field>: <problem>` (parts omitted when unknown).
 */
export class ManifestError extends Error {
  /** True for any ManifestError, also across copies of this package. */
  public static isManifestError(e: unknown): e is ManifestError {
    return typeof e === 'object' && e !== null && (e as { isManifestError?: unknown }).isManifestError === true;
  }

  public readonly isManifestError = true;

  constructor(
    public readonly problem: string,
    public readonly source?: ManifestSource,
    /** `Deployment shop/storefront`. */
    public readonly object?: string,
    /** `spec.template.spec.containers[0].resources.requests[cpu]`. */
    public readonly field?: string,
  ) {
    super([describeSource(source), object, field, problem].filter((p) => p).join(': '));
    this.name = 'ManifestError';
  }
}
