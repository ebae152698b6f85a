import { Fragment, useState } from "react";
import { Code, Table, Text, UnstyledButton } from "@mantine/core";
import type { AuditEvent } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";

export function AuditTable({ items }: { items: AuditEvent[] }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table striped aria-label="Audit events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>#</Table.Th>
            <Table.Th w={170}>Time</Table.Th>
            <Table.Th w={120}>Actor</Table.Th>
            <Table.Th w={160}>Action</Table.Th>
            <Table.Th w={200}>Target</Table.Th>
            <Table.Th>Summary</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Fragment key={e.id}>
              <Table.Tr>
                <Table.Td>
                  <UnstyledButton
                    onClick={() => setOpen(open === e.id ? null : e.id)}
                    aria-expanded={open === e.id}
                    aria-label={`Details of event ${e.seq}`}
                    fz="sm"
                  >
                    {open === e.id ? "▾" : "▸"} {e.seq}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" title={e.at}>
                    {formatDateTime(e.at)}
                  </Text>
                </Table.Td>
                <Table.Td>{e.actorName}</Table.Td>
                <Table.Td>
                  <Code>{e.action}</Code>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">
                    {e.targetType}
                    {e.targetId ? ` ${e.targetId.slice(0, 8)}…` : ""}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{e.summary}</Text>
                </Table.Td>
              </Table.Tr>
              {open === e.id && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="xs" component="div">
                      <div>
                        id <Code>{e.id}</Code> · target id <Code>{e.targetId ?? "—"}</Code> ·
                        request <Code>{e.requestId ?? "—"}</Code>
                      </div>
                      <div>
                        hash <Code>{e.hash}</Code>
                      </div>
                      {e.changes && (
                        <Code block mt={4}>
                          {JSON.stringify(e.changes, null, 2)}
                        </Code>
                      )}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
