import type { Finding, RuleOutcome } from "@infrasec/core";
import type { FrameworkScanResult, ReviewRule } from "../review-types";
import type { K8sSubject } from "./k8s-model";
import {
  DEFAULT_K8S_LIMITS,
  parseKubernetesManifest,
  type K8sObject,
  type K8sParseLimits,
} from "./k8s-parser";

/** Options of a Kubernetes scan. */
export interface K8sScanOptions {
  /**
   * Report findings of Helm-rendered documents against the template named by their
   * `# Source:` comment (line = offset inside the rendered document), with the rendered
   * position in the message. Default true.
   */
  helmSourceMapping?: boolean;
  limits?: K8sParseLimits;
  /**
   * Applied to the findings at their rendered position, before Helm mapping, with the objects
   * of the file: inline suppressions written in the rendered output must match where they are
   * written. Must return one finding per input finding, in order.
   */
  suppress?: (findings: Finding[], objects: readonly K8sObject[]) => Finding[];
}

/** Stable across line shifts and file moves: resource + rule + attribute path (no file, no line). */
export function k8sFingerprint(
  resource: string,
  ruleId: string,
  attributePath: string | undefined,
): string {
  return `${resource}|${ruleId}|${attributePath ?? ""}`;
}

/** Evaluates `rules` on every object of one manifest file. Pure: no I/O. */
export function scanKubernetesWith(
  rules: readonly ReviewRule<K8sSubject>[],
  path: string,
  content: string,
  opts: K8sScanOptions = {},
): FrameworkScanResult {
  const parsed = parseKubernetesManifest(path, content, opts.limits ?? DEFAULT_K8S_LIMITS);
  let findings: Finding[] = [];
  const owners: K8sObject[] = [];
  const file = { objects: parsed.objects };
  for (const object of parsed.objects) {
    const subject: K8sSubject = { object, file };
    for (const rule of rules) {
      if (rule.appliesTo.length > 0 && !rule.appliesTo.includes(object.kind)) continue;
      const result = rule.check(subject);
      const outcomes: readonly RuleOutcome[] = Array.isArray(result)
        ? result
        : [result as RuleOutcome];
      for (const outcome of outcomes) {
        if (outcome.kind === "pass") continue;
        findings.push(toFinding(rule, object, outcome, path));
        owners.push(object);
      }
    }
  }
  if (opts.suppress) findings = opts.suppress(findings, parsed.objects);
  if (opts.helmSourceMapping ?? true)
    findings = findings.map((f, i) => mapToTemplate(f, owners[i]!, path));
  return { findings, errors: parsed.errors, subjects: parsed.objects.length };
}

/**
 * Points a finding of a Helm-rendered document at the template named by its `# Source:`
 * comment. Lines inside the rendered document approximate template lines; the rendered place
 * stays in the message.
 */
function mapToTemplate(f: Finding, object: K8sObject, path: string): Finding {
  if (!object.template) return f;
  const offset = object.template.line;
  return {
    ...f,
    location: {
      file: object.template.path,
      startLine: Math.max(1, f.location.startLine - offset),
      endLine: Math.max(1, f.location.endLine - offset),
    },
    message: `${f.message} (rendered at ${path}:${f.location.startLine})`,
  };
}

function toFinding(
  rule: ReviewRule<K8sSubject>,
  object: K8sObject,
  outcome: Exclude<RuleOutcome, { kind: "pass" }>,
  path: string,
): Finding {
  const attributePath = outcome.attributePath;
  const pos = object.locate(attributePath);
  const base =
    outcome.kind === "fail"
      ? (outcome.message ?? rule.meta.title)
      : `unknown: needs the value of ${outcome.needs}`;
  const location = { file: path, startLine: pos.startLine, endLine: pos.endLine };
  const message = base;
  return {
    ruleId: rule.meta.id,
    severity: rule.meta.severity,
    title: rule.meta.title,
    message,
    resource: object.resource,
    location,
    ...(attributePath ? { attributePath } : {}),
    status: outcome.kind === "unknown" ? "unknown" : "new",
    fingerprint: k8sFingerprint(object.resource, rule.meta.id, attributePath),
    ...(outcome.kind === "unknown" ? { needs: outcome.needs } : {}),
  };
}
