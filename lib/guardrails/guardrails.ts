// The thin construct: runs `checkManifests` over every ApiObject under its scope at synth
// (cdk8s-plus constructs, raw ApiObjects, Include, Helm), once per synth session. Errors fail
// synth as validation errors; warnings go to the synth warning collector.
import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { resolvedManifest, SynthesizedObject, synthesizeScope } from '../synth/collect';
import { SynthSession } from '../synth/session';
import { SynthWarnings } from '../synth/warnings';
import { checkManifests } from './check-manifests';
import { GuardrailPolicy } from './policy';
import { ALL_RULES, describeFinding, exemptionAnnotation, Finding, Rule, RuleLevel } from './rule';
import { ensureAnnotation } from './private/annotate';
import { apiGroup } from '../kubernetes/private/json';
import { hasPodTemplate } from '../manifests/pod-template';

export interface GuardrailsProps {
  /**
   * The rules to run.
   * @default ALL_RULES
   */
  readonly rules?: Rule[];
}

// Settings per construct, read by walking up from each object (no tree walk to store them).
const policies = new WeakMap<IConstruct, ConstructPolicy>();
// The Guardrails construct checking each scope; an outer one covers nested ones.
const installed = new WeakMap<IConstruct, Guardrails>();

/**
 * Runs the guardrail rules over every object under its scope when the app is synthesized.
 * Configure rules per scope with `Guardrails.of(scope)`.
 *
 * @example
 * new Guardrails(chart, 'Guardrails');
 * Guardrails.of(legacyApp).lower(Rule.IMAGE_TAG, 'vendor publishes only :latest; pinned by digest in CD');
 */
export class Guardrails extends Construct {
  /**
   * The guardrail settings of `scope` (a chart or any construct): they apply to every object
   * under it, and a setting closer to the object wins. Creating it adds nothing to the tree.
   */
  public static of(scope: IConstruct): GuardrailPolicy {
    let policy = policies.get(scope);
    if (!policy) {
      policy = new ConstructPolicy(scope);
      policies.set(scope, policy);
    }
    return policy;
  }

  /** The Guardrails checking `scope` itself, creating it (id `Guardrails`) if there is none. */
  public static enable(scope: Construct, props: GuardrailsProps = {}): Guardrails {
    return installed.get(scope) ?? new Guardrails(scope, 'Guardrails', props);
  }

  /** The rules this construct runs. */
  public readonly rules: readonly Rule[];

  constructor(scope: Construct, id: string, props: GuardrailsProps = {}) {
    super(scope, id);
    const existing = installed.get(scope);
    if (existing) {
      throw new Error(`[${this.node.path}] ${scope.node.path || 'the app'} is already checked by ${existing.node.path}: `
        + 'configure it with Guardrails.of(scope) instead of adding a second Guardrails');
    }
    const unknown = (props.rules ?? []).filter((r) => !ALL_RULES.includes(r));
    if (unknown.length > 0) {
      throw new Error(`[${this.node.path}] rules must be Rule values, got ${JSON.stringify(unknown)}: use e.g. [Rule.SCHEMA, Rule.NAMES]`);
    }
    this.rules = [...(props.rules ?? ALL_RULES)];
    installed.set(scope, this);
    this.node.addValidation({ validate: () => this.validate() });
  }

  /** Runs the rules now and returns every finding (errors and warnings) for objects under the scope. */
  public findings(): Finding[] {
    const scope = this.node.scope!;
    return SynthSession.memo(scope, 'guardrails-findings', this, () => {
      annotateExemptions(scope);
      const objects = synthesizeScope(scope);
      return checkManifests(objects.map((o) => ({ manifest: o.manifest, path: o.path, policy: policyFor(o.apiObject) })), { rules: this.rules });
    });
  }

  private validate(): string[] {
    if (this.coveredByOuterGuardrails()) {
      return [];
    }
    const findings = this.findings();
    const objects = new Map<string, SynthesizedObject>(synthesizeScope(this.node.scope!).map((o) => [o.path, o]));
    const errors: string[] = [];
    for (const f of findings) {
      if (f.level === RuleLevel.ERROR) {
        errors.push(`${f.path ? `[${f.path}] ` : ''}${describeFinding(f)}`);
      } else {
        // The collector prefixes the object's construct path.
        SynthWarnings.report(objects.get(f.path ?? '')?.apiObject ?? this, describeFinding(f));
      }
    }
    return errors;
  }

  private coveredByOuterGuardrails(): boolean {
    for (let s = this.node.scope?.node.scope; s; s = s.node.scope) {
      if (installed.has(s)) {
        return true;
      }
    }
    return false;
  }
}

/** A policy that also writes each exemption on the objects under its construct. */
class ConstructPolicy extends GuardrailPolicy {
  constructor(private readonly scope: IConstruct) {
    super(scope.node.path || undefined);
  }

  public exempt(rule: Rule, reason: string): this {
    super.exempt(rule, reason);
    // Objects that exist now are annotated at once; later ones when Guardrails runs.
    for (const apiObject of this.scope.node.findAll().filter(ApiObject.isApiObject)) {
      annotate(apiObject, rule, this.settingOf(rule)!.reason);
    }
    return this;
  }
}

/** The merged policy of `construct`: every scope from the root down, closest last. */
function policyFor(construct: IConstruct): GuardrailPolicy | undefined {
  let merged: GuardrailPolicy | undefined;
  for (const scope of construct.node.scopes) {
    const own = policies.get(scope);
    if (own) {
      merged = GuardrailPolicy.merge(merged, own);
    }
  }
  return merged;
}

function annotateExemptions(scope: IConstruct): void {
  for (const apiObject of scope.node.findAll().filter(ApiObject.isApiObject)) {
    for (const exemption of policyFor(apiObject)?.exemptions ?? []) {
      annotate(apiObject, exemption.rule, exemption.reason);
    }
  }
}

/** Records `reason` on `apiObject` when `rule` checks objects of its kind. */
function annotate(apiObject: ApiObject, rule: Rule, reason: string): void {
  if (!appliesTo(rule, apiObject)) {
    return;
  }
  const key = exemptionAnnotation(rule);
  apiObject.metadata.addAnnotation(key, reason);
  // Within a synth session the manifest may already be resolved (and memoized) by another
  // validation: add the annotation there too, so the written YAML carries it.
  if (SynthSession.isActive(apiObject)) {
    ensureAnnotation(resolvedManifest(apiObject), key, reason);
  }
}

function appliesTo(rule: Rule, apiObject: ApiObject): boolean {
  const manifest = { apiVersion: apiObject.apiVersion, kind: apiObject.kind };
  switch (rule) {
    case Rule.POD_SECURITY:
    case Rule.IMAGE:
    case Rule.IMAGE_TAG:
      return hasPodTemplate(manifest);
    case Rule.SECRET_DATA:
      return apiGroup(apiObject.apiVersion) === '' && apiObject.kind === 'Secret';
    default:
      return true;
  }
}
