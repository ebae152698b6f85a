import type { ReportEscalation } from "@infrasec/engines/access";
import type { EscalationDto } from "./access-analysis-types";

/** Short label of a principal id: the ARN's last segment, a member without its prefix. */
export function principalLabel(id: string): string {
  const slash = id.lastIndexOf("/");
  if (id.startsWith("arn:") && slash >= 0) return id.slice(slash + 1);
  const colon = id.indexOf(":");
  return colon >= 0 && !id.startsWith("arn:") ? id.slice(colon + 1) : id;
}

/**
 * Turns an engine escalation into the contract's shape with a graph the UI can draw without
 * knowing the engine: one node per identity on the path, one edge per step.
 */
export function toEscalationDto(start: string, e: ReportEscalation): EscalationDto {
  const ids = [start];
  for (const s of e.steps) {
    if (!ids.includes(s.from)) ids.push(s.from);
    if (!ids.includes(s.to)) ids.push(s.to);
  }
  const last = ids[ids.length - 1];
  return {
    pathId: e.pathId,
    outcome: e.outcome,
    conditional: e.conditional,
    needsExistingResource: e.needsExistingResource,
    steps: e.steps.map((s) => ({
      ...s,
      actions: [...s.actions],
      statements: [...s.statements],
    })),
    graph: {
      nodes: ids.map((id) => ({
        id,
        label: principalLabel(id),
        role:
          id === start ? ("start" as const) : id === last ? ("goal" as const) : ("hop" as const),
      })),
      edges: e.steps.map((s) => ({
        from: s.from,
        to: s.to,
        technique: s.technique,
        actions: [...s.actions],
        explanation: s.explanation,
        conditional: s.conditional,
        needsExistingResource: s.needsExistingResource,
      })),
    },
  };
}
