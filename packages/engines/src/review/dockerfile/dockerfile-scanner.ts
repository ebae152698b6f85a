import type { Finding, RuleOutcome } from "@infrasec/core";
import type { FrameworkScanResult, ReviewRule } from "../review-types";
import type { DockerSubject } from "./dockerfile-model";
import { parseDockerfile, type DockerInstruction, type DockerStage } from "./dockerfile-parser";

/** Files above this size are not Dockerfiles; they are reported and skipped. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** Stable across line shifts and file moves: stage + rule + instruction address. */
export function dockerFingerprint(
  resource: string,
  ruleId: string,
  attributePath: string | undefined,
): string {
  return `${resource}|${ruleId}|${attributePath ?? ""}`;
}

/** Evaluates `rules` on every stage of one Dockerfile. Pure: no I/O. */
export function scanDockerfileWith(
  rules: readonly ReviewRule<DockerSubject>[],
  path: string,
  content: string,
): FrameworkScanResult {
  if (content.length > MAX_DOCKERFILE_BYTES) {
    return {
      findings: [],
      errors: [{ file: path, message: `file exceeds ${MAX_DOCKERFILE_BYTES} bytes` }],
      subjects: 0,
    };
  }
  if (content.includes("\u0000")) {
    return {
      findings: [],
      errors: [{ file: path, message: "binary file, not a Dockerfile" }],
      subjects: 0,
    };
  }
  const model = parseDockerfile(path, content);
  const errors = [...model.errors];
  if (model.stages.length === 0)
    errors.push({ file: path, line: 1, message: "no FROM instruction" });
  const findings: Finding[] = [];
  for (const stage of model.stages) {
    const subject: DockerSubject = {
      stage,
      file: model,
      isFinal: stage.index === model.stages.length - 1,
    };
    for (const rule of rules) {
      const result = rule.check(subject);
      const outcomes: readonly RuleOutcome[] = Array.isArray(result)
        ? result
        : [result as RuleOutcome];
      for (const o of outcomes) {
        if (o.kind === "pass") continue;
        const ins = instructionAt(stage, model.globalArgs, o.attributePath);
        findings.push({
          ruleId: rule.meta.id,
          severity: rule.meta.severity,
          title: rule.meta.title,
          message:
            o.kind === "fail"
              ? (o.message ?? rule.meta.title)
              : `unknown: needs the value of ${o.needs}`,
          resource: stage.resource,
          location: { file: path, startLine: ins.startLine, endLine: ins.endLine },
          ...(o.attributePath ? { attributePath: o.attributePath } : {}),
          status: o.kind === "unknown" ? "unknown" : "new",
          fingerprint: dockerFingerprint(stage.resource, rule.meta.id, o.attributePath),
          ...(o.kind === "unknown" ? { needs: o.needs } : {}),
        });
      }
    }
  }
  return { findings, errors, subjects: model.stages.length };
}

/** The instruction an attribute path starts with; absence checks fall back to the stage's FROM. */
function instructionAt(
  stage: DockerStage,
  globals: readonly DockerInstruction[],
  path: string | undefined,
): DockerInstruction {
  if (path) {
    const all = [stage.from, ...stage.instructions, ...globals];
    const hit = all.find((i) => path === i.path || path.startsWith(`${i.path}.`));
    if (hit) return hit;
  }
  return stage.from;
}
