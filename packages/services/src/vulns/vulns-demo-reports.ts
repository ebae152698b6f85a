import type { DemoVuln, DemoVulnAsset } from "./vulns-demo-content";
import { DEMO_HISTORY_DAYS, DEMO_VULNS } from "./vulns-demo-content";

/**
 * Scanner reports of the demo assets as the scanners write them (Trivy JSON schema 2, Grype
 * JSON), for a given day of the demo history: each report lists what the scanner sees that day,
 * so importing the day's reports in order creates, keeps and (by absence) fixes findings like
 * real re-scans do.
 */

/** The findings an asset's scanner reports on `day`: reported from `from`, gone at `until`. */
export function vulnsSeenOn(asset: string, day: number): DemoVuln[] {
  return DEMO_VULNS.filter(
    (v) => v.asset === asset && v.from <= day && (v.until === undefined || day < v.until),
  );
}

/**
 * The days an asset is scanned: the first day, every day something appears or is fixed, and a
 * monthly re-scan, so clocks and reconciliation see regular covering scans.
 */
export function scanDays(asset: string): number[] {
  const days = new Set<number>([0, 30, 60, 90, DEMO_HISTORY_DAYS - 1]);
  for (const v of DEMO_VULNS) {
    if (v.asset !== asset) continue;
    days.add(v.from);
    if (v.until !== undefined) days.add(v.until);
  }
  return [...days].filter((d) => d < DEMO_HISTORY_DAYS).sort((a, b) => a - b);
}

function purlOf(asset: DemoVulnAsset, v: DemoVuln): string {
  const target = asset.targets[v.target ?? 0];
  if (asset.scanner === "grype") return `pkg:maven/${v.pkg}@${v.installed}`;
  if (target?.type === "npm") return `pkg:npm/${v.pkg.replace("@", "%40")}@${v.installed}`;
  const distro = target?.type ?? "generic";
  return `pkg:${distro === "alpine" ? "apk" : "deb"}/${distro}/${v.pkg}@${v.installed}`;
}

function trivyVuln(asset: DemoVulnAsset, v: DemoVuln) {
  return {
    VulnerabilityID: v.id,
    PkgID: `${v.pkg}@${v.installed}`,
    PkgName: v.pkg,
    PkgIdentifier: { PURL: purlOf(asset, v) },
    InstalledVersion: v.installed,
    ...(v.fixed ? { FixedVersion: v.fixed } : {}),
    Status: v.fixed ? "fixed" : "affected",
    SeveritySource: "nvd",
    PrimaryURL: `https://avd.aquasec.com/nvd/${v.id.toLowerCase()}`,
    Title: v.title,
    Severity: v.severity,
    CVSS: { nvd: { V3Vector: v.vector, V3Score: v.score } },
  };
}

/** A Trivy schema-2 report of the asset on `day` (every target listed, even when clean). */
export function trivyReport(asset: DemoVulnAsset, day: number, at: Date): string {
  const seen = vulnsSeenOn(asset.key, day);
  return JSON.stringify({
    SchemaVersion: 2,
    CreatedAt: at.toISOString(),
    Trivy: { Version: "0.58.1" },
    ArtifactName: asset.artifact,
    ArtifactType: asset.kind === "host" ? "vm" : "container_image",
    Metadata: asset.kind === "host" ? {} : { RepoTags: [asset.artifact] },
    Results: asset.targets.map((t, i) => ({
      Target: t.name,
      Class: t.cls,
      Type: t.type,
      Vulnerabilities: seen.filter((v) => (v.target ?? 0) === i).map((v) => trivyVuln(asset, v)),
    })),
  });
}

/** A Grype JSON report of the asset on `day`. */
export function grypeReport(asset: DemoVulnAsset, day: number): string {
  const jar = (pkg: string, version: string) => `/app/lib/${pkg}-${version}.jar`;
  return JSON.stringify({
    matches: vulnsSeenOn(asset.key, day).map((v) => ({
      vulnerability: {
        id: v.id,
        dataSource: `https://nvd.nist.gov/vuln/detail/${v.id}`,
        namespace: "nvd:cpe",
        severity: v.severity.charAt(0) + v.severity.slice(1).toLowerCase(),
        description: v.title,
        cvss: [
          {
            source: "nvd@nist.gov",
            type: "Primary",
            version: "3.1",
            vector: v.vector,
            metrics: { baseScore: v.score },
          },
        ],
        fix: v.fixed
          ? { versions: [v.fixed], state: "fixed" }
          : { versions: [], state: "not-fixed" },
      },
      relatedVulnerabilities: [],
      matchDetails: [{ type: "cpe-match", matcher: "java-matcher" }],
      artifact: {
        name: v.pkg,
        version: v.installed,
        type: "java-archive",
        purl: purlOf(asset, v),
        locations: [{ path: jar(v.pkg, v.installed) }],
      },
    })),
    source: {
      type: "image",
      target: { userInput: asset.artifact, tags: [asset.artifact] },
    },
    distro: { name: "debian", version: "12" },
    descriptor: { name: "grype", version: "0.84.0" },
  });
}

/** The asset's report on `day` in its scanner's format, with a file name that says so. */
export function demoReport(
  asset: DemoVulnAsset,
  day: number,
  at: Date,
): { content: string; fileName: string; format: "trivy" | "grype" } {
  const stamp = at.toISOString().slice(0, 10);
  return asset.scanner === "grype"
    ? {
        content: grypeReport(asset, day),
        fileName: `demo-grype-${asset.key}-${stamp}.json`,
        format: "grype",
      }
    : {
        content: trivyReport(asset, day, at),
        fileName: `demo-trivy-${asset.key}-${stamp}.json`,
        format: "trivy",
      };
}
