import { ApiError } from "@infrasec/contracts";

/**
 * The errors of a rule upload by field. The server names each problem's field inside the rule
 * as `yaml.<dotted path>` (`yaml.detection.selection.Image|re`), the request validator as
 * `/body/yaml`; people want `detection.selection.Image|re`, and "the rule" for the whole text.
 */
export interface FieldProblem {
  field: string;
  message: string;
}

export function ruleFieldPath(path: string | undefined): string {
  if (!path) return "(the rule)";
  const dotted = path
    .replace(/^\//, "")
    .replace(/\//g, ".")
    .replace(/^body\./, "");
  const inRule = dotted.replace(/^yaml\.?/, "");
  return inRule === "" ? "(the rule)" : inRule;
}

export function ruleProblems(error: unknown): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.details.map((d) => ({ field: ruleFieldPath(d.path), message: d.message }));
}
