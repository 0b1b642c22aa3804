// lib/kubernetes/supported-values.ts: the enumerated-field checks of the Kubernetes 1.27 API server
// (field.NotSupported in pkg/apis/{core,apps,batch,networking,autoscaling}/validation/validation.go),
// one accepted and one refused value per field with upstream's exact message, absent and defaulted
// values accepted (defaults run first), and every real manifest in test/fixtures/real accepted.
import * as fs from 'fs';
import * as path from 'path';
import { checkManifests, Rule } from '../../lib/guardrails';
import { apiGroup } from '../../lib/kubernetes/private/json';
import { podTemplateOf } from '../../lib/manifests/pod-template';
import { parseManifests } from '../../lib/manifests/load-yaml';
import { ManifestObject } from '../../lib/scheduler/types';
import { formatSchedulingProblem } from '../../lib/kubernetes/pod-scheduling-validation';
import {
  RestartPolicyRule, restartPolicyRule, validateObjectValues, validatePodSpecValues,
} from '../../lib/kubernetes/supported-values';

type Json = { [key: string]: any };
/** As field.Error.Error() prints them. */
const pod = (spec: Json, rule?: RestartPolicyRule) => validatePodSpecValues(spec, rule).map(formatSchedulingProblem);
const object = (manifest: Json) => validateObjectValues(manifest, apiGroup(manifest.apiVersion), manifest.kind).map(formatSchedulingProblem);
const ctr = (c: Json) => ({ containers: [{ name: 'c', image: 'i', ...c }] });

