// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeports/node_ports_test.go
// (TestNodePorts, TestFits), for Kubernetes 1.27. newPod(host, "PROTO/IP/PORT"...) is `pod` here;
// the node holds one pod with the `existing` ports. The two init-container rows of later tables
// are answered as 1.27 does: init containers bind no host ports (no sidecars before 1.28).
import { ERR_REASON_NODE_PORTS, HostPortInfo, nodePortsFilter, podHostPorts } from '../../lib/scheduler/node-ports';
import type { PodSpec } from '../../lib/scheduler/types';

function pod(...hostPortInfos: string[]): PodSpec {
  return {
    containers: [{
      name: 'c',
      ports: hostPortInfos.map((info) => {
        const [protocol, hostIP, port] = info.split('/');
        return { containerPort: 0, hostIP, hostPort: Number(port), protocol };
      }),
    }],
  };
}

function nodeWith(spec: PodSpec): HostPortInfo {
  const used = new HostPortInfo();
  for (const p of podHostPorts(spec)) used.add(p);
  return used;
}

describe('TestNodePorts', () => {
  test.each([
    ['other port', pod('UDP/127.0.0.1/8080'), pod('UDP/127.0.0.1/9090'), undefined],
    ['same udp port', pod('UDP/127.0.0.1/8080'), pod('UDP/127.0.0.1/8080'), ERR_REASON_NODE_PORTS],
    ['same tcp port', pod('TCP/127.0.0.1/8080'), pod('TCP/127.0.0.1/8080'), ERR_REASON_NODE_PORTS],
    ['different host ip', pod('TCP/127.0.0.1/8080'), pod('TCP/127.0.0.2/8080'), undefined],
    ['different protocol', pod('UDP/127.0.0.1/8080'), pod('TCP/127.0.0.1/8080'), undefined],
    ['second udp port conflict', pod('UDP/127.0.0.1/8000', 'UDP/127.0.0.1/8080'), pod('UDP/127.0.0.1/8080'), ERR_REASON_NODE_PORTS],
    ['first tcp port conflict', pod('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8080'), pod('TCP/127.0.0.1/8001', 'UDP/127.0.0.1/8081'), ERR_REASON_NODE_PORTS],
    ['first tcp port conflict due to 0.0.0.0 hostIP', pod('TCP/0.0.0.0/8001'), pod('TCP/127.0.0.1/8001'), ERR_REASON_NODE_PORTS],
    ['TCP hostPort conflict due to 0.0.0.0 hostIP', pod('TCP/10.0.10.10/8001', 'TCP/0.0.0.0/8001'), pod('TCP/127.0.0.1/8001'), ERR_REASON_NODE_PORTS],
    ['second tcp port conflict to 0.0.0.0 hostIP', pod('TCP/127.0.0.1/8001'), pod('TCP/0.0.0.0/8001'), ERR_REASON_NODE_PORTS],
    ['second different protocol', pod('UDP/127.0.0.1/8001'), pod('TCP/0.0.0.0/8001'), undefined],
    ['UDP hostPort conflict due to 0.0.0.0 hostIP', pod('UDP/127.0.0.1/8001'), pod('TCP/0.0.0.0/8001', 'UDP/0.0.0.0/8001'), ERR_REASON_NODE_PORTS],
  ])('%s', (_name, incoming, existing, want) => {
    expect(nodePortsFilter(podHostPorts(incoming), nodeWith(existing))).toBe(want);
  });

  test('skip filter: a pod without host ports has nothing to check', () => {
    expect(podHostPorts({ containers: [{ name: 'c' }] })).toEqual([]);
    expect(nodePortsFilter([], nodeWith(pod('TCP/0.0.0.0/8001')))).toBeUndefined();
  });

  test.each([
    ['non-sidecar initContainer using hostPort', {}],
    // 1.28+: "TCP hostPort conflict from sidecar initContainer" (restartPolicy Always) conflicts;
    // 1.27 has no restartable init containers, so the init container's port binds nothing.
    ['initContainer with restartPolicy Always using hostPort (1.27: not a sidecar)', { restartPolicy: 'Always' }],
  ])('%s: init containers bind no host ports (PreFilter Skip)', (_name, extra) => {
    const spec: PodSpec = { containers: [], initContainers: [{ name: 'i', ports: [{ containerPort: 8001, hostPort: 8001, protocol: 'TCP' }], ...extra }] };
    expect(podHostPorts(spec)).toEqual([]);
  });
});

describe('TestFits', () => {
  test.each([
    ['non-conflicting ports', pod('TCP/127.0.0.1/80'), pod('TCP/127.0.0.1/9090'), true],
    ['multiple non-conflicting ports', pod('TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'), pod('TCP/127.0.0.1/9090', 'TCP/127.0.0.1/9191', 'TCP/127.0.1.1/8080'), true],
    ['same ports on different protocols', pod('TCP/127.0.0.1/80'), pod('UDP/127.0.0.1/80'), true],
    ['conflicting ports', pod('TCP/127.0.0.1/80'), pod('TCP/127.0.0.1/80'), false],
    ['multiple ports, some conflicting', pod('TCP/127.0.0.1/80', 'TCP/127.0.1.1/80', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/100'), pod('TCP/127.0.0.1/9090', 'TCP/127.0.1.1/90', 'TCP/127.0.1.1/8080'), false],
  ])('%s', (_name, incoming, existing, fits) => {
    expect(nodePortsFilter(podHostPorts(incoming), nodeWith(existing)) === undefined).toBe(fits);
  });
});
