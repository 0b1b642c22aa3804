import { execFileSync } from 'child_process';
import * as path from 'path';
import { ALL_RULES, checkManifests, formatFinding, GuardrailPolicy, Rule, RuleLevel } from '../../lib/guardrails';
import { ManifestObject } from '../../lib/scheduler/types';
import { appWith, check, configMap, deployment, goodApp, messages } from './fixtures';

// The cached transpile-only loader `npm run synth` uses: child processes start in well under a second.
const TS_REGISTER = path.join(__dirname, '..', '..', 'bin', 'ts-register.js');

describe('checkManifests', () => {
  test('a compliant app has no findings under any rule', () => {
    // GIVEN a Deployment, Service, Ingress, HPA, PDB and ConfigMap that reference each other correctly
    const app = goodApp();
    // WHEN every rule runs
    const findings = check(app);
    // THEN nothing is reported
    expect(findings).toEqual([]);
  });

  test('findings carry rule, level, path, object, field and message, in input order', () => {
    // GIVEN two broken objects
    const a = deployment();
    a.spec.template.spec.containers[0].image = 'nginx';
    const b = deployment();
    b.metadata.name = 'api';
    b.spec.replicas = '3';
    // WHEN checked
    const findings = check([a, b], { rules: [Rule.SCHEMA, Rule.IMAGE_TAG] });
    // THEN each finding names its object, in input order
    expect(findings).toEqual([
      {
        rule: Rule.IMAGE_TAG,
        level: RuleLevel.ERROR,
        path: 'obj0',
        object: 'Deployment shop/web',
        field: 'spec.template.spec.containers[0].image',
        message: 'spec.template.spec.containers[0].image "nginx" has no tag, so it pulls "latest", which changes under you: '
          + 'pin a version tag or a digest, e.g. "nginx:<version>" or "nginx@sha256:<digest>"',
      },
      {
        rule: Rule.SCHEMA,
        level: RuleLevel.ERROR,
        path: 'obj1',
        object: 'Deployment shop/api',
        field: 'spec.replicas',
        message: 'spec.replicas must be integer, got "3"',
      },
    ]);
  });

  test('formatFinding prints level, path, object, message and rule on one line', () => {
    const [finding] = check([{ ...deployment(), spec: { ...deployment().spec, replicas: -1.5 } }], { rules: [Rule.SCHEMA] });
    expect(formatFinding(finding)).toBe('error: [obj0] Deployment shop/web: spec.replicas must be integer, got -1.5 (schema)');
    expect(formatFinding({ ...finding, path: undefined, level: RuleLevel.WARNING, reason: 'testing' }))
      .toBe('warning: Deployment shop/web: spec.replicas must be integer, got -1.5 (schema, lowered to warning: testing)');
  });

  test('a policy lowers a rule to a warning with its reason, for every object or one object', () => {
    // GIVEN an unpinned image in two Deployments
    const a = deployment();
    a.spec.template.spec.containers[0].image = 'nginx:latest';
    const b = deployment();
    b.metadata.name = 'api';
    b.spec.template.spec.containers[0].image = 'nginx:latest';
    // WHEN the rule is lowered only for the second object
    const findings = checkManifests([
      { manifest: a as ManifestObject },
      { manifest: b as ManifestObject, policy: new GuardrailPolicy().lower(Rule.IMAGE_TAG, 'vendor ships only latest') },
    ], { rules: [Rule.IMAGE_TAG] });
    // THEN the first is still an error, the second a warning with the reason
    expect(findings.map((f) => [f.object, f.level, f.reason])).toEqual([
      ['Deployment shop/web', RuleLevel.ERROR, undefined],
      ['Deployment shop/api', RuleLevel.WARNING, 'vendor ships only latest'],
    ]);
  });

  test('an exemption drops the rule\'s findings; the object policy overrides the options policy', () => {
    const d = deployment();
    d.spec.template.spec.hostNetwork = true;
    const options = { rules: [Rule.POD_SECURITY], policy: new GuardrailPolicy().exempt(Rule.POD_SECURITY, 'node agent') };
    expect(checkManifests([{ manifest: d as ManifestObject }], options)).toEqual([]);
    const inner = new GuardrailPolicy().lower(Rule.POD_SECURITY, 'being migrated');
    expect(checkManifests([{ manifest: d as ManifestObject, policy: inner }], options).map((f) => f.level)).toEqual([RuleLevel.WARNING]);
  });

  test('options.rules limits the rules that run', () => {
    const d = deployment();
    d.spec.replicas = 'x';
    d.spec.template.spec.containers[0].image = 'nginx';
    expect(check([d, configMap()], { rules: [Rule.IMAGE] })).toEqual([]);
    expect(new Set(check([d, configMap()]).map((f) => f.rule))).toEqual(new Set([Rule.SCHEMA, Rule.IMAGE_TAG]));
    expect(ALL_RULES).toHaveLength(Object.keys(Rule).length);
  });
});

describe('the pure API', () => {
  test('loads neither cdk8s nor constructs, so the CLI starts fast', () => {
    // GIVEN a fresh Node process that loads only the rules
    const script = "require('./lib/guardrails/check-manifests'); require('./lib/guardrails/policy'); require('./lib/guardrails/rule');"
      + "console.log(JSON.stringify(Object.keys(require.cache).filter((k) => /node_modules[\\\\/](cdk8s|constructs)[\\\\/]/.test(k))))";
    // WHEN it runs
    const out = execFileSync(process.execPath, ['-r', TS_REGISTER, '-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
    // THEN no cdk8s or constructs module was loaded
    expect(JSON.parse(out)).toEqual([]);
  });
});

describe('references: selectors as the controllers parse them (lib/kubernetes/label-selector.ts)', () => {
  test('fails a PodDisruptionBudget whose selector upstream rejects (NotIn without values used to select every pod)', () => {
    // GIVEN a PDB selecting with NotIn and no values
    const app = appWith('PodDisruptionBudget', (p) => { p.spec.selector = { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: [] }] }; });
    // WHEN the references rule runs
    // THEN the selector is reported as invalid with NewRequirement's reason, not as matching
    expect(messages(app, Rule.REFERENCES)).toEqual([
      "spec.selector tier notin () is invalid: values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty: "
        + 'the API server rejects it; fix the expression (In and NotIn need values, Exists and DoesNotExist take none)',
    ]);
  });
});
