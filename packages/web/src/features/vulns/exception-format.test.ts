import { describe, expect, it } from "vitest";
import {
  decisionAvailability,
  decisionNoteProblem,
  exceptionHistory,
  exceptionsApiQuery,
  exceptionsParamsFromView,
  exceptionsViewFromParams,
  scopeSummary,
  scopeWouldCover,
  windowText,
} from "./exception-format";

const DAY = 86_400_000;
const now = Date.parse("2026-06-01T12:00:00Z");

describe("the exceptions queue", () => {
  it("keeps the tab and filters in the URL, dropping bad values", () => {
    const view = exceptionsViewFromParams(
      new URLSearchParams("tab=expiring&asset=shop-api&kind=deviation&limit=9999&offset=-1"),
    );
    expect(view).toEqual({
      tab: "expiring",
      asset: "shop-api",
      vulnId: undefined,
      kind: "deviation",
      limit: 50,
      offset: 0,
    });
    expect(exceptionsParamsFromView(view).toString()).toBe(
      "tab=expiring&asset=shop-api&kind=deviation",
    );
    expect(exceptionsViewFromParams(new URLSearchParams("tab=nope&kind=x")).tab).toBe("requested");
    expect(exceptionsParamsFromView({ tab: "requested", limit: 50, offset: 0 }).toString()).toBe(
      "",
    );
  });

  it("asks for approved exceptions ending within 7 days on the expiring tab", () => {
    const base = { limit: 50, offset: 0 };
    expect(exceptionsApiQuery({ ...base, tab: "expiring" })).toEqual({
      ...base,
      status: "approved",
      expiringWithinDays: 7,
    });
    expect(exceptionsApiQuery({ ...base, tab: "rejected", vulnId: "CVE-1" })).toEqual({
      ...base,
      status: "rejected",
      vulnId: "CVE-1",
    });
    expect(exceptionsApiQuery({ ...base, tab: "all" })).toEqual(base);
  });

  it("summarises a scope with every part that must match", () => {
    const scope = { findingIds: [], assets: [], vulnId: null, package: null };
    expect(scopeSummary({ ...scope, findingIds: ["a", "b"] })).toBe("2 findings");
    expect(
      scopeSummary({ ...scope, vulnId: "CVE-2024-1", assets: [{ id: "1", key: "shop-api" }] }),
    ).toBe("CVE-2024-1 · on shop-api");
    expect(
      scopeSummary({
        ...scope,
        package: "openssl",
        assets: [
          { id: "1", key: "a" },
          { id: "2", key: "b" },
          { id: "3", key: "c" },
        ],
      }),
    ).toBe("package openssl · on a and 2 more");
  });

  it("reads the window relative to now", () => {
    const at = (days: number) => new Date(now + days * DAY).toISOString();
    expect(windowText({ status: "requested", expiresAt: at(30), durationDays: 30 }, now)).toEqual({
      text: "30 days from approval",
    });
    expect(windowText({ status: "approved", expiresAt: at(5), durationDays: 30 }, now)).toEqual({
      text: "ends in 5 days",
      color: "orange",
    });
    expect(windowText({ status: "approved", expiresAt: at(40), durationDays: 90 }, now)).toEqual({
      text: "ends in 40 days",
      color: undefined,
    });
    // Approved a moment before the page's clock: still 30 days, not 31.
    expect(
      windowText({ status: "approved", expiresAt: at(30.001), durationDays: 30 }, now).text,
    ).toBe("ends in 30 days");
    expect(windowText({ status: "approved", expiresAt: at(0.5), durationDays: 30 }, now).text).toBe(
      "ends within a day",
    );
    expect(windowText({ status: "expired", expiresAt: at(-2), durationDays: 30 }, now).text).toBe(
      "ended 2 days ago",
    );
    expect(windowText({ status: "revoked", expiresAt: at(9), durationDays: 30 }, now).text).toBe(
      "ended early (revoked)",
    );
  });
});

