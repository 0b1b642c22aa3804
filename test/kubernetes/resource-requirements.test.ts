// lib/kubernetes/resource-requirements.ts against Kubernetes 1.27
// pkg/apis/core/validation/validation_test.go: TestValidateResourceNames (every row, for
// validateResourceName), and the container rows of TestValidateResourceRequirements (hugepages
// with and without cpu/memory, equal requests and limits), with the exact field.Errors that
// validateResourceRequirements builds (fields relative to the container's `resources`).
import { validateContainerResourceName, validateResourceName, validateResourceRequirements } from '../../lib/kubernetes/resource-requirements';

const errors = (resources: unknown) => validateResourceRequirements(resources)
  .map((p) => `resources${p.field ? `.${p.field}` : ''}: ${p.value === '' ? p.message : `Invalid value: ${p.value}: ${p.message}`}`);

describe('validateResourceName (TestValidateResourceNames)', () => {
  const a = (n: number) => 'a'.repeat(n);
  test.each<[string, boolean]>([
    ['memory', true], ['cpu', true], ['storage', true], ['requests.cpu', true], ['requests.memory', true], ['requests.storage', true],
    ['limits.cpu', true], ['limits.memory', true], ['network', false], ['disk', false], ['', false], ['.', false], ['..', false],
    ['my.favorite.app.co/12345', true], ['my.favorite.app.co/_12345', false], ['my.favorite.app.co/12345_', false], ['kubernetes.io/..', false],
    [`kubernetes.io/${a(63)}`, true], [`kubernetes.io/${a(64)}`, false], [`kubernetes.io//${a(63)}`, false], ['kubernetes.io/will/not/work/', false],
  ])('%j valid: %s', (name, ok) => {
    expect(validateResourceName(name).length === 0).toBe(ok);
  });
});

describe('validateContainerResourceName', () => {
  test.each<[string, string[]]>([
    ['cpu', []], ['hugepages-2Mi', []], ['nvidia.com/gpu', []], ['kubernetes.io/foo', []],
    ['storage', ['must be a standard resource for containers']],
    ['gpu', ['must be a standard resource type or fully qualified', 'must be a standard resource for containers']],
    ['requests.hugepages-2Mi', ['must be a standard resource for containers']],
    ['requests.example.com/x', ["doesn't follow extended resource name standard"]],
  ])('%j', (name, expected) => {
    expect(validateContainerResourceName(name)).toEqual(expected);
  });
});

describe('validateResourceRequirements (TestValidateResourceRequirements, container rows)', () => {
  test.each<[string, unknown]>([
    ['limits and requests of hugepage resource are equal', { limits: { 'cpu': '10', 'hugepages-2Mi': '2Mi' }, requests: { 'cpu': '10', 'hugepages-2Mi': '2Mi' } }],
    ['limits and requests of memory resource are equal', { limits: { memory: '2Mi' }, requests: { memory: '2Mi' } }],
    ['limits and requests of cpu resource are equal', { limits: { cpu: '10' }, requests: { cpu: '10' } }],
  ])('accepts: %s', (_name, resources) => {
    expect(errors(resources)).toEqual([]);
  });

  test('hugepage resource without cpu or memory: Forbidden on resources', () => {
    expect(errors({ limits: { 'hugepages-2Mi': '2Mi' }, requests: { 'hugepages-2Mi': '2Mi' } })).toEqual(['resources: Forbidden: HugePages require cpu or memory']);
  });

  test('request above limit and non-overcommitable resources: on resources.requests and resources.limits, limits printed canonically', () => {
    expect(errors({ limits: { 'cpu': '0.5', 'example.com/dongle': '2' }, requests: { 'cpu': '1', 'example.com/dongle': '1', 'example.com/other': '1' } })).toEqual([
      'resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      'resources.requests: Invalid value: "1": must be equal to example.com/dongle limit of 2',
      'resources.limits: Required value: Limit must be set for non overcommitable resources',
    ]);
  });

  test('hugepages must be whole pages (validateResourceQuantityHugePageValue), on the key', () => {
    expect(errors({ limits: { 'memory': '1Gi', 'hugepages-2Mi': '3Mi' }, requests: { 'memory': '1Gi', 'hugepages-2Mi': '3Mi' } })).toEqual([
      'resources.limits[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
      'resources.requests[hugepages-2Mi]: Invalid value: "3Mi": 3Mi is not positive integer multiple of hugepages-2Mi',
    ]);
    // IsHugePageResourceValueDivisible: a page size that does not parse never divides.
    expect(errors({ limits: { 'memory': '1Gi', 'hugepages-x': '2Mi' } })).toEqual([
      'resources.limits[hugepages-x]: Invalid value: "2Mi": 2Mi is not positive integer multiple of hugepages-x',
    ]);
  });

  test('negative and fractional integer quantities (ValidateResourceQuantityValue)', () => {
    expect(errors({ limits: { 'nvidia.com/gpu': '-0.5' }, requests: { 'nvidia.com/gpu': '-0.5' } })).toEqual([
      'resources.limits[nvidia.com/gpu]: Invalid value: "-0.5": must be greater than or equal to 0',
      'resources.limits[nvidia.com/gpu]: Invalid value: "-0.5": must be an integer',
      'resources.requests[nvidia.com/gpu]: Invalid value: "-0.5": must be greater than or equal to 0',
      'resources.requests[nvidia.com/gpu]: Invalid value: "-0.5": must be an integer',
    ]);
  });
});
