import type { MantineColor } from "@mantine/core";
import { SUPPRESSION_CONTEXT_KEYS } from "@infrasec/contracts";

/**
 * Suppressions in the UI: the expiry badge, the conditions as "key = value" lines (what people
 * type in the form and read in the list), and the expiry presets of the form.
 */

export type ExpiryState = "expired" | "soon" | "later" | "none";

export interface ExpiryView {
  state: ExpiryState;
  label: string;
  color: MantineColor;
}

/** Expiring within this many days counts as "soon": a week to renew, fix or let it lapse. */
export const EXPIRY_SOON_DAYS = 7;

const DAY_MS = 86_400_000;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function expiryView(expiresAt: string | null, now: number): ExpiryView {
  if (!expiresAt) return { state: "none", label: "no expiry", color: "gray" };
  const at = new Date(expiresAt).getTime();
  if (Number.isNaN(at)) return { state: "none", label: expiresAt, color: "gray" };
  const diff = at - now;
  if (diff <= 0) {
    const days = Math.floor(-diff / DAY_MS);
    return {
      state: "expired",
      label: days === 0 ? "expired today" : `expired ${plural(days, "day")} ago`,
      color: "red",
    };
  }
  const hours = Math.ceil(diff / 3_600_000);
  const days = Math.floor(diff / DAY_MS);
  const label =
    days === 0 ? `expires in ${plural(hours, "hour")}` : `expires in ${plural(days, "day")}`;
  return days < EXPIRY_SOON_DAYS
    ? { state: "soon", label, color: "orange" }
    : { state: "later", label, color: "green" };
}

export const CONDITION_KEY = /^[A-Za-z][\w.]*$/;
export const MAX_CONDITIONS = 10;

export type ParsedConditions =
  { ok: true; conditions: Record<string, string> } | { ok: false; line: number; message: string };

/**
 * "key = value" per line (blank lines ignored). Keys are event fields in Sigma taxonomy (User,
 * Image, CommandLine…) or context keys (host, containerId, image, namespace, pod); values
 * compare case-insensitively and `*` is a wildcard — the server's rules, checked here first so
 * the form can name the line.
 */
export function parseConditions(text: string): ParsedConditions {
  const conditions: Record<string, string> = {};
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    if (eq < 0) return { ok: false, line: i + 1, message: "Write key = value" };
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (!CONDITION_KEY.test(key) || key.length > 100)
      return { ok: false, line: i + 1, message: `"${key}" is not a field name` };
    if (!value) return { ok: false, line: i + 1, message: `${key} needs a value` };
    if (value.length > 512)
      return { ok: false, line: i + 1, message: "Value longer than 512 characters" };
    if (key in conditions) return { ok: false, line: i + 1, message: `${key} is set twice` };
    conditions[key] = value;
  }
  if (Object.keys(conditions).length > MAX_CONDITIONS)
    return { ok: false, line: lines.length, message: `At most ${MAX_CONDITIONS} conditions` };
  return { ok: true, conditions };
}

export function formatConditions(conditions: Readonly<Record<string, string>>): string {
  return Object.entries(conditions)
    .map(([k, v]) => `${k} = ${v}`)
    .join("\n");
}

/** Context keys read the host/container the event came from, the others the event's fields. */
export function isContextKey(key: string): boolean {
  return (SUPPRESSION_CONTEXT_KEYS as readonly string[]).includes(key);
}

export const EXPIRY_PRESETS = [
  { value: "1", label: "1 day" },
  { value: "7", label: "7 days" },
  { value: "30", label: "30 days" },
  { value: "90", label: "90 days" },
  { value: "never", label: "No expiry" },
] as const;

/** The expiry timestamp of a preset (days from now), or undefined for "no expiry". */
export function expiryFromPreset(preset: string, now: number): string | undefined {
  const days = Number(preset);
  return Number.isInteger(days) && days > 0
    ? new Date(now + days * DAY_MS).toISOString()
    : undefined;
}

/**
 * The suppressions page link that opens the form prefilled from an alert: its rule and the
 * context it fired in (host, container image, namespace, pod) — the person trims what is too
 * narrow before saving.
 */
export function suppressFromAlertParams(a: {
  ruleId: string;
  host: string | null;
  image: string | null;
  namespace: string | null;
  pod: string | null;
}): URLSearchParams {
  const params = new URLSearchParams({ new: "1", ruleId: a.ruleId });
  const conditions: Record<string, string> = {};
  if (a.host) conditions.host = a.host;
  if (a.image) conditions.image = a.image;
  if (a.namespace) conditions.namespace = a.namespace;
  if (conditions.namespace && a.pod) conditions.pod = a.pod;
  const text = formatConditions(conditions);
  if (text) params.set("conditions", text);
  return params;
}
