// Reading Kubernetes objects as plain JSON: identity (group, kind, namespace, name) and where
// each kind keeps its pod template.
import { ManifestObject } from '../scheduler/types';
import { apiGroup, at, JsonObject, obj, str } from '../kubernetes/private/json';

/** `Deployment shop/web`, or `Namespace shop` for objects without a namespace. */
export function objectLabel(manifest: ManifestObject): string {
  const kind = str(manifest.kind) ?? '<no kind>';
  const name = str(at(manifest, 'metadata', 'name')) ?? '<no name>';
  const namespace = str(at(manifest, 'metadata', 'namespace'));
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/** A pod template inside a workload, with the JSON paths of its parts. */
export interface PodTemplate {
  readonly metadata: JsonObject;
  readonly spec: JsonObject;
  /** e.g. `spec.template.metadata` */
  readonly metadataPath: string;
  /** e.g. `spec.template.spec` */
  readonly specPath: string;
}

const TEMPLATE_PATHS: { readonly [groupKind: string]: readonly string[] } = {
  '/Pod': [],
  '/PodTemplate': ['template'],
  '/ReplicationController': ['spec', 'template'],
  'apps/Deployment': ['spec', 'template'],
  'apps/ReplicaSet': ['spec', 'template'],
  'apps/StatefulSet': ['spec', 'template'],
  'apps/DaemonSet': ['spec', 'template'],
  'batch/Job': ['spec', 'template'],
  'batch/CronJob': ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The pod template of Pods and workload kinds (Deployment … CronJob); undefined for others. */
export function podTemplateOf(manifest: ManifestObject): PodTemplate | undefined {
  const keys = TEMPLATE_PATHS[`${apiGroup(manifest.apiVersion)}/${manifest.kind}`];
  if (!keys) {
    return undefined;
  }
  const template = keys.length === 0 ? manifest : obj(at(manifest, ...keys));
  if (!template) {
    return undefined;
  }
  const prefix = keys.length === 0 ? '' : `${keys.join('.')}.`;
  return {
    metadata: obj(template.metadata) ?? {},
    spec: obj(template.spec) ?? {},
    metadataPath: `${prefix}metadata`,
    specPath: `${prefix}spec`,
  };
}

/** True for the kinds `podTemplateOf` reads, whether or not the template is filled in. */
export function hasPodTemplate(manifest: ManifestObject): boolean {
  return TEMPLATE_PATHS[`${apiGroup(manifest.apiVersion)}/${manifest.kind}`] !== undefined;
}

/** `spec.x` of a pod → the same field inside `template` (`spec.template.spec.x`). */
export function rebase(template: PodTemplate, podField: string): string {
  if (podField === 'spec' || podField.startsWith('spec.')) {
    return template.specPath + podField.slice('spec'.length);
  }
  if (podField === 'metadata' || podField.startsWith('metadata.')) {
    return template.metadataPath + podField.slice('metadata'.length);
  }
  return podField;
}
