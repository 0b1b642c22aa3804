// Port of the API server's default for `imagePullPolicy` in Kubernetes 1.27:
// pkg/apis/core/v1/defaults.go SetDefaults_Container, with the tag it reads from
// pkg/util/parsers/parsers.go ParseImageName (ParseNormalizedNamed, then "latest" when the
// reference has neither a tag nor a digest). Written into the YAML so a reader (and a GitOps
// diff) sees the policy the cluster would store anyway.

import { parseNormalizedNamed } from './docker-reference';

/** The values of `imagePullPolicy` (core/v1 PullPolicy). */
export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** ParseImageName's DefaultImageTag. */
const DEFAULT_IMAGE_TAG = 'latest';

/**
 * The tag ParseImageName returns: the reference's tag; "latest" when it has neither a tag nor a
 * digest; '' when it has only a digest, or does not parse (SetDefaults_Container ignores the
 * error: "assume it has been validated elsewhere").
 */
export function imageTag(image: string): string {
  const { reference } = parseNormalizedNamed(image);
  if (!reference) {
    return '';
  }
  return reference.tag === '' && reference.digest === '' ? DEFAULT_IMAGE_TAG : reference.tag;
}

/**
 * SetDefaults_Container: `Always` when the tag is "latest" (written, implied by no tag and no
 * digest, or next to a digest as in `app:latest@sha256:…`), else `IfNotPresent`.
 */
export function defaultImagePullPolicy(image: string): PullPolicy {
  return imageTag(image) === DEFAULT_IMAGE_TAG ? 'Always' : 'IfNotPresent';
}
