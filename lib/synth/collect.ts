import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ManifestObject } from '../scheduler/types';
import { ManifestTransforms } from './manifest-transforms';
import { SynthSession } from './session';

/** A Kubernetes object as it will be written, with the construct that produces it. */
export interface SynthesizedObject {
  /** The resolved manifest (`ApiObject.toJson()`), exactly what lands in the YAML. */
  readonly manifest: ManifestObject;
  /** Construct path of the ApiObject, e.g. `production/shop/storefront/Deployment/Resource`. */
  readonly path: string;
  readonly apiObject: ApiObject;
}

/**
 * Every ApiObject under `scope` (cdk8s-plus constructs, raw ApiObjects, `Include`, `Helm`),
 * resolved, in construct-tree order. Resolved once per object per synth session.
 */
export function synthesizeScope(scope: IConstruct): SynthesizedObject[] {
  return SynthSession.memo(scope, 'scope-objects', scope, () =>
    scope.node.findAll()
      .filter(ApiObject.isApiObject)
      .map((apiObject) => ({
        manifest: resolvedManifest(apiObject),
        path: apiObject.node.path,
        apiObject,
      })));
}

/** `apiObject.toJson()` after the registered `ManifestTransforms`, once per synth session. */
export function resolvedManifest(apiObject: ApiObject): ManifestObject {
  return SynthSession.memo(apiObject, 'resolved-json', apiObject, () => ManifestTransforms.apply(apiObject, apiObject.toJson()));
}
