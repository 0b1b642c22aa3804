// Port of k8s.io/utils/net ParseIPSloppy and ParseCIDRSloppy (the copy of Go 1.16's
// net.ParseIP/ParseCIDR that Kubernetes 1.27 validation uses: IPv4 octets may carry leading
// zeros, "010.0.0.1" is 10.0.0.1) and of Go's net.IP.Mask, net.IPNet.Contains and
// net.IPMask.Size, which networking validation (ValidateIPBlock) calls.
// Files: k8s.io/utils/internal/third_party/forked/golang/net/ip.go, parse.go; go/src/net/ip.go.

/** A parsed IP: 4 bytes (IPv4) or 16 bytes (IPv6, or IPv4 in IPv6 form as ParseIP returns it). */
export type IP = Uint8Array;

/** A parsed CIDR: the masked network address and the mask (4 or 16 bytes). */
export interface IPNet {
  readonly ip: IP;
  readonly mask: Uint8Array;
}

const IPV4_LEN = 4;
const IPV6_LEN = 16;
const BIG = 0xffffff;
const V4_IN_V6_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** ParseIPSloppy: the IP, or undefined when `s` is not one. */
export function parseIPSloppy(s: string): IP | undefined {
  for (const ch of s) {
    if (ch === '.') {
      return parseIPv4(s);
    }
    if (ch === ':') {
      return parseIPv6(s);
    }
  }
  return undefined;
}

/** ParseCIDRSloppy: the network, or undefined when `s` is not a CIDR (Go: `invalid CIDR address`). */
export function parseCIDRSloppy(s: string): { ip: IP; net: IPNet } | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) {
    return undefined;
  }
  const addr = s.slice(0, slash);
  const maskText = s.slice(slash + 1);
  let ipLen = IPV4_LEN;
  let ip = parseIPv4(addr);
  if (!ip) {
    ipLen = IPV6_LEN;
    ip = parseIPv6(addr);
  }
  const [n, i, ok] = dtoi(maskText);
  if (!ip || !ok || i !== maskText.length || n < 0 || n > 8 * ipLen) {
    return undefined;
  }
  const mask = cidrMask(n, 8 * ipLen);
  return { ip, net: { ip: ipMask(ip, mask)!, mask } };
}

/** net.IPNet.Contains */
export function netContains(n: IPNet, ip: IP): boolean {
  const [nn, m] = networkNumberAndMask(n);
  if (!nn || !m) {
    return false;
  }
  const x = to4(ip);
  const addr = x ?? ip;
  if (addr.length !== nn.length) {
    return false;
  }
  for (let i = 0; i < addr.length; i++) {
    if ((nn[i] & m[i]) !== (addr[i] & m[i])) {
      return false;
    }
  }
  return true;
}

/** net.IPMask.Size: the leading ones, or 0 when the mask is not canonical. */
export function maskSize(mask: Uint8Array): number {
  let ones = 0;
  let i = 0;
  for (; i < mask.length && mask[i] === 0xff; i++) {
    ones += 8;
  }
  if (i < mask.length) {
    let v = mask[i];
    while (v & 0x80) {
      ones++;
      v = (v << 1) & 0xff;
    }
    if (v !== 0) {
      return 0;
    }
    for (i++; i < mask.length; i++) {
      if (mask[i] !== 0) {
        return 0;
      }
    }
  }
  return ones;
}

function dtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length && s[i] >= '0' && s[i] <= '9'; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= BIG) {
      return [BIG, i, false];
    }
  }
  if (i === 0) {
    return [0, 0, false];
  }
  return [n, i, true];
}

function xtoi(s: string): [number, number, boolean] {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    let d: number;
    if (c >= '0' && c <= '9') {
      d = s.charCodeAt(i) - 48;
    } else if (c >= 'a' && c <= 'f') {
      d = s.charCodeAt(i) - 97 + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = s.charCodeAt(i) - 65 + 10;
    } else {
      break;
    }
    n = n * 16 + d;
    if (n >= BIG) {
      return [0, i, false];
    }
  }
  if (i === 0) {
    return [0, i, false];
  }
  return [n, i, true];
}

function v4(a: number, b: number, c: number, d: number): IP {
  return Uint8Array.from([...V4_IN_V6_PREFIX, a, b, c, d]);
}

