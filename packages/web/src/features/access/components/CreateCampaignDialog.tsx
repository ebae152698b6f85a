import { useState } from "react";
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import type { Campaign, CampaignKind } from "@infrasec/contracts";
import { CAMPAIGN_DEFAULT_BUSINESS_DAYS } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useCan } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { createCampaign, listSnapshots, listUsernames } from "../api";
import { campaignBody, defaultDueDate } from "../campaign-form";
import type { OwnerRow } from "../campaign-form";

const KIND_HELP: Record<CampaignKind, string> = {
  privileged:
    "Quarterly privileged-access review: one item per identity × entitlement, privileged ones flagged.",
  terminated_users:
    "Terminated-users review: the access still held by the people listed below, each to revoke or justify.",
};

/** Creates a review campaign from a snapshot: kind, deadline and reviewers by owner. */
export function CreateCampaignDialog({
  snapshotId,
  onClose,
  onCreated,
}: {
  snapshotId?: string;
  onClose: () => void;
  onCreated: (campaign: Campaign) => void;
}) {
  const canListUsers = useCan("users:read");
  const snapshots = useApiQuery("access-campaign-snapshots", () => listSnapshots({ limit: 200 }));
  const users = useApiQuery(canListUsers ? "access-usernames" : null, listUsernames);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<CampaignKind>("privileged");
  const [snapshot, setSnapshot] = useState<string | null>(snapshotId ?? null);
  const [dueDate, setDueDate] = useState("");
  const [defaultReviewer, setDefaultReviewer] = useState("");
  const [byOwner, setByOwner] = useState<OwnerRow[]>([]);
  const [terminated, setTerminated] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const usernames = users.data ?? [];

  const submit = () => {
    const built = campaignBody({
      name,
      kind,
      snapshotId: snapshot,
      dueDate,
      defaultReviewer,
      byOwner,
      terminatedUsers: terminated,
    });
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    createCampaign(built.body)
      .then(onCreated)
      .catch((e: unknown) => {
        setError(e);
        setErrors(fieldErrors(e));
      })
      .finally(() => setBusy(false));
  };
  const setRow = (i: number, patch: Partial<OwnerRow>) =>
    setByOwner(byOwner.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <Modal opened onClose={onClose} title="New access review campaign" size="lg">
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          placeholder="Q3 privileged access – aws-prod"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Kind
          </Text>
          <SegmentedControl
            aria-label="Kind"
            value={kind}
            onChange={(v) => setKind(v)}
            data={[
              { value: "privileged", label: "Privileged access" },
              { value: "terminated_users", label: "Terminated users" },
            ]}
          />
          <Text size="xs" c="dimmed">
            {KIND_HELP[kind]}
          </Text>
        </Stack>
        <Select
          label="Snapshot"
          required
          placeholder={snapshots.loading ? "Loading…" : "Pick the snapshot to review"}
          searchable
          data={(snapshots.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.name} · ${s.provider} · ${formatDateTime(s.createdAt)}`,
          }))}
          value={snapshot}
          onChange={setSnapshot}
          error={errors.snapshotId}
        />
        <TextInput
          label="Due date"
          type="date"
          description={`Empty: ${CAMPAIGN_DEFAULT_BUSINESS_DAYS} business days from today (${defaultDueDate()})`}
          value={dueDate}
          onChange={(e) => setDueDate(e.currentTarget.value)}
          error={errors.dueDate}
          w={240}
        />
        <Autocomplete
          label="Default reviewer"
          description="Reviews every item whose owner has no reviewer below"
          placeholder="username"
          data={usernames}
          value={defaultReviewer}
          onChange={setDefaultReviewer}
          error={errors.defaultReviewer ?? errors.reviewers}
        />
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={500}>
              Reviewers by owner
            </Text>
            <Button
              variant="subtle"
              size="xs"
              onClick={() => setByOwner([...byOwner, { owner: "", reviewer: "" }])}
            >
              Add owner
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Owner as the snapshot records it (AWS owner/team tag, Kubernetes namespace, GCP
            project), or a principal name.
          </Text>
          {byOwner.map((r, i) => (
            <Group key={i} gap="xs" align="flex-end">
              <TextInput
                aria-label={`Owner ${i + 1}`}
                placeholder="owner"
                value={r.owner}
                onChange={(e) => setRow(i, { owner: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <Autocomplete
                aria-label={`Reviewer for owner ${i + 1}`}
                placeholder="username"
                data={usernames}
                value={r.reviewer}
                onChange={(v) => setRow(i, { reviewer: v })}
                style={{ flex: 1 }}
              />
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Remove owner ${i + 1}`}
                onClick={() => setByOwner(byOwner.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {errors.byOwner && (
            <Text size="sm" c="red">
              {errors.byOwner}
            </Text>
          )}
        </Stack>
        {kind === "terminated_users" && (
          <Textarea
            label="Terminated users"
            description="Identity names or principal ids of the people who left, one per line"
            autosize
            minRows={3}
            maxRows={10}
            value={terminated}
            onChange={(e) => setTerminated(e.currentTarget.value)}
            error={errors.terminatedUsers}
          />
        )}
        {error !== null && <ErrorAlert error={error} title="The campaign was not created" />}
        {snapshots.data?.items.length === 0 && (
          <Alert color="gray">Upload a snapshot first: a campaign reviews one snapshot.</Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy}>
            Create campaign
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
