// Per-scope guardrail settings as plain data: which rules are lowered to warnings or exempted
// (with the reason), and which ConfigMaps/Secrets exist outside the app. The construct keeps
// one policy per construct and merges them down the tree; the CLI builds one from flags.
import { Rule, RuleLevel } from './rule';
import { isDNS1123Subdomain } from '../kubernetes/validation';

/** Kinds of objects a pod may reference that can live outside the app. */
export enum ExternalKind {
  CONFIG_MAP = 'ConfigMap',
  SECRET = 'Secret',
  SERVICE_ACCOUNT = 'ServiceAccount',
}

/** How one rule applies under a policy. */
export interface RuleSetting {
  /** The level findings get; undefined when the rule is exempted. */
  readonly level?: RuleLevel;
  /** Findings are dropped and the reason is recorded as an annotation on the object. */
  readonly exempt: boolean;
  readonly reason: string;
}

/** A rule exemption and its reason. */
export interface Exemption {
  readonly rule: Rule;
  readonly reason: string;
}

export class GuardrailPolicy {
  /** `inner`'s settings override `outer`'s rule by rule; external objects add up. */
  public static merge(outer: GuardrailPolicy | undefined, inner: GuardrailPolicy | undefined): GuardrailPolicy {
    const merged = new GuardrailPolicy(inner?.label ?? outer?.label);
    for (const p of [outer, inner]) {
      p?.settings.forEach((setting, rule) => merged.settings.set(rule, setting));
      p?.externals.forEach((key) => merged.externals.add(key));
    }
    return merged;
  }

  private readonly settings = new Map<Rule, RuleSetting>();
  private readonly externals = new Set<string>();

  /** @param label where the policy is declared (a construct path), for error messages */
  constructor(private readonly label?: string) {}

  /** Findings of `rule` become warnings: printed with `reason`, synth does not fail. */
  public lower(rule: Rule, reason: string): this {
    this.settings.set(rule, { level: RuleLevel.WARNING, exempt: false, reason: this.checkReason('lower', rule, reason) });
    return this;
  }

  /**
   * `rule` does not apply: its findings are dropped and `reason` is written on each object it
   * would check as the annotation `appkit.cdk8s.io/exemption.<rule id>`.
   */
  public exempt(rule: Rule, reason: string): this {
    this.settings.set(rule, { exempt: true, reason: this.checkReason('exempt', rule, reason) });
    return this;
  }

  /** Allows Secrets with `data`/`stringData` (the `secret-data` rule) and says why. */
  public allowSecretData(reason: string): this {
    return this.exempt(Rule.SECRET_DATA, reason);
  }

  /** Declares a ConfigMap or Secret that pods may use although the app does not define it. */
  public declareExternal(kind: ExternalKind, name: string): this {
    const errors = isDNS1123Subdomain(name);
    if (errors.length > 0) {
      throw new Error(`${this.prefix()}declareExternal(ExternalKind.${enumKey(ExternalKind, kind)}, ${JSON.stringify(name)}) `
        + `is not a valid ${kind} name (${errors.join('; ')}): use the name of the existing ${kind}`);
    }
    this.externals.add(externalKey(kind, name));
    return this;
  }

  /** The setting for `rule`, or undefined when the rule runs at its default level (error). */
  public settingOf(rule: Rule): RuleSetting | undefined {
    return this.settings.get(rule);
  }

  /** True when `name` was declared external for `kind`. */
  public isExternal(kind: ExternalKind, name: string): boolean {
    return this.externals.has(externalKey(kind, name));
  }

  /** The exempted rules, in rule order. */
  public get exemptions(): Exemption[] {
    return [...this.settings.entries()]
      .filter(([, s]) => s.exempt)
      .map(([rule, s]) => ({ rule, reason: s.reason }));
  }

  private checkReason(method: string, rule: Rule, reason: string): string {
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(`${this.prefix()}${method}(Rule.${enumKey(Rule, rule)}) needs a reason, got ${JSON.stringify(reason)}: `
        + 'say why the rule does not hold here, e.g. \'vendor image is only published as latest\'');
    }
    return reason.trim();
  }

  private prefix(): string {
    return this.label ? `[${this.label}] ` : '';
  }
}

function externalKey(kind: ExternalKind, name: string): string {
  return `${kind}/${name}`;
}

function enumKey(e: object, value: string): string {
  return Object.entries(e).find(([, v]) => v === value)?.[0] ?? value;
}
