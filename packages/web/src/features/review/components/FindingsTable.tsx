import { Anchor, Code, Table, Text } from "@mantine/core";
import { Link } from "react-router";
import type { ReviewFinding } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";

function FindingDetail({ f }: { f: ReviewFinding }) {
  if (f.status === "unknown" && f.needs)
    return (
      <Text size="xs" c="violet">
        needs the value of <Code>{f.needs}</Code>
      </Text>
    );
  if (f.status === "suppressed" && f.suppression)
    return (
      <Text size="xs" c="dimmed">
        suppressed ({f.suppression.source}): {f.suppression.reason}
        {f.suppression.owner ? ` · owner ${f.suppression.owner}` : ""}
        {f.suppression.until ? ` · until ${f.suppression.until}` : ""}
      </Text>
    );
  if (f.message && f.message !== f.title)
    return (
      <Text size="xs" c="dimmed">
        {f.message}
      </Text>
    );
  return null;
}

/** Findings of one run and status; the rule id opens the rule page. */
export function FindingsTable({ items }: { items: ReviewFinding[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Findings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Rule</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>File</Table.Th>
            <Table.Th>Resource</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <SeverityBadge severity={f.severity} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Anchor
                  component={Link}
                  to={`/review/rules/${encodeURIComponent(f.ruleId)}`}
                  size="sm"
                  ff="monospace"
                >
                  {f.ruleId}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.title}</Text>
                <FindingDetail f={f} />
              </Table.Td>
              <Table.Td style={{ maxWidth: 280, overflowWrap: "anywhere" }}>
                <Text size="sm" ff="monospace">
                  {f.file}:{f.startLine}
                  {f.endLine > f.startLine ? `–${f.endLine}` : ""}
                </Text>
              </Table.Td>
              <Table.Td style={{ maxWidth: 300, overflowWrap: "anywhere" }}>
                <Text size="sm" ff="monospace">
                  {f.resource}
                </Text>
                {f.attributePath && (
                  <Text size="xs" c="dimmed" ff="monospace">
                    {f.attributePath}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
