// The catalogue of bad inputs (issue 4): one broken field per case, built in
// ./catalogue-cases.ts on the good app of ./fixtures; each asserts the exact findings of its
// rule — object, field and message — so a changed sentence is a deliberate change.
import { check } from './fixtures';
import { CASES } from './catalogue-cases';

type Expected = ReadonlyArray<readonly [string, string, string]>;

const EXPECTED: { readonly [name: string]: Expected } = {
  'replicas as a string': [
    ['Deployment shop/web', 'spec.replicas',
      'spec.replicas must be integer, got "3"'],
  ],
  'typo in a container field': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].imagePullPolicyy',
      'unknown field "spec.template.spec.containers[0].imagePullPolicyy": did you mean "imagePullPolicy"?'],
  ],
  'typo at the top of a raw object': [
    ['ConfigMap shop/web-config', 'datta',
      'unknown field "datta": did you mean "data"?'],
  ],
  'unknown field with no close match': [
    ['Deployment shop/web', 'spec.autoscale',
      'unknown field "spec.autoscale": remove it: Kubernetes 1.27 DeploymentSpec has no such field'],
  ],
  'targetPort neither integer nor string': [
    ['Service shop/web', 'spec.ports[0].targetPort',
      'spec.ports[0].targetPort must be string or integer, got true'],
  ],
  'container without a name': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].name',
      'required field "spec.template.spec.containers[0].name" is missing: set it'],
  ],
  'replicas beyond int32': [
    ['Deployment shop/web', 'spec.replicas',
      'spec.replicas must be a 32-bit integer, got 3000000000'],
  ],
  'apiVersion that Kubernetes 1.27 does not serve': [
    ['Deployment shop/web', 'apiVersion',
      'apiVersion "apps/v1beta2" kind "Deployment" is not a Kubernetes 1.27 type: use apiVersion "apps/v1"'],
  ],
  'apiVersion of a group the kind left (extensions/v1beta1)': [
    ['Deployment shop/web', 'apiVersion',
      'apiVersion "extensions/v1beta1" kind "Deployment" is not a Kubernetes 1.27 type: use apiVersion "apps/v1"'],
  ],
  // apimachinery ParseQuantity's reasons, as the API server reports them
  'cpu request "2 cores"': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.requests[cpu]',
      'spec.template.spec.containers[0].resources.requests[cpu] must be a Kubernetes quantity, got "2 cores": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\''],
  ],
  'memory limit with the suffix "mi"': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.limits[memory]',
      'spec.template.spec.containers[0].resources.limits[memory] must be a Kubernetes quantity, got "512mi": unable to parse quantity\'s suffix'],
  ],
  'emptyDir sizeLimit "1 GB"': [
    ['Deployment shop/web', 'spec.template.spec.volumes[1].emptyDir.sizeLimit',
      'spec.template.spec.volumes[1].emptyDir.sizeLimit must be a Kubernetes quantity, got "1 GB": quantities must match the regular expression \'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$\''],
  ],
  'object without kind': [
    ['<no kind> shop/web-config', 'kind',
      'apiVersion and kind are required, got apiVersion "v1" and kind nothing: set both, e.g. apiVersion "apps/v1" and kind "Deployment"'],
  ],
  'Deployment name with capitals and underscore': [
    ['Deployment shop/Web_App', 'metadata.name',
      'metadata.name "Web_App" is invalid: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\'); rename it, e.g. "web-app"'],
  ],
  'Service name starting with a digit': [
    ['Service shop/1web', 'metadata.name',
      'metadata.name "1web" is invalid: a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\'); rename it, e.g. "web"'],
  ],
  'namespace with a capital': [
    ['ConfigMap Shop/web-config', 'metadata.namespace',
      'metadata.namespace "Shop" is invalid: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\'); rename it, e.g. "shop"'],
  ],
  'label key with two slashes': [
    ['ConfigMap shop/web-config', 'metadata.labels',
      'metadata.labels key "app.kubernetes.io/name/extra" is invalid: a qualified name must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\') with an optional DNS subdomain prefix and \'/\' (e.g. \'example.com/MyName\'); rename it, e.g. "app.kubernetes.io/name"'],
  ],
  'label value with a space': [
    ['ConfigMap shop/web-config', 'metadata.labels[team]',
      'metadata.labels[team] "shop front" is invalid: a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\'); rename it, e.g. "shop-front"'],
  ],
  'container port name over 15 characters': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].ports[0].name',
      'spec.template.spec.containers[0].ports[0].name "metrics-endpoint" is invalid: must be no more than 15 characters; rename it, e.g. "metrics-endpoin"'],
  ],
  'env var name starting with a digit': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].env[0].name',
      'spec.template.spec.containers[0].env[0].name "1LOG_LEVEL" is invalid: a valid environment variable name must consist of alphabetic characters, digits, \'_\', \'-\', or \'.\', and must not start with a digit (e.g. \'my.env-name\',  or \'MY_ENV.NAME\',  or \'MyEnvName1\', regex used for validation is \'[-._a-zA-Z][-._a-zA-Z0-9]*\'); rename it, e.g. "_1LOG_LEVEL"'],
  ],
  'two containers with one name': [
    ['Deployment shop/web', 'spec.template.spec.containers[1].name',
      'spec.template.spec.containers[1].name "web" is used by another container of this pod: give each container its own name'],
  ],
  'Service with two unnamed ports': [
    ['Service shop/web', 'spec.ports[0].name',
      'spec.ports[0].name is required when a Service has more than one port: name each port, e.g. "http"'],
    ['Service shop/web', 'spec.ports[1].name',
      'spec.ports[1].name is required when a Service has more than one port: name each port, e.g. "http"'],
  ],
  'Service appProtocol with a space': [
    ['Service shop/web', 'spec.ports[0].appProtocol',
      'spec.ports[0].appProtocol "http 2" is invalid: name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\'); use e.g. "http", "h2c" or "kubernetes.io/h2c"'],
  ],
  'CronJob name over 52 characters': [
    ['CronJob shop/nightly-inventory-and-pricing-report-for-all-warehouses', 'metadata.name',
      'metadata.name "nightly-inventory-and-pricing-report-for-all-warehouses" is invalid: must be no more than 52 characters; rename it, e.g. "nightly-inventory-and-pricing-report-for-all-warehou"'],
  ],
  'ConfigMap key with a space': [
    ['ConfigMap shop/web-config', 'data[app config.yaml]',
      'data key "app config.yaml" is invalid: a valid config key must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\',  or \'KEY_NAME\',  or \'key-name\', regex used for validation is \'[-._a-zA-Z0-9]+\'); rename it, e.g. "config.yaml"'],
  ],
  'annotations over 256 KiB': [
    ['ConfigMap shop/web-config', 'metadata.annotations',
      'metadata.annotations total 262146 bytes, must have at most 262144 bytes: move large values into a ConfigMap'],
  ],
  'two ConfigMaps with one name': [
    ['ConfigMap shop/web-config', 'metadata.name',
      'metadata.name "web-config" is already used by the object at obj0 (same group, kind and namespace): rename one of them, or the later one overwrites the other when applied'],
  ],
  'Service selector that matches no pod': [
    ['Service shop/web', 'spec.selector',
      'spec.selector app.kubernetes.io/name=wbe matches no pod template in namespace "shop": set it to the pod labels (spec.template.metadata.labels) of the workload the Service serves'],
  ],
  'Service targetPort naming no container port': [
    ['Service shop/web', 'spec.ports[0].targetPort',
      'spec.ports[0].targetPort "web" names no TCP container port of Deployment shop/web: name a container port "web" (spec.template.spec.containers[*].ports[*].name) or use the port number'],
  ],
  'Ingress backend naming no Service': [
    ['Ingress shop/web', 'spec.rules[0].http.paths[0].backend.service.name',
      'spec.rules[0].http.paths[0].backend.service.name "storefront" names no Service in namespace "shop": add the Service to the app or fix the name'],
  ],
  'Ingress backend port the Service lacks': [
    ['Ingress shop/web', 'spec.rules[0].http.paths[0].backend.service.port.number',
      'spec.rules[0].http.paths[0].backend.service.port.number 8080 is not a port of Service shop/web (ports: 80 (http)): use one of its ports'],
  ],
  'HPA scaling a missing Deployment': [
    ['HorizontalPodAutoscaler shop/web', 'spec.scaleTargetRef',
      'spec.scaleTargetRef apps/v1 Deployment "api" names no object in namespace "shop": point it at a workload of the app'],
  ],
  'PDB selector that matches no pod': [
    ['PodDisruptionBudget shop/web', 'spec.selector',
      'spec.selector tier in (web) matches no pod template in namespace "shop": set it to the pod labels (spec.template.metadata.labels) of the workload it protects'],
  ],
  'PDB without a selector': [
    ['PodDisruptionBudget shop/web', 'spec.selector',
      'spec.selector is not set, so the PodDisruptionBudget protects no pods: set it to the pod labels (spec.template.metadata.labels) of the workload it protects'],
  ],
  'readiness probe on an undeclared port name': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].readinessProbe.httpGet.port',
      'spec.template.spec.containers[0].readinessProbe.httpGet.port "health" is not the name of a port of container "web" (ports: 8080 (http)): name one of its ports "health" or probe the port number'],
  ],
  'Secret volume of a Secret the app lacks': [
    ['Deployment shop/web', 'spec.template.spec.volumes[1].secret.secretName',
      'spec.template.spec.volumes[1].secret.secretName "web-tls" names no Secret in namespace "shop": add the Secret to the app or declare it with Guardrails.of(scope).declareExternal(ExternalKind.SECRET, "web-tls")'],
  ],
  'configMapKeyRef to a missing key': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key',
      'spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.key "log_level" is not a key of ConfigMap shop/web-config (keys: "logLevel"): use one of its keys or add "log_level" to it'],
  ],
  'imagePullSecret the app lacks': [
    ['Deployment shop/web', 'spec.template.spec.imagePullSecrets[0].name',
      'spec.template.spec.imagePullSecrets[0].name "registry" names no Secret in namespace "shop": add the Secret to the app or declare it with Guardrails.of(scope).declareExternal(ExternalKind.SECRET, "registry")'],
  ],
  'ServiceAccount the app lacks': [
    ['Deployment shop/web', 'spec.template.spec.serviceAccountName',
      'spec.template.spec.serviceAccountName "web-reader" names no ServiceAccount in namespace "shop": add the ServiceAccount to the app or declare it with Guardrails.of(scope).declareExternal(ExternalKind.SERVICE_ACCOUNT, "web-reader")'],
  ],
  'image with a capital letter': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].image',
      'spec.template.spec.containers[0].image "registry.example.com/Shop/web:1.4.2" is not a valid image reference (invalid reference format: repository name must be lowercase): write it as [registry/]repository[:tag][@digest] in lower case, e.g. "registry.example.com/team/app:1.0.0"'],
  ],
  'image with a truncated digest': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].image',
      'spec.template.spec.containers[0].image "web@sha256:0123456789abcdef0123456789abcdef" is not a valid image reference (invalid checksum digest length): write it as [registry/]repository[:tag][@digest] in lower case, e.g. "registry.example.com/team/app:1.0.0"'],
  ],
  'container without an image': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].image',
      'spec.template.spec.containers[0].image is not set: set the container image, e.g. "registry.example.com/team/app:1.0.0"'],
  ],
  'image without a tag': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].image',
      'spec.template.spec.containers[0].image "nginx" has no tag, so it pulls "latest", which changes under you: pin a version tag or a digest, e.g. "nginx:<version>" or "nginx@sha256:<digest>"'],
  ],
  'image tagged latest': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].image',
      'spec.template.spec.containers[0].image "registry.example.com:5000/shop/web:latest" uses the mutable tag "latest": pin a version tag or a digest, e.g. "registry.example.com:5000/shop/web:<version>" or "registry.example.com:5000/shop/web@sha256:<digest>"'],
  ],
  'Secret with data': [
    ['Secret shop/db', 'data',
      'data would write 2 secret values (keys "password", "user") in plain text to the output: create the Secret outside the app and declare it with Guardrails.of(scope).declareExternal(ExternalKind.SECRET, "db"), or allow it for this object with Guardrails.of(scope).allowSecretData(reason)'],
  ],
  'privileged container': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].securityContext.privileged',
      'violates PodSecurity "restricted:v1.27": privileged (container "web" must not set securityContext.privileged=true)'],
  ],
  'pod running as root': [
    ['Deployment shop/web', 'spec.template.spec.securityContext.runAsUser',
      'violates PodSecurity "restricted:v1.27": runAsUser=0 (pod must not set runAsUser=0)'],
  ],
  'hostPath volume': [
    ['Deployment shop/web', 'spec.template.spec.volumes[1]',
      'violates PodSecurity "restricted:v1.27": restricted volume types (volume "docker" uses restricted volume type "hostPath"): use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret volumes'],
  ],
  // api-validation (issue 10): upstream's sentences, the value as written, and the fix
  'negative cpu request': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.requests[cpu]',
      'spec.template.spec.containers[0].resources.requests[cpu] "-100m" is invalid: must be greater than or equal to 0; use a quantity of 0 or more'],
  ],
  'memory request above its limit': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.requests',
      'spec.template.spec.containers[0].resources.requests "128Mi" is invalid: must be less than or equal to memory limit of 64Mi; lower the memory request or raise its limit'],
  ],
  'GPU request without a limit': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.limits',
      'spec.template.spec.containers[0].resources.limits is invalid: Required value: Limit must be set for non overcommitable resources; set limits[nvidia.com/gpu] to the request, 1'],
  ],
  'GPU request below its limit': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.requests',
      'spec.template.spec.containers[0].resources.requests 1 is invalid: must be equal to nvidia.com/gpu limit of 2; nvidia.com/gpu cannot be overcommitted: set the request and the limit to the same value'],
  ],
  'half a GPU': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]',
      'spec.template.spec.containers[0].resources.limits[nvidia.com/gpu] "500m" is invalid: must be an integer; use a whole number, e.g. 1'],
  ],
  'hugepages not a multiple of the page size': [
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.limits[hugepages-2Mi]',
      'spec.template.spec.containers[0].resources.limits[hugepages-2Mi] "3Mi" is invalid: 3Mi is not positive integer multiple of hugepages-2Mi; use a whole number of pages'],
    ['Deployment shop/web', 'spec.template.spec.containers[0].resources.requests[hugepages-2Mi]',
      'spec.template.spec.containers[0].resources.requests[hugepages-2Mi] "3Mi" is invalid: 3Mi is not positive integer multiple of hugepages-2Mi; use a whole number of pages'],
  ],
  'ConfigMap data over 1 MiB': [
    ['ConfigMap shop/web-config', 'data',
      'data is invalid: Too long: must have at most 1048576 bytes (data and binaryData hold 1048580); split the ConfigMap, or mount large files from a volume or an image'],
  ],
  'Secret stringData over 1 MiB': [
    ['Secret shop/blob', 'data',
      'data is invalid: Too long: must have at most 1048576 bytes (data and stringData hold 1048578); split the Secret'],
  ],
  'object over 1.5 MiB': [
    ['Blob shop/big', '',
      'the object is 1638557 bytes, over etcd\'s default request limit of 1572864 bytes (1.5 MiB), so the API server cannot store it (etcdserver: request is too large): split it into smaller objects'],
  ],
  'Ingress host that is an IP address': [
    ['Ingress shop/web', 'spec.rules[0].host',
      'spec.rules[0].host "192.168.1.10" is invalid: must be a DNS name, not an IP address; use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address'],
  ],
  'Ingress path with /../': [
    ['Ingress shop/web', 'spec.rules[0].http.paths[0].path',
      'spec.rules[0].http.paths[0].path "/api/../admin" is invalid: must not contain \'/../\'; use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"'],
  ],
  'Ingress Exact path ending in /.': [
    ['Ingress shop/web', 'spec.rules[0].http.paths[0].path',
      'spec.rules[0].http.paths[0].path "/static//files/." is invalid: must not contain \'//\'; cannot end with \'/.\'; use an absolute path such as "/" or "/api" without "//", "/./", "/../" or "%2f"'],
  ],
  'Ingress wildcard host in the middle': [
    ['Ingress shop/web', 'spec.rules[0].host',
      'spec.rules[0].host "shop.*.example.com" is invalid: a wildcard DNS-1123 subdomain must start with \'*.\', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, \'-\' or \'.\' and end with an alphanumeric character (e.g. \'*.example.com\', regex used for validation is \'\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\'); use a DNS name like "shop.example.com" or a wildcard like "*.example.com", never an IP address'],
  ],
  'CronJob timeZone in the wrong case': [
    ['CronJob shop/nightly', 'spec.timeZone',
      'spec.timeZone "europe/berlin" is invalid: unknown time zone europe/berlin; use a tz database name such as "Europe/Berlin" or "Etc/UTC", spelled with its exact case'],
  ],
  'CronJob timeZone Local': [
    ['CronJob shop/nightly', 'spec.timeZone',
      'spec.timeZone "Local" is invalid: timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones; use a tz database name such as "Europe/Berlin" or "Etc/UTC", spelled with its exact case'],
  ],
  'CronJob timeZone empty': [
    ['CronJob shop/nightly', 'spec.timeZone',
      'spec.timeZone "" is invalid: timeZone must be nil or non-empty string; use a tz database name such as "Europe/Berlin" or "Etc/UTC", spelled with its exact case'],
  ],
  'Service port 0': [
    ['Service shop/web', 'spec.ports[0].port', 'spec.ports[0].port 0 is invalid: must be between 1 and 65535, inclusive; use a port between 1 and 65535'],
  ],
  'toleration with operator In': [
    ['Deployment shop/web', 'spec.template.spec.tolerations[0].operator',
      'spec.template.spec.tolerations[0].operator is invalid: Unsupported value: "In": supported values: "Equal", "Exists"; use operator: Equal (the default) or Exists'],
  ],
  'HPA maxReplicas below minReplicas': [
    ['HorizontalPodAutoscaler shop/web', 'spec.maxReplicas',
      'spec.maxReplicas 2 is invalid: must be greater than or equal to `minReplicas`; raise maxReplicas to at least 5 or lower minReplicas'],
  ],
};

describe('catalogue of bad inputs', () => {
  test('every case has its expected findings', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(CASES.map((c) => c.name).sort());
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  test.each(CASES.map((c) => [c.rule, c.name, c] as const))('fails %s: %s', (rule, name, c) => {
    // GIVEN the good app with one field broken
    const objects = c.objects();
    // WHEN the rule runs
    const findings = check(objects, { rules: [rule] });
    // THEN exactly the expected findings, as errors
    expect(findings.map((f) => [f.object, f.field, f.message])).toEqual(EXPECTED[name]);
    expect(findings.every((f) => f.level === 'error' && f.rule === rule)).toBe(true);
  });
});
