// Changes applied to every object at synth, after cdk8s resolves it and before anything reads
// it (guardrails, capacity check, the YAML writer): the synth-time counterpart of an aspect,
// which cdk8s apps do not run. `GitOps` adds Argo CD sync waves and prune protection this way,
// so the annotations reach every object, including `Include`d YAML and Helm output.
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ManifestObject } from '../scheduler/types';

/** Returns the manifest to write for `apiObject` (a changed copy, or `manifest` itself). */
export type ManifestTransform = (manifest: ManifestObject, apiObject: ApiObject) => ManifestObject;

// Symbol.for, not Symbol(): two copies of this library in one app still see each other's.
const TRANSFORMS = Symbol.for('cdk8s-appkit.manifest-transforms');

interface WithTransforms {
  [TRANSFORMS]?: ManifestTransform[];
}

/** Transforms registered on the root of a construct tree, run on each object's resolved manifest. */
export class ManifestTransforms {
  /** Runs `transform` on every object of `scope`'s tree at synth, after the ones added before. */
  public static add(scope: IConstruct, transform: ManifestTransform): void {
    const root = scope.node.root as WithTransforms;
    const list = root[TRANSFORMS] ?? [];
    list.push(transform);
    if (!root[TRANSFORMS]) {
      Object.defineProperty(root, TRANSFORMS, { value: list, enumerable: false });
    }
  }

  /** `manifest` after every transform registered on `apiObject`'s tree. */
  public static apply(apiObject: ApiObject, manifest: ManifestObject): ManifestObject {
    const list = (apiObject.node.root as WithTransforms)[TRANSFORMS];
    if (!list) {
      return manifest;
    }
    return list.reduce((m, transform) => transform(m, apiObject), manifest);
  }
}
