// Ported from github.com/distribution/reference reference_test.go (TestReferenceParse) and
// normalize_test.go, for the docker/distribution v2.8 grammar kubelet 1.27 uses (no IPv6
// registry hosts: those cases fail in v2.8 and are listed as invalid here).
import {
  ERR_DIGEST_INVALID_LENGTH, ERR_DIGEST_UNSUPPORTED, ERR_NAME_CONTAINS_UPPERCASE, ERR_NAME_EMPTY, ERR_NAME_TOO_LONG,
  ERR_REFERENCE_INVALID_FORMAT, familiarName, parse, parseNormalizedNamed,
} from '../../lib/kubernetes/docker-reference';

const F64 = 'f'.repeat(64);

describe('parse (reference_test.go TestReferenceParse)', () => {
  test.each<[string, string, string, string, string]>([
    // input, domain, path, tag, digest
    ['test_com', '', 'test_com', '', ''],
    ['test.com:tag', '', 'test.com', 'tag', ''],
    ['test.com:5000', '', 'test.com', '5000', ''],
    ['test.com/repo:tag', 'test.com', 'repo', 'tag', ''],
    ['test:5000/repo', 'test:5000', 'repo', '', ''],
    ['test:5000/repo:tag', 'test:5000', 'repo', 'tag', ''],
    [`test:5000/repo@sha256:${F64}`, 'test:5000', 'repo', '', `sha256:${F64}`],
    [`test:5000/repo:tag@sha256:${F64}`, 'test:5000', 'repo', 'tag', `sha256:${F64}`],
    ['lowercase:Uppercase', '', 'lowercase', 'Uppercase', ''],
    [`${'a/'.repeat(127)}a:tag-puts-this-over-max`, 'a', `${'a/'.repeat(126)}a`, 'tag-puts-this-over-max', ''],
    ['sub-dom1.foo.com/bar/baz/quux', 'sub-dom1.foo.com', 'bar/baz/quux', '', ''],
    ['sub-dom1.foo.com/bar/baz/quux:some-long-tag', 'sub-dom1.foo.com', 'bar/baz/quux', 'some-long-tag', ''],
    ['b.gcr.io/test.example.com/my-app:test.example.com', 'b.gcr.io', 'test.example.com/my-app', 'test.example.com', ''],
    ['xn--n3h.com/myimage:xn--n3h.com', 'xn--n3h.com', 'myimage', 'xn--n3h.com', ''],
    [`xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`, 'xn--7o8h.com', 'myimage', 'xn--7o8h.com', `sha512:${'f'.repeat(128)}`],
    ['foo_bar.com:8080', '', 'foo_bar.com', '8080', ''],
    ['foo/foo_bar.com:8080', 'foo', 'foo_bar.com', '8080', ''],
    ['192.168.1.1', '', '192.168.1.1', '', ''],
    ['192.168.1.1:tag', '', '192.168.1.1', 'tag', ''],
    ['192.168.1.1:5000', '', '192.168.1.1', '5000', ''],
    ['192.168.1.1/repo', '192.168.1.1', 'repo', '', ''],
    ['192.168.1.1:5000/repo', '192.168.1.1:5000', 'repo', '', ''],
    ['192.168.1.1:5000/repo:5050', '192.168.1.1:5000', 'repo', '5050', ''],
  ])('parses %s', (input, domain, path, tag, digest) => {
    expect(parse(input)).toEqual({ reference: { domain, path, tag, digest } });
  });

  test.each<[string, string]>([
    ['', ERR_NAME_EMPTY],
    [':justtag', ERR_REFERENCE_INVALID_FORMAT],
    [`@sha256:${F64}`, ERR_REFERENCE_INVALID_FORMAT],
    [`repo@sha256:${'f'.repeat(34)}`, ERR_DIGEST_INVALID_LENGTH],
    [`validname@invaliddigest:${F64}`, ERR_DIGEST_UNSUPPORTED],
    ['Uppercase:tag', ERR_NAME_CONTAINS_UPPERCASE],
    ['test:5000/Uppercase/lowercase:tag', ERR_NAME_CONTAINS_UPPERCASE],
    [`${'a/'.repeat(128)}a:tag`, ERR_NAME_TOO_LONG],
    ['aa/asdf$$^/aa', ERR_REFERENCE_INVALID_FORMAT],
    ['[2001:db8::1]/repo', ERR_REFERENCE_INVALID_FORMAT],
    ['[::1]:5000/repo', ERR_REFERENCE_INVALID_FORMAT],
  ])('fails %j with %s', (input, error) => {
    expect(parse(input)).toEqual({ error });
  });
});

describe('parseNormalizedNamed (normalize_test.go)', () => {
  test.each<[string, string, string]>([
    ['ubuntu', 'docker.io', 'library/ubuntu'],
    ['ubuntu:22.04', 'docker.io', 'library/ubuntu'],
    ['dmcgowan/myapp', 'docker.io', 'dmcgowan/myapp'],
    ['index.docker.io/library/ubuntu', 'docker.io', 'library/ubuntu'],
    ['localhost/ubuntu', 'localhost', 'ubuntu'],
    ['gcr.io/distroless/static:nonroot', 'gcr.io', 'distroless/static'],
  ])('normalizes %s', (input, domain, path) => {
    expect(parseNormalizedNamed(input).reference).toMatchObject({ domain, path });
  });

  test.each<[string, string]>([
    ['Ubuntu', ERR_NAME_CONTAINS_UPPERCASE],
    ['docker.io/UPPER/repo', ERR_NAME_CONTAINS_UPPERCASE],
    [F64, `invalid repository name (${F64}), cannot specify 64-byte hexadecimal strings`],
    ['nginx:', ERR_REFERENCE_INVALID_FORMAT],
    ['nginx ', ERR_REFERENCE_INVALID_FORMAT],
  ])('fails %j with %s', (input, error) => {
    expect(parseNormalizedNamed(input)).toEqual({ error });
  });

  test('familiar names drop docker.io and library/', () => {
    expect(familiarName(parseNormalizedNamed('docker.io/library/redis:7').reference!)).toBe('redis');
    expect(familiarName(parseNormalizedNamed('dmcgowan/myapp').reference!)).toBe('dmcgowan/myapp');
    expect(familiarName(parseNormalizedNamed('quay.io/org/app').reference!)).toBe('quay.io/org/app');
  });
});
