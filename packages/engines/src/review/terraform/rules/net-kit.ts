import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { Unknown, isObject, text } from "../eval/values";
import type { ObjectValue, Value } from "../eval/values";
import { attr, blocks, fail, pass, strings, unknown, worst } from "./rule-kit";

/** CIDRs that mean "the whole internet". */
export const PUBLIC_CIDRS = new Set(["0.0.0.0/0", "::/0", "*", "0.0.0.0", "internet", "any"]);

/** One normalised firewall rule (security group, NACL, rule resource). */
export interface NetRule {
  path: string;
  from: Value;
  to: Value;
  protocol: Value;
  cidrs: Value[];
  allow: boolean;
  /** NACL rule number (evaluated lowest first); absent for security groups. */
  order?: Value;
}

function cidrList(o: ObjectValue, keys: readonly string[]): Value[] {
  const out: Value[] = [];
  for (const k of keys) {
    const v = o[k];
    if (v instanceof Unknown) out.push(v);
    else if (Array.isArray(v)) out.push(...v);
    else if (v !== undefined && v !== null) out.push(v);
  }
  return out;
}

/** Security group rules of a direction from any of the three AWS resource shapes. */
export function sgRules(r: TfResource, direction: "ingress" | "egress"): NetRule[] {
  const v = r.values;
  if (r.type === "aws_security_group") {
    return blocks(v[direction]).map((b, i) => ({
      path: `${direction}.${i}`,
      from: b.from_port ?? null,
      to: b.to_port ?? null,
      protocol: b.protocol ?? null,
      cidrs: cidrList(b, ["cidr_blocks", "ipv6_cidr_blocks"]),
      allow: true,
    }));
  }
  if (r.type === "aws_security_group_rule") {
    if (v.type !== direction) return [];
    return [
      {
        path: "",
        from: v.from_port ?? null,
        to: v.to_port ?? null,
        protocol: v.protocol ?? null,
        cidrs: cidrList(v, ["cidr_blocks", "ipv6_cidr_blocks"]),
        allow: true,
      },
    ];
  }
  const want =
    direction === "ingress"
      ? "aws_vpc_security_group_ingress_rule"
      : "aws_vpc_security_group_egress_rule";
  if (r.type !== want) return [];
  return [
    {
      path: "",
      from: v.from_port ?? null,
      to: v.to_port ?? null,
      protocol: v.ip_protocol ?? null,
      cidrs: cidrList(v, ["cidr_ipv4", "cidr_ipv6"]),
      allow: true,
    },
  ];
}

/** NACL ingress rules from aws_network_acl blocks or aws_network_acl_rule. */
export function naclIngress(r: TfResource): NetRule[] {
  const v = r.values;
  if (r.type === "aws_network_acl") {
    return blocks(v.ingress).map((b, i) => ({
      path: `ingress.${i}`,
      from: b.from_port ?? null,
      to: b.to_port ?? null,
      protocol: b.protocol ?? null,
      cidrs: cidrList(b, ["cidr_block", "ipv6_cidr_block"]),
      allow: text(b.action).toLowerCase() === "allow",
      order: b.rule_no ?? null,
    }));
  }
  if (v.egress === true || v.egress === "true") return [];
  return [
    {
      path: "",
      from: v.from_port ?? null,
      to: v.to_port ?? null,
      protocol: v.protocol ?? null,
      cidrs: cidrList(v, ["cidr_block", "ipv6_cidr_block"]),
      allow: text(v.rule_action).toLowerCase() === "allow",
      order: v.rule_number ?? null,
    },
  ];
}

/**
 * Every ingress rule of the network ACL(s) a NACL or NACL rule resource belongs to: the inline
 * blocks and the aws_network_acl_rule resources attached through network_acl_id.
 */
function naclSiblings(r: TfResource): NetRule[] {
  const acls =
    r.type === "aws_network_acl_rule"
      ? r.scan.targets(r, "network_acl_id", "aws_network_acl")
      : r.type === "aws_network_acl"
        ? [r]
        : [];
  const out: NetRule[] = [];
  for (const acl of acls) {
    out.push(...naclIngress(acl));
    for (const rule of r.scan.linked("aws_network_acl_rule", "network_acl_id", acl))
      if (rule !== r) out.push(...naclIngress(rule));
  }
  return out;
}

