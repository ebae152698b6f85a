import { useState } from "react";
import {
  Button,
  Code,
  FileButton,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { VULN_IMPORT_FORMATS } from "@infrasec/contracts";
import type { VulnImportBody, VulnImportJob } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { importReport } from "../api";
import { importProblems } from "../vulns-format";
import { AssetPicker } from "./AssetPicker";

type Format = (typeof VULN_IMPORT_FORMATS)[number];

/**
 * Uploads a scanner report for an asset. The file is read in the browser as text and posted as
 * one JSON body; the server answers at once with a job that reconciles in the background.
 */
export function ImportDialog({
  opened,
  onClose,
  onQueued,
}: {
  opened: boolean;
  onClose: () => void;
  onQueued: (job: VulnImportJob) => void;
}) {
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [asset, setAsset] = useState<string | null>(null);
  const [scanner, setScanner] = useState("");
  const [scope, setScope] = useState("");
  const [format, setFormat] = useState<Format | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = importProblems({ content, asset, scanner, scope });
  const server = fieldErrors(error);
  const shown = (k: keyof typeof problems) => (tried ? problems[k] : undefined) ?? server[k];

  const onFile = (file: File | null) => {
    if (!file) return;
    setError(null);
    file.text().then(
      (text) => {
        setContent(text);
        setFileName(file.name);
      },
      (e: unknown) => setError(e),
    );
  };
  const submit = () => {
    setTried(true);
    if (Object.keys(problems).length > 0 || !asset) return;
    const body: VulnImportBody = {
      content,
      asset,
      ...(format ? { format } : {}),
      ...(scanner.trim() ? { scanner: scanner.trim() } : {}),
      ...(scope.trim() ? { scope: scope.trim() } : {}),
      ...(fileName ? { fileName: fileName.slice(0, 255) } : {}),
    };
    setBusy(true);
    setError(null);
    importReport(body)
      .then(onQueued)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Import a scanner report" size="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The report is reconciled with the asset&apos;s findings of the same scanner and scope: new
          ones are created, seen ones updated, and open ones a covering scan no longer sees are
          closed. Large reports: <Code>infrasec vulns import FILE --asset KEY</Code>.
        </Text>
        <Group gap="sm" align="center">
          <FileButton onChange={onFile} accept=".json,.sarif,.xml,.nessus,application/json,text/*">
            {(props) => (
              <Button variant="default" {...props}>
                Choose report file…
              </Button>
            )}
          </FileButton>
          <Text size="sm" c={fileName ? undefined : "dimmed"} data-testid="import-file">
            {fileName
              ? `${fileName} (${content.length.toLocaleString()} characters)`
              : "No file chosen"}
          </Text>
        </Group>
        {shown("content") && (
          <Text size="sm" c="red" role="alert">
            {shown("content")}
          </Text>
        )}
        <AssetPicker value={asset} onChange={setAsset} error={shown("asset")} />
        <Group grow align="flex-start">
          <Select
            label="Format"
            placeholder="Detect from the report"
            clearable
            data={VULN_IMPORT_FORMATS.map((f) => ({ value: f, label: f }))}
            value={format}
            onChange={(v) => setFormat(v)}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="Scanner"
            placeholder="From the report (trivy, grype…)"
            maxLength={128}
            value={scanner}
            onChange={(e) => setScanner(e.currentTarget.value)}
            error={shown("scanner")}
          />
          <TextInput
            label="Scope"
            placeholder="default"
            description="Keeps scans of one asset apart"
            maxLength={128}
            value={scope}
            onChange={(e) => setScope(e.currentTarget.value)}
            error={shown("scope")}
          />
        </Group>
        <ErrorAlert error={error} title="The report was not queued" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy}>
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