describe("who may decide an exception", () => {
  const requested = { status: "requested" as const, requestedBy: { id: "u1", name: "Eve" } };

  it("lets another approver approve and reject a requested exception", () => {
    const a = decisionAvailability(requested, { id: "u2", canApprove: true });
    expect(a.approve).toEqual({ allowed: true });
    expect(a.reject).toEqual({ allowed: true });
    expect(a.revoke.allowed).toBe(false);
  });

  it("never lets the requester decide, and says why", () => {
    const a = decisionAvailability(requested, { id: "u1", canApprove: true });
    expect(a.approve).toEqual({
      allowed: false,
      reason: "You requested this exception: another person must approve or reject it.",
    });
  });

  it("names the missing permission before anything else", () => {
    const a = decisionAvailability(requested, { id: "u2", canApprove: false });
    expect(a.approve.reason).toMatch(/vulns:approve_exception/);
    expect(a.revoke.reason).toMatch(/vulns:approve_exception/);
  });

  it("requires a note to reject, not to approve or revoke", () => {
    expect(decisionNoteProblem("reject", "  ")).toBe("A note is required to reject");
    expect(decisionNoteProblem("reject", "no compensating control")).toBeNull();
    expect(decisionNoteProblem("approve", "")).toBeNull();
    expect(decisionNoteProblem("revoke", "")).toBeNull();
  });

  it("offers revoke only on approved exceptions", () => {
    const approved = { ...requested, status: "approved" as const };
    const a = decisionAvailability(approved, { id: "u2", canApprove: true });
    expect(a.revoke).toEqual({ allowed: true });
    expect(a.approve.reason).toBe(
      "Only a requested exception can be decided; this one is approved.",
    );
  });
});

describe("an exception's history", () => {
  const base = {
    requestedAt: "2026-05-01T00:00:00Z",
    requestedBy: { id: "u1", name: "Eve" },
    justification: "no fix",
    decidedAt: null,
    decidedBy: null,
    decisionNote: null,
    expiresAt: "2026-05-31T00:00:00Z",
    updatedAt: "2026-05-01T00:00:00Z",
  };

  it("starts with the request and its justification", () => {
    expect(exceptionHistory({ ...base, status: "requested" })).toEqual([
      { at: base.requestedAt, title: "requested", actor: "Eve", note: "no fix" },
    ]);
  });

  it("adds the decision, and how an approved exception ended", () => {
    const decided = {
      ...base,
      decidedAt: "2026-05-02T00:00:00Z",
      decidedBy: { id: "u2", name: "Sam" },
      decisionNote: "ok for a month",
    };
    expect(exceptionHistory({ ...decided, status: "rejected" }).map((e) => e.title)).toEqual([
      "requested",
      "rejected",
    ]);
    const expired = exceptionHistory({ ...decided, status: "expired" });
    expect(expired.map((e) => [e.title, e.actor])).toEqual([
      ["requested", "Eve"],
      ["approved", "Sam"],
      ["expired: the findings it covered reopened", null],
    ]);
    expect(expired[2]!.at).toBe(base.expiresAt);
    const revoked = exceptionHistory({
      ...decided,
      status: "revoked",
      updatedAt: "2026-05-09T00:00:00Z",
    });
    expect(revoked.map((e) => [e.title, e.at])).toEqual([
      ["requested", base.requestedAt],
      ["approved", "2026-05-02T00:00:00Z"],
      ["revoked: the findings it covered reopened", "2026-05-09T00:00:00Z"],
    ]);
  });
});

describe("requests that would cover a finding", () => {
  const f = {
    id: "f1",
    assetId: "a1",
    vulnId: "CVE-2024-1",
    aliases: ["GHSA-xxxx-yyyy-zzzz"],
    package: "openssl",
    purl: "pkg:deb/debian/openssl@3.0.2",
  };
  const none = { findingIds: [], assets: [], vulnId: null, package: null };

  it("matches when every named part matches", () => {
    expect(scopeWouldCover({ ...none, findingIds: ["f0", "f1"] }, f)).toBe(true);
    expect(
      scopeWouldCover(
        { ...none, vulnId: "ghsa-xxxx-yyyy-zzzz", assets: [{ id: "a1", key: "k" }] },
        f,
      ),
    ).toBe(true);
    expect(scopeWouldCover({ ...none, package: "pkg:deb/debian/openssl" }, f)).toBe(true);
    expect(
      scopeWouldCover({ ...none, package: "openssl", assets: [{ id: "a1", key: "k" }] }, f),
    ).toBe(true);
  });

  it("does not match when one part differs, or nothing is named", () => {
    expect(scopeWouldCover({ ...none, findingIds: ["f2"] }, f)).toBe(false);
    expect(
      scopeWouldCover({ ...none, vulnId: "CVE-2024-1", assets: [{ id: "a2", key: "k" }] }, f),
    ).toBe(false);
    expect(scopeWouldCover({ ...none, package: "zlib" }, f)).toBe(false);
    expect(scopeWouldCover(none, f)).toBe(false);
  });
});
