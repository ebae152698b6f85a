import { useState } from "react";
import {
  Alert,
  Button,
  Code,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useNavigate, useSearchParams } from "react-router";
import { ACCESS_PROVIDERS } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useCan } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { FilterText } from "../../review/components/FilterText";
import { ListFooter } from "../../review/components/ListFooter";
import { listSnapshots } from "../api";
import { snapshotParamsFromQuery, snapshotQueryFromParams } from "../access-query";
import type { SnapshotQuery } from "../access-query";
import { SnapshotTable } from "../components/SnapshotTable";
import { UploadSnapshotDialog } from "../components/UploadSnapshotDialog";

function HowToUpload({ canUpload }: { canUpload: boolean }) {
  return (
    <Alert color="gray" title="No snapshot yet">
      <Text size="sm">
        A snapshot is a set of exported files analysed together:{" "}
        <Code>aws iam get-account-authorization-details</Code> (plus the credential report and
        SCPs), GCP <Code>get-iam-policy</Code> JSON, or{" "}
        <Code>
          kubectl get roles,clusterroles,rolebindings,clusterrolebindings,serviceaccounts -A -o json
        </Code>
        .
      </Text>
      <Text size="sm" mt="xs">
        {canUpload
          ? "Use “Upload snapshot” above."
          : "Ask a security engineer to upload one (it needs the access:write permission)."}
      </Text>
    </Alert>
  );
}

/** /access/snapshots: uploaded snapshots with filters in the URL, and the upload dialog. */
export function SnapshotsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const canUpload = useCan("access:write");
  const [uploading, setUploading] = useState(false);
  const query = snapshotQueryFromParams(params);
  const key = snapshotParamsFromQuery(query).toString();
  const list = useApiQuery(`access-snapshots?${key}`, () => listSnapshots(query));
  const update = (patch: Partial<SnapshotQuery>, resetPage = true) =>
    setParams(snapshotParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const items = list.data?.items ?? [];
  const filtered = query.provider !== undefined || query.name !== undefined;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Access snapshots</Title>
        {canUpload && <Button onClick={() => setUploading(true)}>Upload snapshot</Button>}
      </Group>
      <Group gap="xs" align="flex-end" role="search" aria-label="Snapshot filters">
        <FilterText
          label="Name"
          placeholder="aws-prod"
          w={220}
          value={query.name ?? ""}
          onApply={(v) => update({ name: v.trim() || undefined })}
        />
        <Select
          label="Provider"
          placeholder="Any"
          w={150}
          clearable
          data={ACCESS_PROVIDERS.map((p) => ({ value: p, label: p }))}
          value={query.provider ?? null}
          onChange={(v) => update({ provider: v ?? undefined })}
        />
        <Button
          variant="subtle"
          color="gray"
          onClick={() => setParams(snapshotParamsFromQuery({ limit: query.limit }))}
        >
          Clear filters
        </Button>
      </Group>
      <ErrorAlert error={list.error} title="Could not load the snapshots" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            {filtered ? (
              <Alert color="gray" title="No snapshot matches these filters">
                <Text size="sm">Clear or change the filters above.</Text>
              </Alert>
            ) : (
              <HowToUpload canUpload={canUpload} />
            )}
          </Stack>
        ) : (
          <SnapshotTable items={items} onName={(name) => update({ name })} />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="snapshots"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
      {uploading && (
        <UploadSnapshotDialog
          opened
          defaultName={query.name}
          onClose={() => setUploading(false)}
          onCreated={(s) => {
            setUploading(false);
            void navigate(`/access/snapshots/${s.id}`);
          }}
        />
      )}
    </Stack>
  );
}
