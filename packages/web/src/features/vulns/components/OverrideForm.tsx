import { useState } from "react";
import { Button, Select, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import type { VulnEditBody, VulnFindingDetail } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { overrideBody } from "../vulns-format";

/**
 * A person's override of severity or fixed version. The field is then marked as edited and later
 * imports keep it; the comment says why and goes into the history.
 */
export function OverrideForm({
  f,
  onSave,
}: {
  f: VulnFindingDetail;
  onSave: (body: VulnEditBody) => Promise<unknown>;
}) {
  const [severity, setSeverity] = useState<Severity>(f.severity);
  const [fixed, setFixed] = useState(f.fixedVersion ?? "");
  const [comment, setComment] = useState("");
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const body = overrideBody(f, severity, fixed, comment);
  const server = fieldErrors(error);
  const save = () => {
    setTried(true);
    if (!body.ok) return;
    setBusy(true);
    setError(null);
    onSave(body.body)
      .then(() => {
        setComment("");
        setTried(false);
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Stack
      gap="xs"
      component="form"
      aria-label="Override"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Select
        label="Severity"
        allowDeselect={false}
        data={SEVERITIES.map((s) => ({ value: s, label: s }))}
        value={severity}
        onChange={(v) => v && setSeverity(v)}
        error={server.severity}
      />
      <TextInput
        label="Fixed version"
        placeholder="none known"
        maxLength={256}
        value={fixed}
        onChange={(e) => setFixed(e.currentTarget.value)}
        error={server.fixedVersion}
      />
      <Textarea
        label="Why"
        withAsterisk
        autosize
        minRows={2}
        maxLength={10_000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
        error={(tried && !body.ok && body.problem) || server.comment}
      />
      <Text size="xs" c="dimmed">
        Imports keep a field set here; the finding shows it as edited.
      </Text>
      <ErrorAlert error={error} title="Nothing was changed" />
      <Button
        type="submit"
        size="xs"
        variant="light"
        loading={busy}
        style={{ alignSelf: "flex-start" }}
      >
        Save override
      </Button>
    </Stack>
  );
}
