import { useState } from "react";
import {
  Button,
  Code,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import type { Suppression } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { fieldErrors } from "../../../app/api-client";
import { createSuppression } from "../api";
import { EXPIRY_PRESETS, expiryFromPreset, parseConditions } from "../suppression-format";

/**
 * A new suppression: a rule, conditions or both, a reason, and an expiry (30 days unless
 * chosen otherwise: suppressions that never lapse are how blind spots grow).
 */
export function SuppressionFormModal({
  opened,
  initialRuleId = "",
  initialConditions = "",
  onClose,
  onCreated,
}: {
  opened: boolean;
  initialRuleId?: string;
  initialConditions?: string;
  onClose: () => void;
  onCreated: (s: Suppression) => void;
}) {
  const [ruleId, setRuleId] = useState(initialRuleId);
  const [conditions, setConditions] = useState(initialConditions);
  const [reason, setReason] = useState("");
  const [expiry, setExpiry] = useState<string>("30");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const parsed = parseConditions(conditions);
  const server = fieldErrors(error);
  const conditionsError = !parsed.ok
    ? `Line ${parsed.line}: ${parsed.message}`
    : (server.conditions ?? undefined);
  const submit = () => {
    if (!parsed.ok) return;
    setBusy(true);
    setError(null);
    const expiresAt = expiryFromPreset(expiry, Date.now());
    createSuppression({
      ...(ruleId.trim() ? { ruleId: ruleId.trim() } : {}),
      conditions: parsed.conditions,
      reason: reason.trim(),
      ...(expiresAt ? { expiresAt } : {}),
    })
      .then(onCreated)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  const empty = parsed.ok && !ruleId.trim() && Object.keys(parsed.conditions).length === 0;
  return (
    <Modal opened={opened} onClose={onClose} title="New suppression" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Matches of the rule that meet every condition are dropped (and counted) instead of opening
          alerts.
        </Text>
        <TextInput
          label="Rule id"
          description="Leave empty to suppress matching events of any rule"
          value={ruleId}
          maxLength={200}
          error={server.ruleId}
          onChange={(e) => setRuleId(e.currentTarget.value)}
        />
        <Textarea
          label="Conditions"
          description={
            <>
              One <Code>key = value</Code> per line, all must hold. Keys: <Code>host</Code>,{" "}
              <Code>containerId</Code>, <Code>image</Code>, <Code>namespace</Code>, <Code>pod</Code>{" "}
              or an event field (<Code>User</Code>, <Code>Image</Code>, <Code>CommandLine</Code>…).
              Case-insensitive; <Code>*</Code> is a wildcard.
            </>
          }
          autosize
          minRows={3}
          value={conditions}
          error={conditionsError}
          onChange={(e) => setConditions(e.currentTarget.value)}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          spellCheck={false}
        />
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          error={server.reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
        <Select
          label="Expires"
          w={200}
          allowDeselect={false}
          data={EXPIRY_PRESETS.map((p) => ({ value: p.value, label: p.label }))}
          value={expiry}
          error={server.expiresAt}
          onChange={(v) => setExpiry(v ?? "30")}
        />
        <ErrorAlert error={error} title="The suppression was not saved" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={busy}
            disabled={!parsed.ok || empty || reason.trim().length < 3}
            onClick={submit}
          >
            Create suppression
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
