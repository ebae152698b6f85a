import { useState } from "react";
import type { ChangeEvent } from "react";
import { Button, Group, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { SEVERITIES } from "@infrasec/core";
import type { VulnSlaPolicy, VulnSlaPolicyEdit } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { CLOCK_START_LABELS, draftOf, slaPolicyEditBody } from "../sla-policy-format";
import type { SlaPolicyDraft } from "../sla-policy-format";

/**
 * The policy's edit form (settings:manage): targets per severity, the clock start rule and the
 * due-soon window. Saving makes a new version; the server checks ranges and rules and its 400
 * errors are shown next to the fields they name (`targets.high.remediateDays`).
 */
export function SlaPolicyForm({
  policy,
  onSave,
  onCancel,
}: {
  policy: VulnSlaPolicy;
  onSave: (body: VulnSlaPolicyEdit) => Promise<unknown>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<SlaPolicyDraft>(() => draftOf(policy));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const built = slaPolicyEditBody(draft);
  const server = fieldErrors(error);
  const problem = (path: string) =>
    (tried && !built.ok ? built.problems[path] : undefined) ?? server[path];

  const setTarget =
    (s: (typeof SEVERITIES)[number], k: "remediateDays" | "mitigateHours") =>
    (e: ChangeEvent<HTMLInputElement>) => {
      const v = e.currentTarget.value;
      setDraft((d) => ({ ...d, targets: { ...d.targets, [s]: { ...d.targets[s], [k]: v } } }));
    };
  const save = () => {
    setTried(true);
    if (!built.ok) return;
    setBusy(true);
    setError(null);
    onSave(built.body)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Stack
      gap="sm"
      component="form"
      aria-label="Edit patching policy"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Table withTableBorder aria-label="Edit targets by severity" maw={620}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Mitigate within (hours)</Table.Th>
            <Table.Th>Remediate within (days)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SEVERITIES.map((s) => (
            <Table.Tr key={s}>
              <Table.Td>{s}</Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`${s} mitigate hours`}
                  placeholder="none"
                  inputMode="numeric"
                  size="xs"
                  value={draft.targets[s].mitigateHours}
                  onChange={setTarget(s, "mitigateHours")}
                  error={problem(`targets.${s}.mitigateHours`)}
                />
              </Table.Td>
              <Table.Td>
                <TextInput
                  aria-label={`${s} remediate days`}
                  placeholder="no deadline"
                  inputMode="numeric"
                  size="xs"
                  value={draft.targets[s].remediateDays}
                  onChange={setTarget(s, "remediateDays")}
                  error={problem(`targets.${s}.remediateDays`) ?? server[`targets.${s}`]}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group align="flex-start" gap="md">
        <Select
          label="Clock starts (third-party packages)"
          w={260}
          allowDeselect={false}
          data={Object.entries(CLOCK_START_LABELS).map(([value, label]) => ({ value, label }))}
          value={draft.thirdPartyClockStart}
          onChange={(v) =>
            v &&
            setDraft((d) => ({
              ...d,
              thirdPartyClockStart: v as SlaPolicyDraft["thirdPartyClockStart"],
            }))
          }
          error={server.thirdPartyClockStart}
        />
        <TextInput
          label="Due soon (days before the deadline)"
          w={260}
          inputMode="numeric"
          withAsterisk
          value={draft.dueSoonDays}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setDraft((d) => ({ ...d, dueSoonDays: v }));
          }}
          error={problem("dueSoonDays")}
        />
      </Group>
      <Text size="xs" c="dimmed">
        Saving makes a new version and recomputes the deadline of every open finding in the
        background; closed findings keep the deadline they were closed against.
      </Text>
      <ErrorAlert error={error} title="The policy was not changed" />
      <Group gap="xs">
        <Button type="submit" loading={busy}>
          Save policy
        </Button>
        <Button variant="default" onClick={onCancel} disabled={busy}>
          Cancel
        </Button>
      </Group>
    </Stack>
  );
}
