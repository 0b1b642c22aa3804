// Reads the CLI's inputs: files, folders (like `kubectl apply -f <dir>`: the *.yaml, *.yml and
// *.json files directly inside, in name order; with --recursive, sub-folders too) and stdin.
// The bounded reading (size limit, symbolic links followed once, UTF-8) is lib/manifests'
// `read-files`; parsing (YAML 1.1 as Kubernetes reads it, `kind: List` flattened, empty
// documents skipped) is `parseManifests`. Every error is a ManifestError naming the file, so
// the CLI exits 2 with one sentence.
import { at, arr } from '../kubernetes/private/json';
import { objectLabel, podTemplateOf, rebase } from '../manifests/pod-template';
import { validatePodScheduling, validateHpaReplicas } from '../kubernetes/pod-scheduling-validation';
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
        const value = p.value === '' ? '' : `${p.value} is invalid: `;
        throw new ManifestError(`${value}${p.message}; ${p.fix}`, source, objectLabel(object), p.field ? `${base}.${p.field}` : base);
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
    const value = p.value === '' ? '' : `${p.value} is invalid: `;
    throw new ManifestError(`${value}${p.message}; ${p.fix}`, source, objectLabel(object), p.field);
  }
}
