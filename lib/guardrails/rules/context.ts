// What every rule sees: the objects under check (with their identity and policy, computed
// once) and where to put findings. Lookups are indexed once so rules stay linear.
import { ManifestObject } from '../../scheduler/types';
import { GuardrailPolicy } from '../policy';
import { Rule } from '../rule';
import { at, str } from '../../kubernetes/private/json';
import { apiGroup } from '../../kubernetes/private/json';
import { objectLabel, PodTemplate, podTemplateOf } from '../../manifests/pod-template';

export interface CheckedObject {
  /** Position in the input, which orders findings. */
  readonly index: number;
  readonly manifest: ManifestObject;
  readonly path?: string;
  /** `Kind namespace/name` */
  readonly label: string;
  readonly group: string;
  readonly kind: string;
  /** '' when the manifest sets no namespace. */
  readonly namespace: string;
  readonly name?: string;
  readonly podTemplate?: PodTemplate;
  readonly policy: GuardrailPolicy;
}

/** A finding before the object's policy decides its level. */
export interface RawFinding {
  readonly rule: Rule;
  readonly object: CheckedObject;
  readonly field: string;
  readonly message: string;
}

export class RuleContext {
  public readonly findings: RawFinding[] = [];
  private byIdentity?: Map<string, CheckedObject>;
  private templatesByNamespace?: Map<string, CheckedObject[]>;

  constructor(public readonly objects: readonly CheckedObject[]) {}

  public report(rule: Rule, object: CheckedObject, field: string, message: string): void {
    this.findings.push({ rule, object, field, message });
  }

  /** The first object with this group, kind, namespace and name. */
  public find(group: string, kind: string, namespace: string, name: string): CheckedObject | undefined {
    if (!this.byIdentity) {
      this.byIdentity = new Map();
      for (const o of this.objects) {
        const key = identity(o.group, o.kind, o.namespace, o.name ?? '');
        if (!this.byIdentity.has(key)) {
          this.byIdentity.set(key, o);
        }
      }
    }
    return this.byIdentity.get(identity(group, kind, namespace, name));
  }

  /** Objects with a pod template (Pods and workloads) in `namespace`. */
  public workloadsIn(namespace: string): readonly CheckedObject[] {
    if (!this.templatesByNamespace) {
      this.templatesByNamespace = new Map();
      for (const o of this.objects.filter((x) => x.podTemplate)) {
        const list = this.templatesByNamespace.get(o.namespace) ?? [];
        list.push(o);
        this.templatesByNamespace.set(o.namespace, list);
      }
    }
    return this.templatesByNamespace.get(namespace) ?? [];
  }
}

export function identity(group: string, kind: string, namespace: string, name: string): string {
  return JSON.stringify([group, kind, namespace, name]);
}

/** Reads identity and pod template once per object. */
export function checkedObject(index: number, manifest: ManifestObject, policy: GuardrailPolicy, path?: string): CheckedObject {
  return {
    index,
    manifest,
    path,
    label: objectLabel(manifest),
    group: apiGroup(manifest.apiVersion),
    kind: str(manifest.kind) ?? '',
    namespace: str(at(manifest, 'metadata', 'namespace')) ?? '',
    name: str(at(manifest, 'metadata', 'name')),
    podTemplate: podTemplateOf(manifest),
    policy,
  };
}

/** `in namespace "shop"`, or `without a namespace`, for messages. */
export function inNamespace(namespace: string): string {
  return namespace ? `in namespace "${namespace}"` : 'without a namespace';
}
