import { Anchor, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { EpicView } from "@infrasec/contracts";
import { formatDateTime } from "../../../../app/format";
import { UserRefText } from "../../shared/UserRefText";
import { formatDay, itemRef } from "../../shared/work-format";
import { latestUpdate } from "../progress-format";
import { EpicHealth } from "./EpicHealth";
import { ProgressCell } from "./ProgressCell";

/** Epics with owner, progress, health, due date and their latest status update. */
export function EpicTable({ epics }: { epics: readonly EpicView[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Epics">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Epic</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Progress</Table.Th>
            <Table.Th>Health</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Latest status update</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {epics.map((e) => {
            const latest = latestUpdate(e);
            return (
              <Table.Tr key={e.item.id}>
                <Table.Td>
                  <Text size="xs" c="dimmed" component="span" mr={6}>
                    {itemRef(e.item.number)}
                  </Text>
                  <Anchor component={Link} to={`/work/items/${e.item.number}`} size="sm" fw={500}>
                    {e.item.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <UserRefText user={e.item.owner} />
                </Table.Td>
                <Table.Td>
                  <ProgressCell progress={e.progress} label={e.item.title} />
                </Table.Td>
                <Table.Td>
                  <EpicHealth epic={e} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDay(e.dueDate)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <Anchor
                    component={Link}
                    to={`/work/planning/epics/${e.item.id}`}
                    size="sm"
                    aria-label={`Status and updates of ${e.item.title}`}
                  >
                    {latest ? formatDateTime(latest.createdAt) : "none yet"}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
