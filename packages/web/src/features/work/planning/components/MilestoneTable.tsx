import { Anchor, Badge, Button, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { MilestoneView } from "@infrasec/contracts";
import { formatDay } from "../../shared/work-format";
import { ProgressCell } from "./ProgressCell";

/** Milestones with their dates, state and progress; an Edit action for work:manage. */
export function MilestoneTable({
  milestones,
  onEdit,
}: {
  milestones: readonly MilestoneView[];
  onEdit?: (m: MilestoneView) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped aria-label="Milestones">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Milestone</Table.Th>
            <Table.Th>Start</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Progress</Table.Th>
            {onEdit && <Table.Th aria-label="Actions" />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {milestones.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/work/planning/milestones/${m.id}`}
                  size="sm"
                  fw={500}
                >
                  {m.title}
                </Anchor>
                {m.description && (
                  <Text size="xs" c="dimmed" lineClamp={1} maw={360}>
                    {m.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDay(m.startDate)}</Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDay(m.dueDate)}</Table.Td>
              <Table.Td>
                <Badge color={m.state === "active" ? "green" : "gray"}>{m.state}</Badge>
              </Table.Td>
              <Table.Td>
                <ProgressCell progress={m.progress} label={m.title} />
              </Table.Td>
              {onEdit && (
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => onEdit(m)}
                    aria-label={`Edit milestone ${m.title}`}
                  >
                    Edit
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
