import { INPUT_LIMITS, inputError } from "../shared/input-errors";

/** One row of `aws iam generate-credential-report` (decoded CSV), typed. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  isRoot: boolean;
  userCreationTime: string | undefined;
  passwordEnabled: boolean | undefined;
  passwordLastUsed: string | undefined;
  mfaActive: boolean;
  keys: readonly AccessKeyState[];
}

/** One access key slot (1 or 2) of a user. */
export interface AccessKeyState {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | undefined;
  lastUsed: string | undefined;
}

const REQUIRED = ["user", "arn", "password_enabled", "mfa_active", "access_key_1_active"];

function date(v: string | undefined): string | undefined {
  if (
    v === undefined ||
    v === "" ||
    v === "N/A" ||
    v === "no_information" ||
    v === "not_supported"
  ) {
    return undefined;
  }
  return Number.isNaN(Date.parse(v)) ? undefined : v;
}

function bool(v: string | undefined): boolean | undefined {
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/** Parses the credential report CSV (plain text, not the base64 API blob). */
export function parseCredentialReport(file: string, text: string): CredentialReportRow[] {
  if (text.length > INPUT_LIMITS.maxBytes) throw inputError(file, "$", "input too large");
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  for (const r of REQUIRED) {
    if (!header.includes(r)) throw inputError(file, "row 1", `missing column ${r}`);
  }
  const rows: CredentialReportRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = (lines[i] ?? "").split(",");
    if (cells.length !== header.length) {
      throw inputError(
        file,
        `row ${i + 1}`,
        `expected ${header.length} columns, got ${cells.length}`,
      );
    }
    const get = (k: string): string | undefined => cells[header.indexOf(k)];
    const user = get("user") ?? "";
    const keys: AccessKeyState[] = ([1, 2] as const).map((slot) => ({
      slot,
      active: get(`access_key_${slot}_active`) === "true",
      lastRotated: date(get(`access_key_${slot}_last_rotated`)),
      lastUsed: date(get(`access_key_${slot}_last_used_date`)),
    }));
    rows.push({
      user,
      arn: get("arn") ?? "",
      isRoot: user === "<root_account>",
      userCreationTime: date(get("user_creation_time")),
      passwordEnabled: bool(get("password_enabled")),
      passwordLastUsed: date(get("password_last_used")),
      mfaActive: get("mfa_active") === "true",
      keys,
    });
  }
  return rows;
}
