import { useState } from "react";
import {
  Alert,
  Anchor,
  Button,
  Code,
  ColorSwatch,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link } from "react-router";
import type { LabelView } from "@infrasec/contracts";
import { ConfirmModal } from "../../../../app/ConfirmModal";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useApiQuery } from "../../../../app/use-api";
import { LabelBadge } from "../../shared/LabelBadge";
import { catalogMap } from "../../shared/label-colors";
import { createLabel, deleteLabel, listCatalogLabels, updateLabel } from "../api";
import { LabelFormModal } from "./LabelFormModal";

type Dialog = { kind: "create" } | { kind: "edit" | "delete"; label: LabelView } | null;

/** The label catalogue: scope, colour, description and usage; create, edit, delete. */
export function LabelsPanel() {
  const labels = useApiQuery("work-labels", () => listCatalogLabels());
  const [filter, setFilter] = useState("");
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const saved = (message: string) => {
    notifications.show({ color: "green", message });
    labels.reload();
  };
  const all = labels.data?.items ?? [];
  const catalog = catalogMap(all);
  const needle = filter.trim().toLowerCase();
  const shown = needle
    ? all.filter(
        (l) =>
          l.name.toLowerCase().includes(needle) || l.description.toLowerCase().includes(needle),
      )
    : all;

  return (
    <Stack gap="sm">
      <Alert color="blue" title="Scoped labels">
        <Text size="sm">
          A name with <Code>::</Code> is scoped: its key is everything before the last{" "}
          <Code>::</Code> (<Code>workflow::backend::review</Code> has the key{" "}
          <Code>workflow::backend</Code>). An item carries at most one label per key, so adding{" "}
          <Code>InfraSec::backlog</Code> removes <Code>InfraSec::triage</Code>. Names with a single
          colon (<Code>Review-Priority:1</Code>) are not scoped.
        </Text>
      </Alert>
      <Group justify="space-between">
        <TextInput
          aria-label="Filter labels"
          placeholder="Filter by name or description"
          w={320}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
        <Button onClick={() => setDialog({ kind: "create" })}>New label</Button>
      </Group>
      <ErrorAlert error={labels.error} title="Could not load labels" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={labels.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        <Table.ScrollContainer minWidth={860}>
          <Table striped aria-label="Labels">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Label</Table.Th>
                <Table.Th>Scope</Table.Th>
                <Table.Th>Colour</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>Usage</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((l) => (
                <Table.Tr key={l.name}>
                  <Table.Td>
                    <LabelBadge name={l.name} catalog={catalog} />
                  </Table.Td>
                  <Table.Td>
                    {l.scope ? (
                      <Code>{l.scope}</Code>
                    ) : (
                      <Text size="sm" c="dimmed">
                        unscoped
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <ColorSwatch color={l.color} size={16} aria-hidden />
                      <Text size="xs" ff="monospace">
                        {l.color}
                      </Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{l.description || "—"}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {l.usage > 0 ? (
                      <Anchor
                        component={Link}
                        to={`/work/items?state=all&label=${encodeURIComponent(l.name)}`}
                        size="sm"
                      >
                        {l.usage} item{l.usage === 1 ? "" : "s"}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        unused
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={`Edit label ${l.name}`}
                        onClick={() => setDialog({ kind: "edit", label: l })}
                      >
                        Edit
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        aria-label={`Delete label ${l.name}`}
                        onClick={() => setDialog({ kind: "delete", label: l })}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {labels.data && shown.length === 0 && (
          <Text size="sm" p="md" c="dimmed">
            {all.length === 0
              ? "The catalogue is empty. Create a label with “New label”."
              : "No label matches the filter."}
          </Text>
        )}
      </Paper>
      {dialog?.kind === "create" && (
        <LabelFormModal
          label={null}
          onClose={close}
          onSave={async (body) => {
            const l = await createLabel(body);
            saved(`Label ${l.name} created`);
          }}
        />
      )}
      {dialog?.kind === "edit" && (
        <LabelFormModal
          label={dialog.label}
          onClose={close}
          onSave={async (body) => {
            const patch = body.name === dialog.label.name ? { ...body, name: undefined } : body;
            const l = await updateLabel(dialog.label.name, patch);
            saved(`Label ${l.name} saved`);
          }}
        />
      )}
      {dialog?.kind === "delete" && (
        <ConfirmModal
          opened
          title="Delete label?"
          confirmLabel="Delete label"
          onClose={close}
          onConfirm={async () => {
            await deleteLabel(dialog.label.name);
            saved(`Label ${dialog.label.name} deleted`);
          }}
        >
          {dialog.label.usage > 0 ? (
            <>
              <b>{dialog.label.usage}</b> item{dialog.label.usage === 1 ? " carries" : "s carry"}{" "}
              <b>{dialog.label.name}</b>. Deleting it removes it from{" "}
              {dialog.label.usage === 1 ? "that item" : `all ${dialog.label.usage} items`} and from
              the catalogue; item histories keep the change.
            </>
          ) : (
            <>
              No item carries <b>{dialog.label.name}</b>. Delete it from the catalogue?
            </>
          )}
        </ConfirmModal>
      )}
    </Stack>
  );
}
