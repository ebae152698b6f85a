import { Badge, Code, Group, List, Stack, Text } from "@mantine/core";
import type { EscalationDto } from "@infrasec/contracts";
import { stepSentence } from "../escalation-graph";
import { OutcomeBadge } from "./AccessBadges";

/** The escalation paths as text, step by step: the graph's accessible equivalent. */
export function EscalationList({ escalations }: { escalations: readonly EscalationDto[] }) {
  return (
    <List type="ordered" spacing="sm" aria-label="Escalation paths as a list">
      {escalations.map((e) => (
        <List.Item key={`${e.pathId}:${e.outcome}`}>
          <Stack gap={4}>
            <Group gap="xs">
              <Text size="sm" fw={600} ff="monospace">
                {e.pathId}
              </Text>
              <OutcomeBadge outcome={e.outcome} />
              {e.conditional && (
                <Badge color="yellow" variant="light">
                  conditional
                </Badge>
              )}
              {e.needsExistingResource && (
                <Badge color="yellow" variant="outline">
                  needs an existing resource
                </Badge>
              )}
            </Group>
            <List type="ordered" size="sm" spacing={4} withPadding>
              {e.steps.map((s, i) => (
                <List.Item key={i} style={{ overflowWrap: "anywhere" }}>
                  <Text size="sm">{stepSentence(s)}</Text>
                  <Text size="xs" c="dimmed">
                    {s.explanation}
                  </Text>
                  {s.statements.length > 0 && (
                    <Text size="xs" c="dimmed">
                      Allowed by{" "}
                      {s.statements.map((st) => (
                        <Code key={st} mr={4}>
                          {st}
                        </Code>
                      ))}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}
