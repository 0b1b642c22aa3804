// Upstream tables ported from k8s.io/pod-security-admission/policy/check_*_test.go (the v1.27
// check versions), each asserting upstream's exact ForbiddenReason and ForbiddenDetail.
import { Rule } from '../../lib/guardrails';
import { checkRestricted } from '../../lib/kubernetes/pod-security';
import { deployment, messages, podSpec } from './fixtures';

type Json = { [key: string]: any };

function violation(check: string, spec: Json, metadata: Json = {}): [string, string] | undefined {
  const v = checkRestricted(metadata, spec).find((x) => x.check === check);
  return v ? [v.reason, v.detail] : undefined;
}

const c = (name: string, securityContext?: Json, extra: Json = {}) => ({ name, ...(securityContext ? { securityContext } : {}), ...extra });

describe('pod-security checks (upstream tables)', () => {
  test.each<[string, string, Json, Json, [string, string] | undefined]>([
    // check_allowPrivilegeEscalation_test.go TestAllowPrivilegeEscalation_1_25
    ['allowPrivilegeEscalation', 'multiple containers', {
      containers: [c('a'), c('b', {}), c('c', { allowPrivilegeEscalation: true }), c('d', { allowPrivilegeEscalation: false })],
    }, {}, ['allowPrivilegeEscalation != false', 'containers "a", "b", "c" must set securityContext.allowPrivilegeEscalation=false']],
    ['allowPrivilegeEscalation', 'windows pod, admit without checking privilegeEscalation', {
      os: { name: 'windows' }, containers: [c('a')],
    }, {}, undefined],
    ['allowPrivilegeEscalation', 'linux pod, reject if security context is not set', {
      os: { name: 'linux' }, containers: [c('a')],
    }, {}, ['allowPrivilegeEscalation != false', 'container "a" must set securityContext.allowPrivilegeEscalation=false']],
    // check_capabilities_restricted_test.go TestCapabilitiesRestricted
    ['capabilities_restricted', 'multiple containers', {
      containers: [
        c('a', { capabilities: { add: ['FOO', 'BAR'] } }),
        c('b', { capabilities: { add: ['BAR', 'BAZ'] } }),
        c('c', { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL', 'FOO'] } }),
      ],
    }, {}, ['unrestricted capabilities', 'containers "a", "b" must set securityContext.capabilities.drop=["ALL"]; '
      + 'containers "a", "b", "c" must not include "BAR", "BAZ", "CHOWN", "FOO" in securityContext.capabilities.add']],
    ['capabilities_restricted', 'windows pod is exempt (1.25)', { os: { name: 'windows' }, containers: [c('a')] }, {}, undefined],
    // check_hostNamespaces_test.go TestHostNamespaces
    ['hostNamespaces', 'multiple host namespaces', { hostNetwork: true, hostIPC: true, hostPID: true, containers: [] }, {},
      ['host namespaces', 'hostNetwork=true, hostPID=true, hostIPC=true']],
    // check_hostPorts_test.go TestHostPorts
    ['hostPorts', 'multiple containers', {
      containers: [
        c('a', undefined, { ports: [{ containerPort: 1, hostPort: 10 }, { containerPort: 2, hostPort: 20 }] }),
        c('b', undefined, { ports: [{ containerPort: 3, hostPort: 0 }, { containerPort: 4, hostPort: 30 }] }),
        c('c', undefined, { ports: [{ containerPort: 5 }] }),
      ],
    }, {}, ['hostPort', 'containers "a", "b" use hostPorts 10, 20, 30']],
    // check_privileged_test.go TestPrivileged
    ['privileged', 'multiple containers', {
      containers: [c('a'), c('b', {}), c('c', { privileged: false }), c('d', { privileged: true }), c('e', { privileged: true })],
    }, {}, ['privileged', 'containers "d", "e" must not set securityContext.privileged=true']],
    // check_procMount_test.go TestProcMount
    ['procMount', 'procMount', {
      containers: [c('a'), c('b', {}), c('c', { procMount: 'Default' }), c('d', { procMount: 'Unmasked' }), c('e', { procMount: 'other' })],
    }, {}, ['procMount', 'containers "d", "e" must not set securityContext.procMount to "Unmasked", "other"']],
    // check_runAsNonRoot_test.go TestRunAsNonRoot
    ['runAsNonRoot', 'no explicit runAsNonRoot', { containers: [c('a')] }, {},
      ['runAsNonRoot != true', 'pod or container "a" must set securityContext.runAsNonRoot=true']],
    ['runAsNonRoot', 'pod runAsNonRoot=false', { securityContext: { runAsNonRoot: false }, containers: [c('a')] }, {},
      ['runAsNonRoot != true', 'pod must not set securityContext.runAsNonRoot=false']],
    ['runAsNonRoot', 'containers runAsNonRoot=false', {
      securityContext: { runAsNonRoot: true },
      containers: [c('a'), c('b', {}), c('c', { runAsNonRoot: false }), c('d', { runAsNonRoot: false }), c('e', { runAsNonRoot: true }), c('f', { runAsNonRoot: true })],
    }, {}, ['runAsNonRoot != true', 'containers "c", "d" must not set securityContext.runAsNonRoot=false']],
    ['runAsNonRoot', 'pod nil, container fallthrough', {
      containers: [c('a'), c('b', {}), c('d', { runAsNonRoot: true }), c('e', { runAsNonRoot: true })],
    }, {}, ['runAsNonRoot != true', 'pod or containers "a", "b" must set securityContext.runAsNonRoot=true']],
    // check_runAsUser_test.go TestRunAsUser
    ['runAsUser', 'pod runAsUser=0', { securityContext: { runAsUser: 0 }, containers: [c('a')] }, {},
      ['runAsUser=0', 'pod must not set runAsUser=0']],
    ['runAsUser', 'containers runAsUser=0', {
      securityContext: { runAsUser: 1000 },
      containers: [c('a'), c('b', {}), c('c', { runAsUser: 0 }), c('d', { runAsUser: 0 }), c('e', { runAsUser: 1 }), c('f', { runAsUser: 1 })],
    }, {}, ['runAsUser=0', 'containers "c", "d" must not set runAsUser=0']],
    ['runAsUser', 'pod nil, container runAsUser=0 is not implied', { containers: [c('a'), c('b', {})] }, {}, undefined],
    // check_seccompProfile_restricted_test.go TestSeccompProfileRestricted
    ['seccompProfile_restricted', 'no explicit seccomp', { containers: [c('a')] }, {},
      ['seccompProfile', 'pod or container "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"']],
    ['seccompProfile_restricted', 'pod seccomp invalid', { securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [c('a')] }, {},
      ['seccompProfile', 'pod must not set securityContext.seccompProfile.type to "Unconfined"']],
    ['seccompProfile_restricted', 'containers seccomp invalid', {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      containers: [c('a'), c('b', {}), c('c', { seccompProfile: { type: 'Unconfined' } }), c('d', { seccompProfile: { type: 'Unconfined' } }),
        c('e', { seccompProfile: { type: 'RuntimeDefault' } }), c('f', { seccompProfile: { type: 'RuntimeDefault' } })],
    }, {}, ['seccompProfile', 'containers "c", "d" must not set securityContext.seccompProfile.type to "Unconfined"']],
    ['seccompProfile_restricted', 'pod nil, container fallthrough', {
      containers: [c('a'), c('b', {}), c('d', { seccompProfile: { type: 'RuntimeDefault' } }), c('e', { seccompProfile: { type: 'RuntimeDefault' } })],
    }, {}, ['seccompProfile', 'pod or containers "a", "b" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"']],
    // check_seLinuxOptions_test.go TestSELinuxOptions, at v1.27 (container_engine_t is allowed only from v1.31)
    ['seLinuxOptions', 'invalid pod and containers', {
      securityContext: { seLinuxOptions: { type: 'foo', user: 'bar', role: 'baz' } },
      containers: [
        c('a', { seLinuxOptions: { type: 'container_t' } }), c('b', { seLinuxOptions: { type: 'container_init_t' } }),
        c('c', { seLinuxOptions: { type: 'container_kvm_t' } }), c('e', { seLinuxOptions: { type: 'bar' } }),
        c('f', { seLinuxOptions: { user: 'bar' } }), c('g', { seLinuxOptions: { role: 'baz' } }),
      ],
    }, {}, ['seLinuxOptions', 'pod and containers "e", "f", "g" set forbidden securityContext.seLinuxOptions: types "bar", "foo"; user may not be set; role may not be set']],
    ['seLinuxOptions', 'container_engine_t is forbidden in v1.27', { containers: [c('d', { seLinuxOptions: { type: 'container_engine_t' } })] }, {},
      ['seLinuxOptions', 'container "d" set forbidden securityContext.seLinuxOptions: type "container_engine_t"']],
    ['seLinuxOptions', 'bad user', { securityContext: { seLinuxOptions: { user: 'bad' } }, containers: [] }, {},
      ['seLinuxOptions', 'pod set forbidden securityContext.seLinuxOptions: user may not be set']],
    ['seLinuxOptions', 'bad role', { securityContext: { seLinuxOptions: { role: 'bad' } }, containers: [] }, {},
      ['seLinuxOptions', 'pod set forbidden securityContext.seLinuxOptions: role may not be set']],
    // check_sysctls_test.go TestSysctls (v1.27 adds net.ipv4.ip_local_reserved_ports)
    ['sysctls', 'forbidden sysctls', {
      securityContext: { sysctls: [{ name: 'a', value: 'a' }, { name: 'b', value: 'b' }, { name: 'net.ipv4.ip_local_reserved_ports', value: '1' }] },
      containers: [],
    }, {}, ['forbidden sysctls', 'a, b']],
    ['sysctls', 'new 1.29 sysctls are still forbidden in v1.27', {
      securityContext: { sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '1' }] }, containers: [],
    }, {}, ['forbidden sysctls', 'net.ipv4.tcp_keepalive_time']],
    // check_windowsHostProcess_test.go TestWindowsHostProcess
    ['windowsHostProcess', 'host process', {
      securityContext: { windowsOptions: { hostProcess: true } },
      containers: [c('a', { windowsOptions: {} }), c('b', { windowsOptions: { hostProcess: false } }),
        c('c', { windowsOptions: { hostProcess: true } }), c('d', { windowsOptions: { hostProcess: true } })],
    }, {}, ['hostProcess', 'pod and containers "c", "d" must not set securityContext.windowsOptions.hostProcess=true']],
    // check_appArmorProfile_test.go TestAppArmorProfile
    ['appArmorProfile', 'multiple containers', { containers: [] }, {
      annotations: {
        'container.apparmor.security.beta.kubernetes.io/a': '',
        'container.apparmor.security.beta.kubernetes.io/b': 'runtime/default',
        'container.apparmor.security.beta.kubernetes.io/c': 'localhost/',
        'container.apparmor.security.beta.kubernetes.io/d': 'localhost/foo',
        'container.apparmor.security.beta.kubernetes.io/e': 'unconfined',
        'container.apparmor.security.beta.kubernetes.io/f': 'unknown',
      },
    }, ['forbidden AppArmor profiles', 'container.apparmor.security.beta.kubernetes.io/e="unconfined", container.apparmor.security.beta.kubernetes.io/f="unknown"']],
  ])('%s: %s', (check, _name, spec, metadata, expected) => {
    expect(violation(check, spec, metadata)).toEqual(expected);
  });

  test('restrictedVolumes: every restricted in-tree type is named (check_restrictedVolumes_test.go)', () => {
    const allowed = ['emptyDir', 'secret', 'persistentVolumeClaim', 'downwardAPI', 'configMap', 'projected', 'csi', 'ephemeral']
      .map((type, i) => ({ name: `a${i + 1}`, [type]: {} }));
    const restricted = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume',
      'cinder', 'cephfs', 'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
      'scaleIO', 'storageos'].map((type, i) => ({ name: `b${i + 1}`, [type]: {} }));
    const spec = { containers: [], volumes: [...allowed, ...restricted, { name: 'c1' }] };
    expect(violation('restrictedVolumes', spec)).toEqual(['restricted volume types',
      'volumes "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19", "b20", "b21", "c1"'
      + ' use restricted volume types '
      + '"awsElasticBlockStore", "azureDisk", "azureFile", "cephfs", "cinder", "fc", "flexVolume", "flocker", "gcePersistentDisk", "gitRepo", "glusterfs", '
      + '"hostPath", "iscsi", "nfs", "photonPersistentDisk", "portworxVolume", "quobyte", "rbd", "scaleIO", "storageos", "unknown", "vsphereVolume"']);
  });

  test('a restricted-compliant pod passes every check', () => {
    expect(checkRestricted({}, podSpec())).toEqual([]);
  });

  test('baseline checks that restricted supersedes are not reported twice', () => {
    // hostPath is reported by restrictedVolumes, not also by baseline hostPathVolumes
    const spec = { ...podSpec(), volumes: [{ name: 'host', hostPath: { path: '/' } }] };
    expect(checkRestricted({}, spec).map((v) => v.check)).toEqual(['restrictedVolumes']);
  });
});

describe('pod-security rule', () => {
  test('fails a Deployment on the host network, naming the template field', () => {
    // GIVEN a Deployment whose pod template uses the host network
    const d = deployment();
    d.spec.template.spec.hostNetwork = true;
    // WHEN the rule runs
    // THEN the finding echoes the API server's PodSecurity wording
    expect(messages([d], Rule.POD_SECURITY)).toEqual(['violates PodSecurity "restricted:v1.27": host namespaces (hostNetwork=true): remove hostNetwork, hostPID and hostIPC from the pod spec']);
  });

  test('checks the pod template of a CronJob', () => {
    const cronJob: Json = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'report', namespace: 'shop' },
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { ...podSpec(), restartPolicy: 'Never' } } } } },
    };
    cronJob.spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities = { drop: ['ALL'], add: ['SYS_ADMIN'] };
    expect(messages([cronJob], Rule.POD_SECURITY)).toEqual([
      'violates PodSecurity "restricted:v1.27": unrestricted capabilities (container "web" must not include "SYS_ADMIN" in securityContext.capabilities.add)',
    ]);
  });
});
