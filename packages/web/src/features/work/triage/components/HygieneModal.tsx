import { useState } from "react";
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Modal,
  ScrollArea,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import { Link } from "react-router";
import { useApiQuery } from "../../../../app/use-api";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { runHygiene } from "../api";

const ACTION_TEXT = {
  ping_assignee: "Ping assignee",
  add_label: "Add label",
  close: "Close",
} as const;

/**
 * The staleness rules: a dry run lists what they would do (pings, InfraSec::stale, auto-close),
 * and Apply runs them for real. Nothing changes until Apply is pressed.
 */
export function HygieneModal({
  opened,
  onClose,
  onApplied,
}: {
  opened: boolean;
  onClose: () => void;
  onApplied: (count: number) => void;
}) {
  const dry = useApiQuery(opened ? "hygiene-dry-run" : null, () => runHygiene(true));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const actions = dry.data?.actions ?? [];
  const close = () => {
    setError(null);
    onClose();
  };
  const apply = () => {
    setBusy(true);
    setError(null);
    runHygiene(false)
      .then((r) => {
        onApplied(r.actions.length);
        close();
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened={opened} onClose={close} title="Run hygiene rules" size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Dry run: what the rules would do now. Backlog items idle for 3 months get a ping, items
          idle for 6 months get InfraSec::stale, and stale items are closed when auto-close is on.
        </Text>
        <ErrorAlert error={dry.error} title="Dry run failed" />
        {dry.loading && <Text size="sm">Running the rules…</Text>}
        {dry.data && actions.length === 0 && (
          <Alert color="green" title="Nothing to do">
            Every open item has seen activity recently enough.
          </Alert>
        )}
        {actions.length > 0 && (
          <ScrollArea.Autosize mah={400}>
            <Table striped aria-label="Hygiene actions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Item</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {actions.map((a, i) => (
                  <Table.Tr key={`${a.item.id}-${a.kind}-${i}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/work/items/${a.item.number}`} size="sm">
                        #{a.item.number}
                      </Anchor>{" "}
                      <Text span size="sm">
                        {a.item.title}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Badge variant="light" color={a.kind === "close" ? "red" : "blue"}>
                        {ACTION_TEXT[a.kind]}
                      </Badge>
                      {a.label && (
                        <Text span size="xs" ml={4}>
                          {a.label}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.reason}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea.Autosize>
        )}
        <ErrorAlert error={error} title="Nothing was applied" />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button loading={busy} disabled={actions.length === 0} onClick={apply}>
            Apply {actions.length} action{actions.length === 1 ? "" : "s"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
