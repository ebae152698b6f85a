import { vulnParseError } from "./parse-error";
import { fromGitlabState } from "./state-mapping";
import { componentFromRef, statementIds } from "./state-statements";
import type { StateStatement, StatementComponent } from "./state-statements";

const EXPECTED = "GitLab Vulnerability Report CSV";
/** Rows read at most: GitLab's own export is capped well below this. */
export const GITLAB_CSV_MAX_ROWS = 200_000;

/** RFC 4180 records with the line each starts on (quoted cells may span lines). */
export function* csvRecords(text: string): Generator<{ line: number; cells: string[] }> {
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") {
      quoted = true;
    } else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.length > 1 || cells[0] !== "") yield { line: start, cells };
      cells = [];
      cell = "";
      line++;
      start = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) throw vulnParseError(EXPECTED, "a quoted cell is never closed", { line: start });
  cells.push(cell);
  if (cells.length > 1 || cells[0] !== "") yield { line: start, cells };
}

// Header names as GitLab writes them (project, group and instance exports share one layout;
// the archival export adds the *At/*By and "Vulnerability ID" columns).
const COLUMNS = {
  status: "status",
  vulnerability: "vulnerability",
  cve: "cve",
  otherIdentifiers: "other identifiers",
  location: "location",
  dismissalReason: "dismissal reason",
  comments: "comments",
  dismissedAt: "dismissed at",
  resolvedAt: "resolved at",
  confirmedAt: "confirmed at",
} as const;

const ID_PATTERN = /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[0-9a-z]{4}){3}|[A-Z][A-Z0-9]+-\d{4}-[\w.-]+)\b/gi;

/**
 * The statements of a GitLab Vulnerability Report CSV export: one per line, with the state
 * from "Status" and "Dismissal Reason", the vulnerability from "CVE", "Other Identifiers" and ids
 * in the "Vulnerability" name, and the package from "Location" (GitLab writes it as a Ruby hash
 * or JSON with dependency.package.name and dependency.version). Throws `parse_failed` naming a
 * missing column or a malformed line.
 */
export function readGitlabStatesCsv(text: string): StateStatement[] {
  const records = csvRecords(text);
  const header = records.next();
  if (header.done) throw vulnParseError(EXPECTED, "the file is empty", { line: 1 });
  const names = header.value.cells.map((c) => c.trim().toLowerCase());
  const col = (name: string) => names.indexOf(name);
  if (col(COLUMNS.status) < 0)
    throw vulnParseError(EXPECTED, `no "Status" column in the header`, { line: 1 });
  if (col(COLUMNS.cve) < 0 && col(COLUMNS.vulnerability) < 0)
    throw vulnParseError(EXPECTED, `no "CVE" or "Vulnerability" column in the header`, {
      line: 1,
    });
  const out: StateStatement[] = [];
  for (const { line, cells } of records) {
    if (out.length >= GITLAB_CSV_MAX_ROWS)
      throw vulnParseError(EXPECTED, `more than ${GITLAB_CSV_MAX_ROWS} rows`, { line });
    const get = (name: string) => {
      const k = col(name);
      return k >= 0 ? (cells[k] ?? "").trim() : "";
    };
    const idText = [get(COLUMNS.cve), get(COLUMNS.otherIdentifiers), get(COLUMNS.vulnerability)];
    const ids = statementIds(null, idText.join(" ").match(ID_PATTERN) ?? []);
    const status = get(COLUMNS.status);
    const reason = get(COLUMNS.dismissalReason);
    const comments = get(COLUMNS.comments);
    const at = [COLUMNS.dismissedAt, COLUMNS.resolvedAt, COLUMNS.confirmedAt]
      .map(get)
      .find((v) => v && !Number.isNaN(Date.parse(v)));
    out.push({
      where: `line ${line}`,
      ids,
      component: locationComponent(get(COLUMNS.location)),
      target: ids.length
        ? fromGitlabState(status, reason)
        : { action: "leave", why: "no CVE or other vulnerability id on the line" },
      note: `GitLab: ${status.toLowerCase()}${reason ? ` (${reason})` : ""}${comments ? `: ${comments.slice(0, 2000)}` : ""}`,
      issuedAt: at ? new Date(at).toISOString() : null,
    });
  }
  return out;
}

/**
 * The package of a GitLab location cell. GitLab has written it as JSON and as a Ruby hash
 * (`{"dependency"=>{"package"=>{"name"=>"x"}, "version"=>"1"}}`); both become JSON here.
 */
export function locationComponent(cell: string): StatementComponent | null {
  if (!cell) return null;
  let loc: unknown;
  try {
    loc = JSON.parse(cell.replace(/=>/g, ":").replace(/\bnil\b/g, "null"));
  } catch {
    return null;
  }
  const dep = (loc as { dependency?: { package?: { name?: unknown }; version?: unknown } })
    ?.dependency;
  const name = typeof dep?.package?.name === "string" ? dep.package.name : null;
  if (!name) return null;
  const version = typeof dep?.version === "string" ? dep.version : null;
  return componentFromRef(`${name}${version ? `@${version}` : ""}`, name, version);
}
