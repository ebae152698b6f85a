import { Anchor, Badge, Group, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ReviewRule } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { FRAMEWORK_LABELS, PROVIDER_LABELS } from "../rule-labels";
import { Equivalents } from "./Equivalents";

export function RuleTable({ items }: { items: ReviewRule[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Framework</Table.Th>
            <Table.Th>Provider</Table.Th>
            <Table.Th>Tags</Table.Th>
            <Table.Th>Checkov / Trivy</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor
                  component={Link}
                  to={`/review/rules/${encodeURIComponent(r.id)}`}
                  size="sm"
                  ff="monospace"
                  fw={500}
                >
                  {r.id}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <SeverityBadge severity={r.severity} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.title}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{FRAMEWORK_LABELS[r.framework]}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm">{PROVIDER_LABELS[r.provider]}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {r.tags.map((t) => (
                    <Badge key={t} size="sm" variant="outline" color="gray">
                      {t}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Equivalents equivalents={r.equivalents} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
