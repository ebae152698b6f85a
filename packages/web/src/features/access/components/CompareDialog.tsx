import { useState } from "react";
import { Button, Group, Modal, Select, Stack, Text } from "@mantine/core";
import type { AccessSnapshotDto } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { listSnapshots } from "../api";
import { diffOrder } from "../snapshot-diff-view";

/** Picks the snapshot to compare with: same name first (the usual case), any other on request. */
export function CompareDialog({
  snapshot,
  onClose,
  onCompare,
}: {
  snapshot: AccessSnapshotDto;
  onClose: () => void;
  onCompare: (oldId: string, newId: string) => void;
}) {
  const [anyName, setAnyName] = useState(false);
  const [other, setOther] = useState<string | null>(null);
  const list = useApiQuery(`access-compare:${snapshot.id}:${anyName}`, () =>
    listSnapshots(
      anyName
        ? { provider: snapshot.provider, limit: 200 }
        : { name: snapshot.name, provider: snapshot.provider, limit: 200 },
    ),
  );
  const options = (list.data?.items ?? [])
    .filter((s) => s.id !== snapshot.id)
    .map((s) => ({
      value: s.id,
      label: `${s.name} · ${formatDateTime(s.createdAt)} · ${s.summary.admins} admins`,
    }));
  const compare = () => {
    const picked = list.data?.items.find((s) => s.id === other);
    if (!picked) return;
    const [a, b] = diffOrder(snapshot, picked);
    onCompare(a.id, b.id);
  };
  return (
    <Modal opened onClose={onClose} title={`Compare ${snapshot.name} with…`}>
      <Stack gap="sm">
        <ErrorAlert error={list.error} title="Could not load the snapshots" />
        {list.data && options.length === 0 ? (
          <Text size="sm" c="dimmed">
            {anyName
              ? "There is no other snapshot of this provider."
              : `There is no other snapshot named ${snapshot.name}. Upload a newer one under the same name, or compare with another name.`}
          </Text>
        ) : (
          <Select
            label="Snapshot"
            placeholder={list.loading ? "Loading…" : "Pick one"}
            data={options}
            value={other}
            onChange={setOther}
            searchable
          />
        )}
        <Text size="xs" c="dimmed">
          The older of the two is the baseline: the diff lists what the newer one adds or removes.
        </Text>
        <Group justify="space-between">
          <Button variant="subtle" size="xs" onClick={() => setAnyName((v) => !v)}>
            {anyName ? "Only the same name" : "Show other names too"}
          </Button>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button onClick={compare} disabled={!other}>
              Compare
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
