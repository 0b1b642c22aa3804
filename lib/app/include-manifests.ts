// `IncludeManifests`: cdk8s `Include` with the CLI's strictness. cdk8s `Include` reads through
// a child process (`_loadurl.mjs`, capped at 10 MiB: larger files die with `ENOBUFS` and a
// child-process stack trace) and parses without checks: duplicate keys silently take the last
// value, a `kind: List` is not flattened, a document that is not an object becomes an
// ApiObject. This construct reads local files with lib/manifests' reader instead: the same
// size limit, symbolic-link rules, YAML 1.1 decoding, duplicate-key, List and object checks
// as `cdk8s-appkit capacity`, every error one sentence with the construct path and the file.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { loadManifestFiles } from '../manifests/load-yaml';
import { ManifestError } from '../manifests/manifest-error';
import { DEFAULT_MAX_INPUT_BYTES } from '../manifests/read-files';

export interface IncludeManifestsProps {
  /**
   * A local YAML/JSON file, or a folder whose *.yaml, *.yml and *.json files are read
   * (sub-folders too, in name order). Relative paths are relative to the working folder, like
   * cdk8s `Include`. URLs are refused: download the file and commit it, so synth is reproducible.
   */
  readonly path: string;
  /**
   * Largest file accepted, in bytes.
   * @default 67108864 (64 MiB, DEFAULT_MAX_INPUT_BYTES)
   */
  readonly maxInputBytes?: number;
}

/**
 * Defines every object of local YAML/JSON manifests as an ApiObject in this scope, like cdk8s
 * `Include` (same child ids: `name[-kind][-namespace]`), with strict reading.
 */
export class IncludeManifests extends Construct {
  /** The file or folder read. */
  public readonly path: string;

  constructor(scope: Construct, id: string, props: IncludeManifestsProps) {
    super(scope, id);
    const where = `[${this.node.path}]`;
    if (typeof props?.path !== 'string' || props.path === '') {
      throw new Error(`${where} path must name a local YAML file or folder, got ${props?.path === undefined ? 'undefined' : JSON.stringify(props.path)}: pass e.g. path: 'vendor/redis.yaml'`);
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(props.path)) {
      throw new Error(`${where} path must be a local file, got the URL ${JSON.stringify(props.path)}: download it (curl -fLo vendor/file.yaml …) and commit it, so that synth is reproducible and offline`);
    }
    const maxInputBytes = props.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
    if (!Number.isSafeInteger(maxInputBytes) || maxInputBytes < 1) {
      throw new Error(`${where} maxInputBytes must be a whole number of bytes ≥ 1, got ${String(props.maxInputBytes)}: leave it out for 64 MiB`);
    }
    this.path = props.path;
    let objects;
    try {
      objects = loadManifestFiles([props.path], maxInputBytes);
    } catch (e) {
      if (!ManifestError.isManifestError(e)) throw e;
      // The size hint names the CLI flag; here the limit is this construct's prop.
      throw new Error(`${where} ${(e as Error).message.replace('raise the limit with --max-input-bytes', 'raise the limit with the maxInputBytes prop')}`);
    }
    let order = 0;
    const seen = new Map<string, string>();
    for (const { object, source } of objects) {
      const name = object.metadata?.name ?? `object${order++}`;
      const objectId = [name, object.kind.toLowerCase(), object.metadata?.namespace].filter((x) => x).join('-');
      const at = `${source.file} document ${source.documentIndex}${source.listIndex !== undefined ? ` (items[${source.listIndex}])` : ''}`;
      const first = seen.get(objectId);
      if (first !== undefined) {
        throw new Error(`${where} ${at} defines ${object.kind} ${name} again (first in ${first}): remove one of the two`);
      }
      seen.set(objectId, at);
      new ApiObject(this, objectId, object as unknown as ConstructorParameters<typeof ApiObject>[2]);
    }
  }

  /** The included objects. */
  public get apiObjects(): ApiObject[] {
    return this.node.children.filter((c): c is ApiObject => c instanceof ApiObject);
  }
}
