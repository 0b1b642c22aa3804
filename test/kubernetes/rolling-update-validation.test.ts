// lib/kubernetes/rolling-update-validation.ts: ValidateRollingUpdateDeployment,
// ValidateRollingUpdateDaemonSet and validateRollingUpdateStatefulSet of Kubernetes 1.27
// (pkg/apis/apps/validation/validation.go), after SetDefaults_* (pkg/apis/apps/v1/defaults.go),
// with upstream's exact messages as field.Error prints them; the accepted boundaries too.
import { formatSchedulingProblem } from '../../lib/kubernetes/pod-scheduling-validation';
import { intOrPercentValue, isValidPercent, validateRollingUpdate } from '../../lib/kubernetes/rolling-update-validation';

type Json = { [key: string]: any };
const PERCENT = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const check = (kind: string, spec: Json) => validateRollingUpdate({ apiVersion: 'apps/v1', kind, spec }, 'apps', kind).map(formatSchedulingProblem);
const deployment = (rollingUpdate: Json | undefined, type?: string) => check('Deployment', { strategy: { ...(type === undefined ? {} : { type }), ...(rollingUpdate ? { rollingUpdate } : {}) } });
const daemonSet = (rollingUpdate: Json | undefined, type?: string) => check('DaemonSet', { updateStrategy: { ...(type === undefined ? {} : { type }), ...(rollingUpdate ? { rollingUpdate } : {}) } });
const statefulSet = (updateStrategy: Json) => check('StatefulSet', { updateStrategy });
const D = 'spec.strategy.rollingUpdate';
const DS = 'spec.updateStrategy.rollingUpdate';

describe('IsValidPercent, getIntOrPercentValue', () => {
  test.each(['0%', '1%', '100%', '250%', '007%'])('%s is a percentage', (v) => expect(isValidPercent(v)).toEqual([]));
  test.each(['', '%', '1', '-1%', '+1%', '1.5%', ' 1%', '1% ', '1%%', 'abc'])('%j is not', (v) => expect(isValidPercent(v)).toEqual([PERCENT]));
  test.each([[0, 0], [3, 3], [-1, -1], ['25%', 25], ['0%', 0], ['5', 5], ['-5', -5], ['abc', 0], ['5x', 0], ['99999999999999999999', Number.MAX_SAFE_INTEGER]])('%j reads as %j', (v, want) => {
    expect(intOrPercentValue(v)).toBe(want);
  });
});

describe('Deployment (ValidateRollingUpdateDeployment)', () => {
  test.each<[string, Json | undefined, string | undefined]>([
    ['defaults (25%, 25%)', undefined, undefined],
    ['defaults with type RollingUpdate', {}, 'RollingUpdate'],
    ['maxSurge 0, maxUnavailable 1', { maxSurge: 0, maxUnavailable: 1 }, undefined],
    ['maxSurge "0%", maxUnavailable "25%"', { maxSurge: '0%', maxUnavailable: '25%' }, undefined],
    ['maxSurge 1, maxUnavailable 0', { maxSurge: 1, maxUnavailable: 0 }, undefined],
    ['maxUnavailable "100%"', { maxUnavailable: '100%' }, undefined],
    ['maxSurge "200%" (no 100% cap on surge)', { maxSurge: '200%', maxUnavailable: 0 }, undefined],
    ['maxSurge null (defaulted)', { maxSurge: null, maxUnavailable: 0 }, undefined],
    ['Recreate: no rolling update checks', undefined, 'Recreate'],
  ])('accepts %s', (_name, ru, type) => {
    expect(deployment(ru, type)).toEqual([]);
  });

  test.each<[string, Json, string[]]>([
    ['maxSurge -1', { maxSurge: -1 }, [`${D}.maxSurge: Invalid value: -1: must be greater than or equal to 0`]],
    ['maxUnavailable -1', { maxUnavailable: -1 }, [`${D}.maxUnavailable: Invalid value: -1: must be greater than or equal to 0`]],
    ['maxSurge "-1%"', { maxSurge: '-1%' }, [`${D}.maxSurge: Invalid value: "-1%": ${PERCENT}`]],
    ['maxSurge "1" (a string without %)', { maxSurge: '1' }, [`${D}.maxSurge: Invalid value: "1": ${PERCENT}`]],
    ['maxSurge 0, maxUnavailable 0', { maxSurge: 0, maxUnavailable: 0 }, [`${D}.maxUnavailable: Invalid value: 0: may not be 0 when \`maxSurge\` is 0`]],
    ['maxSurge "0%", maxUnavailable "0%"', { maxSurge: '0%', maxUnavailable: '0%' }, [`${D}.maxUnavailable: Invalid value: "0%": may not be 0 when \`maxSurge\` is 0`]],
    ['maxSurge "0" reads as 0 besides its format', { maxSurge: '0', maxUnavailable: 0 }, [
      `${D}.maxSurge: Invalid value: "0": ${PERCENT}`, `${D}.maxUnavailable: Invalid value: 0: may not be 0 when \`maxSurge\` is 0`]],
    ['maxUnavailable "101%"', { maxUnavailable: '101%' }, [`${D}.maxUnavailable: Invalid value: "101%": must not be greater than 100%`]],
  ])('refuses %s', (_name, ru, want) => {
    expect(deployment(ru)).toEqual(want);
  });

  test('an unknown strategy type is supported-values\' (not checked here); 1.5 is the schema\'s', () => {
    expect(deployment({ maxSurge: -1 }, 'Canary')).toEqual([]);
    expect(deployment({ maxSurge: 1.5 })).toEqual([]);
  });

  test('only apps Deployments, DaemonSets and StatefulSets', () => {
    expect(validateRollingUpdate({ spec: { strategy: { rollingUpdate: { maxSurge: -1 } } } }, 'argoproj.io', 'Deployment')).toEqual([]);
    expect(validateRollingUpdate({ spec: { strategy: { rollingUpdate: { maxSurge: -1 } } } }, 'apps', 'ReplicaSet')).toEqual([]);
  });
});

