import { useState } from "react";
import type { FormEvent } from "react";
import {
  ActionIcon,
  Autocomplete,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { STATUS_MODELS } from "@infrasec/engines/work";
import type { BoardView, LabelView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import { boardBodyFromForm, boardFormErrors, boardFormFromBoard } from "../board-form-values";
import type { BoardFormColumn, BoardFormValues } from "../board-form-values";
import type { BoardBody } from "../api";

/** Every status id of every kind's model, as suggestions for status-mode columns. */
const STATUS_SUGGESTIONS = [
  ...new Set(Object.values(STATUS_MODELS).flatMap((m) => m.statuses.map((s) => s.id))),
];

/** Create (board = null) or edit a board: mode, scope, columns with WIP limits, lanes, filters. */
export function BoardFormModal({
  board,
  opened,
  catalog,
  onClose,
  onSave,
}: {
  board: BoardView | null;
  opened: boolean;
  catalog?: readonly LabelView[];
  onClose: () => void;
  onSave: (body: BoardBody) => Promise<unknown>;
}) {
  const [form, setForm] = useState<BoardFormValues>(() => boardFormFromBoard(board));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);
  const local = boardFormErrors(form);
  const server = fieldErrors(error);
  const err = (key: string) => (touched ? local[key] : undefined) ?? server[key];
  const set = (patch: Partial<BoardFormValues>) => setForm((f) => ({ ...f, ...patch }));
  const setColumn = (i: number, patch: Partial<BoardFormColumn>) =>
    set({ columns: form.columns.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const moveColumn = (i: number, by: -1 | 1) => {
    const cols = [...form.columns];
    const [c] = cols.splice(i, 1);
    if (c) cols.splice(i + by, 0, c);
    set({ columns: cols });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setError(null);
    onSave(boardBodyFromForm(form))
      .then(onClose)
      .catch((x: unknown) => setError(x))
      .finally(() => setBusy(false));
  };

  const scopePrefix = form.mode === "scope" && form.scope.trim() ? `${form.scope.trim()}::` : "";
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={board ? `Edit board ${board.name}` : "New board"}
      size="lg"
    >
      <form onSubmit={submit} aria-label={board ? "Edit board" : "New board"} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={error} title="Board not saved" />
          <TextInput
            label="Name"
            required
            value={form.name}
            error={err("name")}
            onChange={(e) => set({ name: e.currentTarget.value })}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Columns are
            </Text>
            <SegmentedControl
              aria-label="Columns are"
              value={form.mode}
              onChange={(v) => set({ mode: v })}
              data={[
                { value: "scope", label: "Values of a label scope" },
                { value: "status", label: "Statuses" },
              ]}
            />
            <Text size="xs" c="dimmed">
              {form.mode === "scope"
                ? "Moving a card applies the column's scoped label, which replaces the item's other value of that scope."
                : "Moving a card changes the item's status (the status model's guards apply)."}
            </Text>
          </Stack>
          {form.mode === "scope" && (
            <TextInput
              label="Label scope"
              description="The part before :: of the column labels, e.g. InfraSec or InfraSecStatus"
              required
              value={form.scope}
              error={err("scope")}
              onChange={(e) => set({ scope: e.currentTarget.value })}
            />
          )}
          <Stack gap={6}>
            <Text size="sm" fw={500}>
              Columns
            </Text>
            {err("columns") && (
              <Text size="xs" c="red">
                {err("columns")}
              </Text>
            )}
            {form.columns.map((c, i) => (
              <Group key={i} gap={6} align="flex-start" wrap="nowrap">
                {form.mode === "scope" ? (
                  <TextInput
                    aria-label={`Column ${i + 1} value`}
                    placeholder="value"
                    leftSection={
                      scopePrefix ? (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {scopePrefix}
                        </Text>
                      ) : undefined
                    }
                    leftSectionWidth={scopePrefix ? scopePrefix.length * 7 + 12 : undefined}
                    value={c.value}
                    error={err(`columns.${i}.value`)}
                    onChange={(e) => setColumn(i, { value: e.currentTarget.value })}
                    style={{ flex: 2 }}
                  />
                ) : (
                  <Autocomplete
                    aria-label={`Column ${i + 1} status`}
                    placeholder="status"
                    data={STATUS_SUGGESTIONS}
                    value={c.value}
                    error={err(`columns.${i}.value`)}
                    onChange={(v) => setColumn(i, { value: v })}
                    style={{ flex: 2 }}
                  />
                )}
                <TextInput
                  aria-label={`Column ${i + 1} title`}
                  placeholder="title (optional)"
                  value={c.title}
                  onChange={(e) => setColumn(i, { title: e.currentTarget.value })}
                  style={{ flex: 2 }}
                />
                <NumberInput
                  aria-label={`Column ${i + 1} WIP limit`}
                  placeholder="WIP limit"
                  min={1}
                  max={1000}
                  allowDecimal={false}
                  value={c.wipLimit}
                  error={err(`columns.${i}.wipLimit`)}
                  onChange={(v) => setColumn(i, { wipLimit: typeof v === "number" ? v : "" })}
                  w={110}
                />
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move column ${i + 1} up`}
                  disabled={i === 0}
                  onClick={() => moveColumn(i, -1)}
                  mt={4}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  aria-label={`Move column ${i + 1} down`}
                  disabled={i === form.columns.length - 1}
                  onClick={() => moveColumn(i, 1)}
                  mt={4}
                >
                  ↓
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove column ${i + 1}`}
                  onClick={() => set({ columns: form.columns.filter((_, j) => j !== i) })}
                  mt={4}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                variant="default"
                size="xs"
                disabled={form.columns.length >= 20}
                onClick={() =>
                  set({ columns: [...form.columns, { value: "", title: "", wipLimit: "" }] })
                }
              >
                Add column
              </Button>
            </Group>
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Swimlanes
            </Text>
            <SegmentedControl
              aria-label="Swimlanes"
              value={form.swimlanes}
              onChange={(v) => set({ swimlanes: v })}
              data={[
                { value: "none", label: "None" },
                { value: "assignee", label: "By assignee" },
              ]}
            />
          </Stack>
          <MultiSelect
            label="Only items with these labels"
            description="Every label listed must be on an item for it to appear"
            data={[...new Set([...(catalog ?? []).map((l) => l.name), ...form.filterLabels])]}
            value={form.filterLabels}
            onChange={(v) => set({ filterLabels: v })}
            error={err("filterLabels")}
            searchable
            clearable
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {board ? "Save board" : "Create board"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