describe('pod spec (ValidatePodSpec, validateContainerCommon)', () => {
  test.each([
    ['imagePullPolicy', ctr({ imagePullPolicy: 'IfNotPresent' }), ctr({ imagePullPolicy: 'Sometimes' }),
      'spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ['terminationMessagePolicy', ctr({ terminationMessagePolicy: 'FallbackToLogsOnError' }), ctr({ terminationMessagePolicy: 'Logs' }),
      'spec.containers[0].terminationMessagePolicy: Unsupported value: "Logs": supported values: "File", "FallbackToLogsOnError"'],
    ['ports[].protocol', ctr({ ports: [{ containerPort: 53, protocol: 'UDP' }] }), ctr({ ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'tcp' }] }),
      'spec.containers[0].ports[1].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"'],
    ['an init container\'s imagePullPolicy', { initContainers: [{ imagePullPolicy: 'Never' }] }, { initContainers: [{ imagePullPolicy: 'always' }] },
      'spec.initContainers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never"'],
    ['restartPolicy', { restartPolicy: 'OnFailure' }, { restartPolicy: 'Sometimes' },
      'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ['dnsPolicy', { dnsPolicy: 'None' }, { dnsPolicy: 'ClusterFirstWithHostNetwork' },
      'spec.dnsPolicy: Unsupported value: "ClusterFirstWithHostNetwork": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ['preemptionPolicy', { preemptionPolicy: 'Never' }, { preemptionPolicy: 'Always' },
      'spec.preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"'],
  ])('%s', (_field, good, bad, message) => {
    expect(pod(good)).toEqual([]);
    expect(pod(bad)).toEqual([message]);
  });

  test('absent and "" are defaulted first (SetDefaults_Container, SetDefaults_ContainerPort, SetDefaults_PodSpec): never an error', () => {
    expect(pod({ ...ctr({ ports: [{ containerPort: 80 }] }) })).toEqual([]);
    expect(pod({ restartPolicy: '', dnsPolicy: '', ...ctr({ imagePullPolicy: '', terminationMessagePolicy: '', ports: [{ containerPort: 80, protocol: '' }] }) })).toEqual([]);
    // Non-strings are the schema rule's.
    expect(pod({ restartPolicy: 3, ...ctr({ imagePullPolicy: true }) })).toEqual([]);
  });

  test('Deployments, ReplicaSets, StatefulSets, DaemonSets, ReplicationControllers: restartPolicy Always (or defaulted to it)', () => {
    for (const [group, kind] of [['apps', 'Deployment'], ['apps', 'ReplicaSet'], ['apps', 'StatefulSet'], ['apps', 'DaemonSet'], ['', 'ReplicationController']]) {
      expect(restartPolicyRule(group, kind)).toBe(RestartPolicyRule.ALWAYS);
    }
    expect(pod({}, RestartPolicyRule.ALWAYS)).toEqual([]);
    expect(pod({ restartPolicy: 'Always' }, RestartPolicyRule.ALWAYS)).toEqual([]);
    // One finding: the workload's (ValidatePodTemplateSpecForReplicaSet), not also validateRestartPolicy's.
    expect(pod({ restartPolicy: 'Never' }, RestartPolicyRule.ALWAYS)).toEqual(['spec.restartPolicy: Unsupported value: "Never": supported values: "Always"']);
    expect(pod({ restartPolicy: 'Sometimes' }, RestartPolicyRule.ALWAYS)).toEqual(['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always"']);
  });

  test('Jobs and CronJobs: OnFailure or Never; absent (defaulted to Always) and Always are `Required value` (validateJobSpec)', () => {
    expect([restartPolicyRule('batch', 'Job'), restartPolicyRule('batch', 'CronJob'), restartPolicyRule('', 'Pod')]).toEqual([RestartPolicyRule.JOB, RestartPolicyRule.JOB, RestartPolicyRule.ANY]);
    expect(pod({ restartPolicy: 'Never' }, RestartPolicyRule.JOB)).toEqual([]);
    expect(pod({ restartPolicy: 'OnFailure' }, RestartPolicyRule.JOB)).toEqual([]);
    const required = 'spec.restartPolicy: Required value: valid values: "OnFailure", "Never"';
    expect(pod({}, RestartPolicyRule.JOB)).toEqual([required]);
    expect(pod({ restartPolicy: 'Always' }, RestartPolicyRule.JOB)).toEqual([required]);
    expect(pod({ restartPolicy: 'never' }, RestartPolicyRule.JOB)).toEqual(['spec.restartPolicy: Unsupported value: "never": supported values: "OnFailure", "Never"']);
  });

  test('the fix names the value that differs only in case, else the supported values', () => {
    expect(validatePodSpecValues(ctr({ ports: [{ containerPort: 80, protocol: 'tcp' }] })).map((p) => p.fix)).toEqual(['use "TCP"']);
    expect(validatePodSpecValues(ctr({ imagePullPolicy: 'Sometimes' })).map((p) => p.fix))
      .toEqual(['use one of "Always", "IfNotPresent", "Never", or leave it out (it defaults from the image tag)']);
  });
});

