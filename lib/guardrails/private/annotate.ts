// Adds an annotation to an already-resolved manifest in place, producing exactly what
// `ApiObject.toJson()` would have: cdk8s sorts object keys unless CDK8S_DISABLE_SORT is set.
import { ManifestObject } from '../../scheduler/types';

type Mutable = { [key: string]: unknown };

export function ensureAnnotation(manifest: ManifestObject, key: string, value: string): void {
  const m = manifest as unknown as Mutable;
  const metadata = (m.metadata ?? {}) as Mutable;
  const annotations = (metadata.annotations ?? {}) as Mutable;
  if (annotations[key] === value) {
    return;
  }
  annotations[key] = value;
  metadata.annotations = annotations;
  if (!process.env.CDK8S_DISABLE_SORT) {
    sortKeysInPlace(annotations);
    sortKeysInPlace(metadata);
  }
  m.metadata = metadata;
}

function sortKeysInPlace(o: Mutable): void {
  const entries = Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [k] of entries) {
    delete o[k];
  }
  for (const [k, v] of entries) {
    o[k] = v;
  }
}
