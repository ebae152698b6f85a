import type { Statement } from "./aws-types";
import {
  ACTION_CATALOGUE_DATA,
  CREDENTIALS_EXPOSURE_ACTIONS,
  DATA_EXFILTRATION_ACTIONS,
} from "./action-catalogue-data";
import { statementCoversAction } from "./statement-matcher";
import { actionMatches } from "./wildcard-matcher";

/** IAM access levels from the Service Authorization Reference. */
export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

/** One catalogued action. */
export interface CatalogueAction {
  action: string;
  service: string;
  level: AccessLevel;
}

const LEVEL_NAMES = {
  L: "List",
  R: "Read",
  W: "Write",
  PM: "Permissions management",
  T: "Tagging",
} as const;

/** The built-in catalogue, flattened once. */
export const ACTION_CATALOGUE: readonly CatalogueAction[] = Object.entries(
  ACTION_CATALOGUE_DATA,
).flatMap(([service, levels]) =>
  Object.entries(levels).flatMap(([lvl, names]) =>
    (names ?? []).map((n) => ({
      action: `${service}:${n}`,
      service,
      level: LEVEL_NAMES[lvl as keyof typeof LEVEL_NAMES],
    })),
  ),
);

const BY_LOWER = new Map(ACTION_CATALOGUE.map((a) => [a.action.toLowerCase(), a]));

/** Looks up an action by name, case-insensitively. */
export function catalogueAction(action: string): CatalogueAction | undefined {
  return BY_LOWER.get(action.toLowerCase());
}

const expansionCache = new Map<string, readonly CatalogueAction[]>();

/** Expands a wildcard action pattern against the catalogue (memoized per pattern). */
export function expandActionPattern(pattern: string): readonly CatalogueAction[] {
  const key = pattern.toLowerCase();
  let hit = expansionCache.get(key);
  if (!hit) {
    hit = ACTION_CATALOGUE.filter((a) => actionMatches(pattern, a.action));
    expansionCache.set(key, hit);
  }
  return hit;
}

/** Catalogued actions a statement's Action/NotAction covers. */
export function expandStatementActions(s: Statement): readonly CatalogueAction[] {
  if (s.actions) {
    const seen = new Set<CatalogueAction>();
    for (const p of s.actions) for (const a of expandActionPattern(p)) seen.add(a);
    return [...seen];
  }
  return ACTION_CATALOGUE.filter((a) => statementCoversAction(s, a.action));
}

const EXFIL = new Set(DATA_EXFILTRATION_ACTIONS.map((a) => a.toLowerCase()));
const CREDS = new Set(CREDENTIALS_EXPOSURE_ACTIONS.map((a) => a.toLowerCase()));

/** Risk categories of an action (Cloudsplaining-compatible names). */
export function actionRiskCategories(action: string): string[] {
  const out: string[] = [];
  const l = action.toLowerCase();
  if (EXFIL.has(l)) out.push("DataExfiltration");
  if (CREDS.has(l)) out.push("CredentialsExposure");
  if (catalogueAction(action)?.level === "Permissions management") out.push("ResourceExposure");
  return out;
}
