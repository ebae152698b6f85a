import { afterEach, beforeEach, expect, it } from "vitest";
import type { VulnFindingDetail, VulnSlaPolicyView, VulnSlaRecompute } from "@infrasec/contracts";
import { forEachDialect, type TestDatabase } from "@infrasec/storage/testing";
import { bearer, createTestServer, type TestServer } from "../testing/test-server";

/**
 * The SLA policy as data through the real app on both dialects: reading it, who may edit it,
 * an edit's answer naming the background recomputation, its progress, and the finding detail
 * explaining its deadline after the recomputation.
 */

const DAY = 86_400_000;

function trivy(): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "shop/api:1",
    ArtifactType: "container_image",
    Results: [
      {
        Target: "shop/api:1 (debian 12.5)",
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: [
          ["CVE-2024-1001", "CRITICAL"],
          ["CVE-2024-1002", "LOW"],
        ].map(([id, severity], i) => ({
          VulnerabilityID: id,
          PkgName: `pkg${i}`,
          InstalledVersion: "1.0.0",
          FixedVersion: "1.0.1",
          Severity: severity,
        })),
      },
    ],
  });
}

forEachDialect(({ open }) => {
  let db: TestDatabase;
  let t: TestServer;
  let admin: Record<string, string>;

  beforeEach(async () => {
    db = await open();
    t = await createTestServer(db);
    admin = bearer(await t.tokenFor("admin"));
    const res = await t.app.inject({
      method: "POST",
      url: "/api/v1/assets",
      headers: admin,
      payload: { key: "shop", name: "shop", kind: "container_image", criticality: 2 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const imp = await t.app.inject({
      method: "POST",
      url: "/api/v1/vulns/imports",
      headers: admin,
      payload: { content: trivy(), asset: "shop", scanner: "trivy" },
    });
    expect(imp.statusCode, imp.body).toBe(202);
    await t.services.vulns.idle();
  });
  afterEach(async () => {
    await t.services.vulns.idle();
    await t.services.slaRecompute.idle();
    await t.close();
    await db.cleanup();
  });

  it("edits the policy, answers with the recomputation, and explains the new deadline", async () => {
    const viewer = bearer(await t.tokenFor("viewer"));
    const sec = bearer(await t.tokenFor("security_engineer"));
    const before = await t.app.inject({
      method: "GET",
      url: "/api/v1/vulns/sla/policy",
      headers: viewer,
    });
    expect(before.statusCode).toBe(200);
    expect(before.json<VulnSlaPolicyView>()).toMatchObject({
      stamp: "gitlab-handbook@1",
      source: "configured",
      recompute: null,
    });
    const targets = {
      ...before.json<VulnSlaPolicyView>().policy.targets,
      critical: { remediateDays: 7 },
    };
    const put = (headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: "PUT", url: "/api/v1/vulns/sla/policy", headers, payload });

    expect((await put(sec, { targets })).statusCode).toBe(403);
    const bad = await put(admin, { targets, dueSoonDays: 365 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("body.dueSoonDays");

    const res = await put(admin, { targets });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<VulnSlaPolicyView>();
    expect(view).toMatchObject({
      stamp: "gitlab-handbook@2",
      source: "stored",
      recompute: { scope: "policy", total: 2, policy: "gitlab-handbook@2" },
    });
    await t.services.slaRecompute.idle();
    const task = await t.app.inject({
      method: "GET",
      url: `/api/v1/vulns/sla/recomputes/${view.recompute!.id}`,
      headers: viewer,
    });
    expect(task.json<VulnSlaRecompute>()).toMatchObject({ status: "done", done: 2, changed: 1 });

    const list = await t.app.inject({
      method: "GET",
      url: "/api/v1/vulns/findings?vulnId=CVE-2024-1001",
      headers: viewer,
    });
    const id = list.json<{ items: { id: string }[] }>().items[0]!.id;
    const detail = (
      await t.app.inject({ method: "GET", url: `/api/v1/vulns/findings/${id}`, headers: viewer })
    ).json<VulnFindingDetail>();
    expect(Date.parse(detail.slaDueAt!) - Date.parse(detail.firstSeenAt)).toBe(7 * DAY);
    expect(detail.deadline).toMatchObject({
      policy: "gitlab-handbook@2",
      dueAt: detail.slaDueAt,
      matchesStored: true,
    });
    expect(detail.deadline!.explanation[0]).toBe(
      "critical: 7 days (GitLab handbook remediation SLAs)",
    );
    expect(detail.history.some((h) => h.reason === "sla_recompute")).toBe(true);
  });
});
