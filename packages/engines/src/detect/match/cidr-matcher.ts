/**
 * IPv4 and IPv6 CIDR matching for the `cidr` modifier, on bigint addresses so one code path
 * handles both families. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) match IPv4 networks.
 */

interface Addr {
  readonly v6: boolean;
  readonly n: bigint;
}

function parseV4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(s: string): bigint | undefined {
  let text = s;
  const zone = text.indexOf("%");
  if (zone >= 0) text = text.slice(0, zone);
  const lastColon = text.lastIndexOf(":");
  if (text.includes(".", lastColon)) {
    // Embedded IPv4 tail (::ffff:10.0.0.1): rewrite as two hex groups.
    const v4 = parseV4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const toGroups = (h: string): bigint[] | undefined => {
    if (h === "") return [];
    const out: bigint[] = [];
    for (const g of h.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(`0x${g}`));
    }
    return out;
  };
  const head = toGroups(halves[0]!);
  const rest = halves.length === 2 ? toGroups(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const groups = [...head, ...Array<bigint>(8 - known).fill(0n), ...rest];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 or IPv6 address; undefined when the text is not an address. */
export function parseIp(s: string): Addr | undefined {
  const t = s.trim();
  if (t.includes(":")) {
    const n = parseV6(t.startsWith("[") && t.endsWith("]") ? t.slice(1, -1) : t);
    if (n === undefined) return undefined;
    // IPv4-mapped: compare as IPv4.
    if (n >> 32n === 0xffffn) return { v6: false, n: n & 0xffffffffn };
    return { v6: true, n };
  }
  const n = parseV4(t);
  return n === undefined ? undefined : { v6: false, n };
}

/** A compiled network test. */
export type CidrTest = (ip: string) => boolean;

/** Compiles `a.b.c.d/len` or `x::/len` (a bare address means a host route). Throws on bad input. */
export function compileCidr(spec: string): CidrTest {
  const [addrText, lenText, extra] = spec.trim().split("/");
  if (extra !== undefined || addrText === undefined) throw new Error(`invalid CIDR '${spec}'`);
  const addr = parseIp(addrText);
  if (!addr) throw new Error(`invalid CIDR address '${addrText}'`);
  const bits = addr.v6 ? 128 : 32;
  const len = lenText === undefined ? bits : Number(lenText);
  if (
    !Number.isInteger(len) ||
    len < 0 ||
    len > bits ||
    (lenText !== undefined && !/^\d+$/.test(lenText))
  ) {
    throw new Error(`invalid prefix length in CIDR '${spec}'`);
  }
  const shift = BigInt(bits - len);
  const net = addr.n >> shift;
  return (ip) => {
    const a = parseIp(ip);
    return a !== undefined && a.v6 === addr.v6 && a.n >> shift === net;
  };
}
