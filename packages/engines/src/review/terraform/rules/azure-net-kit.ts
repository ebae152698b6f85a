import type { RuleOutcome } from "@infrasec/core";
import { text } from "../eval/values";
import type { TfResource } from "../tf-types";
import type { ObjectValue } from "../eval/values";
import { blocks, fail, pass, strings, unknown, worst } from "./rule-kit";

const WORLD = new Set(["*", "internet", "any", "0.0.0.0/0", "0.0.0.0", "::/0"]);
/** A source that matches every address: the service tags above or any prefix of length 0. */
const isWorld = (s: string): boolean => WORLD.has(s.toLowerCase()) || /\/0$/.test(s.trim());

/** Inbound allow rules of an NSG or a standalone NSG rule, with their attribute path. */
function nsgRules(r: TfResource): { path: string; rule: ObjectValue }[] {
  if (r.type === "azurerm_network_security_rule") return [{ path: "", rule: r.values }];
  return blocks(r.values.security_rule).map((rule, i) => ({ path: `security_rule.${i}`, rule }));
}

function portCovers(spec: string, port: number | undefined): boolean {
  if (spec === "*") return true;
  if (port === undefined) return false;
  const [a, b] = spec.split("-");
  return Number(a) <= port && port <= Number(b ?? a);
}

/**
 * Check that no inbound allow rule opens `port` (undefined = any port, i.e. "*") for `protocol`
 * ("Tcp", "Udp" or undefined for any) to the internet.
 */
export function nsgOpen(port: number | undefined, protocol?: "Tcp" | "Udp") {
  return (r: TfResource): RuleOutcome[] => {
    const outs: RuleOutcome[] = [];
    for (const { path, rule } of nsgRules(r)) {
      if (
        text(rule.direction ?? "").toLowerCase() !== "inbound" ||
        text(rule.access ?? "").toLowerCase() !== "allow"
      )
        continue;
      const proto = text(rule.protocol ?? "*");
      if (protocol && proto !== "*" && proto.toLowerCase() !== protocol.toLowerCase()) continue;
      const src = strings([
        rule.source_address_prefix ?? null,
        ...(Array.isArray(rule.source_address_prefixes) ? rule.source_address_prefixes : []),
      ]);
      if (!src.values.some(isWorld)) {
        if (src.unknowns.length) outs.push(unknown(src.unknowns, path || "source_address_prefix"));
        continue;
      }
      const ports = strings([
        rule.destination_port_range ?? null,
        ...(Array.isArray(rule.destination_port_ranges) ? rule.destination_port_ranges : []),
      ]);
      if (ports.unknowns.length && !ports.values.length) {
        outs.push(unknown(ports.unknowns, path || "destination_port_range"));
        continue;
      }
      if (ports.values.some((p) => portCovers(p, port)))
        outs.push(
          fail(
            r,
            path || "destination_port_range",
            `inbound ${port === undefined ? "any port" : `port ${port}`} allowed from the internet`,
          ),
        );
    }
    return worst(outs.length ? outs : [pass()]);
  };
}
