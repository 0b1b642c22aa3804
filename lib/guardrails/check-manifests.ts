// The pure entry point: plain manifests in, findings out. The Guardrails construct runs it at
// synth; the CLI runs it on YAML files. No cdk8s here.
import { ManifestObject } from '../scheduler/types';
import { GuardrailPolicy } from './policy';
import { ALL_RULES, Finding, Rule, RuleLevel } from './rule';
import { checkApiValidation } from './rules/api-validation';
import { checkedObject, RuleContext } from './rules/context';
import { checkDuplicateObjects } from './rules/duplicate-object';
import { checkImages } from './rules/image';
import { checkIngresses } from './rules/ingress';
import { checkNames } from './rules/names';
import { checkPodSecurity } from './rules/pod-security';
import { checkReferences } from './rules/references';
import { checkSchema } from './rules/schema';
import { checkSecretData } from './rules/secret-data';

/** One object to check. */
export interface CheckInput {
  readonly manifest: ManifestObject;
  /** Construct path (or file name) the object comes from, printed with its findings. */
  readonly path?: string;
  /** Settings for this object; merged over `CheckOptions.policy`. @default - the options' policy */
  readonly policy?: GuardrailPolicy;
}

export interface CheckOptions {
  /** Settings for every object. @default - every rule at level error, nothing external */
  readonly policy?: GuardrailPolicy;
  /** Rules to run. @default ALL_RULES */
  readonly rules?: readonly Rule[];
}

type RuleRunner = (ctx: RuleContext) => void;

const RUNNERS: ReadonlyArray<readonly [readonly Rule[], RuleRunner]> = [
  [[Rule.SCHEMA], checkSchema],
  [[Rule.NAMES], checkNames],
  [[Rule.NAMES], checkIngresses],
  [[Rule.DUPLICATE_OBJECT], checkDuplicateObjects],
  [[Rule.REFERENCES], checkReferences],
  [[Rule.IMAGE, Rule.IMAGE_TAG], checkImages],
  [[Rule.SECRET_DATA], checkSecretData],
  [[Rule.POD_SECURITY], checkPodSecurity],
  [[Rule.API_VALIDATION], checkApiValidation],
];

/**
 * Runs the guardrail rules over a set of objects (one app, one environment: duplicates and
 * references are resolved within the set). Findings come in input order, then rule order.
 * Exempted findings are dropped; lowered ones come back as warnings with their reason.
 */
export function checkManifests(objects: readonly CheckInput[], options: CheckOptions = {}): Finding[] {
  const enabled = new Set(options.rules ?? ALL_RULES);
  const base = options.policy ?? new GuardrailPolicy();
  const checked = objects.map((o, i) => checkedObject(i, o.manifest, o.policy ? GuardrailPolicy.merge(base, o.policy) : base, o.path));
  const ctx = new RuleContext(checked);
  for (const [rules, run] of RUNNERS) {
    if (rules.some((r) => enabled.has(r))) {
      run(ctx);
    }
  }
  const findings: Array<Finding & { readonly order: number }> = [];
  ctx.findings.forEach((raw, order) => {
    if (!enabled.has(raw.rule)) {
      return;
    }
    const setting = raw.object.policy.settingOf(raw.rule);
    if (setting?.exempt) {
      return;
    }
    findings.push({
      order,
      rule: raw.rule,
      level: setting?.level ?? RuleLevel.ERROR,
      ...(raw.object.path !== undefined ? { path: raw.object.path } : {}),
      object: raw.object.label,
      field: raw.field,
      message: raw.message,
      ...(setting ? { reason: setting.reason } : {}),
    });
  });
  const objectOf = (f: { readonly order: number }) => ctx.findings[f.order].object.index;
  return findings
    .sort((a, b) => objectOf(a) - objectOf(b) || a.order - b.order)
    .map(({ order: _order, ...finding }) => finding);
}
