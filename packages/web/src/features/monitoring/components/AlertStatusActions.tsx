import { useState } from "react";
import { Button, Group, Stack, TextInput } from "@mantine/core";
import type { AlertStatus } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { nextStatuses, statusActionLabel } from "../alert-format";

const COLORS: Record<AlertStatus, string> = {
  new: "red",
  acknowledged: "blue",
  resolved: "green",
  false_positive: "gray",
};

/** The status changes the alert's status allows, with an optional comment kept in its history. */
export function AlertStatusActions({
  status,
  onChange,
}: {
  status: AlertStatus;
  onChange: (to: AlertStatus, comment: string) => Promise<unknown>;
}) {
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState<AlertStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = (to: AlertStatus) => {
    setBusy(to);
    setError(null);
    onChange(to, comment.trim())
      .then(() => setComment(""))
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(null));
  };
  return (
    <Stack gap="xs">
      <TextInput
        label="Comment"
        placeholder="Optional, kept in the history"
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <Group gap="xs">
        {nextStatuses(status).map((to) => (
          <Button
            key={to}
            size="xs"
            variant={to === "acknowledged" ? "filled" : "light"}
            color={COLORS[to]}
            loading={busy === to}
            disabled={busy !== null && busy !== to}
            onClick={() => run(to)}
          >
            {statusActionLabel(status, to)}
          </Button>
        ))}
      </Group>
      <ErrorAlert error={error} title="The status did not change" />
    </Stack>
  );
}
