// Port of label selector matching: k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go
// (LabelSelectorAsSelector) and pkg/labels/selector.go (Requirement.Matches). Used to find the
// pods a PodDisruptionBudget or Service selects.
import { LabelSelector } from '../../scheduler/types';

/**
 * True when `labels` satisfy `selector`. A missing selector selects nothing; an empty one
 * (`{}`) selects everything, as in LabelSelectorAsSelector.
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) {
    return false;
  }
  const actual = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!hasLabel(actual, key) || actual[key] !== value) {
      return false;
    }
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const present = hasLabel(actual, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!present || !values.includes(actual[requirement.key])) {
          return false;
        }
        break;
      case 'NotIn':
        if (present && values.includes(actual[requirement.key])) {
          return false;
        }
        break;
      case 'Exists':
        if (!present) {
          return false;
        }
        break;
      case 'DoesNotExist':
        if (present) {
          return false;
        }
        break;
      default:
        // LabelSelectorAsSelector rejects unknown operators: such a selector selects nothing.
        return false;
    }
  }
  return true;
}

/** `a=b,c in (d,e)`: the selector as `kubectl get -l` would take it. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    switch (r.operator) {
      case 'In':
        parts.push(`${r.key} in (${(r.values ?? []).join(',')})`);
        break;
      case 'NotIn':
        parts.push(`${r.key} notin (${(r.values ?? []).join(',')})`);
        break;
      case 'Exists':
        parts.push(r.key);
        break;
      case 'DoesNotExist':
        parts.push(`!${r.key}`);
        break;
      default:
        parts.push(`${r.key} ${r.operator} (${(r.values ?? []).join(',')})`);
    }
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}

function hasLabel(labels: Record<string, string>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}
