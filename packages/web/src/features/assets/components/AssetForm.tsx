import { useState } from "react";
import type { FormEvent } from "react";
import {
  Autocomplete,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
  Textarea,
} from "@mantine/core";
import { api } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { client, fieldErrors } from "../../../app/api-client";
import { useApiQuery } from "../../../app/use-api";
import { useSession } from "../../../app/session";
import {
  CRITICALITY_OPTIONS,
  DATA_CLASS_OPTIONS,
  ENVIRONMENT_OPTIONS,
  EXPOSURE_OPTIONS,
  KIND_OPTIONS,
} from "../asset-labels";
import { validateAsset } from "../asset-form-values";
import type { AssetFormValues } from "../asset-form-values";
import { IdentifiersEditor } from "./IdentifiersEditor";

interface Props {
  initial: AssetFormValues;
  mode: "create" | "edit";
  submitLabel: string;
  onSubmit: (values: AssetFormValues) => Promise<void>;
  onCancel: () => void;
}

/** Create and edit form; validates with the server's schema as the user types. */
export function AssetForm({ initial, mode, submitLabel, onSubmit, onCancel }: Props) {
  const { can } = useSession();
  const [values, setValues] = useState<AssetFormValues>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const teams = useApiQuery(can("teams:read") ? "teams" : null, () => client.call(api.teams.list));

  const local = validateAsset(values);
  const server = fieldErrors(serverError);
  const err = (path: string) => {
    const top = path.split(".")[0] ?? path;
    const show = submitted || touched.has(top);
    return (show ? local[path] : undefined) ?? server[path];
  };
  const set = <K extends keyof AssetFormValues>(key: K, value: AssetFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
    setServerError(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    onSubmit(values)
      .catch((error: unknown) => setServerError(error))
      .finally(() => setBusy(false));
  };

  const selectProps = (
    key: keyof AssetFormValues,
    label: string,
    data: { value: string; label: string }[],
  ) => ({
    label,
    data,
    allowDeselect: false,
    value: (values[key] as string) || null,
    error: err(key),
    onChange: (v: string | null) => set(key, v ?? ""),
  });

  return (
    <form onSubmit={submit} aria-label={mode === "create" ? "New asset" : "Edit asset"} noValidate>
      <Stack gap="sm" maw={860}>
        <ErrorAlert error={serverError} title="The asset was not saved" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Name"
            required
            value={values.name}
            error={err("name")}
            onChange={(e) => set("name", e.currentTarget.value)}
          />
          <TextInput
            label="Key"
            description="Stable unique id, used to upsert on import (e.g. host:web-1)"
            required
            disabled={mode === "edit"}
            value={values.key}
            error={err("key")}
            onChange={(e) => set("key", e.currentTarget.value)}
          />
          <Select {...selectProps("kind", "Kind", KIND_OPTIONS)} required searchable />
          <Autocomplete
            label="Owner team"
            data={teams.data?.items.map((t) => t.name) ?? []}
            value={values.ownerTeam}
            error={err("ownerTeam")}
            onChange={(v) => set("ownerTeam", v)}
          />
          <Select {...selectProps("environment", "Environment", ENVIRONMENT_OPTIONS)} />
          <Select
            {...selectProps("criticality", "Criticality", CRITICALITY_OPTIONS)}
            description="1 is the most critical"
          />
          <Select {...selectProps("exposure", "Exposure", EXPOSURE_OPTIONS)} />
          <Select
            {...selectProps("dataClassification", "Data classification", DATA_CLASS_OPTIONS)}
            description="red is the most sensitive, green is public"
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={8}
          value={values.description}
          error={err("description")}
          onChange={(e) => set("description", e.currentTarget.value)}
        />
        <TagsInput
          label="Tags"
          description="Press Enter after each tag; letters, digits and _ . : / = -"
          value={values.tags}
          error={err("tags")}
          onChange={(v) => set("tags", v)}
        />
        <IdentifiersEditor
          rows={values.identifiers}
          errors={(i, f) => err(`identifiers.${i}.${f}`)}
          onChange={(rows) => set("identifiers", rows)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