describe('DaemonSet (ValidateRollingUpdateDaemonSet; defaults maxUnavailable 1, maxSurge 0)', () => {
  test.each<[string, Json | undefined, string | undefined]>([
    ['defaults', undefined, undefined],
    ['maxUnavailable "100%"', { maxUnavailable: '100%' }, undefined],
    ['maxUnavailable 0, maxSurge 1', { maxUnavailable: 0, maxSurge: 1 }, undefined],
    ['maxUnavailable "0%", maxSurge "100%"', { maxUnavailable: '0%', maxSurge: '100%' }, undefined],
    ['maxUnavailable "25%", maxSurge 0', { maxUnavailable: '25%', maxSurge: 0 }, undefined],
    ['OnDelete', { maxSurge: -1 }, 'OnDelete'],
  ])('accepts %s', (_name, ru, type) => {
    expect(daemonSet(ru, type)).toEqual([]);
  });

  test.each<[string, Json, string[]]>([
    // -1 is non-zero, and so is the defaulted maxUnavailable 1: upstream reports both.
    ['maxSurge -1', { maxSurge: -1 }, [`${DS}.maxSurge: Invalid value: -1: must be greater than or equal to 0`, `${DS}.maxSurge: Invalid value: -1: may not be set when maxUnavailable is non-zero`]],
    ['maxUnavailable -1', { maxUnavailable: -1 }, [`${DS}.maxUnavailable: Invalid value: -1: must be greater than or equal to 0`]],
    ['maxUnavailable "x"', { maxUnavailable: 'x' }, [`${DS}.maxUnavailable: Invalid value: "x": ${PERCENT}`, `${DS}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`]],
    ['maxSurge 1 with the default maxUnavailable 1', { maxSurge: 1 }, [`${DS}.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero`]],
    ['both 0', { maxUnavailable: 0, maxSurge: '0%' }, [`${DS}.maxUnavailable: Required value: cannot be 0 when maxSurge is 0`]],
    ['maxSurge "101%"', { maxUnavailable: 0, maxSurge: '101%' }, [`${DS}.maxSurge: Invalid value: "101%": must not be greater than 100%`]],
    ['maxUnavailable "101%"', { maxUnavailable: '101%' }, [`${DS}.maxUnavailable: Invalid value: "101%": must not be greater than 100%`]],
  ])('refuses %s', (_name, ru, want) => {
    expect(daemonSet(ru)).toEqual(want);
  });
});

describe('StatefulSet (validateRollingUpdateStatefulSet; MaxUnavailableStatefulSet off in 1.27)', () => {
  test.each<[string, Json]>([
    ['partition 0', { rollingUpdate: { partition: 0 } }],
    ['partition 2 with type RollingUpdate', { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }],
    ['OnDelete without rollingUpdate', { type: 'OnDelete' }],
    ['OnDelete with rollingUpdate null', { type: 'OnDelete', rollingUpdate: null }],
    // dropStatefulSetDisabledFields clears maxUnavailable before validation: never refused.
    ['maxUnavailable -1 (dropped: gate off)', { rollingUpdate: { maxUnavailable: -1 } }],
    ['maxUnavailable 0 (dropped: gate off)', { rollingUpdate: { maxUnavailable: 0 } }],
  ])('accepts %s', (_name, strategy) => {
    expect(statefulSet(strategy)).toEqual([]);
  });

  test.each<[string, Json, string[]]>([
    ['partition -1', { rollingUpdate: { partition: -1 } }, ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0']],
    ['OnDelete with rollingUpdate', { type: 'OnDelete', rollingUpdate: { partition: 1 } },
      ['spec.updateStrategy.rollingUpdate: Invalid value: {"partition":1}: only allowed for updateStrategy \'RollingUpdate\'']],
  ])('refuses %s', (_name, strategy, want) => {
    expect(statefulSet(strategy)).toEqual(want);
  });
});
