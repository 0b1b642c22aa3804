// NodePorts filter (host port conflicts). Ports (Kubernetes v1.27):
//   pkg/scheduler/framework/plugins/nodeports/node_ports.go (getContainerPorts, fitsPorts, reason)
//   pkg/scheduler/framework/types.go (HostPortInfo: Add, CheckConflict, sanitize)
//   pkg/apis/core/v1/defaults.go (SetDefaults_Pod: hostNetwork pods get hostPort = containerPort)
import type { PodSpec } from './types';

export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";
const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

/** A host port a pod binds: ip (sanitized), protocol (sanitized), port. */
export interface HostPort {
  readonly ip: string;
  readonly protocol: string;
  readonly port: number;
}

/** The host ports of a pod's containers, after API defaulting (init containers do not bind). */
export function podHostPorts(spec: PodSpec): HostPort[] {
  const ports: HostPort[] = [];
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) {
      const hostPort = p.hostPort || (spec.hostNetwork === true ? p.containerPort : 0);
      if (!hostPort || hostPort <= 0) continue;
      ports.push({ ip: (p.hostIP as string | undefined) || DEFAULT_BIND_ALL_HOST_IP, protocol: p.protocol || 'TCP', port: hostPort });
    }
  }
  return ports;
}

/** fwk.HostPortInfo: ip → set of `protocol/port`. */
export class HostPortInfo {
  private readonly byIp = new Map<string, Set<string>>();

  public add(p: HostPort): void {
    let set = this.byIp.get(p.ip);
    if (!set) this.byIp.set(p.ip, (set = new Set()));
    set.add(`${p.protocol}/${p.port}`);
  }

  /** CheckConflict: 0.0.0.0 conflicts with any ip; any ip conflicts with 0.0.0.0. */
  public conflicts(p: HostPort): boolean {
    const key = `${p.protocol}/${p.port}`;
    if (p.ip === DEFAULT_BIND_ALL_HOST_IP) {
      for (const set of this.byIp.values()) if (set.has(key)) return true;
      return false;
    }
    return (this.byIp.get(p.ip)?.has(key) ?? false) || (this.byIp.get(DEFAULT_BIND_ALL_HOST_IP)?.has(key) ?? false);
  }
}

/** NodePorts Filter. */
export function nodePortsFilter(wanted: readonly HostPort[], used: HostPortInfo | undefined): string | undefined {
  if (!used) return undefined;
  for (const p of wanted) if (used.conflicts(p)) return ERR_REASON_NODE_PORTS;
  return undefined;
}
