// Port of the port-number checks of the Kubernetes 1.27 API server:
//   pkg/apis/core/validation/validation.go: validateContainerPorts (containerPort 0 is
//     `Required value`, else IsValidPortNum; hostPort 0 is unset, else IsValidPortNum),
//     validateServicePort (port: IsValidPortNum; targetPort: ValidatePortNumOrName) and the
//     nodePort checks of ValidateService (`Forbidden: may not be used when `type` is
//     'ClusterIP'`, `Duplicate value` per protocol);
//   pkg/apis/core/v1/defaults.go SetDefaults_Service / SetDefaults_ServicePort, which run first:
//     `type` defaults to ClusterIP, `protocol` to TCP, and a targetPort of 0 or "" to `port`
//     (so neither is an error);
//   pkg/registry/core/service/portallocator: a nodePort outside the cluster's
//     --service-node-port-range (30000-32767 by default) is refused when the Service is created,
//     `provided port is not in the valid range`; the range is the cluster's, so only ports no
//     range can hold (outside 1-65535) are reported here.
// Messages are field.Error's bodies (`Required value`, `Invalid value`'s detail, …); named
// targetPorts (IsValidPortName) are the `names` rule's.
import { arr, at } from './private/json';
import { isValidPortNum } from './validation';
import type { SchedulingProblem } from './pod-scheduling-validation';

/** One problem: same shape as the other ports of validation.go (formatSchedulingProblem prints it). */
export type PortProblem = SchedulingProblem;

const PORT_FIX = 'use a port between 1 and 65535';

/** validateContainerPorts' number checks, for one container's `ports` at `field` (e.g. `spec.containers[0].ports`). */
export function validateContainerPorts(ports: unknown, field: string): PortProblem[] {
  const problems: PortProblem[] = [];
  arr(ports).forEach((p, i) => {
    const base = `${field}[${i}]`;
    const containerPort = at(p, 'containerPort');
    if (containerPort === 0) {
      problems.push({ field: `${base}.containerPort`, value: '', message: 'Required value', fix: 'set the port the container listens on, 1 to 65535' });
    } else if (typeof containerPort === 'number') {
      for (const m of isValidPortNum(containerPort)) problems.push({ field: `${base}.containerPort`, value: String(containerPort), message: m, fix: PORT_FIX });
    }
    const hostPort = at(p, 'hostPort');
    if (typeof hostPort === 'number' && hostPort !== 0) { // 0: no host port
      for (const m of isValidPortNum(hostPort)) problems.push({ field: `${base}.hostPort`, value: String(hostPort), message: m, fix: `${PORT_FIX}, or leave hostPort out` });
    }
  });
  return problems;
}

/** validateServicePort's number checks and ValidateService's nodePort checks, for a Service manifest. */
export function validateServicePorts(service: unknown): PortProblem[] {
  const problems: PortProblem[] = [];
  const type = at(service, 'spec', 'type') ?? 'ClusterIP'; // SetDefaults_Service
  const nodePorts = new Set<string>();
  arr(at(service, 'spec', 'ports')).forEach((p, i) => {
    const base = `spec.ports[${i}]`;
    const port = at(p, 'port');
    if (typeof port === 'number') {
      for (const m of isValidPortNum(port)) problems.push({ field: `${base}.port`, value: String(port), message: m, fix: PORT_FIX });
    }
    const targetPort = at(p, 'targetPort');
    if (typeof targetPort === 'number' && targetPort !== 0) { // 0 defaults to port
      for (const m of isValidPortNum(targetPort)) {
        problems.push({ field: `${base}.targetPort`, value: String(targetPort), message: m, fix: `${PORT_FIX}, a container port name, or leave targetPort out (it defaults to port)` });
      }
    }
    const nodePort = at(p, 'nodePort');
    if (typeof nodePort !== 'number' || nodePort === 0) return; // 0: allocated by the cluster
    if (type === 'ClusterIP') {
      problems.push({ field: `${base}.nodePort`, value: '', message: "Forbidden: may not be used when `type` is 'ClusterIP'", fix: 'remove nodePort, or set spec.type to NodePort or LoadBalancer' });
    }
    if (isValidPortNum(nodePort).length > 0) {
      problems.push({ field: `${base}.nodePort`, value: String(nodePort), message: 'provided port is not in the valid range', fix: 'use a port in the cluster\'s --service-node-port-range (30000-32767 by default), or leave nodePort out to have one allocated' });
    }
    const key = `${String(at(p, 'protocol') ?? 'TCP')}/${nodePort}`;
    if (nodePorts.has(key)) {
      problems.push({ field: `${base}.nodePort`, value: '', message: `Duplicate value: ${nodePort}`, fix: 'give each port of the same protocol its own nodePort' });
    }
    nodePorts.add(key);
  });
  return problems;
}

