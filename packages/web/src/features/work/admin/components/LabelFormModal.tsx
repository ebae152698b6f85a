import { useState } from "react";
import {
  Alert,
  Button,
  ColorInput,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import type { LabelView } from "@infrasec/contracts";
import { labelScope } from "@infrasec/engines/work";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import { LabelBadge } from "../../shared/LabelBadge";
import type { LabelBody } from "../api";
import { LABEL_SWATCHES, isHexColor, scopeHint } from "../label-form";

/**
 * Create or edit a catalogue label. The name's scope is explained as it is typed; renaming a
 * label in use says how many items change with it.
 */
export function LabelFormModal({
  label,
  onClose,
  onSave,
}: {
  label: LabelView | null;
  onClose: () => void;
  onSave: (body: LabelBody) => Promise<unknown>;
}) {
  const [name, setName] = useState(label?.name ?? "");
  const [color, setColor] = useState(label?.color ?? LABEL_SWATCHES[0]);
  const [description, setDescription] = useState(label?.description ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const renaming = label !== null && name.trim() !== label.name;
  const colorOk = isHexColor(color);
  const previewLabel: LabelView = {
    name: name.trim(),
    scope: labelScope(name.trim()),
    color,
    description,
    usage: label?.usage ?? 0,
    createdAt: label?.createdAt ?? "",
  };
  const preview = new Map([[previewLabel.name, previewLabel]]);

  const save = () => {
    setBusy(true);
    setError(null);
    onSave({ name: name.trim(), color, description })
      .then(onClose)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened onClose={onClose} title={label ? `Edit label ${label.name}` : "New label"}>
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          description={scopeHint(name)}
          error={errors.name}
          data-autofocus
        />
        <ColorInput
          label="Colour"
          required
          format="hex"
          value={color}
          onChange={setColor}
          swatches={[...LABEL_SWATCHES]}
          error={errors.color ?? (colorOk ? undefined : "a colour is #rrggbb")}
        />
        <Textarea
          label="Description"
          description="Shown when hovering the label: what it means and when to use it."
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
        />
        {name.trim() && (
          <Group gap="xs">
            <Text size="sm">Preview:</Text>
            <LabelBadge name={name.trim()} catalog={preview} />
          </Group>
        )}
        {renaming && label.usage > 0 && (
          <Alert color="yellow" title="Renaming changes items">
            {label.usage} item(s) carry {label.name}; they will carry {name.trim()} instead.
          </Alert>
        )}
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!name.trim() || !colorOk} onClick={save}>
            {label ? "Save label" : "Create label"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
