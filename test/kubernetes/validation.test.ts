// Ported from k8s.io/apimachinery/pkg/util/validation/validation_test.go (TestIsDNS1123Label,
// TestIsDNS1123Subdomain, TestIsDNS1035Label, TestIsValidPortName, TestIsQualifiedName,
// TestIsValidLabelValue, TestIsConfigMapKey) and pkg/api/validation/path/name_test.go.
import {
  isConfigMapKey, isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, isEnvVarName, isQualifiedName, isValidLabelValue,
  isValidPathSegmentName, isValidPortName,
} from '../../lib/kubernetes/validation';

const r = (s: string, n: number) => s.repeat(n);

const tables: Array<[string, (v: string) => string[], string[], string[]]> = [
  ['IsDNS1123Label', isDNS1123Label,
    ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', r('a', 63)],
    ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
      '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', r('a', 64)]],
  ['IsDNS1123Subdomain', isDNS1123Subdomain,
    ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '012', '1a', '1-a', '1--a--b--2', 'a.a', 'ab.a', 'abc.a', 'a1.a',
      'a-1.a', 'a--1--2--b.a', 'a.1', 'ab.1', 'abc.1', 'a1.1', 'a-1.1', 'a--1--2--b.1', '0.a', '01.a', '012.a', '1a.a', '1-a.a',
      '0.1', '01.1', '012.1', '1a.1', '1-a.1', '1--a--b--2.1', 'a.b.c.d.e', 'aa.bb.cc.dd.ee', '1.2.3.4.5', '11.22.33.44.55', r('a', 253)],
    ['', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1', '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2',
      '.', 'a.', '.a', 'a..b', '1.', '.1', '1..2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', 'A.a', 'aB.a', 'ab.A', 'A1.a', 'a1.A',
      'A.1', 'aB.1', 'A1.1', '1A.1', '0.A', '01.A', '012.A', '1A.a', '1a.A', 'A.B.C.D.E', 'AA.BB.CC.DD.EE', 'a.B.c.d.e',
      'aa.bB.cc.dd.ee', 'a@b', 'a,b', 'a_b', 'a;b', 'a:b', 'a%b', 'a?b', 'a$b', r('a', 254)]],
  ['IsDNS1035Label', isDNS1035Label,
    ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', r('a', 63)],
    ['0', '01', '012', '1a', '1-a', '1--a--b--2', '', 'A', 'ABC', 'aBc', 'A1', 'A-1', '1-A', '-', 'a-', '-a', '1-', '-1',
      '_', 'a_', '_a', 'a_b', '1_', '_1', '1_2', '.', 'a.', '.a', 'a.b', '1.', '.1', '1.2', ' ', 'a ', ' a', 'a b', '1 ', ' 1', '1 2', r('a', 64)]],
  ['IsValidPortName', isValidPortName,
    ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3'],
    ['longerthan15characters', '', r('a', 16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++']],
  ['IsQualifiedName', isQualifiedName,
    ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'now-with-dashes/now-with-dashes',
      'now.with.dots/simple', 'now-with.dashes-and.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123',
      'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', r('a', 63), `${r('a', 253)}/${r('b', 63)}`],
    ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc',
      'example.com/', '/simple', r('a', 64), `${r('a', 254)}/abc`]],
  ['IsValidLabelValue', isValidLabelValue,
    ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', r('a', 63), ''],
    ['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-',
      '.starts.with.dot', 'ends.with.dot.', r('a', 64)]],
  ['IsConfigMapKey', isConfigMapKey,
    ['a', 'good', 'good-good', 'still.good', 'this.is.also.good', '.so.is.this', 'THIS_IS_GOOD', 'so_is_this_17'],
    ['.', '..', '..bad', 'b*d', 'bad!&bad']],
  ['IsEnvVarName', isEnvVarName,
    ['my.env-name', 'MY_ENV.NAME', 'MyEnvName1', '_a', '-a', 'a.'],
    ['', '1a', 'a=b', 'a b', '.', '..', '..a', 'ä']],
  ['IsValidPathSegmentName', isValidPathSegmentName,
    ['a', 'A_b', 'system:controller', '...'],
    ['.', '..', 'a/b', 'a%b']],
];

describe.each(tables)('%s (upstream table)', (_name, fn, good, bad) => {
  test.each(good)('accepts %j', (value) => {
    expect(fn(value)).toEqual([]);
  });
  test.each(bad)('fails %j', (value) => {
    expect(fn(value).length).toBeGreaterThan(0);
  });
});

describe('upstream error text', () => {
  test('IsDNS1123Label: regex message with examples, as the API server prints it', () => {
    expect(isDNS1123Label('My_App')).toEqual(["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
      + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
      + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]);
  });

  test('IsDNS1123Label: a valid subdomain fails only for its dots', () => {
    expect(isDNS1123Label('a.b')).toEqual(['must not contain dots']);
  });

  test('IsDNS1123Subdomain: length and format errors both reported', () => {
    expect(isDNS1123Subdomain(`${r('a', 253)}-`)).toEqual([
      'must be no more than 253 characters',
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]);
  });

  test('IsQualifiedName: prefix and name parts are reported separately', () => {
    expect(isQualifiedName('Example.com/-x')).toEqual([
      "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end "
        + "with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ]);
  });

  test('IsValidPortName: every broken rule is listed', () => {
    expect(isValidPortName('-Port--')).toEqual([
      'must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
      'must not contain consecutive hyphens',
      'must not begin or end with a hyphen',
    ]);
  });

  test('lengths are counted in UTF-8 bytes, like Go len()', () => {
    expect(isValidLabelValue(`${r('a', 62)}`)).toEqual([]);
    expect(isValidLabelValue(`${r('a', 62)}ä`)[0]).toBe('must be no more than 63 characters');
  });
});
