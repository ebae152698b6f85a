import { useState } from "react";
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Loader,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { WorkSettings } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { fieldErrors } from "../../../../app/api-client";
import { useSession } from "../../../../app/session";
import { useApiQuery } from "../../../../app/use-api";
import { useLabelCatalog } from "../../shared/labels-api";
import { getSettings, updateSettings } from "../api";

const num = (v: number | string): number => (typeof v === "number" ? v : Number.parseInt(v, 10));

function SettingsForm({
  settings,
  canEdit,
  onSaved,
}: {
  settings: WorkSettings;
  canEdit: boolean;
  onSaved: (s: WorkSettings) => void;
}) {
  const labels = useLabelCatalog();
  const [staleAfterDays, setStale] = useState<number | string>(settings.staleAfterDays);
  const [autoCloseEnabled, setAutoClose] = useState(settings.autoCloseEnabled);
  const [autoCloseAfterMonths, setMonths] = useState<number | string>(
    settings.autoCloseAfterMonths,
  );
  const [teamLabel, setTeamLabel] = useState(settings.teamLabel);
  const [cadence, setCadence] = useState(settings.cadence);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const valid =
    Number.isInteger(num(staleAfterDays)) &&
    Number.isInteger(num(autoCloseAfterMonths)) &&
    teamLabel.trim() !== "";

  const save = () => {
    setBusy(true);
    setError(null);
    updateSettings({
      staleAfterDays: num(staleAfterDays),
      autoCloseEnabled,
      autoCloseAfterMonths: num(autoCloseAfterMonths),
      teamLabel: teamLabel.trim(),
      cadence,
    })
      .then((s) => {
        notifications.show({ color: "green", message: "Workflow settings saved" });
        onSaved(s);
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Stack gap="md" maw={560}>
      {!canEdit && (
        <Alert color="gray" title="Read only">
          Changing workflow settings needs the settings:manage permission (administrators).
        </Alert>
      )}
      <NumberInput
        label="Stale after (days)"
        description="Open items without activity for this many days are listed as stale in triage (published: about 6 months)."
        min={1}
        max={3650}
        allowDecimal={false}
        disabled={!canEdit}
        value={staleAfterDays}
        onChange={setStale}
        error={errors.staleAfterDays}
      />
      <Switch
        label="Close stale items automatically"
        description="The hygiene job closes items labelled stale after the period below without activity."
        disabled={!canEdit}
        checked={autoCloseEnabled}
        onChange={(e) => setAutoClose(e.currentTarget.checked)}
        error={errors.autoCloseEnabled}
      />
      <NumberInput
        label="Auto-close after (months)"
        min={1}
        max={120}
        allowDecimal={false}
        disabled={!canEdit || !autoCloseEnabled}
        value={autoCloseAfterMonths}
        onChange={setMonths}
        error={errors.autoCloseAfterMonths}
      />
      <Autocomplete
        label="Team label"
        description="Every new item gets it. The current convention is Department::InfraSec; the old one ☁️ InfraSec."
        disabled={!canEdit}
        data={(labels ?? []).map((l) => l.name)}
        value={teamLabel}
        onChange={setTeamLabel}
        error={errors.teamLabel}
      />
      <div>
        <Text size="sm" fw={500} id="cadence-label">
          Triage sync cadence
        </Text>
        <Text size="xs" c="dimmed" mb={4}>
          Weekly (old convention) or fortnightly (current), usually on Tuesday.
        </Text>
        <SegmentedControl
          aria-labelledby="cadence-label"
          disabled={!canEdit}
          value={cadence}
          onChange={(v) => setCadence(v === "fortnightly" ? "fortnightly" : "weekly")}
          data={[
            { value: "weekly", label: "Weekly" },
            { value: "fortnightly", label: "Fortnightly" },
          ]}
        />
      </div>
      <ErrorAlert error={Object.keys(errors).length > 0 ? null : error} title="Not saved" />
      {canEdit && (
        <Group>
          <Button loading={busy} disabled={!valid} onClick={save}>
            Save settings
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Workflow settings: staleness, auto-close, the team label and the triage cadence. */
export function SettingsPanel() {
  const { can } = useSession();
  const settings = useApiQuery("work-settings", getSettings);
  return (
    <Paper withBorder p="md">
      <ErrorAlert error={settings.error} title="Could not load the settings" />
      {!settings.data && !settings.error && <Loader aria-label="Loading settings" />}
      {settings.data && (
        <SettingsForm
          key={JSON.stringify(settings.data)}
          settings={settings.data}
          canEdit={can("settings:manage")}
          onSaved={() => settings.reload()}
        />
      )}
    </Paper>
  );
}
