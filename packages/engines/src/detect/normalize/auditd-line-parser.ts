import { hexBytes } from "../match/value-encoders";

/**
 * Parser for raw auditd lines: `[node=N ]type=T msg=audit(EPOCH.MS:SERIAL): k=v …`, with
 * quoted or hex-encoded values, nested `msg='…'` of user-space records and the ENRICHED
 * translations after a GS (0x1d) separator.
 */

/** One parsed audit record. */
export interface AuditRecord {
  readonly type: string;
  readonly timestamp: number;
  readonly serial: string;
  readonly node?: string;
  /** Keys as written, values unquoted and hex-decoded where auditd hex-encodes untrusted strings. */
  readonly fields: Readonly<Record<string, string>>;
  /** ENRICHED translations (upper-case keys such as UID, AUID, SYSCALL). */
  readonly enriched: Readonly<Record<string, string>>;
  readonly raw: string;
}

const HEADER = /^(?:node=(\S+) )?type=(\S+) msg=audit\((\d+)(?:\.(\d+))?:(\d+)\):\s?/;
const HEX = /^(?:[0-9A-F]{2})+$/;
// Keys whose unquoted value is hex-encoded text (auditd's untrusted-string encoding).
const HEX_KEYS = /^(?:a\d+|proctitle|name|cwd|comm|exe|cmd|key|data|acct)$/;
const MAX_LINE = 64 * 1024;
const MAX_FIELDS = 512;

/** Decodes auditd hex text; NULs (argv separators in PROCTITLE) become spaces. */
export function decodeAuditHex(hex: string): string {
  const bytes = hexBytes(hex) ?? new Uint8Array();
  return new TextDecoder().decode(bytes).replace(/\0+$/, "").replace(/\0/g, " ");
}

function parsePairs(
  text: string,
  out: Record<string, string>,
  decodeHex: (k: string) => boolean,
): void {
  let i = 0;
  let n = 0;
  while (i < text.length && n++ < MAX_FIELDS) {
    while (text[i] === " ") i++;
    const eq = text.indexOf("=", i);
    if (eq < 0) break;
    const key = text.slice(i, eq);
    i = eq + 1;
    let value: string;
    const q = text[i];
    if (q === '"' || q === "'") {
      const end = text.indexOf(q, i + 1);
      value = text.slice(i + 1, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end + 1;
      if (q === "'" && key === "msg") {
        parsePairs(value, out, decodeHex); // user-space records nest their fields in msg='…'
        continue;
      }
    } else {
      const end = text.indexOf(" ", i);
      value = text.slice(i, end < 0 ? text.length : end);
      i = end < 0 ? text.length : end;
      if (decodeHex(key) && HEX.test(value)) value = decodeAuditHex(value);
    }
    if (key !== "" && !key.includes(" ")) out[key] = value;
  }
}

/** Parses one audit line; undefined when it is not an audit record. */
export function parseAuditLine(line: string): AuditRecord | undefined {
  if (line.length > MAX_LINE) return undefined;
  const text = line.replace(/\r?\n$/, "");
  const m = HEADER.exec(text);
  if (!m) return undefined;
  const [, node, type, secs, ms, serial] = m;
  const rest = text.slice(m[0].length);
  const gs = rest.indexOf("\x1d");
  const body = gs >= 0 ? rest.slice(0, gs) : rest;
  const fields: Record<string, string> = {};
  // SYSCALL a0–a3 are hex syscall arguments, not encoded text: only EXECVE args are decoded.
  parsePairs(body, fields, (k) => HEX_KEYS.test(k) && (!/^a\d+$/.test(k) || type === "EXECVE"));
  const enriched: Record<string, string> = {};
  if (gs >= 0) parsePairs(rest.slice(gs + 1), enriched, () => false);
  const timestamp = Number(secs) * 1000 + Number((ms ?? "0").padEnd(3, "0").slice(0, 3));
  return { type: type!, timestamp, serial: serial!, node, fields, enriched, raw: text };
}