const num = (v: Value | undefined): number | undefined =>
  typeof v === "number" || (typeof v === "string" && v.trim() !== "" && !isNaN(Number(v)))
    ? Number(v)
    : undefined;

/**
 * True when a deny rule numbered before `rule` drops the world's traffic to `port` first (NACLs
 * apply the lowest-numbered matching rule). For "all ports" only a deny of all ports counts.
 */
function shadowedByDeny(rule: NetRule, port: number | undefined, siblings: NetRule[]): boolean {
  const at = num(rule.order);
  if (at === undefined) return false;
  return siblings.some((d) => {
    const before = num(d.order);
    if (d.allow || before === undefined || before >= at) return false;
    if (!d.cidrs.some((c) => typeof c === "string" && PUBLIC_CIDRS.has(c))) return false;
    if (allProtocols(d.protocol)) return true;
    if (port === undefined) return false;
    const p = text(d.protocol).toLowerCase();
    if (p !== "tcp" && p !== "6") return false;
    const from = num(d.from);
    const to = num(d.to);
    return from !== undefined && to !== undefined && from <= port && port <= to;
  });
}

/** True when the protocol means all traffic. */
export function allProtocols(p: Value): boolean {
  return p === "-1" || p === -1 || p === "all" || p === "ALL";
}

/**
 * Whether a rule opens `port` (undefined = "all ports") to the internet: true, false, or an
 * Unknown naming what is needed.
 */
export function opensToWorld(rule: NetRule, port: number | undefined): boolean | Unknown {
  if (!rule.allow) return false;
  const unknownCidrs = rule.cidrs.filter((c): c is Unknown => c instanceof Unknown);
  const publicCidr = rule.cidrs.some((c) => typeof c === "string" && PUBLIC_CIDRS.has(c));
  if (!publicCidr) return unknownCidrs.length ? unknownCidrs[0]! : false;
  if (allProtocols(rule.protocol)) return true;
  if (rule.from instanceof Unknown) return rule.from;
  if (rule.to instanceof Unknown) return rule.to;
  let from = Number(rule.from ?? 0);
  let to = Number(rule.to ?? 65535);
  // -1 for ports means "all ports", as with protocol "-1".
  if (from === -1 || to === -1) [from, to] = [0, 65535];
  if (port === undefined)
    return (from <= 0 && to >= 65535) || (from === 0 && to === 0 && allProtocols(rule.protocol));
  return from <= port && port <= to;
}

/** Rule check: no rule of the resource opens any of `ports` (undefined = all ports) to the world. */
export function noWorldAccess(
  rulesOf: (r: TfResource) => NetRule[],
  ports: readonly number[] | undefined,
  what: string,
) {
  return (r: TfResource): RuleOutcome[] => {
    const outs: RuleOutcome[] = [];
    const rules = rulesOf(r);
    const ordered = rules.some((x) => x.order !== undefined);
    const siblings = ordered ? naclSiblings(r) : [];
    for (const rule of rules) {
      for (const port of ports ?? [undefined]) {
        const res = opensToWorld(rule, port);
        if (res === true && ordered && shadowedByDeny(rule, port, [...rules, ...siblings]))
          continue;
        if (res instanceof Unknown) outs.push(unknown(res, rule.path || "cidr_blocks"));
        else if (res) {
          outs.push(
            fail(
              r,
              rule.path || "cidr_blocks",
              `${what} is open to the internet${port === undefined ? " on all ports" : ` on port ${port}`}`,
            ),
          );
          break;
        }
      }
    }
    return worst(outs.length ? outs : [pass()]);
  };
}

/** CIDR strings of a list attribute, for rules on other resources (EKS, Redshift…). */
export function worldCidrs(r: TfResource, path: string): RuleOutcome {
  const { values, unknowns } = strings(attr(r, path));
  if (values.some((c) => PUBLIC_CIDRS.has(c))) return fail(r, path, `${path} allows 0.0.0.0/0`);
  return unknowns.length ? unknown(unknowns, path) : pass();
}

/** True for objects (guards for JSON-ish block values). */
export const isObj = isObject;
