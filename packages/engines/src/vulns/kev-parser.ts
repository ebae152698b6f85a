import { childPath, vulnParseError } from "./parse-error";
import {
  needArray,
  needObject,
  needString,
  optString,
  parseJsonText,
  stringList,
  toText,
} from "./json-shape";

/**
 * CISA Known Exploited Vulnerabilities catalog (`known_exploited_vulnerabilities.json`):
 * `{ title, catalogVersion, dateReleased, count, vulnerabilities: [{ cveID, vendorProject,
 * product, vulnerabilityName, dateAdded, shortDescription, requiredAction, dueDate,
 * knownRansomwareCampaignUse, notes, cwes }] }`. About 1,400 entries and 1.5 MB today.
 */

export interface KevEntry {
  cve: string;
  vendor: string | null;
  product: string | null;
  name: string | null;
  /** YYYY-MM-DD. */
  dateAdded: string;
  /** YYYY-MM-DD: the federal remediation deadline; null when CISA gives none. */
  dueDate: string | null;
  /** knownRansomwareCampaignUse === "Known". */
  ransomware: boolean;
  requiredAction: string | null;
  cwes: string[];
}

export interface KevCatalog {
  catalogVersion: string | null;
  /** ISO 8601 UTC. */
  dateReleased: string | null;
  /** The catalog's own count (may differ from entries.length if CISA's file is inconsistent). */
  count: number | null;
  entries: KevEntry[];
}

export interface KevParseOptions {
  /** Entries accepted before the catalog is rejected (default 100,000). */
  maxEntries?: number;
  /** Characters accepted (default 32 MiB). */
  maxChars?: number;
}

const EXPECTED = "CISA KEV catalog JSON";
const CVE = /^CVE-\d{4}-\d{4,}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Parses the catalog; errors name the JSON path (`$.vulnerabilities[12].dueDate`). */
export function parseKev(input: string | Uint8Array, opts: KevParseOptions = {}): KevCatalog {
  const maxEntries = opts.maxEntries ?? 100_000;
  const text = toText(input, EXPECTED, opts.maxChars ?? 32 * 1024 * 1024);
  const root = needObject(parseJsonText(text, EXPECTED), "$", EXPECTED);
  const list = needArray(root.vulnerabilities, "$.vulnerabilities", EXPECTED);
  if (list.length > maxEntries) {
    throw vulnParseError(EXPECTED, `more than ${maxEntries} vulnerabilities`, {
      path: "$.vulnerabilities",
    });
  }
  const seen = new Map<string, number>();
  const entries: KevEntry[] = [];
  list.forEach((item, i) => {
    const path = childPath("$.vulnerabilities", i);
    const v = needObject(item, path, EXPECTED);
    const cve = needString(v.cveID, `${path}.cveID`, EXPECTED).trim().toUpperCase();
    if (!CVE.test(cve)) {
      throw vulnParseError(EXPECTED, `"${cve.slice(0, 40)}" is not a CVE id`, {
        path: `${path}.cveID`,
      });
    }
    const dateAdded = day(v.dateAdded, `${path}.dateAdded`, true)!;
    const dueDate = day(v.dueDate, `${path}.dueDate`, false);
    const entry: KevEntry = {
      cve,
      vendor: optString(v.vendorProject),
      product: optString(v.product),
      name: optString(v.vulnerabilityName),
      dateAdded,
      dueDate,
      ransomware: optString(v.knownRansomwareCampaignUse)?.toLowerCase() === "known",
      requiredAction: optString(v.requiredAction),
      cwes: stringList(v.cwes),
    };
    // CISA has listed a CVE twice in the past; keep the earliest addition.
    const prev = seen.get(cve);
    if (prev !== undefined) {
      if (entries[prev]!.dateAdded > dateAdded) entries[prev] = entry;
      return;
    }
    seen.set(cve, entries.length);
    entries.push(entry);
  });
  const released = optString(root.dateReleased);
  let dateReleased: string | null = null;
  if (released !== null) {
    const t = Date.parse(released);
    if (Number.isNaN(t)) {
      throw vulnParseError(EXPECTED, `"${released.slice(0, 40)}" is not a date`, {
        path: "$.dateReleased",
      });
    }
    dateReleased = new Date(t).toISOString();
  }
  const count = typeof root.count === "number" ? root.count : null;
  return { catalogVersion: optString(root.catalogVersion), dateReleased, count, entries };
}

function day(v: unknown, path: string, required: boolean): string | null {
  const s = optString(v);
  if (s === null) {
    if (!required) return null;
    throw vulnParseError(EXPECTED, "expected a date (YYYY-MM-DD), found nothing", { path });
  }
  if (!DAY.test(s) || Number.isNaN(Date.parse(`${s}T00:00:00Z`))) {
    throw vulnParseError(EXPECTED, `"${s.slice(0, 40)}" is not a date (YYYY-MM-DD)`, { path });
  }
  return s;
}
