import { createHash } from "node:crypto";

/** One evidence line: an item with its decision, as the CSV and the JSON bundle list it. */
export interface EvidenceItem {
  itemId: string;
  principalId: string;
  principalName: string;
  principalType: string;
  entitlement: string;
  entitlementKind: string;
  scope: string | null;
  privileged: boolean;
  flags: string[];
  lastUsed: string | null;
  change: string | null;
  reviewer: string;
  decision: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  justification: string | null;
  followUpTicket: string | null;
  verification: string | null;
}

const COLUMNS: (keyof EvidenceItem)[] = [
  "itemId",
  "principalId",
  "principalName",
  "principalType",
  "entitlement",
  "entitlementKind",
  "scope",
  "privileged",
  "flags",
  "lastUsed",
  "change",
  "reviewer",
  "decision",
  "decidedBy",
  "decidedAt",
  "justification",
  "followUpTicket",
  "verification",
];

/**
 * One CSV cell: RFC 4180 quoting, and a leading quote before =, +, -, @ so that a spreadsheet
 * opening the evidence does not run a justification as a formula.
 */
function cell(v: string | number | boolean | string[] | null): string {
  let s = v === null ? "" : Array.isArray(v) ? v.join(";") : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The evidence CSV: a header line, then one line per item in campaign order. */
export function evidenceCsv(items: readonly EvidenceItem[]): string {
  const lines = [COLUMNS.join(",")];
  for (const i of items) lines.push(COLUMNS.map((c) => cell(i[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** sha256 over the population (principal and entitlement of each item), in campaign order. */
export function populationHash(items: readonly EvidenceItem[]): string {
  const h = createHash("sha256");
  for (const i of items) h.update(`${i.principalId}\t${i.entitlement}\n`);
  return h.digest("hex");
}
