import { createHash } from "node:crypto";
import { posix } from "node:path";
import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import type { TfFunction } from "./functions-core";
import {
  EvalError,
  Unknown,
  deepUnknown,
  equals,
  fromJson,
  isObject,
  mergeUnknown,
  toBool,
  toList,
  toNum,
  toStr,
  typeName,
} from "./values";
import type { ObjectValue, Value } from "./values";

const str = (a: Value[], i: number): string => toStr(a[i] ?? null);
const hash = (algo: string) => (a: Value[]) => createHash(algo).update(str(a, 0)).digest("hex");

function ipv4ToInt(ip: string): number {
  const parts = ip.split(".");
  if (parts.length !== 4) throw new EvalError(`invalid IPv4 address ${JSON.stringify(ip)}`);
  return parts.reduce((acc, p) => {
    const x = Number(p);
    if (!/^\d+$/.test(p) || x > 255)
      throw new EvalError(`invalid IPv4 address ${JSON.stringify(ip)}`);
    return acc * 256 + x;
  }, 0);
}

function intToIpv4(x: number): string {
  return [24, 16, 8, 0].map((sh) => Math.floor(x / 2 ** sh) % 256).join(".");
}

/** Parse an IPv4 CIDR into network base and prefix; IPv6 is reported as not supported. */
export function parseCidr(cidr: string): { base: number; prefix: number } {
  const [ip, pre] = cidr.split("/");
  if (ip === undefined || pre === undefined || ip.includes(":"))
    throw new EvalError(`unsupported CIDR ${JSON.stringify(cidr)}`);
  const prefix = Number(pre);
  if (!(prefix >= 0 && prefix <= 32)) throw new EvalError(`invalid prefix in ${cidr}`);
  const size = 2 ** (32 - prefix);
  return { base: Math.floor(ipv4ToInt(ip) / size) * size, prefix };
}

function cidrsubnet(prefix: string, newbits: number, netnum: number): string {
  const p = parseCidr(prefix);
  const np = p.prefix + newbits;
  if (np > 32) throw new EvalError("not enough address space for cidrsubnet");
  if (netnum >= 2 ** newbits) throw new EvalError("netnum too large for cidrsubnet");
  return `${intToIpv4(p.base + netnum * 2 ** (32 - np))}/${np}`;
}

function toSet(v: Value): Value[] {
  const out: Value[] = [];
  for (const x of toList(v)) if (!out.some((y) => equals(x, y))) out.push(x);
  return out;
}

function jsonencode(v: Value): string {
  if (deepUnknown(v).length) throw new EvalError("unknown value in jsonencode");
  return JSON.stringify(v);
}

/** Encoding, hashing, network, type-conversion and filesystem-path functions. */
export const extraFunctions: Record<string, TfFunction> = {
  jsonencode: (a) => jsonencode(a[0] ?? null),
  jsondecode: (a) => {
    try {
      return fromJson(JSON.parse(str(a, 0)));
    } catch {
      throw new EvalError("invalid JSON in jsondecode");
    }
  },
  yamlencode: (a) => stringifyYaml(a[0] ?? null),
  yamldecode: (a) => fromJson(parseYaml(str(a, 0), { maxAliasCount: 100 })),
  base64encode: (a) => Buffer.from(str(a, 0)).toString("base64"),
  base64decode: (a) => Buffer.from(str(a, 0), "base64").toString("utf8"),
  textencodebase64: (a) => Buffer.from(str(a, 0)).toString("base64"),
  textdecodebase64: (a) => Buffer.from(str(a, 0), "base64").toString("utf8"),
  urlencode: (a) => encodeURIComponent(str(a, 0)),
  csvdecode: (a) => {
    const [head, ...rows] = str(a, 0)
      .trim()
      .split(/\r?\n/)
      .map((r) => r.split(","));
    return rows.map(
      (r) => Object.fromEntries((head ?? []).map((h, i) => [h, r[i] ?? ""])) as ObjectValue,
    );
  },
  md5: hash("md5"),
  sha1: hash("sha1"),
  sha256: hash("sha256"),
  sha512: hash("sha512"),
  base64sha256: (a) => createHash("sha256").update(str(a, 0)).digest("base64"),
  base64sha512: (a) => createHash("sha512").update(str(a, 0)).digest("base64"),
  cidrsubnet: (a) => cidrsubnet(str(a, 0), toNum(a[1] ?? null), toNum(a[2] ?? null)),
  cidrsubnets: (a) => {
    const p = parseCidr(str(a, 0));
    let next = p.base;
    return a.slice(1).map((bits) => {
      const np = p.prefix + toNum(bits);
      const size = 2 ** (32 - np);
      next = Math.ceil(next / size) * size;
      const out = `${intToIpv4(next)}/${np}`;
      next += size;
      return out;
    });
  },
  cidrhost: (a) => {
    const p = parseCidr(str(a, 0));
    const h = toNum(a[1] ?? null);
    const size = 2 ** (32 - p.prefix);
    return intToIpv4(p.base + (h < 0 ? size + h : h));
  },
  cidrnetmask: (a) => intToIpv4(2 ** 32 - 2 ** (32 - parseCidr(str(a, 0)).prefix)),
  tostring: (a) => (a[0] === null ? null : toStr(a[0] ?? null)),
  tonumber: (a) => (a[0] === null ? null : toNum(a[0] ?? null)),
  tobool: (a) => (a[0] === null ? null : toBool(a[0] ?? null)),
  tolist: (a) => toList(a[0] ?? null),
  toset: (a) => toSet(a[0] ?? null),
  tomap: (a) => {
    const v = a[0] ?? null;
    if (!isObject(v)) throw new EvalError(`cannot convert ${typeName(v)} to a map`);
    return v;
  },
  type: (a) => typeName(a[0] ?? null),
  sensitive: (a) => a[0] ?? null,
  nonsensitive: (a) => a[0] ?? null,
  issensitive: () => false,
  abspath: (a) => posix.resolve(str(a, 0)),
  dirname: (a) => posix.dirname(str(a, 0)),
  basename: (a) => posix.basename(str(a, 0)),
  pathexpand: (a) => str(a, 0),
  // Functions whose result depends on time, randomness or secrets are unknown by design.
  timestamp: () => new Unknown(["timestamp()"]),
  uuid: () => new Unknown(["uuid()"]),
  bcrypt: () => new Unknown(["bcrypt()"]),
  plantimestamp: () => new Unknown(["plantimestamp()"]),
  formatdate: (a) => new Unknown([`formatdate(${str(a, 0)})`]),
  timeadd: () => new Unknown(["timeadd()"]),
};

/** Shallow unknown check used before calling most functions. */
export function unknownArgs(args: Value[]): Unknown | undefined {
  return args.some((x) => x instanceof Unknown) ? mergeUnknown(args) : undefined;
}
