import { useState } from "react";
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  List,
  Stack,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { TemplateView } from "@infrasec/contracts";
import { ApiError } from "../../../../app/api-client";
import { ConfirmModal } from "../../../../app/ConfirmModal";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { formatDateTime } from "../../../../app/format";
import { kindLabel } from "../../shared/work-format";
import { resetTemplate, updateTemplate } from "../api";
import { errorsByPath, formatDefinition, parseDefinition } from "../template-json";

/**
 * A template's definition as JSON. The syntax is checked as you type; the server validates the
 * template itself and its problems are listed by their path inside the definition. Saving raises
 * the version; "Reset to shipped" restores the definition infrasec ships.
 */
export function TemplateEditor({
  template,
  canEdit,
  onSaved,
}: {
  template: TemplateView;
  canEdit: boolean;
  onSaved: (t: TemplateView) => void;
}) {
  const original = formatDefinition(template.definition);
  const [text, setText] = useState(original);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const parsed = parseDefinition(text);
  const dirty = text !== original;
  const problems = error instanceof ApiError ? errorsByPath(error.details) : [];

  const save = () => {
    if (!parsed.ok) return;
    setBusy(true);
    setError(null);
    updateTemplate(template.id, parsed.value)
      .then((t) => {
        notifications.show({ color: "green", message: `${t.name} saved as version ${t.version}` });
        onSaved(t);
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={3} size="h4">
            {template.name}
          </Title>
          <Group gap="xs">
            <Code>{template.id}</Code>
            <Text size="xs" c="dimmed">
              {kindLabel(template.kind)} · version {template.version} · updated{" "}
              {formatDateTime(template.updatedAt)}
            </Text>
            {template.customized ? (
              <Badge color="violet">customized</Badge>
            ) : (
              <Badge color="gray">as shipped</Badge>
            )}
          </Group>
        </Stack>
        {canEdit && (
          <Group gap="xs">
            <Button
              variant="default"
              disabled={!template.customized}
              onClick={() => setConfirmReset(true)}
            >
              Reset to shipped
            </Button>
            <Button variant="default" disabled={!dirty} onClick={() => setText(original)}>
              Discard changes
            </Button>
            <Button loading={busy} disabled={!dirty || !parsed.ok} onClick={save}>
              Save template
            </Button>
          </Group>
        )}
      </Group>
      {!canEdit && (
        <Alert color="gray" title="Read only">
          Changing templates needs the settings:manage permission (administrators).
        </Alert>
      )}
      <Textarea
        label="Definition (JSON)"
        description="Sections of fields: key, type, label, help, required, options, rubric anchors, checklist questions."
        autosize
        minRows={12}
        maxRows={32}
        spellCheck={false}
        readOnly={!canEdit}
        value={text}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setError(null);
        }}
        error={parsed.ok ? undefined : `JSON: ${parsed.message}`}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
      />
      {problems.length > 0 && (
        <Alert
          color="red"
          title={`The server refused the template: ${problems.length} problem(s)`}
          role="alert"
        >
          <List size="sm" spacing={4}>
            {problems.map((p) => (
              <List.Item key={p.path}>
                <Code>{p.path}</Code> {p.messages.join("; ")}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <ErrorAlert error={problems.length > 0 ? null : error} title="Not saved" />
      <ConfirmModal
        opened={confirmReset}
        title="Reset to the shipped template?"
        confirmLabel="Reset template"
        onClose={() => setConfirmReset(false)}
        onConfirm={async () => {
          const t = await resetTemplate(template.id);
          notifications.show({
            color: "green",
            message: `${t.name} reset to the shipped definition`,
          });
          onSaved(t);
        }}
      >
        Replace the customized definition of <b>{template.name}</b> with the one infrasec ships?
        Existing items keep their values; fields the shipped template lacks are no longer shown in
        forms.
      </ConfirmModal>
    </Stack>
  );
}
