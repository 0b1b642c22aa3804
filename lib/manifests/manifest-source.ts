// Where a manifest object came from, so every message can point the user at it.

/** Origin of one manifest object: a YAML file document (CLI) or a construct (synth). */
export interface ManifestSource {
  /**
   * File the object was read from, as given by the user (CLI, `loadManifestFiles`).
   * @default - not read from a file
   */
  readonly file?: string;
  /**
   * 0-based index of the YAML document inside `file` (`---`-separated).
   * @default - not read from a file
   */
  readonly documentIndex?: number;
  /**
   * 1-based line of the object's first field in `file` (as editors count).
   * @default - unknown
   */
  readonly line?: number;
  /**
   * 0-based index of the item inside a `kind: List` document.
   * @default - not inside a List
   */
  readonly listIndex?: number;
  /**
   * Construct path of the ApiObject that produced it, e.g. `production/shop/storefront/Deployment/Resource`.
   * @default - not produced by a construct
   */
  readonly path?: string;
}

/**
 * `nodes.yaml:12` (file and 1-based line of the object), `nodes.yaml document 2 (items[3])` when the
 * line is not known, or the construct path; '' when unknown.
 */
export function describeSource(source: ManifestSource | undefined): string {
  if (!source) return '';
  const parts: string[] = [];
  if (source.path) parts.push(source.path);
  if (source.file !== undefined && source.line !== undefined) {
    parts.push(`${source.file}:${source.line}`);
  } else if (source.file !== undefined) {
    let where = source.file;
    if (source.documentIndex !== undefined) where += ` document ${source.documentIndex}`;
    if (source.listIndex !== undefined) where += ` (items[${source.listIndex}])`;
    parts.push(where);
  }
  return parts.join(', ');
}
