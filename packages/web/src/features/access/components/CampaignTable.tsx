import { Anchor, Group, Progress, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { Campaign } from "@infrasec/contracts";
import { CampaignStatusBadge, ProviderBadge } from "./AccessBadges";

/** Campaigns with their progress and deadline; the name opens the campaign. */
export function CampaignTable({ items }: { items: readonly Campaign[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Review campaigns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Campaign</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Snapshot</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th w={220}>Progress</Table.Th>
            <Table.Th>Reviewers</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Anchor component={Link} to={`/access/campaigns/${c.id}`} size="sm" fw={500}>
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {c.kind === "privileged" ? "privileged access" : "terminated users"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <ProviderBadge provider={c.provider} />
                  <Text size="sm">{c.snapshotName}</Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <CampaignStatusBadge campaign={c} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={c.overdue ? "red" : undefined}>
                  {c.dueDate}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Progress
                    value={c.progress.percent}
                    w={110}
                    color={c.progress.percent === 100 ? "green" : "blue"}
                    aria-label={`${c.progress.decided} of ${c.progress.total} decided`}
                  />
                  <Text size="xs" c="dimmed">
                    {c.progress.decided}/{c.progress.total}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.reviewers.map((r) => r.username).join(", ") || "—"}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
