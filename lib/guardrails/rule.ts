// Rule ids, levels and findings: the vocabulary shared by the rules, the Guardrails construct
// and the CLI. Plain TypeScript (no cdk8s), so `cdk8s-appkit` commands can load it fast.

/** A guardrail rule. The value is the rule's stable id, printed with every finding. */
export enum Rule {
  /** Every object validates against the Kubernetes 1.27 schema; unknown fields are errors. */
  SCHEMA = 'schema',
  /** Names, namespaces, labels, annotations, container/port/volume/env names follow apimachinery rules. */
  NAMES = 'names',
  /** No two objects share group, kind, namespace and name. */
  DUPLICATE_OBJECT = 'duplicate-object',
  /** Selectors, ports, backends, scale targets, probes and ConfigMap/Secret references resolve. */
  REFERENCES = 'references',
  /** Container images are references kubelet can parse. */
  IMAGE = 'image',
  /** Container images are pinned: a tag other than `latest`, or a digest. */
  IMAGE_TAG = 'image-tag',
  /** No Secret with `data`/`stringData` is written to the output. */
  SECRET_DATA = 'secret-data',
  /** Every pod template meets the Pod Security Standards "restricted" profile (v1.27). */
  POD_SECURITY = 'pod-security',
  /**
   * What the 1.27 API server's validation rejects beyond the schema: container resources
   * (negative, request above limit, extended resources), ConfigMap/Secret data over 1 MiB,
   * objects over etcd's 1.5 MiB, Ingress hosts and paths, CronJob time zones.
   */
  API_VALIDATION = 'api-validation',
}

/** All rules, in the order they run. */
export const ALL_RULES: readonly Rule[] = [
  Rule.SCHEMA,
  Rule.NAMES,
  Rule.DUPLICATE_OBJECT,
  Rule.REFERENCES,
  Rule.IMAGE,
  Rule.IMAGE_TAG,
  Rule.SECRET_DATA,
  Rule.POD_SECURITY,
  Rule.API_VALIDATION,
];

/** How a finding is treated. */
export enum RuleLevel {
  /** Fails synth (the default for every rule). */
  ERROR = 'error',
  /** Printed, does not fail synth. */
  WARNING = 'warning',
}

/** One problem found in one object. */
export interface Finding {
  readonly rule: Rule;
  readonly level: RuleLevel;
  /** Construct path of the object, when it comes from a construct tree. */
  readonly path?: string;
  /** `Kind namespace/name`, or `Kind name` without a namespace. */
  readonly object: string;
  /** JSON path of the offending field, e.g. `spec.template.spec.containers[0].image`; '' for the whole object. */
  readonly field: string;
  /** One sentence: what is wrong, the bad value, and the fix. */
  readonly message: string;
  /** Why the rule was lowered to a warning for this object, when it was. */
  readonly reason?: string;
}

/**
 * One line per finding, e.g.
 * `error: [prod/shop/web/Deployment/Resource] Deployment shop/web: … (image-tag)`.
 */
export function formatFinding(f: Finding): string {
  return `${f.level}: ${f.path ? `[${f.path}] ` : ''}${describeFinding(f)}`;
}

/** `Kind namespace/name: message (rule)`, without level and path (which cdk8s and the warning collector add). */
export function describeFinding(f: Finding): string {
  const why = f.reason !== undefined ? `, lowered to ${f.level}: ${f.reason}` : '';
  return `${f.object}: ${f.message} (${f.rule}${why})`;
}

/** Annotation that records, in the output, why `rule` does not apply to an object. */
export function exemptionAnnotation(rule: Rule): string {
  return `appkit.cdk8s.io/exemption.${rule}`;
}
