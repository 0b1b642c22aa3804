// Reads the CLI's inputs: files, folders (like `kubectl apply -f <dir>`: the *.yaml, *.yml and
// *.json files directly inside, in name order; with --recursive, sub-folders too) and stdin.
// The bounded reading (size limit, symbolic links followed once, UTF-8) is lib/manifests'
// `read-files`; parsing (YAML 1.1 as Kubernetes reads it, `kind: List` flattened, empty
// documents skipped) is `parseManifests`. Every error is a ManifestError naming the file, so
// the CLI exits 2 with one sentence.
import { at, arr } from '../kubernetes/private/json';
import { objectLabel, podTemplateOf, rebase } from '../manifests/pod-template';
import { describeProblem, validatePodScheduling, validateHpaReplicas } from '../kubernetes/pod-scheduling-validation';
import { validateResourceRequirements } from '../kubernetes/resource-requirements';
import { LoadedManifest, parseManifests } from '../manifests/load-yaml';
import { ManifestError } from '../manifests/manifest-error';
import { checkTextSize, DEFAULT_MAX_INPUT_BYTES, describeIoError, FileWalk, readTextFile, STDIN_NAME } from '../manifests/read-files';

export { describeIoError, STDIN_NAME };

/** What the CLI reads instead of the real stdin in tests; gets the size limit in bytes. */
export type ReadStdin = (maxBytes: number) => string;

/** How `readInputs` reads. */
export interface ReadInputsOptions {
  /** Read the sub-folders of folder inputs too. @default false */
  readonly recursive?: boolean;
  /** Largest file (and stdin) accepted, in bytes. @default DEFAULT_MAX_INPUT_BYTES (64 MiB) */
  readonly maxInputBytes?: number;
}

/** The objects of every input, in argument order; folders expanded, Lists flattened. */
export function readInputs(inputs: readonly string[], readStdin: ReadStdin, options: ReadInputsOptions = {}): LoadedManifest[] {
  const maxBytes = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const walk = new FileWalk(options.recursive ?? false);
  const objects: LoadedManifest[] = [];
  for (const input of inputs) {
    const files = input === '-' ? ['-'] : walk.expand(input);
    for (const file of files) {
      const text = file === '-' ? readStandardInput(readStdin, maxBytes) : readTextFile(file, maxBytes);
      for (const object of parseManifests(text, file === '-' ? STDIN_NAME : file)) {
        checkPodSpecTypes(object);
        checkResources(object);
        checkScheduling(object);
        objects.push(object); // one by one: a spread of 100,000 objects overflows the stack
      }
    }
  }
  return objects;
}

function readStandardInput(readStdin: ReadStdin, maxBytes: number): string {
  let text: string;
  try {
    text = readStdin(maxBytes);
  } catch (e) {
    if (ManifestError.isManifestError(e)) throw e;
    throw new ManifestError(`cannot read: ${describeIoError(e)}`, { file: STDIN_NAME });
  }
  return checkTextSize(text, STDIN_NAME, maxBytes);
}

type Shape = 'list' | 'map' | 'int' | 'string-map' | 'quantity-map';

/** The pod-spec fields the scheduler reads, with the JSON type the API server decodes them as. */
const POD_SPEC_SHAPES: Readonly<Record<string, Shape>> = {
  containers: 'list', initContainers: 'list', tolerations: 'list', topologySpreadConstraints: 'list',
  nodeSelector: 'string-map', affinity: 'map', overhead: 'quantity-map', priority: 'int',
};
const AFFINITY_SHAPES: Readonly<Record<string, Shape>> = { nodeAffinity: 'map', podAffinity: 'map', podAntiAffinity: 'map' };
const CONTAINER_SHAPES: Readonly<Record<string, Shape>> = { resources: 'map', ports: 'list' };
const RESOURCES_SHAPES: Readonly<Record<string, Shape>> = { requests: 'quantity-map', limits: 'quantity-map' };
const PORT_SHAPES: Readonly<Record<string, Shape>> = { containerPort: 'int', hostPort: 'int' };

const SHAPE_FIX: Readonly<Record<Shape, string>> = {
  'list': 'write it as a YAML list (- …)',
  'map': 'write it as a mapping (key: value)',
  'int': 'write a whole number, unquoted',
  'string-map': 'write it as a mapping of strings (key: "value")',
  'quantity-map': 'write it as a mapping of quantities, e.g. { cpu: 500m, memory: 1Gi }',
};

/**
 * A pod-spec field of a JSON type the API server cannot decode (`tolerations: 5`,
 * `containers: [5]`, `resources: {requests: 5}`, `containerPort: "80"`) is bad input: read as
 * absent it would silently change the verdict (no requests, no tolerations), or crash a reader.
 */
