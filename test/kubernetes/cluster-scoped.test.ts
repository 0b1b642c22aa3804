// The one list of cluster-scoped kinds (lib/kubernetes/cluster-scoped.ts).
import { isClusterScoped } from '../../lib/kubernetes/cluster-scoped';

describe('isClusterScoped', () => {
  test.each([
    ['Namespace', true], ['ClusterRole', true], ['CustomResourceDefinition', true], ['PriorityClass', true],
    ['ClusterSecretStore', true], ['ClusterIssuer', true], ['CSINode', true],
    ['Deployment', false], ['Role', false], ['SecretStore', false], ['Issuer', false], ['namespace', false],
  ])('%s: %s', (kind, expected) => {
    expect(isClusterScoped(kind)).toBe(expected);
  });
});
