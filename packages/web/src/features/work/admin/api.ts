import { api } from "@infrasec/contracts";
import type { CallInput, LabelView, TemplateView, WorkSettings } from "@infrasec/contracts";
import { client } from "../../../app/api-client";
import { invalidateLabels } from "../shared/labels-api";

/**
 * Calls of the workflow administration (api.workCatalog: labels, templates, settings). Label
 * changes drop the shared catalogue cache so badges elsewhere pick up new colours and names.
 */

type Catalog = typeof api.workCatalog;
export type LabelBody = NonNullable<CallInput<Catalog["createLabel"]>["body"]>;
export type LabelPatch = NonNullable<CallInput<Catalog["updateLabel"]>["body"]>;
export type SettingsPatch = NonNullable<CallInput<Catalog["updateSettings"]>["body"]>;

export function listCatalogLabels(q?: string): Promise<{ items: LabelView[] }> {
  return client.call(api.workCatalog.listLabels, { query: q ? { q } : {} });
}

export async function createLabel(body: LabelBody): Promise<LabelView> {
  const label = await client.call(api.workCatalog.createLabel, { body });
  invalidateLabels();
  return label;
}

export async function updateLabel(name: string, body: LabelPatch): Promise<LabelView> {
  const label = await client.call(api.workCatalog.updateLabel, { params: { name }, body });
  invalidateLabels();
  return label;
}

export async function deleteLabel(name: string): Promise<void> {
  await client.call(api.workCatalog.deleteLabel, { params: { name } });
  invalidateLabels();
}

export function listTemplates(): Promise<{ items: TemplateView[] }> {
  return client.call(api.workCatalog.listTemplates);
}

export function getTemplate(id: string): Promise<TemplateView> {
  return client.call(api.workCatalog.getTemplate, { params: { id } });
}

export function updateTemplate(
  id: string,
  definition: Record<string, unknown>,
): Promise<TemplateView> {
  return client.call(api.workCatalog.updateTemplate, { params: { id }, body: { definition } });
}

export function resetTemplate(id: string): Promise<TemplateView> {
  return client.call(api.workCatalog.resetTemplate, { params: { id } });
}

export function getSettings(): Promise<WorkSettings> {
  return client.call(api.workCatalog.getSettings);
}

export function updateSettings(body: SettingsPatch): Promise<WorkSettings> {
  return client.call(api.workCatalog.updateSettings, { body });
}
