// Labels and annotations a user adds to a component, checked as the API server checks object
// metadata: port of k8s 1.27 apimachinery pkg/api/validation/objectmeta.go (ValidateAnnotations:
// keys are qualified names after lower-casing, 256 KiB in total) and
// pkg/apis/meta/v1/validation (ValidateLabels: qualified-name keys, label values), on the
// apimachinery ports in lib/guardrails/upstream/validation.ts.
import { Pod } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { isQualifiedName, isValidLabelValue, TOTAL_ANNOTATION_SIZE_LIMIT_B } from '../../kubernetes/validation';
import { AppLabels } from '../app-chart';
import { propError } from './errors';

/** Label keys the app and cdk8s-plus own: a user label may not change them. */
const RESERVED_LABELS: readonly string[] = [...Object.values(AppLabels), Pod.ADDRESS_LABEL];
/** Pod annotations the component owns. */
const RESERVED_POD_ANNOTATIONS: readonly string[] = ['checksum/config'];

export interface MetadataProps {
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
  readonly podLabels?: { readonly [key: string]: string };
  readonly podAnnotations?: { readonly [key: string]: string };
}

/** Checks `labels`, `annotations`, `podLabels` and `podAnnotations` (or one map named `annotationsProp`). */
export function checkMetadata(scope: IConstruct, props: MetadataProps, annotationsProp: string = 'annotations'): void {
  checkLabels(scope, 'labels', props.labels ?? {});
  checkLabels(scope, 'podLabels', props.podLabels ?? {});
  checkAnnotations(scope, annotationsProp, props.annotations ?? {});
  checkAnnotations(scope, 'podAnnotations', props.podAnnotations ?? {});
  for (const key of Object.keys(props.podAnnotations ?? {})) {
    if (RESERVED_POD_ANNOTATIONS.includes(key)) {
      throw propError(scope, 'podAnnotations', `may not set "${key}": the component sets it (a hash of its config, so a change rolls the pods)`,
        key, 'use another annotation key');
    }
  }
}

function checkLabels(scope: IConstruct, prop: string, labels: { readonly [key: string]: string }): void {
  for (const [key, value] of Object.entries(labels)) {
    if (RESERVED_LABELS.includes(key)) {
      throw propError(scope, prop, `may not set the recommended label "${key}": the app sets it and selectors depend on it`, key,
        'use another label key (e.g. "acme.example/team"), or set name, version or partOf on the AppChart or component');
    }
    const keyErrors = isQualifiedName(key);
    if (keyErrors.length > 0) {
      throw propError(scope, `${prop} key`, `must be a label key (${keyErrors.join('; ')})`, key, 'use a key like "acme.example/team"');
    }
    const valueErrors = typeof value === 'string' ? isValidLabelValue(value) : ['must be a string'];
    if (valueErrors.length > 0) {
      throw propError(scope, `${prop}[${JSON.stringify(key)}]`, `must be a label value (${valueErrors.join('; ')})`, value,
        'use at most 63 letters, digits, "-", "_" or "."');
    }
  }
}

function checkAnnotations(scope: IConstruct, prop: string, annotations: { readonly [key: string]: string }): void {
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    const keyErrors = isQualifiedName(key.toLowerCase());
    if (keyErrors.length > 0) {
      throw propError(scope, `${prop} key`, `must be an annotation key (${keyErrors.join('; ')})`, key, 'use a key like "acme.example/owner"');
    }
    if (typeof value !== 'string') {
      throw propError(scope, `${prop}[${JSON.stringify(key)}]`, 'must be a string', value, 'quote the value');
    }
    size += Buffer.byteLength(key) + Buffer.byteLength(value);
  }
  if (size > TOTAL_ANNOTATION_SIZE_LIMIT_B) {
    throw propError(scope, prop, `must have at most ${TOTAL_ANNOTATION_SIZE_LIMIT_B} bytes in total`, `${size} bytes`, 'move large data into a ConfigMap');
  }
}
