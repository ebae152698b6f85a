/**
 * The vulnerability demo data set (loaded by vulns-demo.ts): four assets of a small shop, the
 * package vulnerabilities their scanners report, when each appears and is fixed, what the
 * security engineer does about them, and the exceptions asked for. Days count from the start of
 * the demo history, 120 days before the load, so the dashboard has months of history.
 *
 * CVE ids, packages and fixed versions follow the public advisories; EPSS scores and the KEV
 * extract below are a small demo sample, not the real feeds.
 */

export const DEMO_HISTORY_DAYS = 120;

export interface DemoVulnAsset {
  key: string;
  name: string;
  kind: "container_image" | "host";
  ownerTeam: string;
  environment: "production" | "staging";
  criticality: 1 | 2 | 3 | 4;
  exposure: "internet_facing" | "internal";
  identifiers: { type: "image" | "hostname"; value: string }[];
  scanner: "trivy" | "grype";
  /** Trivy ArtifactName / Grype source target. */
  artifact: string;
  /** Trivy result targets (a Grype report has one target: the image). */
  targets: { name: string; cls: "os-pkgs" | "lang-pkgs"; type: string }[];
}

export interface DemoVuln {
  asset: string;
  id: string;
  pkg: string;
  installed: string;
  /** null: no fixed version published (no SLA clock for a third-party package). */
  fixed: string | null;
  severity: "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";
  score: number;
  vector: string;
  title: string;
  /** Index into the asset's Trivy targets (0 when absent). */
  target?: number;
  /** Day the scanner first reports it. */
  from: number;
  /** Day a re-scan no longer reports it (fixed), if it is fixed within the history. */
  until?: number;
}

export const DEMO_VULN_ASSETS: DemoVulnAsset[] = [
  {
    key: "demo-shop-api-image",
    name: "shop API container image",
    kind: "container_image",
    ownerTeam: "payments",
    environment: "production",
    criticality: 1,
    exposure: "internet_facing",
    identifiers: [{ type: "image", value: "registry.example.com/shop/api:2026.8" }],
    scanner: "trivy",
    artifact: "registry.example.com/shop/api:2026.8",
    targets: [
      {
        name: "registry.example.com/shop/api:2026.8 (debian 12.5)",
        cls: "os-pkgs",
        type: "debian",
      },
    ],
  },
  {
    key: "demo-web-frontend-image",
    name: "web frontend container image",
    kind: "container_image",
    ownerTeam: "web",
    environment: "production",
    criticality: 2,
    exposure: "internet_facing",
    identifiers: [{ type: "image", value: "registry.example.com/shop/web:2026.8" }],
    scanner: "trivy",
    artifact: "registry.example.com/shop/web:2026.8",
    targets: [
      {
        name: "registry.example.com/shop/web:2026.8 (alpine 3.19.1)",
        cls: "os-pkgs",
        type: "alpine",
      },
      { name: "app/package-lock.json", cls: "lang-pkgs", type: "npm" },
    ],
  },
  {
    key: "demo-bastion-01",
    name: "bastion-01 (SSH jump host)",
    kind: "host",
    ownerTeam: "infrastructure",
    environment: "production",
    criticality: 1,
    exposure: "internet_facing",
    identifiers: [{ type: "hostname", value: "bastion-01.prod.example.com" }],
    scanner: "trivy",
    artifact: "bastion-01.prod.example.com",
    targets: [
      { name: "bastion-01.prod.example.com (ubuntu 22.04)", cls: "os-pkgs", type: "ubuntu" },
    ],
  },
  {
    key: "demo-billing-worker-image",
    name: "billing worker container image",
    kind: "container_image",
    ownerTeam: "payments",
    environment: "production",
    criticality: 2,
    exposure: "internal",
    identifiers: [{ type: "image", value: "registry.example.com/billing/worker:5.2" }],
    scanner: "grype",
    artifact: "registry.example.com/billing/worker:5.2",
    targets: [],
  },
];

const SHOP = "demo-shop-api-image";
const WEB = "demo-web-frontend-image";
const BASTION = "demo-bastion-01";
const BILLING = "demo-billing-worker-image";

/** CVSS v3.1 base vectors of the demo scores (the score follows from the vector). */
const VECTORS: Record<string, string> = {
  "10": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
  "9.8": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "9": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H",
  "8.8": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
  "8.1": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
  "7.8": "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H",
  "7.5": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
  "6.5": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N",
  "6.1": "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
  "5.9": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:N",
  "5.5": "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H",
  "5.3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:L",
  "3.7": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N",
};

/**
 * The findings as a table, one per line: asset, Trivy target index, CVE, package, installed →
 * fixed version ("-" when none is published), severity and CVSS score, day first reported –
 * day fixed ("-": still open), title.
 */
