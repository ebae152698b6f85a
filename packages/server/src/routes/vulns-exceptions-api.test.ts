import { afterEach, beforeEach, expect, it } from "vitest";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { injectCall, injectOk, tokenFor } from "../testing/test-api";
import { createTestServer, type TestServer } from "../testing/test-server";

/**
 * The exceptions API through the real HTTP server on SQLite and PostgreSQL: permissions by role,
 * the approver rule, the duration limit's message, bad input, expiry with a test clock, and a
 * finding imported after approval being covered.
 */

interface Exception {
  id: string;
  status: string;
  severity: string;
  coveredCount: number;
  expiresAt: string;
  findings: { id: string; status: string; dismissalReason: string | null; covered: boolean }[];
}
interface Finding {
  id: string;
  vulnId: string;
  package: string;
  status: string;
  dismissalReason: string | null;
}
interface ErrorBody {
  error: { code: string; message: string; details: { path?: string; message: string }[] };
}

const DAY = 86_400_000;
const BASE = "/api/v1/vulns/exceptions";

function trivy(vulns: [id: string, pkg: string, severity: string][]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "shop/api:1",
    ArtifactType: "container_image",
    Results: [
      {
        Target: "shop/api:1 (debian 12.5)",
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: vulns.map(([id, pkg, severity]) => ({
          VulnerabilityID: id,
          PkgName: pkg,
          InstalledVersion: "1.0",
          FixedVersion: "1.1",
          Severity: severity,
        })),
      },
    ],
  });
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  let admin: string;
  let engineer: string;
  let security: string;
  let viewer: string;

  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
    admin = await tokenFor(t, "admin", "ada");
    engineer = await tokenFor(t, "engineer", "erin");
    security = await tokenFor(t, "security_engineer", "sam");
    viewer = await tokenFor(t, "viewer", "vic");
    await injectOk(t, admin, "POST", "/api/v1/assets", {
      key: "shop-api",
      name: "shop api",
      kind: "container_image",
      criticality: 2,
      exposure: "internal",
    });
  });
  afterEach(async () => {
    await t.services.vulns.idle();
    await t.close();
    await db.cleanup();
  });

  /** Imports a report and returns the asset's findings by "vulnId package". */
  async function scan(vulns: [string, string, string][]): Promise<Map<string, Finding>> {
    t.clock.advance(60_000);
    await injectOk(t, admin, "POST", "/api/v1/vulns/imports", {
      content: trivy(vulns),
      asset: "shop-api",
    });
    await t.services.vulns.idle();
    const list = await injectOk<{ items: Finding[] }>(
      t,
      viewer,
      "GET",
      "/api/v1/vulns/findings?limit=500",
    );
    return new Map(list.items.map((f) => [`${f.vulnId} ${f.package}`, f]));
  }

  it("lets an engineer request, refuses self-approval and engineers, and a reviewer approves", async () => {
    const f = await scan([["CVE-2024-1", "openssl", "CRITICAL"]]);
    const id = f.get("CVE-2024-1 openssl")!.id;

    const tooLong = await injectCall<ErrorBody>(t, engineer, "POST", BASE, {
      scope: { findingIds: [id] },
      days: 45,
      justification: "vendor patch next quarter",
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toBe(
      "days: critical exceptions may last at most 30 days (requested 45)",
    );
    expect(tooLong.body.error.details).toEqual([
      { path: "days", message: "critical exceptions may last at most 30 days (requested 45)" },
    ]);

    const denied = await injectCall(t, viewer, "POST", BASE, {
      scope: { findingIds: [id] },
      days: 10,
      justification: "j",
    });
    expect(denied.status).toBe(403);

    const created = await injectCall<Exception>(t, engineer, "POST", BASE, {
      scope: { findingIds: [id] },
      days: 30,
      justification: "vendor patch next quarter",
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "requested", severity: "critical" });

    const byEngineer = await injectCall<ErrorBody>(
      t,
      engineer,
      "POST",
      `${BASE}/${created.body.id}/approve`,
      {},
    );
    expect(byEngineer.status).toBe(403);

    const own = await injectOk<Exception>(t, security, "POST", BASE, {
      scope: { vulnId: "CVE-2024-1" },
      days: 5,
      justification: "j",
    });
    const self = await injectCall<ErrorBody>(t, security, "POST", `${BASE}/${own.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/^you requested this exception: another person/);

    const approved = await injectOk<Exception>(
      t,
      security,
      "POST",
      `${BASE}/${created.body.id}/approve`,
      { note: "ok" },
    );
    expect(approved).toMatchObject({ status: "approved", coveredCount: 1 });
    expect(approved.findings).toMatchObject([
      { id, status: "dismissed", dismissalReason: "risk_accepted", covered: true },
    ]);
    const again = await injectCall<ErrorBody>(
      t,
      admin,
      "POST",
      `${BASE}/${created.body.id}/approve`,
      {},
    );
    expect(again.status).toBe(409);

    // The requester hears about the decision in the inbox, with a link to the exception.
    const inbox = await injectOk<{ items: { kind: string; title: string; link: string }[] }>(
      t,
      engineer,
      "GET",
      "/api/v1/notifications",
    );
    expect(inbox.items).toEqual([
      expect.objectContaining({
        kind: "exception_approved",
        link: `/vulnerabilities/exceptions/${created.body.id}`,
        title: "Risk acceptance for 1 finding(s) approved",
      }),
    ]);

    const listed = await injectOk<{ items: Exception[]; total: number }>(
      t,
      viewer,
      "GET",
      `${BASE}?status=approved&finding=${id}`,
    );
    expect(listed.items.map((e) => e.id)).toEqual([created.body.id]);
  });

  it("answers bad input with errors that name the field", async () => {
    const cases: [unknown, string][] = [
      [{ scope: {}, days: 5, justification: "j" }, "scope"],
      [{ scope: { vulnId: "CVE-1" }, justification: "j" }, "days"],
      [{ scope: { vulnId: "CVE-1" }, days: 5, justification: "" }, "justification"],
      [{ scope: { vulnId: "CVE-1" }, days: 5, justification: "j", extra: 1 }, "extra"],
      [{ scope: { vulnId: "CVE-1" }, days: 0, justification: "j" }, "days"],
      [{ scope: { assets: ["nope"] }, days: 5, justification: "j" }, "scope.assets[0]"],
    ];
    for (const [body, path] of cases) {
      const r = await injectCall<ErrorBody>(t, engineer, "POST", BASE, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(r.body.error), JSON.stringify(body)).toContain(path);
    }
    const reject = await injectOk<Exception>(t, engineer, "POST", BASE, {
      scope: { vulnId: "CVE-1" },
      days: 5,
      severity: "low",
      justification: "j",
    });
    const noNote = await injectCall<ErrorBody>(
      t,
      security,
      "POST",
      `${BASE}/${reject.id}/reject`,
      {},
    );
    expect(noNote.status).toBe(400);
    expect(JSON.stringify(noNote.body)).toContain("note");
    const missing = await injectCall(
      t,
      viewer,
      "GET",
      `${BASE}/01900000-0000-7000-8000-000000000000`,
    );
    expect(missing.status).toBe(404);
  });

  it("expires with the clock and reopens; covers a finding imported after approval", async () => {
    const f = await scan([["CVE-2024-2", "zlib", "HIGH"]]);
    const e = await injectOk<Exception>(t, engineer, "POST", BASE, {
      scope: { vulnId: "CVE-2024-2" },
      days: 14,
      justification: "compensating WAF rule",
      kind: "deviation",
    });
    await injectOk(t, security, "POST", `${BASE}/${e.id}/approve`, {});
    // The same vulnerability on another package arrives with the next scan: covered at import.
    const later = await scan([
      ["CVE-2024-2", "zlib", "HIGH"],
      ["CVE-2024-2", "minizip", "HIGH"],
    ]);
    expect([...later.values()].map((x) => [x.status, x.dismissalReason])).toEqual([
      ["dismissed", "mitigating_control"],
      ["dismissed", "mitigating_control"],
    ]);
    expect((await injectOk<Exception>(t, viewer, "GET", `${BASE}/${e.id}`)).coveredCount).toBe(2);

    t.clock.advance(8 * DAY);
    const expiring = await injectOk<{ items: Exception[] }>(
      t,
      viewer,
      "GET",
      `${BASE}?expiringWithinDays=7`,
    );
    expect(expiring.items.map((x) => x.id)).toEqual([e.id]);

    t.clock.advance(7 * DAY);
    expect(await t.services.vulnExceptions.expireDue()).toMatchObject({ expired: 1, reopened: 2 });
    const ended = await injectOk<Exception>(t, viewer, "GET", `${BASE}/${e.id}`);
    expect(ended.status).toBe("expired");
    const finding = await injectOk<Finding & { history: { note: string | null }[] }>(
      t,
      viewer,
      "GET",
      `/api/v1/vulns/findings/${f.get("CVE-2024-2 zlib")!.id}`,
    );
    expect(finding.status).toBe("detected");
    expect(finding.history.at(-1)!.note).toBe(`exception ${e.id} expired`);
    const events = await injectOk<{ items: { type: string }[] }>(
      t,
      admin,
      "GET",
      "/api/v1/events?after=0",
    );
    expect(events.items.map((v) => v.type)).toContain("vulns.exception.expired");
  });
});
