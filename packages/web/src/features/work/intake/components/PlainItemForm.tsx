import { useState } from "react";
import type { FormEvent } from "react";
import { Box, Button, Group, Paper, Stack } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import type { WorkKind } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import { createWorkItem } from "../../shared/work-items-api";
import { kindLabel } from "../../shared/work-format";
import { createBody } from "../intake-submit";
import type { IntakeBasics } from "../intake-submit";
import { IntakeBasicsInputs } from "./IntakeBasicsInputs";

/** Kinds without a template (task, epic, incident): title, description, due date, confidential. */
export function PlainItemForm({ kind }: { kind: WorkKind }) {
  const navigate = useNavigate();
  const [basics, setBasics] = useState<IntakeBasics>({
    title: "",
    description: "",
    // Incidents are handed to SIRT confidentially by default (workflow §12).
    confidential: kind === "incident",
    dueDate: "",
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (basics.title.trim() === "") {
      setErrors({ title: "A title is required" });
      return;
    }
    setSubmitting(true);
    try {
      const item = await createWorkItem(createBody(kind, null, basics.title.trim(), basics, {}));
      notifications.show({ color: "green", message: `#${item.number} created: ${item.title}` });
      await navigate(`/work/items/${item.number}`);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err);
      setSubmitting(false);
    }
  };

  return (
    <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate maw={900}>
      <Stack gap="md">
        <Paper withBorder p="sm">
          <IntakeBasicsInputs
            basics={basics}
            onChange={(p) => {
              setBasics((b) => ({ ...b, ...p }));
              if (p.title !== undefined) setErrors((x) => ({ ...x, title: "" }));
            }}
            errors={errors}
            showDueDate
          />
        </Paper>
        <ErrorAlert error={error} title="Not created" />
        <Group justify="flex-end">
          <Button type="submit" loading={submitting}>
            Create {kindLabel(kind).toLowerCase()}
          </Button>
        </Group>
      </Stack>
    </Box>
  );
}
