import { IConstruct } from 'constructs';

/** A non-YAML file a construct adds to the output (e.g. `capacity.md`). */
export interface SynthArtifact {
  /** The construct that added it; its environment decides the folder. */
  readonly scope: IConstruct;
  /** File name inside the folder, e.g. `capacity.svg`. */
  readonly fileName: string;
  /** Renders the content at synth, after validation. Strings are written as UTF-8 with LF endings. */
  readonly render: () => string | Uint8Array;
}

// Symbol.for, not Symbol(): two copies of this library in one app still see each other's files.
const ARTIFACTS = Symbol.for('cdk8s-appkit.synth-artifacts');

// One path segment, portable (no spaces, no case tricks): what GitOps repos carry well.
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
// GitOps tools (kustomize directories, Argo CD directory apps, `kubectl apply -f dir`) apply
// every file with these extensions: a report with one of them would be sent to the cluster.
const APPLIED_EXTENSIONS = /\.(ya?ml|json)$/i;

interface WithArtifacts {
  [ARTIFACTS]?: SynthArtifact[];
}

/**
 * Registers files that are not Kubernetes manifests. They are written beside the YAML of
 * the scope's environment (`dist/<env>/<fileName>`, or `dist/<fileName>` outside any
 * environment), in the same atomic swap as the manifests.
 */
export class SynthArtifacts {
  /**
   * Adds a file rendered at synth by `render`.
   * @param fileName one file name such as `capacity.md`; never `.yaml`, `.yml` or `.json`
   */
  public static add(scope: IConstruct, fileName: string, render: () => string | Uint8Array): void {
    const where = `[${scope.node.path}]`;
    if (!SAFE_FILE_NAME.test(fileName)) {
      throw new Error(`${where} artifact fileName must be one file name of letters, digits, '.', '_' or '-', got ${JSON.stringify(fileName)}: use a name such as capacity.md`);
    }
    if (APPLIED_EXTENSIONS.test(fileName)) {
      throw new Error(`${where} artifact fileName must not end in .yaml, .yml or .json, got ${JSON.stringify(fileName)}: GitOps tools apply those files from dist/, so use another extension such as .md`);
    }
    const holder = scope as WithArtifacts;
    const list = holder[ARTIFACTS] ?? [];
    if (list.some((a) => a.fileName === fileName)) {
      throw new Error(`${where} artifact fileName ${JSON.stringify(fileName)} is already added on this construct: add each file once`);
    }
    list.push({ scope, fileName, render });
    if (!holder[ARTIFACTS]) {
      Object.defineProperty(scope, ARTIFACTS, { value: list, enumerable: false });
    }
  }

  /** The artifacts added directly on `scope`, in the order they were added. */
  public static of(scope: IConstruct): SynthArtifact[] {
    return [...((scope as WithArtifacts)[ARTIFACTS] ?? [])];
  }
}
