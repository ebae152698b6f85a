import type { TriagePolicy, WorkItemKind, WorkTemplate } from "@infrasec/engines/work";
import {
  BAU_REQUEST_TEMPLATE,
  CHANGE_REQUEST_TEMPLATE,
  DECISION_TEMPLATE,
  DESIGN_DOC_TEMPLATE,
  SECURITY_REVIEW_TEMPLATE,
  TRIAGE_POLICIES,
  labelCatalog,
  parseTemplate,
} from "@infrasec/engines/work";
import type { Repos, WorkTemplateRecord } from "@infrasec/storage";
import type { WorkSettings } from "./work-view-types";
import { DEFAULT_WORK_SETTINGS } from "./work-view-types";

/**
 * Transaction-level access to the team's configuration: the lazily seeded label catalogue and
 * templates, the template of a kind, and the workflow settings with their defaults.
 */

/** The templates the product ships, by id. Kinds not listed here have no template. */
export const SHIPPED_TEMPLATES: readonly WorkTemplate[] = [
  SECURITY_REVIEW_TEMPLATE,
  CHANGE_REQUEST_TEMPLATE,
  BAU_REQUEST_TEMPLATE,
  DECISION_TEMPLATE,
  DESIGN_DOC_TEMPLATE,
];

/** The template a new item of a kind uses, or null (task, epic, incident). */
export function defaultTemplateId(kind: WorkItemKind): string | null {
  return SHIPPED_TEMPLATES.find((t) => t.kind === kind)?.id ?? null;
}

/** Labels created on the fly (not in the catalogue yet) get this neutral grey. */
export const NEW_LABEL_COLOR = "#868686";

// Bump the suffix to seed again when the shipped catalogue grows (insert-if-absent keeps edits).
const SEEDED_KEY = "seeded:v1";

/**
 * Seeds the shipped label catalogue and templates once. Every insert is insert-if-absent, so
 * two requests seeding at once both succeed and admins' edits are never overwritten.
 */
export async function ensureCatalogSeeded(tx: Repos, nowIso: string): Promise<void> {
  if ((await tx.workCatalog.getSetting(SEEDED_KEY)) !== undefined) return;
  for (const l of labelCatalog("current")) {
    await tx.workCatalog.insertLabelIfAbsent({
      name: l.name,
      color: l.color,
      description: l.description,
      createdAt: nowIso,
      updatedAt: nowIso,
    });
  }
  for (const t of SHIPPED_TEMPLATES) {
    await tx.workCatalog.insertTemplateIfAbsent(shippedRecord(t, nowIso));
  }
  await tx.workCatalog.putSettingIfAbsent(SEEDED_KEY, nowIso);
}

/** The stored form of a shipped template. */
export function shippedRecord(t: WorkTemplate, nowIso: string): WorkTemplateRecord {
  return {
    id: t.id,
    kind: t.kind,
    definition: JSON.parse(JSON.stringify(t)) as Record<string, unknown>,
    version: t.version,
    customized: false,
    updatedAt: nowIso,
    updatedBy: null,
  };
}

/**
 * The template of an item: the stored (possibly edited) definition, else the shipped one. A
 * stored definition that no longer parses falls back to the shipped one rather than breaking
 * every read of the items that use it (PUT validates, so this only guards older data).
 */
export async function templateFor(
  tx: Repos,
  templateId: string | null,
): Promise<WorkTemplate | null> {
  if (!templateId) return null;
  const stored = await tx.workCatalog.findTemplate(templateId);
  if (stored) {
    const r = parseTemplate(stored.definition);
    if (r.ok) return r.template;
  }
  return SHIPPED_TEMPLATES.find((t) => t.id === templateId) ?? null;
}

/** Templates by id for many items at once. */
export async function templatesFor(
  tx: Repos,
  ids: readonly (string | null)[],
): Promise<Map<string, WorkTemplate>> {
  const out = new Map<string, WorkTemplate>();
  for (const id of new Set(ids)) {
    if (!id) continue;
    const t = await templateFor(tx, id);
    if (t) out.set(id, t);
  }
  return out;
}

/** Adds labels missing from the catalogue (grey, no description), so the catalogue knows them. */
export async function ensureLabelsInCatalog(
  tx: Repos,
  labels: readonly string[],
  nowIso: string,
): Promise<string[]> {
  if (labels.length === 0) return [];
  await ensureCatalogSeeded(tx, nowIso);
  const known = new Set((await tx.workCatalog.findLabels(labels)).map((l) => l.name));
  const created: string[] = [];
  for (const name of new Set(labels)) {
    if (known.has(name)) continue;
    const inserted = await tx.workCatalog.insertLabelIfAbsent({
      name,
      color: NEW_LABEL_COLOR,
      description: "",
      createdAt: nowIso,
      updatedAt: nowIso,
    });
    if (inserted) created.push(name);
  }
  return created;
}

const SETTING_KEYS = Object.keys(DEFAULT_WORK_SETTINGS) as (keyof WorkSettings)[];

/** The workflow settings; unset keys take their defaults. */
export async function readWorkSettings(tx: Repos): Promise<WorkSettings> {
  const stored = await tx.workCatalog.getSettings();
  const out: Record<string, unknown> = { ...DEFAULT_WORK_SETTINGS };
  for (const k of SETTING_KEYS) {
    const v = stored.get(`settings.${k}`);
    if (v !== undefined && typeof v === typeof DEFAULT_WORK_SETTINGS[k]) out[k] = v;
  }
  return out as unknown as WorkSettings;
}

/** Stores the given settings keys. */
export async function writeWorkSettings(tx: Repos, patch: Partial<WorkSettings>): Promise<void> {
  for (const k of SETTING_KEYS) {
    if (patch[k] !== undefined) await tx.workCatalog.putSetting(`settings.${k}`, patch[k]);
  }
}

/** The engine's triage policy for the settings (ping and stale thresholds as published). */
export function triagePolicyFrom(s: WorkSettings): TriagePolicy {
  return {
    ...TRIAGE_POLICIES.current,
    cadence: s.cadence,
    teamLabel: s.teamLabel,
    inactiveAfterDays: s.staleAfterDays,
    autoClose: { enabled: s.autoCloseEnabled, afterMonths: s.autoCloseAfterMonths },
  };
}
