// Kinds whose objects have no namespace (`kubectl api-resources --namespaced=false` of a
// Kubernetes 1.27 cluster, plus the cluster-scoped kinds of common operators: cert-manager's
// ClusterIssuer, External Secrets' ClusterSecretStore, KEDA's ClusterTriggerAuthentication,
// the snapshot controller's VolumeSnapshotClass). A `metadata.namespace` written on one of them
// is ignored by the API server, so it is no part of the object's identity.
// The one list: capacity identities (manifests/), duplicate names (app/) and GitOps use it.

const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'PriorityClass', 'RuntimeClass',
  'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'APIService', 'IngressClass',
  'CSIDriver', 'CSINode', 'VolumeAttachment', 'PodSecurityPolicy', 'ClusterIssuer', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'FlowSchema', 'PriorityLevelConfiguration', 'CertificateSigningRequest', 'VolumeSnapshotClass',
  'ClusterSecretStore', 'ClusterTriggerAuthentication',
]);

/** True for a kind whose objects have no namespace (`Namespace`, `ClusterRole`, …). */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED_KINDS.has(kind);
}
