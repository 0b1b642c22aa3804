// The tag table is pkg/util/parsers/parsers_test.go TestParseImageName (Kubernetes 1.27); the
// policies follow pkg/apis/core/v1/defaults.go SetDefaults_Container.
import { defaultImagePullPolicy, imageTag } from '../../lib/kubernetes/image-pull-policy';

const SHA = 'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('imageTag (parsers_test.go TestParseImageName)', () => {
  test.each<[string, string]>([
    ['root', 'latest'],
    ['root:tag', 'tag'],
    [`root@${SHA}`, ''],
    ['user/repo', 'latest'],
    ['user/repo:tag', 'tag'],
    [`user/repo@${SHA}`, ''],
    ['url:5000/repo', 'latest'],
    ['url:5000/repo:tag', 'tag'],
    [`url:5000/repo@${SHA}`, ''],
    [`url:5000/repo:latest@${SHA}`, 'latest'],
    // Errors: SetDefaults_Container ignores them and sees no tag.
    ['ROOT', ''],
    ['http://root', ''],
    ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', ''],
  ])('%s has tag %j', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});

describe('defaultImagePullPolicy (defaults.go SetDefaults_Container)', () => {
  test.each<[string, string]>([
    ['ghcr.io/acme/shop-api:1.4.0', 'IfNotPresent'],
    [`ghcr.io/acme/shop-api@${SHA}`, 'IfNotPresent'],
    [`ghcr.io/acme/shop-api:1.4.0@${SHA}`, 'IfNotPresent'],
    ['ghcr.io/acme/shop-api:latest', 'Always'],
    ['ghcr.io/acme/shop-api', 'Always'],
    [`ghcr.io/acme/shop-api:latest@${SHA}`, 'Always'],
    ['nginx', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    // "latest" is matched exactly, as Go compares strings.
    ['nginx:Latest', 'IfNotPresent'],
    ['nginx:latest-alpine', 'IfNotPresent'],
    ['ROOT', 'IfNotPresent'],
  ])('%s defaults to %s', (image, policy) => {
    expect(defaultImagePullPolicy(image)).toBe(policy);
  });
});
