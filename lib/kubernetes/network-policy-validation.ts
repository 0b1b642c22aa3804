// Port of ValidateIPBlock from k8s.io/kubernetes/pkg/apis/networking/validation/validation.go
// (Kubernetes 1.27): `cidr` and each `except` parse with ParseCIDRSloppy (ValidateCIDR), and
// each `except` must be a strict subset of `cidr`. Messages are upstream's; the first invalid
// `except` ends the check, as upstream returns there.
import { maskSize, netContains, parseCIDRSloppy } from './net';

export interface IPBlockProblem {
  /** `cidr` or `except[i]`, relative to the ipBlock. */
  readonly field: string;
  readonly value: string;
  readonly message: string;
}

export function validateIPBlock(cidr: string, except: readonly string[] = []): IPBlockProblem[] {
  if (cidr.length === 0) {
    return [{ field: 'cidr', value: cidr, message: 'Required value' }];
  }
  const parsed = parseCIDRSloppy(cidr);
  if (!parsed) {
    return [{ field: 'cidr', value: cidr, message: 'not a valid CIDR' }];
  }
  const problems: IPBlockProblem[] = [];
  for (let i = 0; i < except.length; i++) {
    const e = parseCIDRSloppy(except[i]);
    if (!e) {
      problems.push({ field: `except[${i}]`, value: except[i], message: 'not a valid CIDR' });
      return problems;
    }
    if (!netContains(parsed.net, e.net.ip) || maskSize(parsed.net.mask) >= maskSize(e.net.mask)) {
      problems.push({ field: `except[${i}]`, value: except[i], message: 'must be a strict subset of `cidr`' });
    }
  }
  return problems;
}
