// Prepares a schema for the `schema` rule, the same way for the Kubernetes definitions and for
// CRDs: object schemas with `properties` are closed, so unknown fields fail like the API server's
// strict field validation (`kubectl apply --validate=strict`), except under
// `x-kubernetes-preserve-unknown-fields: true`, where the API server keeps them; descriptions go
// (messages never use them, and they are most of the generated validator code).
import { arr, isObject, obj } from '../../kubernetes/private/json';

/** Closes `schema` and the schemas under it, in place. */
export function closeObjects(schema: unknown): void {
  if (!isObject(schema)) {
    return;
  }
  const s = schema as { [key: string]: unknown };
  if (typeof s.description === 'string') {
    delete s.description;
  }
  if (isObject(s.properties) && s.additionalProperties === undefined && s['x-kubernetes-preserve-unknown-fields'] !== true) {
    s.additionalProperties = false;
  }
  for (const child of Object.values(obj(s.properties) ?? {})) {
    closeObjects(child);
  }
  closeObjects(s.items);
  closeObjects(s.additionalProperties);
  for (const list of ['allOf', 'anyOf', 'oneOf']) {
    arr(s[list]).forEach(closeObjects);
  }
}
