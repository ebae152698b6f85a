import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { ObjectiveView } from "@infrasec/contracts";
import { Markdown } from "../../shared/Markdown";
import { UserRefText } from "../../shared/UserRefText";
import { itemRef } from "../../shared/work-format";
import type { KeyResultView } from "../api";
import { BandBadge } from "./BandBadge";
import { KeyResultRow } from "./KeyResultRow";

/**
 * An objective: owner, score and band (the mean of its key results), linked epics and its key
 * results. Managers edit it and its key results; a key result's DRI updates its current value.
 */
export function ObjectiveCard({
  objective: o,
  username,
  canManage,
  onEdit,
  onDelete,
  onAddKeyResult,
  onEditKeyResult,
  onDeleteKeyResult,
  onUpdateCurrent,
}: {
  objective: ObjectiveView;
  /** The signed-in user, to offer the inline update on their own key results. */
  username: string;
  canManage: boolean;
  onEdit: () => void;
  onDelete: () => void;
  onAddKeyResult: () => void;
  onEditKeyResult: (kr: KeyResultView) => void;
  onDeleteKeyResult: (kr: KeyResultView) => void;
  onUpdateCurrent: (kr: KeyResultView, current: number) => Promise<unknown>;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={`Objective ${o.title}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3} size="h4">
              {o.title}
            </Title>
            <Text size="xs" c="dimmed" component="div">
              {o.quarter} · owner <UserRefText user={o.owner} size="xs" empty="none" />
            </Text>
          </Stack>
          <Group gap="xs" wrap="nowrap">
            {o.scored ? (
              <BandBadge band={o.band} score={o.score} />
            ) : (
              <Text size="xs" c="dimmed">
                no key result, no score
              </Text>
            )}
            {canManage && (
              <>
                <Button size="compact-sm" variant="subtle" onClick={onEdit}>
                  Edit
                </Button>
                <Button size="compact-sm" variant="subtle" color="red" onClick={onDelete}>
                  Delete
                </Button>
              </>
            )}
          </Group>
        </Group>
        <Markdown source={o.description} empty={null} />
        {o.epics.length > 0 && (
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              Epics:
            </Text>
            {o.epics.map((e) => (
              <Anchor key={e.id} component={Link} to={`/work/planning/epics/${e.id}`} size="sm">
                {itemRef(e.number)} {e.title}
              </Anchor>
            ))}
          </Group>
        )}
        {o.keyResults.length > 0 && (
          <Table aria-label={`Key results of ${o.title}`} verticalSpacing={8}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Key result</Table.Th>
                <Table.Th>Progress</Table.Th>
                <Table.Th>Current / target</Table.Th>
                <Table.Th>Score</Table.Th>
                {canManage && <Table.Th aria-label="Actions" />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.keyResults.map((kr) => (
                <KeyResultRow
                  key={`${kr.id}:${kr.updatedAt}`}
                  kr={kr}
                  canManage={canManage}
                  canUpdate={canManage || kr.owner?.username === username}
                  onUpdateCurrent={(current) => onUpdateCurrent(kr, current)}
                  onEdit={() => onEditKeyResult(kr)}
                  onDelete={() => onDeleteKeyResult(kr)}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canManage && (
          <Group>
            <Button size="compact-sm" variant="light" onClick={onAddKeyResult}>
              Add key result
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
