import { useState } from "react";
import {
  Alert,
  Button,
  Code,
  FileButton,
  Group,
  List,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import type { ImportFormat, ImportResult } from "@infrasec/contracts";
import { ApiError, errorMessage } from "../../../app/api-client";
import { importAssets } from "../api";
import { detectFormat } from "../import-format";

const FORMATS: ImportFormat[] = ["yaml", "json", "csv"];

function ImportErrors({ error }: { error: unknown }) {
  const details = error instanceof ApiError ? error.details : [];
  return (
    <Alert color="red" title="Nothing was imported" role="alert">
      <Text size="sm">{errorMessage(error)}</Text>
      {details.length > 0 && (
        <List size="sm" mt="xs" spacing={2} style={{ overflowWrap: "anywhere" }}>
          {details.slice(0, 50).map((d, i) => (
            <List.Item key={i}>
              {d.line !== undefined && <Code>line {d.line}</Code>} {d.path && <Code>{d.path}</Code>}{" "}
              {d.message}
            </List.Item>
          ))}
          {details.length > 50 && <List.Item>… and {details.length - 50} more</List.Item>}
        </List>
      )}
    </Alert>
  );
}

export function ImportDialog({
  opened,
  onClose,
  onImported,
}: {
  opened: boolean;
  onClose: () => void;
  onImported: () => void;
}) {
  const [format, setFormat] = useState<ImportFormat>("yaml");
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reset = () => {
    setContent("");
    setFileName(null);
    setResult(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const onFile = (file: File | null) => {
    if (!file) return;
    file.text().then(
      (text) => {
        setContent(text);
        setFileName(file.name);
        setFormat(detectFormat(file.name, text));
        setResult(null);
        setError(null);
      },
      (e: unknown) => setError(e),
    );
  };
  const submit = () => {
    setBusy(true);
    setError(null);
    setResult(null);
    importAssets(format, content)
      .then((r) => {
        setResult(r);
        onImported();
      })
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened={opened} onClose={close} title="Import assets" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Upserts by <Code>key</Code>: new keys are created, existing ones updated. All or nothing.
          The same works from a terminal with <Code>infrasec assets import FILE</Code>.
        </Text>
        <Group justify="space-between">
          <SegmentedControl
            aria-label="Format"
            value={format}
            onChange={(v) => setFormat(v)}
            data={FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
          />
          <FileButton onChange={onFile} accept=".yaml,.yml,.json,.csv,text/*,application/json">
            {(props) => (
              <Button variant="default" {...props}>
                Upload file…
              </Button>
            )}
          </FileButton>
        </Group>
        {fileName && <Text size="sm">File: {fileName}</Text>}
        <Textarea
          label="Content"
          description="Paste YAML, JSON or CSV, or upload a file"
          autosize
          minRows={8}
          maxRows={18}
          ff="monospace"
          value={content}
          onChange={(e) => {
            setContent(e.currentTarget.value);
            setResult(null);
          }}
          onPaste={(e) => setFormat(detectFormat(null, e.clipboardData.getData("text")))}
        />
        {error !== null && <ImportErrors error={error} />}
        {result && (
          <Alert color="green" title="Import finished" role="status">
            {result.total} records: {result.created} created, {result.updated} updated,{" "}
            {result.unchanged} unchanged.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {result ? "Close" : "Cancel"}
          </Button>
          <Button onClick={submit} loading={busy} disabled={content.trim() === ""}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
