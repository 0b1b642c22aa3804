// Rules `image` and `image-tag`: every container image is a reference kubelet can parse
// (lib/kubernetes/docker-reference.ts), and is pinned to a version tag or a digest — no tag means
// `latest`, and `latest` changes under a running Deployment.
import { Rule } from '../rule';
import { arr, obj, str } from '../../kubernetes/private/json';
import { familiarName, parseNormalizedNamed } from '../../kubernetes/docker-reference';
import { RuleContext } from './context';

export function checkImages(ctx: RuleContext): void {
  for (const o of ctx.objects) {
    if (!o.podTemplate) {
      continue;
    }
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      arr(o.podTemplate.spec[list]).forEach((c, i) => {
        const field = `${o.podTemplate!.specPath}.${list}[${i}].image`;
        const image = str(obj(c)?.image);
        if (image === undefined || image === '') {
          ctx.report(Rule.IMAGE, o, field, `${field} is not set: set the container image, e.g. "registry.example.com/team/app:1.0.0"`);
          return;
        }
        const parsed = parseNormalizedNamed(image);
        if (!parsed.reference) {
          ctx.report(Rule.IMAGE, o, field, `${field} ${JSON.stringify(image)} is not a valid image reference (${parsed.error}): `
            + 'write it as [registry/]repository[:tag][@digest] in lower case, e.g. "registry.example.com/team/app:1.0.0"');
          return;
        }
        const { tag, digest } = parsed.reference;
        const name = familiarName(parsed.reference);
        if (digest !== '') {
          return;
        }
        if (tag === '') {
          ctx.report(Rule.IMAGE_TAG, o, field, `${field} ${JSON.stringify(image)} has no tag, so it pulls "latest", which changes under you: `
            + `pin a version tag or a digest, e.g. "${name}:<version>" or "${name}@sha256:<digest>"`);
        } else if (tag === 'latest') {
          ctx.report(Rule.IMAGE_TAG, o, field, `${field} ${JSON.stringify(image)} uses the mutable tag "latest": `
            + `pin a version tag or a digest, e.g. "${name}:<version>" or "${name}@sha256:<digest>"`);
        }
      });
    }
  }
}