// parseIPv4 without go-1.17's leading-zero check (https://issue.k8s.io/100895).
function parseIPv4(input: string): IP | undefined {
  let s = input;
  const p = [0, 0, 0, 0];
  for (let i = 0; i < IPV4_LEN; i++) {
    if (s.length === 0) {
      return undefined;
    }
    if (i > 0) {
      if (s[0] !== '.') {
        return undefined;
      }
      s = s.slice(1);
    }
    const [n, c, ok] = dtoi(s);
    if (!ok || n > 0xff) {
      return undefined;
    }
    s = s.slice(c);
    p[i] = n;
  }
  if (s.length !== 0) {
    return undefined;
  }
  return v4(p[0], p[1], p[2], p[3]);
}

function parseIPv6(input: string): IP | undefined {
  let s = input;
  const ip = new Uint8Array(IPV6_LEN);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) {
      return ip;
    }
  }
  let i = 0;
  while (i < IPV6_LEN) {
    const [n, c, ok] = xtoi(s);
    if (!ok || n > 0xffff) {
      return undefined;
    }
    if (c < s.length && s[c] === '.') {
      if (ellipsis < 0 && i !== IPV6_LEN - IPV4_LEN) {
        return undefined;
      }
      if (i + IPV4_LEN > IPV6_LEN) {
        return undefined;
      }
      const ip4 = parseIPv4(s);
      if (!ip4) {
        return undefined;
      }
      ip.set(ip4.subarray(12), i);
      s = '';
      i += IPV4_LEN;
      break;
    }
    ip[i] = n >> 8;
    ip[i + 1] = n & 0xff;
    i += 2;
    s = s.slice(c);
    if (s.length === 0) {
      break;
    }
    if (s[0] !== ':' || s.length === 1) {
      return undefined;
    }
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) {
        return undefined;
      }
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) {
        break;
      }
    }
  }
  if (s.length !== 0) {
    return undefined;
  }
  if (i < IPV6_LEN) {
    if (ellipsis < 0) {
      return undefined;
    }
    const n = IPV6_LEN - i;
    for (let j = i - 1; j >= ellipsis; j--) {
      ip[j + n] = ip[j];
    }
    for (let j = ellipsis + n - 1; j >= ellipsis; j--) {
      ip[j] = 0;
    }
  } else if (ellipsis >= 0) {
    return undefined;
  }
  return ip;
}

function cidrMask(ones: number, bits: number): Uint8Array {
  const m = new Uint8Array(bits / 8);
  let n = ones;
  for (let i = 0; i < m.length; i++) {
    if (n >= 8) {
      m[i] = 0xff;
      n -= 8;
      continue;
    }
    m[i] = (~(0xff >> n)) & 0xff;
    n = 0;
  }
  return m;
}

function isV4InV6(ip: IP): boolean {
  return ip.length === IPV6_LEN && V4_IN_V6_PREFIX.every((b, i) => ip[i] === b);
}

function to4(ip: IP): IP | undefined {
  if (ip.length === IPV4_LEN) {
    return ip;
  }
  return isV4InV6(ip) ? ip.subarray(12) : undefined;
}

/** net.IP.Mask */
function ipMask(ipIn: IP, mask: Uint8Array): IP | undefined {
  let ip = ipIn;
  if (mask.length === IPV6_LEN && ip.length === IPV4_LEN && mask.subarray(0, 12).every((b) => b === 0xff)) {
    mask = mask.subarray(12);
  }
  if (mask.length === IPV4_LEN && ip.length === IPV6_LEN && isV4InV6(ip)) {
    ip = ip.subarray(12);
  }
  if (ip.length !== mask.length) {
    return undefined;
  }
  return Uint8Array.from(ip, (b, i) => b & mask[i]);
}

function networkNumberAndMask(n: IPNet): [IP | undefined, Uint8Array | undefined] {
  let ip = to4(n.ip);
  if (!ip) {
    ip = n.ip;
    if (ip.length !== IPV6_LEN) {
      return [undefined, undefined];
    }
  }
  let m = n.mask;
  if (m.length === IPV4_LEN) {
    if (ip.length !== IPV4_LEN) {
      return [undefined, undefined];
    }
  } else if (m.length === IPV6_LEN) {
    if (ip.length === IPV4_LEN) {
      m = m.subarray(12);
    }
  } else {
    return [undefined, undefined];
  }
  return [ip, m];
}
