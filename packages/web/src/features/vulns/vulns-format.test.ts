import { describe, expect, it } from "vitest";
import type { VulnFindingEvent } from "@infrasec/contracts";
import {
  bulkPlan,
  changeLines,
  describeBulk,
  describeEvent,
  describeWaiting,
  errorPlace,
  importProblems,
  jobPercent,
  nameProblem,
  nextStatuses,
  occurrenceParts,
  overrideBody,
  packageLine,
  slaText,
  statusChangeProblems,
} from "./vulns-format";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function event(patch: Partial<VulnFindingEvent>): VulnFindingEvent {
  return {
    id: "e1",
    at: iso(NOW),
    kind: "status",
    fromStatus: null,
    toStatus: null,
    reason: null,
    note: null,
    changes: null,
    actorName: "olga",
    jobId: null,
    ...patch,
  };
}

describe("SLA in words", () => {
  it("counts days overdue and days left on open findings", () => {
    const open = { status: "detected" as const, slaState: "on_track" as const };
    expect(slaText({ ...open, slaDueAt: iso(NOW - 3 * DAY - 1000) }, NOW)).toEqual({
      text: "overdue by 3 days",
      color: "red",
      overdue: true,
    });
    expect(slaText({ ...open, slaDueAt: iso(NOW - 1000) }, NOW).text).toBe("overdue today");
    expect(slaText({ ...open, slaDueAt: iso(NOW - DAY - 5) }, NOW).text).toBe("overdue by 1 day");
    expect(slaText({ ...open, slaDueAt: iso(NOW + 12 * DAY) }, NOW)).toEqual({
      text: "due in 12 days",
      color: "green",
      overdue: false,
    });
    expect(
      slaText({ ...open, slaState: "due_soon", slaDueAt: iso(NOW + 2.5 * DAY) }, NOW),
    ).toMatchObject({ text: "due in 3 days", color: "orange" });
    expect(slaText({ ...open, slaDueAt: iso(NOW + 3600_000) }, NOW).text).toBe("due within a day");
  });

  it("has no clock without a due date or once closed", () => {
    expect(slaText({ status: "confirmed", slaState: "none", slaDueAt: null }, NOW).text).toBe(
      "no SLA",
    );
    expect(
      slaText({ status: "resolved", slaState: "breached", slaDueAt: iso(NOW - DAY * 9) }, NOW)
        .overdue,
    ).toBe(false);
  });
});

describe("status changes", () => {
  it("offers forward changes for open findings and a reopen for closed ones", () => {
    expect(nextStatuses("detected")).toEqual(["confirmed", "in_progress", "resolved", "dismissed"]);
    expect(nextStatuses("in_progress")).toEqual(["resolved", "dismissed"]);
    expect(nextStatuses("dismissed")).toEqual(["detected"]);
  });

  it("requires a reason and a comment to dismiss and a note to resolve", () => {
    expect(statusChangeProblems("dismissed", null, " ")).toEqual({
      reason: "Choose why the finding is dismissed",
      comment: "Required to dismiss",
    });
    expect(statusChangeProblems("dismissed", "false_positive", "test fixture")).toEqual({});
    expect(statusChangeProblems("resolved", null, "")).toEqual({
      comment: "A note is required to resolve",
    });
    expect(statusChangeProblems("confirmed", null, "")).toEqual({});
  });

  it("plans a bulk change and states the counts", () => {
    const plan = bulkPlan(
      [
        { id: "a", status: "detected" },
        { id: "b", status: "in_progress" },
        { id: "c", status: "dismissed" },
      ],
      "confirmed",
    );
    expect(plan).toEqual({ eligible: ["a"], skipped: ["b", "c"] });
    expect(describeBulk("confirmed", 1, 2)).toBe(
      "Confirm 1 finding. 2 selected findings cannot change to confirmed from their status and are left as they are.",
    );
    expect(describeBulk("dismissed", 3, 0)).toBe("Dismiss 3 findings.");
  });
});

