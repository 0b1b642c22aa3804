// Port of the Pod Security Standards "restricted" profile as enforced by
// k8s.io/pod-security-admission/policy at version v1.27 (staging/src/k8s.io/pod-security-admission/
// policy/check_*.go): every baseline check that restricted does not supersede, then every
// restricted check, in upstream's evaluation order. Reasons and details are upstream's strings,
// so a finding reads like the API server's `violates PodSecurity "restricted:v1.27"` error.
import { arr, at, bool, JsonObject, joinQuote, num, obj, pluralize, sortedSet, str, stringMap } from './private/json';

/** One failed check: upstream's ForbiddenReason/ForbiddenDetail and the offending fields. */
export interface PodSecurityViolation {
  /** Upstream check ID, e.g. `allowPrivilegeEscalation`. */
  readonly check: string;
  readonly reason: string;
  readonly detail: string;
  /** Offending fields, rooted at `spec` or `metadata` of the pod (upstream's field paths). */
  readonly fields: readonly string[];
}

/** The policy version the checks are ported from. */
export const POD_SECURITY_VERSION = 'v1.27';

interface Visited {
  readonly container: JsonObject;
  readonly name: string;
  readonly path: string;
}

type CheckFn = (metadata: JsonObject, spec: JsonObject) => Omit<PodSecurityViolation, 'check'> | undefined;

// Evaluation order of policy.checkRegistry.EvaluatePod for level restricted: baseline checks
// without `Overlap` (capabilities_baseline, hostPathVolumes and seccompProfile_baseline are
// superseded by their restricted counterparts), then restricted checks; each list in file order.
const CHECKS: ReadonlyArray<readonly [string, CheckFn]> = [
  ['appArmorProfile', appArmorProfile],
  ['hostNamespaces', hostNamespaces],
  ['hostPorts', hostPorts],
  ['privileged', privileged],
  ['procMount', procMount],
  ['seLinuxOptions', seLinuxOptions],
  ['sysctls', sysctls],
  ['windowsHostProcess', windowsHostProcess],
  ['allowPrivilegeEscalation', allowPrivilegeEscalation],
  ['capabilities_restricted', capabilitiesRestricted],
  ['restrictedVolumes', restrictedVolumes],
  ['runAsNonRoot', runAsNonRoot],
  ['runAsUser', runAsUser],
  ['seccompProfile_restricted', seccompProfileRestricted],
];

/** Evaluates a pod's metadata and spec against "restricted" v1.27; empty when it complies. */
export function checkRestricted(metadata: unknown, spec: unknown): PodSecurityViolation[] {
  const podMetadata = obj(metadata) ?? {};
  const podSpec = obj(spec) ?? {};
  const violations: PodSecurityViolation[] = [];
  for (const [check, fn] of CHECKS) {
    const result = fn(podMetadata, podSpec);
    if (result) {
      violations.push({ check, ...result });
    }
  }
  return violations;
}

// visitor.go: init containers, then containers, then ephemeral containers.
function visitContainers(spec: JsonObject): Visited[] {
  const visited: Visited[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[list]).forEach((c, i) => {
      const container = obj(c) ?? {};
      visited.push({ container, name: str(container.name) ?? '', path: `spec.${list}[${i}]` });
    });
  }
  return visited;
}

function securityContext(c: Visited): JsonObject | undefined {
  return obj(c.container.securityContext);
}

function isWindows(spec: JsonObject): boolean {
  return str(at(spec, 'os', 'name')) === 'windows';
}

function containers(names: readonly string[]): string {
  return `${pluralize('container', 'containers', names.length)} ${joinQuote(names)}`;
}

// check_appArmorProfile.go (appArmorProfile_1_0): annotations only in 1.27.
function appArmorProfile(metadata: JsonObject): ReturnType<CheckFn> {
  const forbidden: string[] = [];
  const fields: string[] = [];
  for (const [k, v] of Object.entries(stringMap(metadata.annotations))) {
    const allowed = v.length === 0 || v === 'runtime/default' || v.startsWith('localhost/');
    if (k.startsWith('container.apparmor.security.beta.kubernetes.io/') && !allowed) {
      forbidden.push(`${k}=${JSON.stringify(v)}`);
      fields.push(`metadata.annotations[${k}]`);
    }
  }
  if (forbidden.length === 0) {
    return undefined;
  }
  const values = sortedSet(forbidden);
  return {
    reason: pluralize('forbidden AppArmor profile', 'forbidden AppArmor profiles', values.length),
    detail: values.join(', '),
    fields,
  };
}

