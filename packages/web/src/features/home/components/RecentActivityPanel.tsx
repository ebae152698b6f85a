import { Anchor, Code, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatRelative } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { loadRecentActivity } from "../api";

/** The latest audit events: who changed what, when. */
export function RecentActivityPanel() {
  const events = useApiQuery("recent-activity", () => loadRecentActivity(15));
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2}>Recent activity</Title>
          <Anchor component={Link} to="/admin/audit" size="sm">
            Audit log
          </Anchor>
        </Group>
        <ErrorAlert error={events.error} title="Could not load activity" />
        {!events.data && !events.error && <Loader size="sm" aria-label="Loading activity" />}
        {events.data?.length === 0 && <Text size="sm">No activity recorded yet.</Text>}
        {events.data && events.data.length > 0 && (
          <Table aria-label="Recent activity">
            <Table.Tbody>
              {events.data.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td w={110}>
                    <Text size="xs" c="dimmed" title={e.at}>
                      {formatRelative(e.at)}
                    </Text>
                  </Table.Td>
                  <Table.Td w={130}>
                    <Text size="sm">{e.actorName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.summary}</Text>
                  </Table.Td>
                  <Table.Td w={150}>
                    <Code>{e.action}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
