import { useState } from "react";
import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import type { Campaign, VerifyResult } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { listSnapshots, verifyCampaign } from "../api";

/** Checks revocations against a later snapshot of the same name. */
export function VerifyDialog({
  campaign,
  reviewedAt,
  onClose,
  onVerified,
}: {
  campaign: Campaign;
  /** When the reviewed snapshot was taken: only later ones can prove a revocation. */
  reviewedAt: string | undefined;
  onClose: () => void;
  onVerified: (result: VerifyResult) => void;
}) {
  const [snapshotId, setSnapshotId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const list = useApiQuery(`access-verify-snapshots:${campaign.snapshotName}`, () =>
    listSnapshots({ name: campaign.snapshotName, provider: campaign.provider, limit: 200 }),
  );
  const later = (list.data?.items ?? []).filter(
    (s) => s.id !== campaign.snapshotId && (!reviewedAt || s.createdAt > reviewedAt),
  );
  const submit = () => {
    if (!snapshotId) return;
    setBusy(true);
    setError(null);
    verifyCampaign(campaign.id, snapshotId)
      .then(onVerified)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Modal opened onClose={onClose} title="Verify revocations">
      <Stack gap="sm">
        <Text size="sm">
          Every item decided “revoke” is looked up in a later snapshot of {campaign.snapshotName}:
          gone means the revocation landed.
        </Text>
        <ErrorAlert error={list.error} title="Could not load the snapshots" />
        {list.data && later.length === 0 ? (
          <Text size="sm" c="dimmed">
            No later snapshot of {campaign.snapshotName} yet: upload one after the changes are made.
          </Text>
        ) : (
          <Select
            label="Later snapshot"
            data={later.map((s) => ({ value: s.id, label: formatDateTime(s.createdAt) }))}
            value={snapshotId}
            onChange={setSnapshotId}
          />
        )}
        {error !== null && <ErrorAlert error={error} title="Verification failed" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} disabled={!snapshotId} loading={busy}>
            Verify
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
