import { dockerfileRules } from "./dockerfile/index";
import { kubernetesRules } from "./kubernetes/index";
import { planRules } from "./plan/plan-rules";
import type { ReviewRuleMeta } from "./review-types";
import { awsRules } from "./terraform/rules/aws-rules";
import { azureRules } from "./terraform/rules/azure-rules";
import { gcpRules } from "./terraform/rules/gcp-rules";
import type { TfRule } from "./terraform/rules/rule-kit";

/** Terraform resource rules of every provider (they also run on plan `planned_values`). */
export const terraformRules: readonly TfRule[] = [...awsRules, ...gcpRules, ...azureRules];

/**
 * The explicit, exhaustive catalogue of review rules: every rule is listed here, nothing registers
 * itself by import side effect.
 */
export function allRuleMetas(): ReviewRuleMeta[] {
  return [...terraformRules, ...planRules, ...kubernetesRules, ...dockerfileRules].map(
    (r) => r.meta,
  );
}

/** One entry of `infrasec review rules --format json`. */
export interface RuleCatalogueEntry {
  id: string;
  title: string;
  severity: ReviewRuleMeta["severity"];
  framework: ReviewRuleMeta["framework"];
  provider: ReviewRuleMeta["provider"];
  equivalents: { checkov: string[]; trivy: string[] };
}

/** The rule catalogue in its JSON contract shape, sorted by framework then id. */
export function ruleCatalogue(): RuleCatalogueEntry[] {
  const order = ["terraform", "plan", "kubernetes", "dockerfile"];
  return allRuleMetas()
    .map((m) => ({
      id: m.id,
      title: m.title,
      severity: m.severity,
      framework: m.framework,
      provider: m.provider,
      equivalents: { checkov: [...m.equivalents.checkov], trivy: [...m.equivalents.trivy] },
    }))
    .sort(
      (a, b) =>
        order.indexOf(a.framework) - order.indexOf(b.framework) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** Map from a rule id to its peer-tool ids (for migrated suppressions). */
export function equivalentsIndex(): (ruleId: string) => readonly string[] {
  const map = new Map(
    allRuleMetas().map((m) => [m.id, [...m.equivalents.checkov, ...m.equivalents.trivy]]),
  );
  return (id) => map.get(id) ?? [];
}
