import { useState } from "react";
import {
  Alert,
  Button,
  CloseButton,
  Code,
  FileButton,
  Group,
  List,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import type { AccessProvider, AccessSnapshotDto } from "@infrasec/contracts";
import { ACCESS_PROVIDERS } from "@infrasec/contracts";
import { errorMessage } from "../../../app/api-client";
import { createSnapshot } from "../api";
import { guessProvider, mergePicked, snapshotBody, uploadProblems } from "../snapshot-upload";
import type { PickedFile } from "../snapshot-upload";

const PROVIDER_LABELS: Record<AccessProvider, string> = {
  aws: "AWS (authorization details, credential report, SCPs)",
  gcp: "GCP (IAM policies, custom roles, key listings)",
  kubernetes: "Kubernetes (kubectl get roles,clusterroles,… -o json)",
};

function UploadErrors({ error, files }: { error: unknown; files: readonly PickedFile[] }) {
  const problems = uploadProblems(error, files);
  return (
    <Alert color="red" title="The snapshot was not created" role="alert">
      <Text size="sm">{errorMessage(error)}</Text>
      {problems.length > 0 && (
        <List size="sm" mt="xs" spacing={2} style={{ overflowWrap: "anywhere" }}>
          {problems.slice(0, 50).map((p, i) => (
            <List.Item key={i}>
              {p.file && <Code>{p.file}</Code>} {p.path && <Code>{p.path}</Code>} {p.message}
            </List.Item>
          ))}
          {problems.length > 50 && <List.Item>… and {problems.length - 50} more</List.Item>}
        </List>
      )}
    </Alert>
  );
}

/** Upload exported IAM/RBAC files, read as text in the browser, as one analysed snapshot. */
export function UploadSnapshotDialog({
  opened,
  onClose,
  onCreated,
  defaultName,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (snapshot: AccessSnapshotDto) => void;
  defaultName?: string;
}) {
  const [name, setName] = useState(defaultName ?? "");
  const [provider, setProvider] = useState<AccessProvider | null>(null);
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setFiles([]);
    setErrors({});
    setError(null);
    onClose();
  };
  const onPick = (picked: File[]) => {
    Promise.all(picked.map(async (f) => ({ name: f.name, content: await f.text() }))).then(
      (read) => {
        const next = mergePicked(files, read);
        setFiles(next);
        setProvider((p) => p ?? guessProvider(next) ?? null);
        setErrors((e) => ({ ...e, files: "" }));
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  };
  const submit = () => {
    const built = snapshotBody({ name, provider, files });
    if (built.errors) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setError(null);
    setBusy(true);
    createSnapshot(built.body)
      .then((s) => {
        setFiles([]);
        onCreated(s);
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened={opened} onClose={close} title="Upload a snapshot" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Exported files are analysed on the server (nothing calls the cloud). Snapshots with the
          same name are compared and reviewed together. From a terminal:{" "}
          <Code>infrasec access analyze FILE...</Code>
        </Text>
        <TextInput
          label="Name"
          description="The account, organization or cluster, e.g. aws-prod or gke-payments"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
        />
        <Select
          label="Provider"
          required
          data={ACCESS_PROVIDERS.map((p) => ({ value: p, label: PROVIDER_LABELS[p] }))}
          value={provider}
          onChange={(v) => setProvider(v ?? null)}
          error={errors.provider}
          allowDeselect={false}
        />
        <Group justify="space-between" align="center">
          <Text size="sm" fw={500}>
            Files
          </Text>
          <FileButton
            onChange={onPick}
            multiple
            accept=".json,.csv,.txt,application/json,text/csv,text/plain"
          >
            {(props) => (
              <Button variant="default" {...props}>
                Choose files…
              </Button>
            )}
          </FileButton>
        </Group>
        {files.length === 0 ? (
          <Text size="sm" c={errors.files ? "red" : "dimmed"}>
            {errors.files ||
              "e.g. aws iam get-account-authorization-details > gaad.json (plus credential-report.csv)"}
          </Text>
        ) : (
          <Stack gap={2} aria-label="Picked files">
            {files.map((f) => (
              <Group key={f.name} gap="xs" justify="space-between">
                <Text size="sm" ff="monospace">
                  {f.name}{" "}
                  <Text span size="xs" c="dimmed">
                    ({Math.ceil(f.content.length / 1024)} KB)
                  </Text>
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={`Remove ${f.name}`}
                  onClick={() => setFiles(files.filter((x) => x.name !== f.name))}
                />
              </Group>
            ))}
            {errors.files && (
              <Text size="sm" c="red">
                {errors.files}
              </Text>
            )}
          </Stack>
        )}
        {error !== null && <UploadErrors error={error} files={files} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy}>
            Upload and analyse
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
