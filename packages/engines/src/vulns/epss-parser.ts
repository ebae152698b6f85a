import { vulnParseError } from "./parse-error";

/**
 * FIRST EPSS daily CSV (`epss_scores-current.csv`): an optional comment line
 * `#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000`, the header
 * `cve,epss,percentile`, then one row per CVE (about 300k). The parser takes one line at a time
 * so a caller can feed it from a stream (gunzip, HTTP body) without holding the file.
 */

export interface EpssHeader {
  /** `v2025.03.14`; null for files without the comment line (EPSS v1 files). */
  modelVersion: string | null;
  /** ISO 8601 UTC, e.g. `2025-03-14T00:00:00.000Z`. */
  scoreDate: string | null;
}

export interface EpssRow {
  cve: string;
  /** Probability of exploitation activity in the next 30 days, 0–1. */
  score: number;
  /** Rank among all scored CVEs, 0–1. */
  percentile: number;
}

export interface EpssParseOptions {
  /** Rows accepted before the file is rejected (default 2,000,000, about 7× today's file). */
  maxRows?: number;
  /** Longest line accepted (default 1,000 characters). */
  maxLineLength?: number;
}

const EXPECTED = "FIRST EPSS CSV";
const CVE = /^CVE-\d{4}-\d{4,}$/;
export const EPSS_MAX_ROWS = 2_000_000;

/** A line-at-a-time EPSS parser. `line` returns a row, or null for the comment, header and blanks. */
export interface EpssLineParser {
  line(text: string): EpssRow | null;
  /** The comment line's values (available once the header is read). */
  readonly header: EpssHeader;
  /** Rows returned so far. */
  readonly rows: number;
  /** Checks the file was complete (a header was seen); call after the last line. */
  finish(): { header: EpssHeader; rows: number };
}

export function createEpssLineParser(opts: EpssParseOptions = {}): EpssLineParser {
  const maxRows = opts.maxRows ?? EPSS_MAX_ROWS;
  const maxLine = opts.maxLineLength ?? 1000;
  const header: EpssHeader = { modelVersion: null, scoreDate: null };
  let lineNo = 0;
  let sawColumns = false;
  let rows = 0;
  let columns = { cve: 0, epss: 1, percentile: 2 };
  const seen = new Set<string>();
  const fail = (message: string): never => {
    throw vulnParseError(EXPECTED, message, { line: lineNo });
  };

  return {
    header,
    get rows() {
      return rows;
    },
    line(raw: string): EpssRow | null {
      lineNo++;
      if (raw.length > maxLine) fail(`line is ${raw.length} characters long (at most ${maxLine})`);
      const text = (lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw).replace(/\r$/, "").trim();
      if (text === "") return null;
      if (text.startsWith("#")) {
        if (sawColumns) fail("comment line after the column header");
        readComment(text.slice(1), header, fail);
        return null;
      }
      if (!sawColumns) {
        const names = text.split(",").map((c) => c.trim().toLowerCase());
        const at = (n: string) => names.indexOf(n);
        if (at("cve") < 0 || at("epss") < 0 || at("percentile") < 0) {
          fail(`expected the column header "cve,epss,percentile", got "${text.slice(0, 80)}"`);
        }
        columns = { cve: at("cve"), epss: at("epss"), percentile: at("percentile") };
        sawColumns = true;
        return null;
      }
      const cells = text.split(",");
      const cve = (cells[columns.cve] ?? "").trim().toUpperCase();
      if (!CVE.test(cve)) fail(`"${cve.slice(0, 40)}" is not a CVE id`);
      const score = probability(cells[columns.epss], "epss", fail);
      const percentile = probability(cells[columns.percentile], "percentile", fail);
      if (seen.has(cve)) fail(`${cve} is listed twice`);
      seen.add(cve);
      if (++rows > maxRows) fail(`more than ${maxRows} rows`);
      return { cve, score, percentile };
    },
    finish() {
      if (!sawColumns) {
        lineNo++;
        fail('no "cve,epss,percentile" header: the file is empty or not an EPSS CSV');
      }
      return { header, rows };
    },
  };
}

/** Parses a whole EPSS CSV held in memory. */
export function parseEpss(
  content: string,
  opts: EpssParseOptions = {},
): { header: EpssHeader; rows: EpssRow[] } {
  const parser = createEpssLineParser(opts);
  const rows: EpssRow[] = [];
  let start = 0;
  while (start <= content.length) {
    let end = content.indexOf("\n", start);
    if (end < 0) end = content.length;
    const row = parser.line(content.slice(start, end));
    if (row) rows.push(row);
    start = end + 1;
  }
  return { header: parser.finish().header, rows };
}

function readComment(text: string, header: EpssHeader, fail: (m: string) => never): void {
  for (const pair of text.split(",")) {
    const i = pair.indexOf(":");
    if (i < 0) continue;
    const key = pair.slice(0, i).trim();
    const value = pair.slice(i + 1).trim();
    if (key === "model_version") {
      if (!/^[\w.-]{1,64}$/.test(value)) fail(`model_version "${value.slice(0, 40)}" is not valid`);
      header.modelVersion = value;
    } else if (key === "score_date") {
      // "2025-03-14T00:00:00+0000": Date.parse wants the offset as +00:00.
      const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
      if (Number.isNaN(t)) fail(`score_date "${value.slice(0, 40)}" is not a date`);
      header.scoreDate = new Date(t).toISOString();
    }
  }
}

function probability(cell: string | undefined, name: string, fail: (m: string) => never): number {
  const text = (cell ?? "").trim();
  const n = text === "" ? NaN : Number(text);
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    fail(`${name} "${text.slice(0, 20)}" is not a number between 0 and 1`);
  }
  return n;
}