describe('objects', () => {
  const service = (spec: Json) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], ...spec } });
  const claim = (spec: Json) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec });
  const workload = (apiVersion: string, kind: string, spec: Json) => ({ apiVersion, kind, metadata: { name: 'w' }, spec });
  const netpol = (spec: Json) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec });
  const hpa = (metrics: Json[]) => ({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { maxReplicas: 3, metrics } });

  test.each([
    ['Service type', service({ type: 'LoadBalancer' }), service({ type: 'Loadbalancer' }),
      'spec.type: Unsupported value: "Loadbalancer": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['Service sessionAffinity', service({ sessionAffinity: 'ClientIP' }), service({ sessionAffinity: 'Cookie' }),
      'spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"'],
    ['Service externalTrafficPolicy', service({ type: 'NodePort', externalTrafficPolicy: 'Local' }), service({ type: 'LoadBalancer', externalTrafficPolicy: 'local' }),
      'spec.externalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"'],
    ['Service internalTrafficPolicy', service({ internalTrafficPolicy: 'Local' }), service({ internalTrafficPolicy: 'Node' }),
      'spec.internalTrafficPolicy: Unsupported value: "Node": supported values: "Cluster", "Local"'],
    ['Service ipFamilyPolicy', service({ ipFamilyPolicy: 'PreferDualStack' }), service({ ipFamilyPolicy: 'DualStack' }),
      'spec.ipFamilyPolicy: Unsupported value: "DualStack": supported values: "PreferDualStack", "RequireDualStack", "SingleStack"'],
    ['Service ports[].protocol', service({ ports: [{ port: 53, protocol: 'SCTP' }] }), service({ ports: [{ port: 80 }, { port: 53, protocol: 'udp' }] }),
      'spec.ports[1].protocol: Unsupported value: "udp": supported values: "SCTP", "TCP", "UDP"'],
    ['PVC accessModes', claim({ accessModes: ['ReadWriteOncePod'] }), claim({ accessModes: ['ReadWriteOnce', 'RWO'] }),
      'spec.accessModes: Unsupported value: "RWO": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ['PVC volumeMode', claim({ volumeMode: 'Block' }), claim({ volumeMode: 'filesystem' }),
      'spec.volumeMode: Unsupported value: "filesystem": supported values: "Block", "Filesystem"'],
    ['Deployment strategy.type', workload('apps/v1', 'Deployment', { strategy: { type: 'Recreate' } }), workload('apps/v1', 'Deployment', { strategy: { type: 'Rolling' } }),
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"Rolling", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported values: "Recreate", "RollingUpdate"'],
    ['Deployment Recreate with rollingUpdate', workload('apps/v1', 'Deployment', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } }),
      workload('apps/v1', 'Deployment', { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: 1 } } }),
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    ['StatefulSet podManagementPolicy (field.Invalid upstream)', workload('apps/v1', 'StatefulSet', { podManagementPolicy: 'Parallel' }), workload('apps/v1', 'StatefulSet', { podManagementPolicy: 'parallel' }),
      'spec.podManagementPolicy: Invalid value: "parallel": must be \'OrderedReady\' or \'Parallel\''],
    ['StatefulSet updateStrategy.type (field.Invalid upstream)', workload('apps/v1', 'StatefulSet', { updateStrategy: { type: 'OnDelete' } }), workload('apps/v1', 'StatefulSet', { updateStrategy: { type: 'Recreate' } }),
      'spec.updateStrategy: Invalid value: apps.StatefulSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}: must be \'RollingUpdate\' or \'OnDelete\''],
    ['StatefulSet volumeClaimTemplates accessModes', workload('apps/v1', 'StatefulSet', { volumeClaimTemplates: [{ spec: { accessModes: ['ReadWriteOnce'] } }] }),
      workload('apps/v1', 'StatefulSet', { volumeClaimTemplates: [{ spec: { accessModes: ['ReadWriteOnly'] } }] }),
      'spec.volumeClaimTemplates[0].spec.accessModes: Unsupported value: "ReadWriteOnly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ['StatefulSet persistentVolumeClaimRetentionPolicy', workload('apps/v1', 'StatefulSet', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }),
      workload('apps/v1', 'StatefulSet', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Keep' } }),
      'spec.persistentVolumeClaimRetentionPolicy.whenScaled: Unsupported value: "Keep": supported values: "Retain", "Delete"'],
    ['DaemonSet updateStrategy.type', workload('apps/v1', 'DaemonSet', { updateStrategy: { type: 'OnDelete' } }), workload('apps/v1', 'DaemonSet', { updateStrategy: { type: 'Recreate' } }),
      'spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"Recreate", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values: "RollingUpdate", "OnDelete"'],
    ['CronJob concurrencyPolicy', workload('batch/v1', 'CronJob', { concurrencyPolicy: 'Forbid' }), workload('batch/v1', 'CronJob', { concurrencyPolicy: 'Skip' }),
      'spec.concurrencyPolicy: Unsupported value: "Skip": supported values: "Allow", "Forbid", "Replace"'],
    ['CronJob jobTemplate completionMode', workload('batch/v1', 'CronJob', { jobTemplate: { spec: { completionMode: 'Indexed' } } }),
      workload('batch/v1', 'CronJob', { jobTemplate: { spec: { completionMode: 'indexed' } } }),
      'spec.jobTemplate.spec.completionMode: Unsupported value: "indexed": supported values: "NonIndexed", "Indexed"'],
    ['Job completionMode', workload('batch/v1', 'Job', { completionMode: 'NonIndexed' }), workload('batch/v1', 'Job', { completionMode: 'Parallel' }),
      'spec.completionMode: Unsupported value: "Parallel": supported values: "NonIndexed", "Indexed"'],
    ['NetworkPolicy ports[].protocol', netpol({ ingress: [{ ports: [{ port: 53, protocol: 'UDP' }] }] }), netpol({ egress: [{}, { ports: [{ port: 53 }, { port: 53, protocol: 'udp' }] }] }),
      'spec.egress[1].ports[1].protocol: Unsupported value: "udp": supported values: "TCP", "UDP", "SCTP"'],
    ['NetworkPolicy policyTypes', netpol({ policyTypes: ['Ingress', 'Egress'] }), netpol({ policyTypes: ['Ingress', 'egress'] }),
      'spec.policyTypes[1]: Unsupported value: "egress": supported values: "Ingress", "Egress"'],
    ['HPA metric type', hpa([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]),
      hpa([{ type: 'Cpu', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }]),
      'spec.metrics[0].type: Unsupported value: "Cpu": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"'],
    ['HPA metric target type (field.Invalid upstream)', hpa([{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } }]),
      hpa([{ type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'utilization', averageValue: '10' } } }]),
      'spec.metrics[0].pods.target.type: Invalid value: "utilization": must be either Utilization, Value, or AverageValue'],
  ])('%s', (_field, good, bad, message) => {
    expect(object(good)).toEqual([]);
    expect(object(bad)).toEqual([message]);
  });

  test('absent fields are defaulted first; pointer fields set to "" are kept and refused', () => {
    expect(object(service({}))).toEqual([]);
    expect(object(service({ type: '', sessionAffinity: '', ports: [{ port: 80, protocol: '' }] }))).toEqual([]);
    expect(object(claim({ accessModes: ['ReadWriteOnce'] }))).toEqual([]);
    expect(object(workload('apps/v1', 'Deployment', { strategy: { type: '' } }))).toEqual([]);
    expect(object(workload('apps/v1', 'StatefulSet', { podManagementPolicy: '', updateStrategy: {} }))).toEqual([]);
    expect(object(workload('batch/v1', 'CronJob', { concurrencyPolicy: '' }))).toEqual([]);
    expect(object(netpol({ ingress: [{ ports: [{ port: 80 }] }] }))).toEqual([]);
    expect(object(claim({ volumeMode: '' }))).toEqual(['spec.volumeMode: Unsupported value: "": supported values: "Block", "Filesystem"']);
    expect(object(service({ internalTrafficPolicy: '' }))).toEqual(['spec.internalTrafficPolicy: Unsupported value: "": supported values: "Cluster", "Local"']);
  });

  test('externalTrafficPolicy: supported values on externally-accessible Services, Invalid on any other ClusterIP Service', () => {
    expect(object(service({ externalTrafficPolicy: 'Local' }))).toEqual(['spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services']);
    expect(object(service({ type: 'ClusterIP', externalTrafficPolicy: 'local' }))).toEqual(['spec.externalTrafficPolicy: Invalid value: "local": may only be set for externally-accessible services']);
    expect(object(service({ externalTrafficPolicy: '' }))).toEqual([]);
    expect(object(service({ type: 'NodePort' }))).toEqual([]);
    expect(object(service({ externalIPs: ['192.0.2.1'], externalTrafficPolicy: 'local' })))
      .toEqual(['spec.externalTrafficPolicy: Unsupported value: "local": supported values: "Cluster", "Local"']);
  });

  test('more than two policyTypes is a different (Invalid) error: no supported-values finding', () => {
    expect(object(netpol({ policyTypes: ['Ingress', 'Egress', 'Both'] }))).toEqual([]);
  });

  test('a set rollingUpdate prints as a pointer in the struct (its address differs per run upstream)', () => {
    expect(object(workload('apps/v1', 'Deployment', { strategy: { type: 'rollingUpdate', rollingUpdate: { maxSurge: 1 } } }))).toEqual([
      'spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"rollingUpdate", RollingUpdate:(*apps.RollingUpdateDeployment)(0x…)}: supported values: "Recreate", "RollingUpdate"',
    ]);
  });
});

