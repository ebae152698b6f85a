import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { csvRecords, locationComponent, readGitlabStatesCsv } from "./gitlab-states-csv";
import { componentFromRef, statementMatches, type StateStatement } from "./state-statements";
import { readVexStatements } from "./vex-statements";

const finding = {
  vulnId: "CVE-2024-1234",
  aliases: ["GHSA-aaaa-bbbb-cccc"],
  purl: "pkg:npm/lodash",
  package: "lodash",
  version: "4.17.20",
};
const stmt = (ids: string[], ref: string | null): StateStatement => ({
  where: "x",
  ids,
  component: ref ? componentFromRef(ref) : null,
  target: { action: "leave", why: "" },
  note: "",
  issuedAt: null,
});

describe("statementMatches", () => {
  it.each([
    [["CVE-2024-1234"], "pkg:npm/lodash@4.17.20", true],
    [["GHSA-aaaa-bbbb-cccc"], "pkg:npm/lodash@4.17.20", true],
    [["cve-2024-1234"], null, true],
    [["CVE-2024-1234"], "pkg:npm/lodash", true],
    [["CVE-2024-1234"], "pkg:npm/lodash@4.17.21", false],
    [["CVE-2024-1234"], "pkg:npm/underscore@4.17.20", false],
    [["CVE-2024-2345"], "pkg:npm/lodash@4.17.20", false],
    [
      ["CVE-2024-1234"],
      "urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:npm/lodash@4.17.20",
      true,
    ],
    [["CVE-2024-1234"], "lodash", true],
  ])("%o on %s → %s", (ids, ref, expected) => {
    expect(statementMatches(stmt(ids, ref), finding)).toBe(expected);
  });
});

describe("GitLab Vulnerability Report CSV", () => {
  it("parses RFC 4180 records with quoted commas, quotes and line breaks", () => {
    const rows = [...csvRecords('a,b\r\n"x, y","say ""hi""\nthere"\n\nlast,\n')];
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["x, y", 'say "hi"\nthere'] },
      { line: 5, cells: ["last", ""] },
    ]);
  });

  it("reads the package of Ruby-hash and JSON locations", () => {
    expect(
      locationComponent(
        '{"image"=>"app:1", "dependency"=>{"package"=>{"name"=>"openssl"}, "version"=>"3.0.1"}, "operating_system"=>"debian:12"}',
      ),
    ).toMatchObject({ name: "openssl", version: "3.0.1" });
    expect(locationComponent('{"file":"a.rb","start_line":1}')).toBeNull();
    expect(locationComponent("not a hash")).toBeNull();
  });

  it("takes ids from CVE, Other Identifiers and the name, and the time of the state", () => {
    const [s] = readGitlabStatesCsv(
      "Tool,Scanner Name,Status,Vulnerability,CVE,Other Identifiers,Dismissed At,Dismissal Reason\n" +
        "dependency_scanning,Gemnasium,Dismissed,GHSA-aaaa-bbbb-cccc: prototype pollution,,gemnasium-1 CVE-2024-1,2026-03-01T10:00:00Z,Used in tests\n",
    );
    expect(s).toMatchObject({
      where: "line 2",
      ids: ["CVE-2024-1", "GHSA-aaaa-bbbb-cccc"],
      issuedAt: "2026-03-01T10:00:00.000Z",
      target: { action: "set", state: { status: "dismissed", reason: "out_of_scope" } },
    });
  });

  it("names an unclosed quote", () => {
    expect(() => readGitlabStatesCsv('Status,CVE\n"dismissed,CVE-1\n')).toThrow(/never closed/);
  });
});

describe("readVexStatements", () => {
  it("reads the engine's CycloneDX VEX fixture: component refs, aliases and analysis", () => {
    const text = readFileSync(new URL("./testdata/cyclonedx-vex.json", import.meta.url), "utf8");
    const statements = readVexStatements(text);
    expect(statements).toHaveLength(3);
    expect(statements[0]).toMatchObject({
      ids: ["CVE-2018-7489", "SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111"],
      component: {
        purl: "pkg:maven/com.fasterxml.jackson.core/jackson-databind",
        version: "2.9.4",
      },
      target: {
        action: "set",
        state: { status: "dismissed", reason: "not_affected", justification: "code_not_reachable" },
      },
      note: "VEX: not_affected (code_not_reachable) will_not_fix: The vulnerable class is never loaded.",
    });
    expect(statements[1]!.target).toMatchObject({ action: "leave" });
  });
});