const VULN_TABLE = `
shop    0 CVE-2024-0727  openssl            3.0.11-1~deb12u2 -> 3.0.13-1~deb12u1    MEDIUM 5.5   0-   | openssl: denial of service via null dereference in PKCS12 parsing
shop    0 CVE-2023-6129  openssl            3.0.11-1~deb12u2 -> 3.0.13-1~deb12u1    MEDIUM 6.5   0-   | openssl: POLY1305 MAC implementation corrupts vector registers on PowerPC
shop    0 CVE-2023-5678  openssl            3.0.11-1~deb12u2 -> 3.0.13-1~deb12u1    MEDIUM 5.3   0-   | openssl: generating excessively long X9.42 DH keys is slow
shop    0 CVE-2024-45491 libexpat1          2.5.0-1 -> 2.5.0-1+deb12u1              CRITICAL 9.8 0-100 | libexpat: integer overflow in dtdCopy
shop    0 CVE-2024-45492 libexpat1          2.5.0-1 -> 2.5.0-1+deb12u1              CRITICAL 9.8 0-100 | libexpat: integer overflow in nextScaffoldPart
shop    0 CVE-2024-45490 libexpat1          2.5.0-1 -> 2.5.0-1+deb12u1              HIGH 7.5     0-100 | libexpat: negative len for XML_ParseBuffer
shop    0 CVE-2023-38545 libcurl4           7.88.1-10+deb12u3 -> 7.88.1-10+deb12u4  CRITICAL 9.8 0-20 | curl: heap based buffer overflow in the SOCKS5 proxy handshake
shop    0 CVE-2023-44487 libnghttp2-14      1.52.0-1 -> 1.52.0-1+deb12u1            HIGH 7.5     0-   | HTTP/2: Rapid Reset denial of service of HTTP/2 servers
shop    0 CVE-2023-4863  libwebp7           1.2.4-0.2 -> 1.2.4-0.2+deb12u1          HIGH 8.8     0-60 | libwebp: heap buffer overflow in the WebP codec
shop    0 CVE-2023-45853 zlib1g             1:1.2.13.dfsg-1 -> -                    CRITICAL 9.8 0-   | zlib: integer overflow and heap overflow in minizip zipOpenNewFileInZip4_6
shop    0 CVE-2024-2961  libc6              2.36-9+deb12u4 -> 2.36-9+deb12u7        HIGH 8.8     60-  | glibc: out of bounds write in iconv ISO-2022-CN-EXT
web     0 CVE-2024-0727  libssl3            3.1.4-r2 -> 3.1.4-r5                    MEDIUM 5.5   0-   | openssl: denial of service via null dereference in PKCS12 parsing
web     1 CVE-2023-45133 @babel/traverse    7.22.5 -> 7.23.2                        CRITICAL 9.8 0-30 | babel: arbitrary code execution when compiling crafted code
web     1 CVE-2024-37890 ws                 8.13.0 -> 8.17.1                        HIGH 7.5     0-30 | ws: denial of service when handling a request with many HTTP headers
web     1 CVE-2024-4068  braces             3.0.2 -> 3.0.3                          HIGH 7.5     0-   | braces: fails to limit the number of characters it can handle
web     1 CVE-2024-29041 express            4.18.2 -> 4.19.2                        MEDIUM 6.1   0-90 | express: open redirect in malformed URLs
web     1 CVE-2024-43796 express            4.18.2 -> 4.20.0                        LOW 3.7      0-90 | express: improper input handling in express redirects
web     1 CVE-2022-25883 semver             7.3.8 -> 7.5.2                          MEDIUM 5.3   0-   | semver: regular expression denial of service
web     1 CVE-2024-4067  micromatch         4.0.5 -> 4.0.8                          MEDIUM 5.3   30-  | micromatch: regular expression denial of service
bastion 0 CVE-2024-6387  openssh-server     1:8.9p1-3ubuntu0.7 -> 1:8.9p1-3ubuntu0.10 HIGH 8.1   0-   | openssh: regreSSHion, race condition in the signal handler of sshd
bastion 0 CVE-2023-48795 openssh-server     1:8.9p1-3ubuntu0.7 -> 1:8.9p1-3ubuntu0.10 MEDIUM 5.9 0-45 | ssh: prefix truncation attack on the Binary Packet Protocol (Terrapin)
bastion 0 CVE-2024-1086  linux-image-generic 5.15.0.91.88 -> 5.15.0.102.99          HIGH 7.8     0-   | kernel: use-after-free in netfilter nf_tables
bastion 0 CVE-2023-4911  libc6              2.35-0ubuntu3.3 -> 2.35-0ubuntu3.7      HIGH 7.8     0-110 | glibc: buffer overflow in ld.so (Looney Tunables)
bastion 0 CVE-2024-2961  libc6              2.35-0ubuntu3.3 -> 2.35-0ubuntu3.7      HIGH 8.8     0-110 | glibc: out of bounds write in iconv ISO-2022-CN-EXT
billing 0 CVE-2021-44228 log4j-core         2.14.1 -> 2.17.1                        CRITICAL 10  0-10 | log4j-core: remote code execution through JNDI lookups in log messages (Log4Shell)
billing 0 CVE-2021-45046 log4j-core         2.14.1 -> 2.17.1                        CRITICAL 9   0-10 | log4j-core: remote code execution with thread context lookup patterns
billing 0 CVE-2022-42003 jackson-databind   2.13.3 -> 2.13.4.2                      HIGH 7.5     0-75 | jackson-databind: deep wrapper array nesting with UNWRAP_SINGLE_VALUE_ARRAYS
billing 0 CVE-2022-1471  snakeyaml          1.30 -> 2.0                             HIGH 8.8     0-75 | SnakeYaml: constructor deserialization remote code execution
billing 0 CVE-2023-20883 spring-boot-autoconfigure 2.7.11 -> 2.7.12                 HIGH 7.5     0-   | spring-boot: welcome page denial of service
billing 0 CVE-2024-22259 spring-web         5.3.31 -> 5.3.33                        HIGH 8.1     0-   | spring-web: URL parsing with host validation
billing 0 CVE-2023-6378  logback-classic    1.2.12 -> 1.2.13                        HIGH 7.5     0-   | logback: serialization vulnerability in the logback receiver
billing 0 CVE-2023-34062 reactor-netty-http 1.0.38 -> 1.0.39                        HIGH 7.5     40-  | reactor-netty: directory traversal
`;

