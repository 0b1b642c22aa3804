// Port of the image reference parser kubelet 1.27 runs before pulling (pkg/util/parsers →
// github.com/docker/distribution/reference v2.8: regexp.go, reference.go, normalize.go) and of
// github.com/opencontainers/go-digest's Digest.Validate. A reference kubelet rejects here is an
// `InvalidImageName` pod at runtime; we reject it at synth with the same error text.
//
// JavaScript regexps backtrack while Go's RE2 does not: the grammar below is written so that
// no two quantifiers can match the same text (v2.8's separator `[-]*` is spelled `[-]+`, which
// accepts the same language), so matching stays linear.

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const nameComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainComponent}(?:\\.${domainComponent})*(?::[0-9]+)?`;
const tag = '[\\w][\\w.-]{0,127}';
const digestPat = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}';
const namePat = `(?:${domain}/)?${nameComponent}(?:/${nameComponent})*`;

const referenceRegexp = new RegExp(`^(${namePat})(?::(${tag}))?(?:@(${digestPat}))?$`);
const anchoredNameRegexp = new RegExp(`^(?:(${domain})/)?(${nameComponent}(?:/${nameComponent})*)$`);
const anchoredIdentifierRegexp = /^[a-f0-9]{64}$/;
const digestRegexpAnchored = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** Maximum total number of characters in a repository name. */
export const NAME_TOTAL_LENGTH_MAX = 255;

/** Hex length of each digest algorithm kubelet registers (crypto/sha256, crypto/sha512). */
const DIGEST_HEX_LENGTH: { readonly [algorithm: string]: number } = { sha256: 64, sha384: 96, sha512: 128 };

export const ERR_REFERENCE_INVALID_FORMAT = 'invalid reference format';
export const ERR_NAME_CONTAINS_UPPERCASE = 'invalid reference format: repository name must be lowercase';
export const ERR_NAME_EMPTY = 'repository name must have at least one component';
export const ERR_NAME_TOO_LONG = `repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`;
export const ERR_DIGEST_INVALID_FORMAT = 'invalid checksum digest format';
export const ERR_DIGEST_INVALID_LENGTH = 'invalid checksum digest length';
export const ERR_DIGEST_UNSUPPORTED = 'unsupported digest algorithm';

/** A parsed image reference, normalized like Docker (`nginx` → `docker.io/library/nginx`). */
export interface ImageReference {
  /** e.g. `docker.io` */
  readonly domain: string;
  /** e.g. `library/nginx` */
  readonly path: string;
  /** '' when the reference has no tag */
  readonly tag: string;
  /** '' when the reference has no digest, else e.g. `sha256:…` */
  readonly digest: string;
}

/** The outcome of parsing: `reference` when valid, else `error` (upstream's error text). */
export interface ImageReferenceResult {
  readonly reference?: ImageReference;
  readonly error?: string;
}

/** ParseNormalizedNamed: what kubelet calls on `container.image`. */
export function parseNormalizedNamed(s: string): ImageReferenceResult {
  if (anchoredIdentifierRegexp.test(s)) {
    return { error: `invalid repository name (${s}), cannot specify 64-byte hexadecimal strings` };
  }
  const [domainPart, remainder] = splitDockerDomain(s);
  const tagSep = remainder.indexOf(':');
  const remoteName = tagSep > -1 ? remainder.slice(0, tagSep) : remainder;
  if (remoteName.toLowerCase() !== remoteName) {
    return { error: ERR_NAME_CONTAINS_UPPERCASE };
  }
  return parse(`${domainPart}/${remainder}`);
}

/** Parse (reference.go): the grammar, the name length and the digest. */
export function parse(s: string): ImageReferenceResult {
  const matches = referenceRegexp.exec(s);
  if (!matches) {
    if (s === '') {
      return { error: ERR_NAME_EMPTY };
    }
    if (referenceRegexp.test(s.toLowerCase())) {
      return { error: ERR_NAME_CONTAINS_UPPERCASE };
    }
    return { error: ERR_REFERENCE_INVALID_FORMAT };
  }
  const name = matches[1];
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    return { error: ERR_NAME_TOO_LONG };
  }
  const digest = matches[3] ?? '';
  if (digest !== '') {
    const digestError = validateDigest(digest);
    if (digestError) {
      return { error: digestError };
    }
  }
  const nameMatch = anchoredNameRegexp.exec(name);
  return {
    reference: {
      domain: nameMatch?.[1] ?? '',
      path: nameMatch?.[2] ?? name,
      tag: matches[2] ?? '',
      digest,
    },
  };
}

/** go-digest Digest.Validate */
export function validateDigest(d: string): string | undefined {
  const i = d.indexOf(':');
  if (i <= 0 || i + 1 === d.length) {
    return ERR_DIGEST_INVALID_FORMAT;
  }
  const algorithm = d.slice(0, i);
  const encoded = d.slice(i + 1);
  const size = DIGEST_HEX_LENGTH[algorithm];
  if (size === undefined) {
    return digestRegexpAnchored.test(d) ? ERR_DIGEST_UNSUPPORTED : ERR_DIGEST_INVALID_FORMAT;
  }
  if (encoded.length !== size) {
    return ERR_DIGEST_INVALID_LENGTH;
  }
  return /^[a-f0-9]+$/.test(encoded) ? undefined : ERR_DIGEST_INVALID_FORMAT;
}

/** The familiar form Docker prints (`docker.io/library/nginx` → `nginx`). */
export function familiarName(reference: ImageReference): string {
  if (reference.domain !== 'docker.io') {
    return `${reference.domain}/${reference.path}`;
  }
  const remainder = reference.path.startsWith('library/') ? reference.path.slice('library/'.length) : undefined;
  return remainder !== undefined && !remainder.includes('/') ? remainder : reference.path;
}

// splitDockerDomain (normalize.go, v2.8)
function splitDockerDomain(name: string): [string, string] {
  const i = name.indexOf('/');
  let domainPart: string;
  let remainder: string;
  const first = i === -1 ? '' : name.slice(0, i);
  // An uppercase first element cannot be a (lowercase) namespace, so it is taken as a domain.
  if (i === -1 || (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)) {
    domainPart = 'docker.io';
    remainder = name;
  } else {
    domainPart = first;
    remainder = name.slice(i + 1);
  }
  if (domainPart === 'index.docker.io') {
    domainPart = 'docker.io';
  }
  if (domainPart === 'docker.io' && !remainder.includes('/')) {
    remainder = `library/${remainder}`;
  }
  return [domainPart, remainder];
}
