import type { Role } from "@infrasec/core";
import { ManualClock, systemActor } from "@infrasec/core";
import type { SlaPolicy } from "@infrasec/engines/vulns";
import type { TestDatabase } from "@infrasec/storage/testing";
import { createServices, type Services } from "../create-services";
import type { Ctx } from "../shared/service-context";

/** Test fixtures of the exception tests: services, people by role, Trivy reports. Tests only. */

export const system: Ctx = { actor: { ...systemActor, username: "importer" }, requestId: "t" };

export interface ExceptionWorld {
  s: Services;
  clock: ManualClock;
  /** A person of the role, created on first use under that name. */
  person(name: string, role: Role): Promise<Ctx>;
  /** Imports a Trivy report on the asset (default "app") and returns its findings by vuln id. */
  scan(
    vulns: { id: string; pkg: string; severity: string }[],
    asset?: string,
  ): Promise<Map<string, { id: string; status: string; slaDueAt: string | null }>>;
}

export async function exceptionWorld(
  db: TestDatabase,
  policy?: SlaPolicy,
): Promise<ExceptionWorld> {
  const clock = new ManualClock("2026-11-25T12:00:00.000Z");
  const s = createServices({ store: db.store, clock, vulns: policy ? { policy } : undefined });
  for (const key of ["app", "web"]) {
    await s.assets.create(system, {
      key,
      name: key,
      kind: "container_image",
      criticality: 2,
      exposure: "internal",
    });
  }
  const people = new Map<string, Ctx>();
  return {
    s,
    clock,
    async person(name, role) {
      const known = people.get(name);
      if (known) return known;
      const { user } = await s.users.create(system, {
        username: name,
        role,
        password: "correct horse battery",
      });
      const ctx: Ctx = { actor: { kind: "user", userId: user.id, username: name, role } };
      people.set(name, ctx);
      return ctx;
    },
    async scan(vulns, asset = "app") {
      clock.advance(60_000);
      await s.vulns.runImport(system, { content: trivy(vulns), asset });
      const list = await s.vulns.listFindings(system, {
        asset,
        sort: "vulnId",
        limit: 500,
        offset: 0,
      });
      return new Map(list.items.map((f) => [f.vulnId, f]));
    },
  };
}

/** A Trivy OS-package report; every vulnerability has a fix, so SLA clocks run. */
export function trivy(vulns: { id: string; pkg: string; severity: string }[]): string {
  return JSON.stringify({
    SchemaVersion: 2,
    ArtifactName: "app:1",
    ArtifactType: "container_image",
    Results: [
      {
        Target: "app:1 (debian 12.5)",
        Class: "os-pkgs",
        Type: "debian",
        Vulnerabilities: vulns.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.pkg,
          InstalledVersion: "1.0.0",
          FixedVersion: "1.0.1",
          Severity: v.severity.toUpperCase(),
        })),
      },
    ],
  });
}
