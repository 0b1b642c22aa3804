// Rule `pod-security`: every pod template (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ReplicationController, Job, CronJob, PodTemplate) meets the Pod Security Standards
// "restricted" profile, as the API server would enforce it on the pods it creates.
import { Rule } from '../rule';
import { rebase } from '../private/manifest';
import { checkRestricted, POD_SECURITY_VERSION } from '../upstream/pod-security';
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
      ctx.report(Rule.POD_SECURITY, o, field, `violates PodSecurity "restricted:${POD_SECURITY_VERSION}": ${v.reason} (${v.detail})`);
    }
  }
}
