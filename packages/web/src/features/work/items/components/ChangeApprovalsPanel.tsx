import { useState } from "react";
import {
  Badge,
  Button,
  Group,
  List,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import type { WorkItemView } from "@infrasec/contracts";
import {
  APPROVER_CAPACITIES,
  CHANGE_APPROVAL_IDS,
  CRITICALITIES,
  changeApprovalRequirements,
} from "@infrasec/engines/work";
import type { Criticality } from "@infrasec/engines/work";
import { formatDateTime } from "../../../../app/format";
import { humanize } from "../../../../app/format";
import { UserRefText } from "../../shared/UserRefText";
import type { ChangeApprovalInput } from "../../shared/work-items-api";

/**
 * A change request's approvals: what its criticality requires (and why), what was given, what is
 * missing; people with work:manage record an approval in the capacity they give it.
 */
export function ChangeApprovalsPanel({
  item,
  canRecord,
  onRecord,
}: {
  item: WorkItemView;
  canRecord: boolean;
  onRecord: (input: ChangeApprovalInput) => Promise<void>;
}) {
  const [requirement, setRequirement] = useState<string | null>(null);
  const [capacity, setCapacity] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const c = item.fields.criticality;
  const criticality = (CRITICALITIES as readonly string[]).includes(String(c))
    ? (c as Criticality)
    : null;
  const req = criticality
    ? changeApprovalRequirements(criticality, item.fields.touchesDatabase === true)
    : null;
  const state = item.derived.changeApproval;
  return (
    <Paper withBorder p="sm" component="section" aria-label="Change approvals">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Change approvals
          </Title>
          <Group gap={4}>
            <Badge variant="outline">{criticality ?? "criticality not set"}</Badge>
            {state && (
              <Badge color={state.satisfied ? "green" : "yellow"}>
                {state.satisfied ? "Approvals complete" : `${state.missing.length} missing`}
              </Badge>
            )}
          </Group>
        </Group>
        {req && (
          <>
            <Text size="sm" fw={500}>
              Required
            </Text>
            <List size="sm" spacing={0}>
              {req.explanation.map((e) => (
                <List.Item key={e}>{e}</List.Item>
              ))}
            </List>
            {req.preconditions.length > 0 && (
              <Text size="xs" c="dimmed">
                Before it starts: {req.preconditions.join("; ")}.
              </Text>
            )}
            {req.autoLabels.length > 0 && (
              <Text size="xs" c="dimmed">
                Labels added automatically: {req.autoLabels.join(", ")}.
              </Text>
            )}
          </>
        )}
        {state && state.missing.length > 0 && (
          <Text size="sm" c="orange">
            Missing: {state.missing.join("; ")}
          </Text>
        )}
        {item.changeApprovals.length > 0 && (
          <Table fz="sm" aria-label="Approvals given" verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Approval</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>As</Table.Th>
                <Table.Th>When</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {item.changeApprovals.map((a) => (
                <Table.Tr key={`${a.requirement}-${a.by.id}-${a.at}`}>
                  <Table.Td>{a.requirement}</Table.Td>
                  <Table.Td>
                    <UserRefText user={a.by} />
                  </Table.Td>
                  <Table.Td>{humanize(a.capacity)}</Table.Td>
                  <Table.Td>{formatDateTime(a.at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canRecord && (
          <Group gap="xs" align="flex-end">
            <Select
              label="Record approval"
              placeholder="Approval"
              w={200}
              data={(req?.approvals.map((a) => a.id) ?? [...CHANGE_APPROVAL_IDS])
                // Approvals already given drop out of the choice.
                .filter((id) => !item.changeApprovals.some((a) => a.requirement === id))
                .map((id) => ({ value: id, label: id }))}
              value={requirement}
              onChange={(v) => {
                setRequirement(v);
                const accepts = req?.approvals.find((a) => a.id === v)?.accepts;
                if (accepts?.length === 1) setCapacity(accepts[0] ?? null);
              }}
            />
            <Select
              label="In the capacity of"
              w={180}
              data={APPROVER_CAPACITIES.map((c) => ({ value: c, label: humanize(c) }))}
              value={capacity}
              onChange={setCapacity}
            />
            <Button
              disabled={!requirement || !capacity}
              loading={busy}
              onClick={() => {
                if (!requirement || !capacity) return;
                setBusy(true);
                void onRecord({
                  requirement: requirement as ChangeApprovalInput["requirement"],
                  capacity: capacity as ChangeApprovalInput["capacity"],
                }).then(() => {
                  setBusy(false);
                  setRequirement(null);
                  setCapacity(null);
                });
              }}
            >
              Record approval
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