// check_hostNamespaces.go (hostNamespaces_1_0)
function hostNamespaces(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const found = ['hostNetwork', 'hostPID', 'hostIPC'].filter((f) => bool(spec[f]) === true);
  if (found.length === 0) {
    return undefined;
  }
  return { reason: 'host namespaces', detail: found.map((f) => `${f}=true`).join(', '), fields: found.map((f) => `spec.${f}`) };
}

// check_hostPorts.go (hostPorts_1_0)
function hostPorts(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const bad: string[] = [];
  const ports: string[] = [];
  const fields: string[] = [];
  for (const c of visitContainers(spec)) {
    let valid = true;
    arr(c.container.ports).forEach((p, i) => {
      const hostPort = num(obj(p)?.hostPort) ?? 0;
      if (hostPort !== 0) {
        valid = false;
        ports.push(String(hostPort));
        fields.push(`${c.path}.ports[${i}].hostPort`);
      }
    });
    if (!valid) {
      bad.push(c.name);
    }
  }
  if (bad.length === 0) {
    return undefined;
  }
  const forbidden = sortedSet(ports);
  return {
    reason: 'hostPort',
    detail: `${containers(bad)} ${pluralize('uses', 'use', bad.length)} ${pluralize('hostPort', 'hostPorts', forbidden.length)} ${forbidden.join(', ')}`,
    fields,
  };
}

// check_privileged.go (privileged_1_0)
function privileged(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const bad = visitContainers(spec).filter((c) => bool(securityContext(c)?.privileged) === true);
  if (bad.length === 0) {
    return undefined;
  }
  return {
    reason: 'privileged',
    detail: `${containers(bad.map((c) => c.name))} must not set securityContext.privileged=true`,
    fields: bad.map((c) => `${c.path}.securityContext.privileged`),
  };
}

// check_procMount.go (procMount_1_0)
function procMount(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const bad: Visited[] = [];
  const types: string[] = [];
  for (const c of visitContainers(spec)) {
    const value = securityContext(c)?.procMount;
    if (value !== undefined && value !== null && value !== 'Default') {
      bad.push(c);
      types.push(String(value));
    }
  }
  if (bad.length === 0) {
    return undefined;
  }
  return {
    reason: 'procMount',
    detail: `${containers(bad.map((c) => c.name))} must not set securityContext.procMount to ${joinQuote(sortedSet(types))}`,
    fields: bad.map((c) => `${c.path}.securityContext.procMount`),
  };
}

// check_seLinuxOptions.go (seLinuxOptions_1_0; container_engine_t is allowed only from 1.31)
function seLinuxOptions(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const allowedTypes = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
  const badSetters: string[] = [];
  const badTypes: string[] = [];
  const fields: string[] = [];
  let setUser = false;
  let setRole = false;
  const valid = (opts: JsonObject, path: string): boolean => {
    let ok = true;
    const type = str(opts.type) ?? '';
    if (!allowedTypes.has(type)) {
      ok = false;
      badTypes.push(type);
      fields.push(`${path}.type`);
    }
    if ((str(opts.user) ?? '').length > 0) {
      ok = false;
      setUser = true;
      fields.push(`${path}.user`);
    }
    if ((str(opts.role) ?? '').length > 0) {
      ok = false;
      setRole = true;
      fields.push(`${path}.role`);
    }
    return ok;
  };
  const podOpts = obj(at(spec, 'securityContext', 'seLinuxOptions'));
  if (podOpts && !valid(podOpts, 'spec.securityContext.seLinuxOptions')) {
    badSetters.push('pod');
  }
  const bad: string[] = [];
  for (const c of visitContainers(spec)) {
    const opts = obj(securityContext(c)?.seLinuxOptions);
    if (opts && !valid(opts, `${c.path}.securityContext.seLinuxOptions`)) {
      bad.push(c.name);
    }
  }
  if (bad.length > 0) {
    badSetters.push(containers(bad));
  }
  if (badSetters.length === 0) {
    return undefined;
  }
  const badData: string[] = [];
  const types = sortedSet(badTypes);
  if (types.length > 0) {
    badData.push(`${pluralize('type', 'types', types.length)} ${joinQuote(types)}`);
  }
  if (setUser) {
    badData.push('user may not be set');
  }
  if (setRole) {
    badData.push('role may not be set');
  }
  return {
    reason: 'seLinuxOptions',
    detail: `${badSetters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${badData.join('; ')}`,
    fields,
  };
}

// check_sysctls.go (sysctls_1_27)
const SYSCTLS_ALLOWED_1_27 = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
]);

