import type { WorkItemView } from "@infrasec/contracts";
import type { WorkTemplate } from "@infrasec/engines/work";
import { useApiQuery } from "../../../app/use-api";
import { getTemplate } from "../shared/work-items-api";
import { shippedTemplate, templateFromView } from "../intake/template-form-values";

/**
 * The template an item was filed with: the catalogue's (possibly edited) definition, else the
 * shipped one of its kind; null for kinds without a template (task, epic, incident).
 */
export function useItemTemplate(item: Pick<WorkItemView, "templateId" | "kind"> | undefined): {
  template: WorkTemplate | null;
  loading: boolean;
} {
  const id = item?.templateId ?? null;
  const view = useApiQuery(id ? `work-template:${id}` : null, () => getTemplate(id ?? ""));
  if (!item) return { template: null, loading: true };
  if (!id) return { template: null, loading: false };
  if (view.data) {
    try {
      return { template: templateFromView(view.data), loading: false };
    } catch {
      return { template: shippedTemplate(id), loading: false };
    }
  }
  if (view.error)
    return { template: shippedTemplate(id) ?? shippedTemplate(item.kind), loading: false };
  return { template: null, loading: true };
}
