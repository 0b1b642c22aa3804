// Rule `pod-security`: every pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ReplicationController, Job, CronJob, PodTemplate) meets the Pod Security Standards
// "restricted" profile, as the API server would enforce it on the pods it creates.
import { Rule } from '../rule';
import { rebase } from '../../manifests/pod-template';
import { checkRestricted, POD_SECURITY_VERSION } from '../../kubernetes/pod-security';
import { RuleContext } from './context';

export function checkPodSecurity(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    const template = o.podTemplate;
    if (!template) {
      continue;
    }
    for (const v of checkRestricted(template.metadata, template.spec)) {
      // The first offending field; for "must set" violations, the pod-level field that fixes all.
      const field = rebase(template, v.fields[0] ?? 'spec');
      const fix = FIXES[v.check] ? `: ${FIXES[v.check]}` : '';
      ctx.report(Rule.POD_SECURITY, o, field, `violates PodSecurity "restricted:${POD_SECURITY_VERSION}": ${v.reason} (${v.detail})${fix}`);
    }
  }
}

// Upstream's detail already says what to set ("container "x" must set …") except for these.
const FIXES: { readonly [check: string]: string } = {
  appArmorProfile: 'use "runtime/default" or "localhost/<profile>"',
  hostNamespaces: 'remove hostNetwork, hostPID and hostIPC from the pod spec',
  hostPorts: 'remove hostPort and expose the port through a Service',
  restrictedVolumes: 'use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes',
  sysctls: 'set only kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_local_reserved_ports, '
    + 'net.ipv4.ip_unprivileged_port_start, net.ipv4.ping_group_range or net.ipv4.tcp_syncookies',
};
