import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { computeIdentity, hashTuple, packageKey } from "./identity";
import { parseReport } from "./parse-report";
import { buildAliasIndex, normalizeVulnId, purlBase } from "./vuln-ids";

const text = (name: string): string =>
  readFileSync(new URL(`./testdata/${name}`, import.meta.url), "utf8");

describe("identity stability", () => {
  it("does not change when severity, CVSS, titles, fix data or the OS target text change", () => {
    const before = parseReport(text("trivy-image.json"));
    const edited = text("trivy-image.json")
      .replaceAll('"Severity": "MEDIUM"', '"Severity": "CRITICAL"')
      .replaceAll('"V3Score": 5.5', '"V3Score": 9.8')
      .replace(
        "openssl: denial of service via null dereference",
        "openssl: rewritten advisory text",
      )
      .replaceAll('"FixedVersion": "3.1.4-r5"', '"FixedVersion": "3.1.4-r6"')
      .replaceAll("(alpine 3.19.1)", "(alpine 3.19.2)");
    const after = parseReport(edited);
    expect(after.records[0]!.severity).toBe("critical");
    expect(after.records.map((r) => r.identity.hash)).toEqual(
      before.records.map((r) => r.identity.hash),
    );
  });

  it("changes when the installed version changes (patch tracking sees 1.2.3 and 1.2.4 apart)", () => {
    const a = parseReport(text("trivy-legacy.json"), { asset: "h" }).records[0]!;
    const b = parseReport(
      text("trivy-legacy.json").replace(
        '"InstalledVersion": "2.0.5-1"',
        '"InstalledVersion": "2.0.5-2"',
      ),
      {
        asset: "h",
      },
    ).records[0]!;
    expect(a.identity.hash).not.toBe(b.identity.hash);
    expect(a.identity.tuple).toEqual(["package", "h", "libidn2-0", "2.0.5-1", "CVE-2019-18224"]);
  });

  it("hashes the JCS serialization of [version, ...tuple], so field boundaries matter", () => {
    const expected = createHash("sha256")
      .update('["pkg@1","package","a","b","1","CVE-1"]')
      .digest("hex");
    expect(hashTuple("pkg@1", ["package", "a", "b", "1", "CVE-1"])).toBe(expected);
    expect(hashTuple("v", ["ab", "c"])).not.toBe(hashTuple("v", ["a", "bc"]));
  });

  it("records the identity version, the format function and a sentence explaining the match", () => {
    const id = computeIdentity(
      {
        kind: "package",
        target: "img",
        package: "lodash",
        purl: "pkg:npm/lodash",
        version: "4.17.20",
        locus: null,
        vulnId: "CVE-2021-23337",
        reportedId: "GHSA-35jh-r3h4-6jhm",
      },
      "grype",
    );
    expect(id).toMatchObject({ version: "pkg@1", fn: "grype@1" });
    expect(id.basis).toBe(
      'same asset "img", package "lodash", installed version "4.17.20" and vulnerability CVE-2021-23337 (reported as GHSA-35jh-r3h4-6jhm)',
    );
  });

  it("keeps the SARIF fingerprint together with the file, and the line out of Trivy misconfig identity", () => {
    const r = parseReport(text("sarif.json"));
    expect(r.records[0]!.identity.hash).not.toBe(r.records[1]!.identity.hash);
    const moved = parseReport(
      text("trivy-image.json").replace(
        '"StartLine": 1, "EndLine": 1',
        '"StartLine": 7, "EndLine": 7',
      ),
    );
    const orig = parseReport(text("trivy-image.json"));
    expect(moved.records[5]!.identity.hash).toBe(orig.records[5]!.identity.hash);
  });
});

describe("alias groups", () => {
  it("resolves a GHSA-only record to the CVE when enrichment knows the alias", () => {
    const r = parseReport(text("trivy-image.json"), {
      knownAliases: [["GHSA-35jh-r3h4-6jhm", "CVE-2021-23337"]],
    });
    const lodash = r.records.find((x) => x.package === "lodash")!;
    expect(lodash).toMatchObject({
      vulnId: "CVE-2021-23337",
      reportedId: "GHSA-35jh-r3h4-6jhm",
      aliases: ["GHSA-35jh-r3h4-6jhm"],
    });
  });

  it("gives Trivy, Grype and GitLab records of one problem the same identity (cross-tool merge)", () => {
    const aliases = [["GHSA-35jh-r3h4-6jhm", "CVE-2021-23337"]];
    const trivy = parseReport(text("trivy-image.json"), { knownAliases: aliases });
    const grype = parseReport(text("grype.json"));
    const gitlab = parseReport(text("gitlab-container.json"));
    const hash = (r: typeof trivy, pkg: string): string =>
      r.findings.find((f) => f.package === pkg)!.identity.hash;
    expect(hash(trivy, "lodash")).toBe(hash(grype, "lodash"));
    expect(hash(trivy, "libssl3")).toBe(hash(grype, "libssl3"));
    expect(hash(trivy, "libssl3")).toBe(hash(gitlab, "libssl3"));
  });

  it("prefers CVE, then GHSA, then OSV ids, and never chains two different CVEs", () => {
    const idx = buildAliasIndex([
      ["GO-2021-0053", "GHSA-c3h9-896r-86jm"],
      ["GHSA-c3h9-896r-86jm", "cve-2021-3121"],
      ["RHSA-2024:1", "CVE-2024-1111"],
      ["CVE-2024-1111", "CVE-2024-2222"],
    ]);
    expect(idx.canonical("GO-2021-0053")).toBe("CVE-2021-3121");
    expect(idx.group("GO-2021-0053")).toEqual([
      "CVE-2021-3121",
      "GHSA-c3h9-896r-86jm",
      "GO-2021-0053",
    ]);
    expect(idx.canonical("CVE-2024-2222")).toBe("CVE-2024-2222");
    expect(idx.canonical("RHSA-2024:1")).toBe("CVE-2024-1111");
    expect(idx.canonical("GHSA-aaaa-bbbb-cccc")).toBe("GHSA-aaaa-bbbb-cccc");
    expect(idx.canonical("ghsa-C3H9-896R-86JM")).toBe("CVE-2021-3121");
  });

  it("normalizes id spelling and package keys", () => {
    expect(normalizeVulnId(" cve-2021-44228 ")).toBe("CVE-2021-44228");
    expect(normalizeVulnId("ghsa-JFH8-C2JP-5V3Q")).toBe("GHSA-jfh8-c2jp-5v3q");
    expect(purlBase("pkg:npm/%40babel/core@7.0.0?x=1#sub")).toBe("pkg:npm/%40babel/core");
    expect(packageKey("org.springframework:spring-beans", null)).toBe(
      "org.springframework/spring-beans",
    );
    expect(packageKey("spring-beans", "pkg:maven/org.springframework/spring-beans@5.3.0")).toBe(
      "org.springframework/spring-beans",
    );
    expect(packageKey("@babel/core", "pkg:npm/%40babel/core@7.0.0")).toBe("@babel/core");
    expect(packageKey("musl", "pkg:apk/alpine/musl@1.2")).toBe("musl");
  });
});