describe('the api-validation rule (checkManifests)', () => {
  const deployment = (edit: (spec: Json) => void): Json => {
    const d: Json = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } } },
    };
    edit(d.spec.template.spec);
    return d;
  };
  const findings = (objects: Json[]) => checkManifests(objects.map((manifest) => ({ manifest: manifest as ManifestObject, path: 'app.yaml' })), { rules: [Rule.API_VALIDATION] })
    .map((f) => [f.rule, f.field, f.message]);

  test('protocol: tcp in a Deployment is refused at its pod-template path, with the fix', () => {
    expect(findings([deployment((s) => { s.containers[0].ports[0].protocol = 'tcp'; })])).toEqual([[
      Rule.API_VALIDATION, 'spec.template.spec.containers[0].ports[0].protocol',
      'spec.template.spec.containers[0].ports[0].protocol is invalid: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"; use "TCP"',
    ]]);
  });

  test('restartPolicy Never in a Deployment, and a CronJob without restartPolicy, are refused', () => {
    expect(findings([deployment((s) => { s.restartPolicy = 'Never'; })]).map((f) => f[2])).toEqual([
      'spec.template.spec.restartPolicy is invalid: Unsupported value: "Never": supported values: "Always"; use "Always", or leave it out (it defaults to "Always")',
    ]);
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'n', namespace: 'shop' }, spec: { schedule: '0 3 * * *', concurrencyPolicy: 'Skip', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } } } } } };
    expect(findings([cron]).map((f) => f[2])).toEqual([
      'spec.concurrencyPolicy is invalid: Unsupported value: "Skip": supported values: "Allow", "Forbid", "Replace"; use one of "Allow", "Forbid", "Replace", or leave it out (it defaults to "Allow")',
      'spec.jobTemplate.spec.template.spec.restartPolicy is invalid: Required value: valid values: "OnFailure", "Never"; set restartPolicy to "OnFailure" (retry in the same pod) or "Never" (a new pod per retry)',
    ]);
  });

  test('a Service of type Loadbalancer is refused; a valid Deployment and Service give nothing', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' }, spec: { type: 'Loadbalancer', ports: [{ port: 80 }] } };
    expect(findings([svc]).map((f) => f[2])).toEqual([
      'spec.type is invalid: Unsupported value: "Loadbalancer": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"; use "LoadBalancer"',
    ]);
    expect(findings([deployment(() => undefined), { ...svc, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } }])).toEqual([]);
  });
});

// Real manifests (test/fixtures/real, sources in its README) were accepted by real clusters: none may fail here.
test('every object of every real fixture passes', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'real');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  expect(files.length).toBeGreaterThan(10);
  let objects = 0;
  const problems: string[] = [];
  for (const file of files) {
    for (const { object: o } of parseManifests(fs.readFileSync(path.join(dir, file), 'utf8'), file)) {
      objects++;
      const group = apiGroup(o.apiVersion);
      const kind = String(o.kind);
      const template = podTemplateOf(o);
      const found = [...validateObjectValues(o, group, kind), ...(template ? validatePodSpecValues(template.spec, restartPolicyRule(group, kind)) : [])];
      for (const p of found) problems.push(`${file} ${kind}: ${formatSchedulingProblem(p)}`);
    }
  }
  expect(objects).toBeGreaterThan(50);
  expect(problems).toEqual([]);
});
