// `kind: List` (kubectl get -o yaml) and typed lists (`NodeList`, …) wrap the real objects in `items`.

/** True for `List`, `NodeList`, `DeploymentList`…: objects whose `items` are the real objects. */
export function isListKind(object: { kind?: unknown; items?: unknown }): boolean {
  return typeof object.kind === 'string' && object.kind.endsWith('List') && Array.isArray(object.items);
}