describe("finding facts", () => {
  it("shows package@version and the fix", () => {
    expect(
      packageLine({
        package: "openssl",
        version: "3.0.2",
        fixedVersion: "3.0.13",
        fixState: "fixed",
      }),
    ).toEqual({ installed: "openssl@3.0.2", fix: "3.0.13" });
    expect(
      packageLine({
        package: "zlib",
        version: "1.2",
        fixedVersion: null,
        fixState: "will_not_fix",
      }),
    ).toEqual({ installed: "zlib@1.2", fix: "will not fix" });
    expect(
      packageLine({ package: null, version: null, fixedVersion: null, fixState: "fixed" }),
    ).toEqual({ installed: null, fix: null });
  });

  it("lists occurrence fields, known ones first", () => {
    expect(
      occurrenceParts({
        port: 443,
        path: "/app/package-lock.json",
        detail: "image (debian)",
        x: "",
      }),
    ).toEqual([
      { label: "target", value: "image (debian)" },
      { label: "path", value: "/app/package-lock.json" },
      { label: "port", value: "443" },
    ]);
  });

  it("describes history entries and their changes", () => {
    expect(
      describeEvent(
        event({ fromStatus: "detected", toStatus: "dismissed", reason: "false_positive" }),
      ),
    ).toBe("status detected → dismissed (false positive)");
    expect(describeEvent(event({ kind: "closed" }))).toMatch(/absent/);
    expect(describeEvent(event({ kind: "detected" }))).toBe("first detected");
    expect(changeLines({ severity: ["medium", "high"], cwes: [[], ["CWE-79"]] })).toEqual([
      "severity: medium → high",
      "cwes: — → CWE-79",
    ]);
    expect(changeLines(null)).toEqual([]);
  });
});

describe("import jobs", () => {
  it("shows progress, the error's place and the mass-close question", () => {
    expect(jobPercent({ status: "running", progress: 0.3 })).toBe(30);
    expect(jobPercent({ status: "done", progress: 0.9 })).toBe(100);
    expect(errorPlace({ line: 1, message: "bad" })).toBe("line 1");
    expect(errorPlace({ path: "Results.0", file: "r.json", message: "bad" })).toBe(
      "r.json Results.0",
    );
    expect(errorPlace({ message: "bad" })).toBeNull();
    expect(describeWaiting({ toClose: 8, openInScope: 10 })).toMatch(
      /^This import would close 8 findings of 10 open in its scope \(80%\)/,
    );
  });

  it("checks the import form before sending it", () => {
    expect(importProblems({ content: " ", asset: null, scanner: "a b", scope: "ok" })).toEqual({
      content: "Choose a report file (it is empty or missing)",
      asset: "Choose the asset the report is about",
      scanner: "Letters, digits and . _ : @ / + - only",
    });
    expect(importProblems({ content: "{}", asset: "shop-api", scanner: "", scope: "" })).toEqual(
      {},
    );
  });

  it("checks scanner and scope names as the contract does", () => {
    expect(nameProblem("")).toBeNull();
    expect(nameProblem("base-image")).toBeNull();
    expect(nameProblem("two words")).toMatch(/only/);
  });
});

describe("overrides", () => {
  const f = { severity: "medium" as const, fixedVersion: "1.2.3" };
  it("sends only what changed, with the comment", () => {
    expect(overrideBody(f, "high", "1.2.3", " vendor says so ")).toEqual({
      ok: true,
      body: { severity: "high", comment: "vendor says so" },
    });
    expect(overrideBody(f, "medium", "  ", "backport has no fix")).toEqual({
      ok: true,
      body: { fixedVersion: null, comment: "backport has no fix" },
    });
  });

  it("asks for a change and a reason first", () => {
    expect(overrideBody(f, "medium", "1.2.3", "why")).toEqual({
      ok: false,
      problem: "Change the severity or the fixed version first",
    });
    expect(overrideBody(f, "low", "1.2.3", "")).toEqual({
      ok: false,
      problem: "Say why (kept in the history)",
    });
  });
});