function sysctls(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const forbidden: string[] = [];
  const fields: string[] = [];
  arr(at(spec, 'securityContext', 'sysctls')).forEach((s, i) => {
    const name = str(obj(s)?.name) ?? '';
    if (!SYSCTLS_ALLOWED_1_27.has(name)) {
      forbidden.push(name);
      fields.push(`spec.securityContext.sysctls[${i}].name`);
    }
  });
  if (forbidden.length === 0) {
    return undefined;
  }
  return { reason: 'forbidden sysctls', detail: forbidden.join(', '), fields };
}

// check_windowsHostProcess.go (windowsHostProcess_1_0)
function windowsHostProcess(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const bad = visitContainers(spec).filter((c) => bool(at(securityContext(c), 'windowsOptions', 'hostProcess')) === true);
  const podForbidden = bool(at(spec, 'securityContext', 'windowsOptions', 'hostProcess')) === true;
  const setters: string[] = [];
  const fields: string[] = [];
  if (podForbidden) {
    setters.push('pod');
    fields.push('spec.securityContext.windowsOptions.hostProcess');
  }
  if (bad.length > 0) {
    setters.push(containers(bad.map((c) => c.name)));
    fields.push(...bad.map((c) => `${c.path}.securityContext.windowsOptions.hostProcess`));
  }
  if (setters.length === 0) {
    return undefined;
  }
  return {
    reason: 'hostProcess',
    detail: `${setters.join(' and ')} must not set securityContext.windowsOptions.hostProcess=true`,
    fields,
  };
}

// check_allowPrivilegeEscalation.go (allowPrivilegeEscalation_1_25: Windows pods are exempt)
function allowPrivilegeEscalation(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  if (isWindows(spec)) {
    return undefined;
  }
  const bad = visitContainers(spec).filter((c) => bool(securityContext(c)?.allowPrivilegeEscalation) !== false);
  if (bad.length === 0) {
    return undefined;
  }
  return {
    reason: 'allowPrivilegeEscalation != false',
    detail: `${containers(bad.map((c) => c.name))} must set securityContext.allowPrivilegeEscalation=false`,
    fields: bad.map((c) => `${c.path}.securityContext.allowPrivilegeEscalation`),
  };
}