const ASSET_ALIASES: Record<string, string> = {
  shop: SHOP,
  web: WEB,
  bastion: BASTION,
  billing: BILLING,
};
const ROW =
  /^(\w+)\s+(\d)\s+(CVE-\d{4}-\d+)\s+(\S+)\s+(\S+) -> (\S+)\s+(CRITICAL|HIGH|MEDIUM|LOW) ([\d.]+)\s+(\d+)-(\d*)\s*\| (.+)$/;

/** Parses VULN_TABLE; a malformed line is a programming error named with its text. */
export function parseDemoVulnTable(text: string): DemoVuln[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = ROW.exec(line);
      const asset = m ? ASSET_ALIASES[m[1]!] : undefined;
      const vector = m ? VECTORS[m[8]!] : undefined;
      if (!m || !asset || !vector) throw new Error(`bad demo vulnerability line: ${line}`);
      return {
        asset,
        target: Number(m[2]),
        id: m[3]!,
        pkg: m[4]!,
        installed: m[5]!,
        fixed: m[6] === "-" ? null : m[6]!,
        severity: m[7] as DemoVuln["severity"],
        score: Number(m[8]),
        vector,
        from: Number(m[9]),
        ...(m[10] ? { until: Number(m[10]) } : {}),
        title: m[11]!,
      };
    });
}

export const DEMO_VULNS: DemoVuln[] = parseDemoVulnTable(VULN_TABLE);

/** What the security engineer (sam) does after triage: day, finding, new status. */
export const DEMO_STATUS_MOVES: {
  day: number;
  asset: string;
  vulnId: string;
  to: "confirmed" | "in_progress";
}[] = [
  { day: 2, asset: BILLING, vulnId: "CVE-2021-44228", to: "in_progress" },
  { day: 2, asset: BILLING, vulnId: "CVE-2021-45046", to: "in_progress" },
  { day: 3, asset: SHOP, vulnId: "CVE-2023-38545", to: "confirmed" },
  { day: 3, asset: SHOP, vulnId: "CVE-2024-45491", to: "confirmed" },
  { day: 3, asset: SHOP, vulnId: "CVE-2024-45492", to: "confirmed" },
  { day: 8, asset: SHOP, vulnId: "CVE-2023-38545", to: "in_progress" },
  { day: 20, asset: BASTION, vulnId: "CVE-2024-6387", to: "confirmed" },
  { day: 35, asset: WEB, vulnId: "CVE-2024-4068", to: "confirmed" },
  { day: 60, asset: SHOP, vulnId: "CVE-2024-45491", to: "in_progress" },
  { day: 60, asset: SHOP, vulnId: "CVE-2024-45492", to: "in_progress" },
  { day: 95, asset: BASTION, vulnId: "CVE-2023-4911", to: "in_progress" },
  { day: 112, asset: BILLING, vulnId: "CVE-2023-20883", to: "confirmed" },
];

/** Exceptions eve asks for; `approveDay` when sam approves it (else it stays requested). */
export const DEMO_EXCEPTIONS: {
  day: number;
  asset: string;
  vulnId: string;
  kind: "risk_acceptance" | "deviation";
  days: number;
  justification: string;
  compensatingControls?: string;
  approveDay?: number;
}[] = [
  {
    day: 104,
    asset: BASTION,
    vulnId: "CVE-2024-1086",
    kind: "deviation",
    days: 30,
    justification:
      "The fixed kernel needs a reboot of the only bastion; the reboot is planned in the next maintenance window.",
    compensatingControls:
      "Only the SRE group can log in (hardware keys); unprivileged user namespaces are disabled, which blocks the public exploit.",
    approveDay: 105,
  },
  {
    day: 117,
    asset: SHOP,
    vulnId: "CVE-2023-45853",
    kind: "risk_acceptance",
    days: 30,
    justification:
      "Debian does not build minizip into zlib1g and publishes no fix; the shop API never calls zipOpenNewFileInZip4_6.",
  },
];
