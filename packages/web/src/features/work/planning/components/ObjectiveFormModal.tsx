import { useState } from "react";
import {
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  TextInput,
  Textarea,
} from "@mantine/core";
import type { ObjectiveView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { itemRef } from "../../shared/work-format";
import { listEpics } from "../api";
import type { ObjectiveBody } from "../api";
import { currentQuarter, quarterOptions } from "../quarters";
import { UsernameInput } from "./UsernameInput";

/** Create or edit an objective: title, quarter, one owner and the epics that deliver it. */
export function ObjectiveFormModal({
  objective,
  quarter,
  onClose,
  onSave,
}: {
  objective: ObjectiveView | null;
  /** The quarter a new objective starts in (the one being viewed). */
  quarter: string;
  onClose: () => void;
  onSave: (body: ObjectiveBody) => Promise<unknown>;
}) {
  const epics = useApiQuery("epics:all", () => listEpics("all"));
  const [title, setTitle] = useState(objective?.title ?? "");
  const [description, setDescription] = useState(objective?.description ?? "");
  const [q, setQ] = useState(objective?.quarter ?? quarter);
  const { user } = useSession();
  // One DRI per objective: a new one starts owned by whoever creates it.
  const [owner, setOwner] = useState(objective ? (objective.owner?.username ?? "") : user.username);
  const [epicIds, setEpicIds] = useState<string[]>(objective?.epics.map((e) => e.id) ?? []);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const quarters = [...new Set([...quarterOptions(currentQuarter(), 4, 4), q])].sort();
  // Linked epics stay choosable even when they are not in the loaded list (e.g. closed ones).
  const epicOptions = new Map<string, string>();
  for (const e of objective?.epics ?? []) epicOptions.set(e.id, `${itemRef(e.number)} ${e.title}`);
  for (const e of epics.data?.items ?? [])
    epicOptions.set(e.item.id, `${itemRef(e.item.number)} ${e.item.title}`);

  const save = () => {
    setBusy(true);
    setError(null);
    onSave({ title, description, quarter: q, owner: owner.trim() || null, epicIds })
      .then(onClose)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={objective ? "Edit objective" : "New objective"}
      size="lg"
    >
      <Stack gap="sm">
        <TextInput
          label="Objective"
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={errors.title}
        />
        <Group grow align="flex-start">
          <Select
            label="Quarter"
            allowDeselect={false}
            data={quarters}
            value={q}
            onChange={(v) => v && setQ(v)}
            error={errors.quarter}
          />
          <UsernameInput
            label="Owner (DRI)"
            value={owner}
            onChange={setOwner}
            error={errors.owner}
          />
        </Group>
        <Textarea
          label="Description"
          description="Markdown: why it matters and how it is measured."
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
        />
        <MultiSelect
          label="Linked epics"
          description="The epics that deliver this objective."
          searchable
          clearable
          data={[...epicOptions].map(([value, label]) => ({ value, label }))}
          value={epicIds}
          onChange={setEpicIds}
          error={errors.epicIds}
          nothingFoundMessage={epics.loading ? "Loading epics…" : "No epic matches"}
        />
        <ErrorAlert error={epics.error} title="Could not load epics" />
        <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} title="Not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} disabled={!title.trim()} onClick={save}>
            {objective ? "Save objective" : "Create objective"}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
