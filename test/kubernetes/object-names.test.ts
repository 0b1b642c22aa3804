// lib/kubernetes/object-names.ts: the ValidateNameFunc each 1.27 kind passes to ValidateObjectMeta
// (pkg/apis/core/validation: ValidateServiceName = NameIsDNS1035Label, ValidateNamespaceName =
// NameIsDNSLabel, ValidatePersistentVolumeName = NameIsDNSSubdomain (PVs and PVCs);
// pkg/apis/apps/validation: ValidateStatefulSetName = NameIsDNSLabel since 1.27, kubernetes#114172;
// pkg/apis/rbac/validation: ValidateRBACName = path.IsValidPathSegmentName;
// pkg/apis/batch/validation: ValidateCronJobCreate's 52-character limit).
import { NameFormat, nameFormatOf, validateObjectName } from '../../lib/kubernetes/object-names';

describe('nameFormatOf', () => {
  test.each<[string, string, NameFormat]>([
    ['', 'Service', NameFormat.DNS1035_LABEL],
    ['', 'Namespace', NameFormat.DNS1123_LABEL],
    ['', 'PersistentVolume', NameFormat.DNS1123_SUBDOMAIN],
    ['', 'PersistentVolumeClaim', NameFormat.DNS1123_SUBDOMAIN],
    ['', 'ConfigMap', NameFormat.DNS1123_SUBDOMAIN],
    ['apps', 'StatefulSet', NameFormat.DNS1123_LABEL],
    ['apps', 'Deployment', NameFormat.DNS1123_SUBDOMAIN],
    ['rbac.authorization.k8s.io', 'ClusterRole', NameFormat.PATH_SEGMENT],
    ['example.com', 'Widget', NameFormat.DNS1123_SUBDOMAIN],
  ])('%s/%s: %s', (group, kind, format) => {
    expect(nameFormatOf(group, kind)).toBe(format);
  });
});

describe('validateObjectName', () => {
  test('a StatefulSet name with dots is rejected in 1.27; a Deployment one is not', () => {
    expect(validateObjectName('apps', 'StatefulSet', 'db.primary')).toEqual(['must not contain dots']);
    expect(validateObjectName('apps', 'Deployment', 'db.primary')).toEqual([]);
  });
  test('PVC names are DNS subdomains (no capitals), RBAC names path segments', () => {
    expect(validateObjectName('', 'PersistentVolumeClaim', 'Data')).toHaveLength(1);
    expect(validateObjectName('rbac.authorization.k8s.io', 'ClusterRole', 'system:Controller')).toEqual([]);
    expect(validateObjectName('rbac.authorization.k8s.io', 'Role', 'a/b')).toEqual(["may not contain '/'"]);
  });
  test('CronJob names: at most 52 characters', () => {
    expect(validateObjectName('batch', 'CronJob', 'a'.repeat(52))).toEqual([]);
    expect(validateObjectName('batch', 'CronJob', 'a'.repeat(53))).toEqual(['must be no more than 52 characters']);
  });
});
