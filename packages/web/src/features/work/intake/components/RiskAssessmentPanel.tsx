import { Badge, Group, List, Paper, Stack, Text, Title } from "@mantine/core";
import { TRIGGER_QUESTIONS, assessSecurityReviewValues } from "@infrasec/engines/work";
import type { ReviewAssessment } from "@infrasec/engines/work";
import { BAND_COLORS } from "../../shared/work-format";
import { cleanValues } from "../template-form-values";
import type { FormValues } from "../template-form-values";
import type { WorkTemplate } from "@infrasec/engines/work";

/** The one-line result: "Score 17 → Critical, Review-Priority:1". */
export function assessmentHeadline(a: ReviewAssessment): string {
  if (a.engaged === false) return "InfraSec is not engaged (every trigger answered no)";
  if (!a.risk.complete) {
    const answered = 5 - a.risk.missing.length - a.risk.errors.length;
    return `Score so far ${a.risk.partialSum} (${answered} of 5 dimensions answered)`;
  }
  const priority = a.priorityLabel ?? "priority waits for the roadmap priority";
  return `Score ${a.risk.score} → ${a.risk.band}, ${priority}`;
}

/**
 * The live Security Review Framework result for the answers so far, computed with the engine
 * (the server computes the same when the request is filed): triggers → score → band → review
 * priority, with the counterpart reviews the answers flag and how each number was reached.
 */
export function RiskAssessmentPanel({
  template,
  values,
  compact,
}: {
  template: WorkTemplate;
  values: FormValues;
  compact?: boolean;
}) {
  const a = assessSecurityReviewValues(cleanValues(template, values));
  const band = a.risk.complete ? a.risk.band : null;
  return (
    <Paper
      withBorder
      p="sm"
      role="status"
      aria-live="polite"
      aria-label="Risk assessment"
      style={band ? { borderColor: `var(--mantine-color-${BAND_COLORS[band]}-6)` } : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <Title order={3} size="h5">
            Risk assessment
          </Title>
          <Group gap={4}>
            {band && <Badge color={BAND_COLORS[band]}>{band}</Badge>}
            {a.priorityLabel && (
              <Badge color={a.priority === "self-service" ? "green" : "grape"} variant="filled">
                {a.priorityLabel}
              </Badge>
            )}
          </Group>
        </Group>
        <Text fw={600} data-testid="risk-headline">
          {assessmentHeadline(a)}
        </Text>
        <Text size="xs" c="dimmed">
          Triggers: {a.yesTriggers.length} yes of {TRIGGER_QUESTIONS.length}
          {a.missingTriggers.length > 0 ? `, ${a.missingTriggers.length} unanswered` : ""}.
        </Text>
        {a.risk.complete && a.risk.flags.length > 0 && (
          <Group gap={4}>
            {a.risk.flags.map((f) => (
              <Badge key={f.team} variant="outline" color="orange" title={f.because}>
                {f.team} review flagged
              </Badge>
            ))}
          </Group>
        )}
        {a.output && !compact && (
          <Text size="xs">
            {a.output.creates}. Review: {a.output.reviewContent}. Timeline: {a.output.timelineText}.
          </Text>
        )}
        {!compact && (
          <List size="xs" spacing={0} c="dimmed" aria-label="How it was computed">
            {a.explanation.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}