function checkPodSpecTypes({ object, source }: LoadedManifest): void {
  const template = podTemplateOf(object);
  if (!template) return;
  const fail = (field: string, shape: Shape, value: unknown): never => {
    const expected = shape === 'list' ? 'a list' : shape === 'int' ? 'a whole number' : 'a mapping';
    throw new ManifestError(`expected ${expected}, got ${describeJson(value)}: ${SHAPE_FIX[shape]}`, source, objectLabel(object), rebase(template, field));
  };
  const check = (parent: unknown, shapes: Readonly<Record<string, Shape>>, base: string): void => {
    for (const [key, shape] of Object.entries(shapes)) {
      const value = (parent as Record<string, unknown>)[key];
      if (value === undefined || value === null) continue;
      const field = `${base}.${key}`;
      if (shape === 'list') {
        if (!Array.isArray(value)) fail(field, shape, value);
      } else if (shape === 'int') {
        if (typeof value !== 'number' || !Number.isInteger(value)) fail(field, shape, value);
      } else {
        if (typeof value !== 'object' || Array.isArray(value)) fail(field, shape, value);
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          // (string-map values: ValidateLabels reports them, in checkScheduling.)
          // null is a quantity: Quantity.UnmarshalJSON reads it as 0 (quantityOf does too).
          if (shape === 'quantity-map' && typeof v !== 'string' && typeof v !== 'number' && v !== null) {
            throw new ManifestError(`expected a quantity (a string such as 500m, or a number), got ${describeJson(v)}: write e.g. ${k}: 500m`, source, objectLabel(object), rebase(template, `${field}[${k}]`));
          }
        }
      }
    }
  };
  const spec = template.spec;
  check(spec, POD_SPEC_SHAPES, 'spec');
  check(spec.affinity ?? {}, AFFINITY_SHAPES, 'spec.affinity');
  for (const list of ['initContainers', 'containers']) {
    arr(spec[list]).forEach((c, i) => {
      const base = `spec.${list}[${i}]`;
      if (typeof c !== 'object' || c === null || Array.isArray(c)) fail(base, 'map', c);
      check(c, CONTAINER_SHAPES, base);
      check((c as Record<string, unknown>).resources ?? {}, RESOURCES_SHAPES, `${base}.resources`);
      arr((c as Record<string, unknown>).ports).forEach((port, j) => {
        if (typeof port !== 'object' || port === null || Array.isArray(port)) fail(`${base}.ports[${j}]`, 'map', port);
        check(port, PORT_SHAPES, `${base}.ports[${j}]`);
      });
    });
  }
  for (const list of ['tolerations', 'topologySpreadConstraints']) {
    arr(spec[list]).forEach((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(`spec.${list}[${i}]`, 'map', item);
    });
  }
}

/** `5`, `"80"`, `a list`, `a mapping`, `NaN` — the value as the user wrote it. */
function describeJson(x: unknown): string {
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object' && x !== null) return 'a mapping';
  if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
  return JSON.stringify(x);
}

/**
 * Container resources the API server rejects (ValidateResourceRequirements: negative, request
 * above limit, extended resources overcommitted or fractional) are bad input, with the file,
 * document, object and field: the same check as the guardrail rule `api-validation`.
 */
function checkResources({ object, source }: LoadedManifest): void {
  const template = podTemplateOf(object);
  if (!template) return;
  for (const list of ['initContainers', 'containers']) {
    arr(template.spec[list]).forEach((container, i) => {
      const [p] = validateResourceRequirements(at(container, 'resources'));
      if (p) {
        const base = rebase(template, `spec.${list}[${i}].resources`);
        throw new ManifestError(describeProblem(p), source, objectLabel(object), p.field ? `${base}.${p.field}` : base);
      }
    });
  }
}

/**
 * Scheduling fields the API server rejects (tolerations, node affinity, topology spread: the
 * ValidatePodSpec port in lib/kubernetes/pod-scheduling-validation.ts; an HPA whose
 * replica bounds validateHorizontalPodAutoscalerSpec rejects) are bad input, not a verdict: the same checks as the
 * guardrail rule `api-validation`.
 */
function checkScheduling({ object, source }: LoadedManifest): void {
  const template = podTemplateOf(object);
  const problems = template ? validatePodScheduling(template.spec).map((p) => ({ ...p, field: rebase(template, p.field) }))
    : object.kind === 'HorizontalPodAutoscaler' && String(object.apiVersion).startsWith('autoscaling/') ? validateHpaReplicas(object) : [];
  const [p] = problems;
  if (p) {
    throw new ManifestError(describeProblem(p), source, objectLabel(object), p.field);
  }
}
