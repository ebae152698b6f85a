import type { RuleOutcome } from "@infrasec/core";
import type { TfResource } from "../tf-types";
import { attr, isFalse, isTrue, tfRule } from "./rule-kit";
import type { TfRule, TfRuleSpec } from "./rule-kit";

/** Defines an Azure Terraform rule. */
export const az = (
  spec: TfRuleSpec,
  check: (r: TfResource) => RuleOutcome | readonly RuleOutcome[],
): TfRule => tfRule("azure", spec, check);

export const AZURE_DOC = "https://learn.microsoft.com/azure/";

/** TLS versions that count as "1.2 or newer" across azurerm resource spellings. */
export const TLS12 = ["TLS1_2", "TLS1_3", "1.2", "1.3"];

/** True when either the azurerm 4 name or the older name of a flag is true / not false. */
export function flag(r: TfResource, names: readonly string[], dflt: boolean): boolean | undefined {
  for (const n of names) {
    const v = attr(r, n);
    if (isTrue(v)) return true;
    if (isFalse(v)) return false;
  }
  return dflt;
}
