import { Anchor, Badge, Code, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { DiffSection } from "../snapshot-diff-view";
import { nodeLabel } from "../escalation-graph";

const TONE_COLOR = { bad: "red", good: "green", neutral: "gray" } as const;

/** The diff's sections; a principal links to its page in the snapshot where it exists. */
export function DiffSections({
  sections,
  oldId,
  newId,
}: {
  sections: readonly DiffSection[];
  oldId: string;
  newId: string;
}) {
  return (
    <Stack gap="md">
      {sections.map((s) => {
        const snapshotId = s.openIn === "old" ? oldId : newId;
        return (
          <Stack key={s.key} gap={4}>
            <Group gap="xs">
              <Title order={2} size="h4">
                {s.title}
              </Title>
              <Badge color={s.rows.length > 0 ? TONE_COLOR[s.tone] : "gray"} variant="light">
                {s.rows.length}
              </Badge>
            </Group>
            {s.rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                None.
              </Text>
            ) : (
              <Paper withBorder>
                <Table aria-label={s.title}>
                  <Table.Tbody>
                    {s.rows.map((r) => (
                      <Table.Tr key={r.principal}>
                        <Table.Td style={{ overflowWrap: "anywhere", width: "40%" }}>
                          <Anchor
                            component={Link}
                            size="sm"
                            title={r.principal}
                            to={`/access/snapshots/${snapshotId}/principals/${encodeURIComponent(r.principal)}`}
                          >
                            {nodeLabel(r.principal, 60)}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {r.details.slice(0, 40).map((d) => (
                              <Code key={d}>{d}</Code>
                            ))}
                            {r.details.length > 40 && (
                              <Text size="xs" c="dimmed">
                                … and {r.details.length - 40} more
                              </Text>
                            )}
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
