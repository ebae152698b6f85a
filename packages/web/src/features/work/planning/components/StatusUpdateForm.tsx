import { useState } from "react";
import { Button, Group, Radio, Stack, Textarea } from "@mantine/core";
import { HEALTHS } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import { healthLabel } from "../../shared/work-format";
import type { Health } from "../api";

/** Posts a dated status update: a health and a written reason (required on every change). */
export function StatusUpdateForm({
  initialHealth,
  onSubmit,
}: {
  initialHealth: Health | null;
  onSubmit: (health: Health, body: string) => Promise<unknown>;
}) {
  const [health, setHealth] = useState<Health>(initialHealth ?? "on_track");
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const submit = () => {
    if (!body.trim()) {
      setError(new Error("Write what changed and why (the body is required)."));
      return;
    }
    setBusy(true);
    setError(null);
    onSubmit(health, body.trim())
      .then(() => setBody(""))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Stack gap="sm">
      <Radio.Group label="Health" value={health} onChange={setHealth} error={errors.health}>
        <Group gap="md" mt={4}>
          {HEALTHS.map((h) => (
            <Radio key={h} value={h} label={healthLabel(h)} />
          ))}
        </Group>
      </Radio.Group>
      <Textarea
        label="Status update"
        description="Markdown. What moved, what is blocked, what comes next."
        autosize
        minRows={3}
        maxRows={12}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        error={errors.body}
      />
      <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} title="Not posted" />
      <Group justify="flex-end">
        <Button loading={busy} onClick={submit}>
          Post status update
        </Button>
      </Group>
    </Stack>
  );
}
