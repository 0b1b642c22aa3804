// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
// (TestRequiredAffinitySingleNode), for Kubernetes 1.27: one node machine1 {region: r1, zone: z11},
// existing pods placed on it with spec.nodeName, the incoming pod's verdict from the filter chain
// (ClusterScheduler.filterNode). Upstream's older tables list ErrReasonAffinityNotMatch before the
// specific reason; 1.27's Filter returns the specific reason alone, as here. The row whose
// existing pod sits on machine2 (not in the snapshot) has no existing pod here: equivalent.
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH, ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH, ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
} from '../../lib/scheduler/inter-pod-affinity';
import { ClusterScheduler, PodTemplate } from '../../lib/scheduler/schedule';
import type { LabelSelectorRequirement, Node, PodAffinityTerm } from '../../lib/scheduler/types';

const machine1: Node = { metadata: { name: 'machine1', labels: { region: 'r1', zone: 'z11' } }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: 110 } } };
const podLabel = { service: 'securityscan' };
const podLabel2 = { security: 'S1' };

const term = (topologyKey: string, ...matchExpressions: LabelSelectorRequirement[]): PodAffinityTerm => ({ topologyKey, labelSelector: { matchExpressions } });
const inOp = (key: string, ...values: string[]): LabelSelectorRequirement => ({ key, operator: 'In', values });
const notIn = (key: string, ...values: string[]): LabelSelectorRequirement => ({ key, operator: 'NotIn', values });
const exists = (key: string): LabelSelectorRequirement => ({ key, operator: 'Exists' });
const doesNotExist = (key: string): LabelSelectorRequirement => ({ key, operator: 'DoesNotExist' });

/** createPodWithAffinityTerms(namespace, nodeName, labels, affinity, antiAffinity). */
function pod(labels: Record<string, string>, affinity?: PodAffinityTerm[], antiAffinity?: PodAffinityTerm[], namespace = 'default', nodeName?: string): PodTemplate {
  return {
    namespace,
    labels,
    spec: {
      containers: [{ name: 'c' }],
      ...(nodeName ? { nodeName } : {}),
      affinity: {
        ...(affinity ? { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: affinity } } : {}),
        ...(antiAffinity ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: antiAffinity } } : {}),
      },
    },
  };
}
const existingOn = (labels: Record<string, string>, antiAffinity?: PodAffinityTerm[], namespace = 'default'): PodTemplate => pod(labels, undefined, antiAffinity, namespace, 'machine1');

function verdict(incoming: PodTemplate, existing: PodTemplate[]): string[] {
  const s = new ClusterScheduler([machine1]);
  existing.forEach((e, i) => expect(s.schedule(e, `existing-${i}`).nodeName).toBe('machine1'));
  return s.filterNode(incoming, 0);
}

describe('TestRequiredAffinitySingleNode', () => {
  test.each([
    ['A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods', pod({}), [], []],
    ['satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
      pod(podLabel2, [term('region', inOp('service', 'securityscan', 'value2'))]), [existingOn(podLabel)], []],
    ['satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
      pod(podLabel2, [term('region', notIn('service', 'securityscan3', 'value3'))]), [existingOn(podLabel)], []],
    ['Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
      pod(podLabel2, [{ ...term('', inOp('service', 'securityscan', 'value2')), namespaces: ['DiffNameSpace'] }]), [existingOn(podLabel, undefined, 'ns')], [ERR_REASON_AFFINITY_RULES_NOT_MATCH]],
    ["Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
      pod(podLabel, [term('', inOp('service', 'antivirusscan', 'value2'))]), [existingOn(podLabel)], [ERR_REASON_AFFINITY_RULES_NOT_MATCH]],
    ['satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution',
      pod(podLabel2, [term('region', exists('service'), doesNotExist('wrongkey')), term('region', inOp('service', 'securityscan'), notIn('service', 'WrongValue'))]), [existingOn(podLabel)], []],
    ["The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
      pod(podLabel2, [term('region', exists('service'), doesNotExist('wrongkey')), term('region', inOp('service', 'securityscan2'), notIn('service', 'WrongValue'))]), [existingOn(podLabel)], [ERR_REASON_AFFINITY_RULES_NOT_MATCH]],
    ['satisfies the PodAffinity and PodAntiAffinity with the existing pod',
      pod(podLabel2, [term('region', inOp('service', 'securityscan', 'value2'))], [term('node', inOp('service', 'antivirusscan', 'value2'))]), [existingOn(podLabel)], []],
    ['satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
      pod(podLabel2, [term('region', inOp('service', 'securityscan', 'value2'))], [term('node', inOp('service', 'antivirusscan', 'value2'))]),
      [existingOn(podLabel, [term('node', inOp('service', 'antivirusscan', 'value2'))])], []],
    ["satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
      pod(podLabel2, [term('region', inOp('service', 'securityscan', 'value2'))], [term('zone', inOp('service', 'securityscan', 'value2'))]), [existingOn(podLabel)], [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH]],
    ["satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod(podLabel, [term('region', inOp('service', 'securityscan', 'value2'))], [term('node', inOp('service', 'antivirusscan', 'value2'))]),
      [existingOn(podLabel, [term('zone', inOp('service', 'securityscan', 'value2'))])], [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH]],
    ['pod matches its own Label in PodAffinity and that matches the existing pod Labels',
      pod(podLabel, [term('region', notIn('service', 'securityscan', 'value2'))]), [], [ERR_REASON_AFFINITY_RULES_NOT_MATCH]],
    ["verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
      pod(podLabel), [existingOn(podLabel, [term('zone', inOp('service', 'securityscan', 'value2'))])], [ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH]],
    ['verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
      pod(podLabel), [existingOn(podLabel, [term('zone', notIn('service', 'securityscan', 'value2'))])], []],
    ["satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
      pod(podLabel, undefined, [term('region', exists('service')), term('region', exists('security'))]),
      [existingOn(podLabel2, [term('zone', exists('security'))])], [ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH]],
  ] as Array<[string, PodTemplate, PodTemplate[], string[]]>)('%s', (_name, incoming, existing, want) => {
    expect(verdict(incoming, existing)).toEqual(want);
  });
});
