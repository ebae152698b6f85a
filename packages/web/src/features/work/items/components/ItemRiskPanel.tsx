import { Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { WorkItemView } from "@infrasec/contracts";
import { TRIGGER_QUESTIONS, assessSecurityReviewValues } from "@infrasec/engines/work";
import { BAND_COLORS } from "../../shared/work-format";

/**
 * A security review's risk: the server's score, band and review priority (derived with the
 * engine), the counterpart reviews it flags and how it was computed, and the trigger answers.
 */
export function ItemRiskPanel({ item }: { item: WorkItemView }) {
  const risk = item.derived.risk;
  const a = assessSecurityReviewValues(item.fields);
  return (
    <Paper withBorder p="sm" component="section" aria-label="Risk">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Risk
          </Title>
          {risk && (
            <Group gap={4}>
              <Badge color={BAND_COLORS[risk.band] ?? "gray"}>{risk.band}</Badge>
              <Badge
                variant="filled"
                color={risk.reviewPriority === "self-service" ? "green" : "grape"}
              >
                {risk.reviewPriorityLabel}
              </Badge>
            </Group>
          )}
        </Group>
        {risk ? (
          <Text fw={600} data-testid="item-risk">
            Score {risk.score} → {risk.band}, {risk.reviewPriorityLabel}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Not scored yet: the risk dimensions or the roadmap priority are not all answered.
          </Text>
        )}
        {a.risk.complete && a.risk.flags.length > 0 && (
          <Group gap={4}>
            {a.risk.flags.map((f) => (
              <Badge key={f.team} variant="outline" color="orange" title={f.because}>
                {f.team} review flagged
              </Badge>
            ))}
          </Group>
        )}
        <List size="xs" c="dimmed" spacing={0} aria-label="How it was computed">
          {a.explanation.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
        <Title order={3} size="h6" mt={4}>
          Trigger answers
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} verticalSpacing={2}>
          {TRIGGER_QUESTIONS.map((q) => {
            const v = item.fields[q.key];
            return (
              <Group key={q.key} gap={6} wrap="nowrap" align="flex-start">
                <Badge
                  w={44}
                  variant={v === true ? "filled" : "light"}
                  color={v === true ? "orange" : v === false ? "gray" : "yellow"}
                >
                  {v === true ? "Yes" : v === false ? "No" : "?"}
                </Badge>
                <Text size="xs">{q.text}</Text>
              </Group>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
