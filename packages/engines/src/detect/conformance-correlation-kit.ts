import type { CaseEvent } from "./conformance-harness";

// Rule builders, events and fixtures shared by the correlation conformance cases
// (conformance-correlation.cases.ts, conformance-correlation-invalid.cases.ts).

export const PC = "logsource: {product: linux, category: process_creation}";

/** A base rule named `name` matching processes whose Image ends with `/name`. */
export const base = (name: string, id?: string): string =>
  `title: ${name}\n${id ? `id: ${id}\n` : ""}name: ${name}\nlevel: low\n${PC}\ndetection:\n  sel:\n    Image|endswith: /${name}\n  condition: sel\n`;

/** A correlation document named `name` (level critical) with the given correlation body. */
export const corr = (name: string, body: string, extra = ""): string =>
  `title: ${name}\nname: ${name}\nlevel: critical\n${extra}correlation:\n${body}`;

/** An event of rule `name` at second `t` on host h1 by bob, plus fields. */
export const ev = (name: string, t: number, fields: CaseEvent["fields"] = {}): CaseEvent => ({
  fields: { Image: `/usr/bin/${name}`, ComputerName: "h1", User: "bob", ...fields },
  t,
});
export const repeat = (n: number, f: (i: number) => CaseEvent): CaseEvent[] =>
  Array.from({ length: n }, (_, i) => f(i));

export const EVENT_COUNT = [
  base("failed"),
  corr(
    "many",
    "  type: event_count\n  rules:\n    - failed\n  group-by:\n    - ComputerName\n  timespan: 1h\n  condition:\n    gte: 3\n",
  ),
];
export const countWith = (condition: string): string[] => [
  base("a"),
  corr("cnt", `  type: event_count\n  rules: [a]\n  timespan: 10s\n  condition: ${condition}\n`),
];
export const VALUE_COUNT = [
  base("logon"),
  corr(
    "spray",
    "  type: value_count\n  rules: [logon]\n  group-by: [ComputerName]\n  timespan: 1h\n  condition:\n    field: User\n    gte: 3\n",
  ),
];
export const TEMPORAL = [
  base("ra"),
  base("rb"),
  base("rc"),
  corr(
    "recon",
    "  type: temporal\n  rules: [ra, rb, rc]\n  group-by: [ComputerName, User]\n  timespan: 5m\n",
  ),
];
export const ORDERED = [
  base("first"),
  base("then"),
  corr(
    "seq",
    "  type: temporal_ordered\n  rules: [first, then]\n  group-by: [User]\n  timespan: 1h\n",
  ),
];
export const SUM = [
  base("web"),
  corr(
    "exfil",
    "  type: value_sum\n  rules: [web]\n  group-by: [SourceIP, User]\n  timespan: 1h\n  condition:\n    field: bytes_sent\n    gt: 1000\n",
  ),
];
export const AVG = [
  base("net"),
  corr(
    "avg",
    "  type: value_avg\n  rules: [net]\n  group-by: [SourceIP]\n  timespan: 24h\n  condition:\n    field: BytesOut\n    gt: 500\n",
  ),
];
export const ALIASES = [
  `title: internal error\nname: internal_error\n${PC}\ndetection:\n  selection:\n    http.response.status_code: 500\n  condition: selection\n`,
  `title: new connection\nname: new_network_connection\n${PC}\ndetection:\n  selection:\n    event.category: network\n    event.type: connection\n    event.outcome: success\n  condition: selection\n`,
  corr(
    "aliased",
    "  type: temporal\n  rules:\n    - internal_error\n    - new_network_connection\n  group-by:\n    - internal_ip\n    - remote_ip\n  timespan: 10s\n  aliases:\n    internal_ip:\n      internal_error: destination.ip\n      new_network_connection: source.ip\n    remote_ip:\n      internal_error: source.ip\n      new_network_connection: destination.ip\n",
  ),
];
export const httpError = (src: string, dst: string, t: number): CaseEvent => ({
  fields: { "http.response.status_code": 500, "source.ip": src, "destination.ip": dst },
  t,
});
export const connection = (src: string, dst: string, t: number): CaseEvent => ({
  fields: {
    "event.category": "network",
    "event.type": "connection",
    "event.outcome": "success",
    "source.ip": src,
    "destination.ip": dst,
  },
  t,
});

// The specification's complete example, verbatim apart from indentation.
export const CHAIN_ID = "b180ead8-d58f-40b2-ae54-c8940995b9b6";
export const CHAIN = [
  `title: Correlation - Multiple Failed Logins Followed by Successful Login
id: ${CHAIN_ID}
status: experimental
author: Florian Roth (Nextron Systems)
date: 2023-06-16
correlation:
    type: temporal_ordered
    rules:
        - multiple_failed_login
        - successful_login
    group-by:
        - User
    timespan: 10m
falsepositives:
    - Unlikely
level: high
---
title: Multiple failed logons
id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
name: multiple_failed_login
correlation:
    type: event_count
    rules:
        - failed_login
    group-by:
        - User
    timespan: 10m
    condition:
        gte: 10
---
title: Single failed login
id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
name: failed_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 529
            - 4625
    condition: selection
---
title: Successful login
id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
name: successful_login
logsource:
    product: windows
    service: security
detection:
    selection:
        EventID:
            - 528
            - 4624
    condition: selection
`,
];
export const logon = (eventId: number, t: number, user = "bob"): CaseEvent => ({
  fields: { EventID: eventId, User: user },
  logsource: { product: "windows", service: "security" },
  t,
});