// check_capabilities_restricted.go (capabilitiesRestricted_1_25: Windows pods are exempt)
function capabilitiesRestricted(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  if (isWindows(spec)) {
    return undefined;
  }
  const missingDropAll: string[] = [];
  const addingForbidden: string[] = [];
  const forbiddenCapabilities: string[] = [];
  const fields: string[] = [];
  for (const c of visitContainers(spec)) {
    const capabilities = obj(securityContext(c)?.capabilities);
    if (!capabilities) {
      missingDropAll.push(c.name);
      fields.push(`${c.path}.securityContext.capabilities.drop`);
      continue;
    }
    if (!arr(capabilities.drop).includes('ALL')) {
      missingDropAll.push(c.name);
      fields.push(`${c.path}.securityContext.capabilities.drop`);
    }
    const added = arr(capabilities.add).map(String).filter((cap) => cap !== 'NET_BIND_SERVICE');
    if (added.length > 0) {
      addingForbidden.push(c.name);
      forbiddenCapabilities.push(...added);
      fields.push(`${c.path}.securityContext.capabilities.add`);
    }
  }
  const details: string[] = [];
  if (missingDropAll.length > 0) {
    details.push(`${containers(missingDropAll)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  if (addingForbidden.length > 0) {
    details.push(`${containers(addingForbidden)} must not include ${joinQuote(sortedSet(forbiddenCapabilities))} in securityContext.capabilities.add`);
  }
  if (details.length === 0) {
    return undefined;
  }
  return { reason: 'unrestricted capabilities', detail: details.join('; '), fields };
}

// check_restrictedVolumes.go (restrictedVolumes_1_0): the volume source names in upstream's order.
const ALLOWED_VOLUME_SOURCES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
const RESTRICTED_VOLUME_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd',
  'flexVolume', 'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk',
  'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];

function restrictedVolumes(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const badVolumes: string[] = [];
  const badTypes: string[] = [];
  const fields: string[] = [];
  arr(spec.volumes).forEach((v, i) => {
    const volume = obj(v) ?? {};
    if (ALLOWED_VOLUME_SOURCES.some((source) => isSet(volume[source]))) {
      return;
    }
    badVolumes.push(str(volume.name) ?? '');
    badTypes.push(RESTRICTED_VOLUME_SOURCES.find((source) => isSet(volume[source])) ?? 'unknown');
    fields.push(`spec.volumes[${i}]`);
  });
  if (badVolumes.length === 0) {
    return undefined;
  }
  const types = sortedSet(badTypes);
  return {
    reason: 'restricted volume types',
    detail: `${pluralize('volume', 'volumes', badVolumes.length)} ${joinQuote(badVolumes)} ${pluralize('uses', 'use', badVolumes.length)} `
      + `${pluralize('restricted volume type', 'restricted volume types', types.length)} ${joinQuote(types)}`,
    fields,
  };
}

// check_runAsNonRoot.go (runAsNonRoot_1_0; the user-namespace relaxation is off by default)
function runAsNonRoot(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const badSetters: string[] = [];
  const fields: string[] = [];
  let podRunAsNonRoot = false;
  const podValue = bool(at(spec, 'securityContext', 'runAsNonRoot'));
  if (podValue === false) {
    badSetters.push('pod');
    fields.push('spec.securityContext.runAsNonRoot');
  } else if (podValue === true) {
    podRunAsNonRoot = true;
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitFields: string[] = [];
  for (const c of visitContainers(spec)) {
    const value = bool(securityContext(c)?.runAsNonRoot);
    if (value !== undefined) {
      if (!value) {
        explicitlyBad.push(c.name);
        fields.push(`${c.path}.securityContext.runAsNonRoot`);
      }
    } else if (!podRunAsNonRoot) {
      implicitlyBad.push(c.name);
      implicitFields.push(`${c.path}.securityContext.runAsNonRoot`);
    }
  }
  if (explicitlyBad.length > 0) {
    badSetters.push(containers(explicitlyBad));
  }
  if (badSetters.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `${badSetters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      fields,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      reason: 'runAsNonRoot != true',
      detail: `pod or ${containers(implicitlyBad)} must set securityContext.runAsNonRoot=true`,
      fields: ['spec.securityContext.runAsNonRoot', ...implicitFields],
    };
  }
  return undefined;
}

// check_runAsUser.go (runAsUser_1_23)
function runAsUser(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  const badSetters: string[] = [];
  const fields: string[] = [];
  if (num(at(spec, 'securityContext', 'runAsUser')) === 0) {
    badSetters.push('pod');
    fields.push('spec.securityContext.runAsUser');
  }
  const bad = visitContainers(spec).filter((c) => num(securityContext(c)?.runAsUser) === 0);
  if (bad.length > 0) {
    badSetters.push(containers(bad.map((c) => c.name)));
    fields.push(...bad.map((c) => `${c.path}.securityContext.runAsUser`));
  }
  if (badSetters.length === 0) {
    return undefined;
  }
  return { reason: 'runAsUser=0', detail: `${badSetters.join(' and ')} must not set runAsUser=0`, fields };
}

// check_seccompProfile_restricted.go (seccompProfileRestricted_1_25: Windows pods are exempt)
function seccompProfileRestricted(_metadata: JsonObject, spec: JsonObject): ReturnType<CheckFn> {
  if (isWindows(spec)) {
    return undefined;
  }
  const validSeccomp = (type: unknown): boolean => type === 'Localhost' || type === 'RuntimeDefault';
  const badSetters: string[] = [];
  const badValues: string[] = [];
  const fields: string[] = [];
  let podSeccompSet = false;
  const podProfile = obj(at(spec, 'securityContext', 'seccompProfile'));
  if (podProfile) {
    if (!validSeccomp(podProfile.type)) {
      badSetters.push('pod');
      badValues.push(str(podProfile.type) ?? '');
      fields.push('spec.securityContext.seccompProfile.type');
    } else {
      podSeccompSet = true;
    }
  }
  const explicitlyBad: string[] = [];
  const implicitlyBad: string[] = [];
  const implicitFields: string[] = [];
  for (const c of visitContainers(spec)) {
    const profile = obj(securityContext(c)?.seccompProfile);
    if (profile) {
      if (!validSeccomp(profile.type)) {
        explicitlyBad.push(c.name);
        badValues.push(str(profile.type) ?? '');
        fields.push(`${c.path}.securityContext.seccompProfile.type`);
      }
    } else if (!podSeccompSet) {
      implicitlyBad.push(c.name);
      implicitFields.push(`${c.path}.securityContext.seccompProfile.type`);
    }
  }
  if (explicitlyBad.length > 0) {
    badSetters.push(containers(explicitlyBad));
  }
  if (badSetters.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${badSetters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortedSet(badValues))}`,
      fields,
    };
  }
  if (implicitlyBad.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `pod or ${containers(implicitlyBad)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      fields: ['spec.securityContext.seccompProfile.type', ...implicitFields],
    };
  }
  return undefined;
}

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}
