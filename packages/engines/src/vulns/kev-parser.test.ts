import { describe, expect, it } from "vitest";
import { isAppError } from "@infrasec/core";
import { parseKev } from "./kev-parser";

const entry = (over: Record<string, unknown> = {}) => ({
  cveID: "CVE-2021-44228",
  vendorProject: "Apache",
  product: "Log4j2",
  vulnerabilityName: "Apache Log4j2 Remote Code Execution Vulnerability",
  dateAdded: "2021-12-10",
  shortDescription: "JNDI features do not protect against attacker-controlled endpoints.",
  requiredAction: "Apply updates per vendor instructions.",
  dueDate: "2021-12-24",
  knownRansomwareCampaignUse: "Known",
  notes: "",
  cwes: ["CWE-20", "CWE-400"],
  ...over,
});
const catalog = (vulns: unknown[], over: Record<string, unknown> = {}) =>
  JSON.stringify({
    title: "CISA Catalog of Known Exploited Vulnerabilities",
    catalogVersion: "2025.03.14",
    dateReleased: "2025-03-14T15:01:02.1234Z",
    count: vulns.length,
    vulnerabilities: vulns,
    ...over,
  });

function failure(content: string) {
  try {
    parseKev(content);
  } catch (e) {
    if (isAppError(e)) return { message: e.message, path: e.details[0]?.path };
    throw e;
  }
  throw new Error("expected a parse failure");
}

describe("CISA KEV catalog", () => {
  it("reads the catalog and its entries", () => {
    const k = parseKev(
      catalog([
        entry(),
        entry({ cveID: "CVE-2023-0001", knownRansomwareCampaignUse: "Unknown", dueDate: null }),
      ]),
    );
    expect(k).toMatchObject({
      catalogVersion: "2025.03.14",
      dateReleased: "2025-03-14T15:01:02.123Z",
      count: 2,
    });
    expect(k.entries).toEqual([
      {
        cve: "CVE-2021-44228",
        vendor: "Apache",
        product: "Log4j2",
        name: "Apache Log4j2 Remote Code Execution Vulnerability",
        dateAdded: "2021-12-10",
        dueDate: "2021-12-24",
        ransomware: true,
        requiredAction: "Apply updates per vendor instructions.",
        cwes: ["CWE-20", "CWE-400"],
      },
      expect.objectContaining({ cve: "CVE-2023-0001", ransomware: false, dueDate: null }),
    ]);
  });

  it("keeps the earliest addition of a CVE listed twice", () => {
    const k = parseKev(
      catalog([entry({ dateAdded: "2022-01-01" }), entry({ dateAdded: "2021-12-10" })]),
    );
    expect(k.entries.map((e) => e.dateAdded)).toEqual(["2021-12-10"]);
  });

  it.each([
    ["{", "invalid JSON", "$"],
    [
      JSON.stringify({ catalogVersion: "x" }),
      "expected an array, found nothing",
      "$.vulnerabilities",
    ],
    [catalog([entry({ cveID: "" })]), "expected a non-empty string", "$.vulnerabilities[0].cveID"],
    [
      catalog([entry(), entry({ cveID: "KEV-1" })]),
      '"KEV-1" is not a CVE id',
      "$.vulnerabilities[1].cveID",
    ],
    [
      catalog([entry({ dueDate: "24/12/2021" })]),
      "is not a date (YYYY-MM-DD)",
      "$.vulnerabilities[0].dueDate",
    ],
    [
      catalog([entry({ dateAdded: undefined })]),
      "expected a date",
      "$.vulnerabilities[0].dateAdded",
    ],
    [catalog([entry()], { dateReleased: "yesterday" }), "is not a date", "$.dateReleased"],
  ])("rejects %j naming the place", (content, message, path) => {
    const f = failure(content);
    expect(f.message).toContain("CISA KEV catalog JSON");
    expect(f.message).toContain(message);
    expect(f.path).toBe(path);
  });

  it("is bounded", () => {
    expect(() =>
      parseKev(catalog([entry(), entry({ cveID: "CVE-2020-0002" })]), { maxEntries: 1 }),
    ).toThrow("more than 1 vulnerabilities");
    expect(() => parseKev(catalog([entry()]), { maxChars: 100 })).toThrow(/exceeds the limit/);
  });
});
