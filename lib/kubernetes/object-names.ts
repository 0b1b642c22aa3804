// Which name format the API server requires of each kind (Kubernetes 1.27): the ValidateNameFunc
// each kind passes to ValidateObjectMeta in pkg/apis/*/validation (e.g. ValidateServiceName =
// NameIsDNS1035Label, ValidateNamespaceName = NameIsDNSLabel, ValidateRBACName =
// path.IsValidPathSegmentName). Every object's name is at least a valid path segment
// (rest.BeforeCreate); custom resources must be DNS subdomains (apiextensions' validator).
import {
  goLen, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isValidPathSegmentName, LABEL_VALUE_MAX_LENGTH, maxLenError,
} from './validation';

export enum NameFormat {
  DNS1123_SUBDOMAIN = 'DNS-1123 subdomain',
  DNS1123_LABEL = 'DNS-1123 label',
  DNS1035_LABEL = 'DNS-1035 label',
  PATH_SEGMENT = 'path segment',
}

const FORMATS: { readonly [groupKind: string]: NameFormat } = {
  // pkg/apis/core/validation
  '/Pod': NameFormat.DNS1123_SUBDOMAIN,
  '/PodTemplate': NameFormat.DNS1123_SUBDOMAIN,
  '/ReplicationController': NameFormat.DNS1123_SUBDOMAIN,
  '/Service': NameFormat.DNS1035_LABEL,
  '/Namespace': NameFormat.DNS1123_LABEL,
  '/ConfigMap': NameFormat.DNS1123_SUBDOMAIN,
  '/Secret': NameFormat.DNS1123_SUBDOMAIN,
  '/ServiceAccount': NameFormat.DNS1123_SUBDOMAIN,
  '/Endpoints': NameFormat.DNS1123_SUBDOMAIN,
  '/LimitRange': NameFormat.DNS1123_SUBDOMAIN,
  '/ResourceQuota': NameFormat.DNS1123_SUBDOMAIN,
  '/Node': NameFormat.DNS1123_SUBDOMAIN,
  // ValidatePersistentVolumeName = NameIsDNSSubdomain, for PersistentVolumeClaims too
  '/PersistentVolume': NameFormat.DNS1123_SUBDOMAIN,
  '/PersistentVolumeClaim': NameFormat.DNS1123_SUBDOMAIN,
  // pkg/apis/apps/validation
  'apps/Deployment': NameFormat.DNS1123_SUBDOMAIN,
  'apps/ReplicaSet': NameFormat.DNS1123_SUBDOMAIN,
  // 1.27 (kubernetes#114172): ValidateStatefulSetName = NameIsDNSLabel; its pods' hostnames are the name
  'apps/StatefulSet': NameFormat.DNS1123_LABEL,
  'apps/DaemonSet': NameFormat.DNS1123_SUBDOMAIN,
  'apps/ControllerRevision': NameFormat.DNS1123_SUBDOMAIN,
  // pkg/apis/batch/validation
  'batch/Job': NameFormat.DNS1123_SUBDOMAIN,
  'batch/CronJob': NameFormat.DNS1123_SUBDOMAIN,
  // pkg/apis/autoscaling/validation
  'autoscaling/HorizontalPodAutoscaler': NameFormat.DNS1123_SUBDOMAIN,
  // pkg/apis/networking/validation
  'networking.k8s.io/Ingress': NameFormat.DNS1123_SUBDOMAIN,
  'networking.k8s.io/IngressClass': NameFormat.DNS1123_SUBDOMAIN,
  'networking.k8s.io/NetworkPolicy': NameFormat.DNS1123_SUBDOMAIN,
  // pkg/apis/policy/validation validates only the spec of a PodDisruptionBudget
  'policy/PodDisruptionBudget': NameFormat.PATH_SEGMENT,
  // pkg/apis/rbac/validation (ValidateRBACName)
  'rbac.authorization.k8s.io/Role': NameFormat.PATH_SEGMENT,
  'rbac.authorization.k8s.io/ClusterRole': NameFormat.PATH_SEGMENT,
  'rbac.authorization.k8s.io/RoleBinding': NameFormat.PATH_SEGMENT,
  'rbac.authorization.k8s.io/ClusterRoleBinding': NameFormat.PATH_SEGMENT,
  // pkg/apis/storage/validation, pkg/apis/scheduling/validation
  'storage.k8s.io/StorageClass': NameFormat.DNS1123_SUBDOMAIN,
  'scheduling.k8s.io/PriorityClass': NameFormat.DNS1123_SUBDOMAIN,
  // admissionregistration
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': NameFormat.DNS1123_SUBDOMAIN,
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': NameFormat.DNS1123_SUBDOMAIN,
};

/** API groups served by Kubernetes itself; other groups are custom resources. */
const BUILT_IN_GROUP = /^$|^[a-z0-9]+$|\.k8s\.io$/;

/** The name format the API server enforces for `kind` in `group`. */
export function nameFormatOf(group: string, kind: string): NameFormat {
  return FORMATS[`${group}/${kind}`] ?? (BUILT_IN_GROUP.test(group) ? NameFormat.PATH_SEGMENT : NameFormat.DNS1123_SUBDOMAIN);
}

/** Upstream's errors for `name` as the name of a `kind` object; empty when valid. */
export function validateObjectName(group: string, kind: string, name: string): string[] {
  const errs = validateNameFormat(nameFormatOf(group, kind), name);
  if (group === 'batch' && kind === 'CronJob' && goLen(name) > 52) {
    // ValidateCronJob: the controller appends an 11-character suffix to Job names (limit 63).
    errs.push('must be no more than 52 characters');
  }
  if (group === 'batch' && kind === 'Job' && goLen(name) > LABEL_VALUE_MAX_LENGTH) {
    // The Job controller labels its pods `job-name: <name>`, a label value (ValidateJob).
    errs.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  }
  return errs;
}

export function validateNameFormat(format: NameFormat, name: string): string[] {
  switch (format) {
    case NameFormat.DNS1123_LABEL:
      return isDNS1123Label(name);
    case NameFormat.DNS1035_LABEL:
      return isDNS1035Label(name);
    case NameFormat.PATH_SEGMENT:
      return isValidPathSegmentName(name);
    default:
      return isDNS1123Subdomain(name);
  }
}
