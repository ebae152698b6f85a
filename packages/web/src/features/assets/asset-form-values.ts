import type { Asset } from "@infrasec/contracts";
import { assetInputSchema } from "@infrasec/core";
import type { AssetIdentifier, AssetInput } from "@infrasec/core";

export interface AssetFormValues {
  key: string;
  name: string;
  kind: string;
  description: string;
  ownerTeam: string;
  environment: string;
  criticality: string;
  exposure: string;
  dataClassification: string;
  tags: string[];
  identifiers: { type: string; value: string }[];
}

export const EMPTY_ASSET: AssetFormValues = {
  key: "",
  name: "",
  kind: "",
  description: "",
  ownerTeam: "",
  environment: "production",
  criticality: "3",
  exposure: "internal",
  dataClassification: "yellow",
  tags: [],
  identifiers: [],
};

export function valuesFromAsset(a: Asset): AssetFormValues {
  return {
    key: a.key,
    name: a.name,
    kind: a.kind,
    description: a.description,
    ownerTeam: a.ownerTeam ?? "",
    environment: a.environment,
    criticality: String(a.criticality),
    exposure: a.exposure,
    dataClassification: a.dataClassification,
    tags: [...a.tags],
    identifiers: a.identifiers.map((i) => ({ ...i })),
  };
}

/** Form values → the API's input shape (not yet validated). */
export function inputFromValues(v: AssetFormValues): AssetInput {
  return {
    key: v.key.trim(),
    name: v.name.trim(),
    kind: v.kind as AssetInput["kind"],
    description: v.description,
    ownerTeam: v.ownerTeam.trim() === "" ? null : v.ownerTeam.trim(),
    environment: v.environment as AssetInput["environment"],
    criticality: Number(v.criticality),
    exposure: v.exposure as AssetInput["exposure"],
    dataClassification: v.dataClassification as AssetInput["dataClassification"],
    tags: v.tags,
    identifiers: v.identifiers as AssetIdentifier[],
  };
}

/**
 * Validates with the same schema the server uses, so errors show as the user types.
 * Keys are dotted paths (`name`, `identifiers.0.value`, `tags.1`).
 */
export function validateAsset(v: AssetFormValues): Record<string, string> {
  const out: Record<string, string> = {};
  const result = assetInputSchema.safeParse(inputFromValues(v));
  if (result.success) return out;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".");
    let message = issue.message;
    if (issue.code === "invalid_value" || issue.code === "invalid_type") message = "Choose a value";
    if (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) === 1) {
      message = "Required";
    }
    out[path] ??= message;
    const top = String(issue.path[0] ?? "");
    if (top === "tags") out.tags ??= message;
  }
  return out;
}
