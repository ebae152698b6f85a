/**
 * The demo's EPSS and KEV feeds: a small sample for the demo CVEs in the formats FIRST and CISA
 * publish, imported through the enrichment service like the real files. The scores and the KEV
 * extract are demo values, not the real feeds.
 */

/** Demo EPSS sample: CVE → [score, percentile]. */
export const DEMO_EPSS: Record<string, [number, number]> = {
  "CVE-2021-44228": [0.97565, 0.99996],
  "CVE-2021-45046": [0.9737, 0.99912],
  "CVE-2023-44487": [0.94421, 0.99312],
  "CVE-2023-4863": [0.52413, 0.97711],
  "CVE-2024-6387": [0.38205, 0.96922],
  "CVE-2023-38545": [0.25987, 0.96245],
  "CVE-2023-4911": [0.73144, 0.98561],
  "CVE-2024-1086": [0.01783, 0.87502],
  "CVE-2024-2961": [0.21566, 0.95918],
  "CVE-2022-1471": [0.06412, 0.93244],
  "CVE-2023-45853": [0.00743, 0.80861],
  "CVE-2024-45491": [0.00211, 0.59434],
  "CVE-2024-45492": [0.00211, 0.59434],
  "CVE-2024-0727": [0.00131, 0.48828],
  "CVE-2024-4068": [0.00078, 0.34311],
  "CVE-2024-37890": [0.00067, 0.30022],
  "CVE-2023-48795": [0.96031, 0.99542],
  "CVE-2024-29041": [0.00055, 0.24417],
  "CVE-2023-45133": [0.00925, 0.82707],
};

/** Demo KEV extract (entries of CISA's catalog for the demo CVEs). */
export const DEMO_KEV = [
  {
    cveID: "CVE-2021-44228",
    vendorProject: "Apache",
    product: "Log4j2",
    vulnerabilityName: "Apache Log4j2 Remote Code Execution Vulnerability",
    dateAdded: "2021-12-10",
    dueDate: "2021-12-24",
    knownRansomwareCampaignUse: "Known",
  },
  {
    cveID: "CVE-2021-45046",
    vendorProject: "Apache",
    product: "Log4j2",
    vulnerabilityName: "Apache Log4j2 Deserialization of Untrusted Data Vulnerability",
    dateAdded: "2023-05-01",
    dueDate: "2023-05-22",
    knownRansomwareCampaignUse: "Known",
  },
  {
    cveID: "CVE-2023-44487",
    vendorProject: "IETF",
    product: "HTTP/2",
    vulnerabilityName: "HTTP/2 Rapid Reset Attack Vulnerability",
    dateAdded: "2023-10-10",
    dueDate: "2023-10-31",
    knownRansomwareCampaignUse: "Unknown",
  },
  {
    cveID: "CVE-2023-4863",
    vendorProject: "Google",
    product: "Chromium WebP",
    vulnerabilityName: "Google Chromium WebP Heap-Based Buffer Overflow Vulnerability",
    dateAdded: "2023-09-13",
    dueDate: "2023-10-04",
    knownRansomwareCampaignUse: "Unknown",
  },
  {
    cveID: "CVE-2023-4911",
    vendorProject: "GNU",
    product: "GNU C Library",
    vulnerabilityName: "GNU C Library Buffer Overflow Vulnerability",
    dateAdded: "2023-11-21",
    dueDate: "2023-12-12",
    knownRansomwareCampaignUse: "Unknown",
  },
  {
    cveID: "CVE-2024-1086",
    vendorProject: "Linux",
    product: "Kernel",
    vulnerabilityName: "Linux Kernel Use-After-Free Vulnerability",
    dateAdded: "2024-05-30",
    dueDate: "2024-06-20",
    knownRansomwareCampaignUse: "Known",
  },
];

/** The EPSS CSV FIRST publishes daily: model header, column header, one CVE a line. */
export function demoEpssCsv(scoreDay: Date): string {
  const day = scoreDay.toISOString().slice(0, 10);
  const rows = Object.entries(DEMO_EPSS)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cve, [score, pct]]) => `${cve},${score},${pct}`);
  return [
    `#model_version:v2025.03.14,score_date:${day}T00:00:00+0000`,
    "cve,epss,percentile",
    ...rows,
    "",
  ].join("\n");
}

/** A catalog in CISA's KEV JSON format holding the demo extract, released on `released`. */
export function demoKevJson(released: Date): string {
  const day = released.toISOString().slice(0, 10);
  return JSON.stringify({
    title: "CISA Catalog of Known Exploited Vulnerabilities (infrasec demo extract)",
    catalogVersion: day.replace(/-/g, "."),
    dateReleased: `${day}T15:00:00.000Z`,
    count: DEMO_KEV.length,
    vulnerabilities: DEMO_KEV.map((k) => ({
      ...k,
      shortDescription: `${k.vulnerabilityName}.`,
      requiredAction:
        "Apply mitigations per vendor instructions or discontinue use of the product if mitigations are unavailable.",
      notes: `https://nvd.nist.gov/vuln/detail/${k.cveID}`,
      cwes: [],
    })),
  });
}
