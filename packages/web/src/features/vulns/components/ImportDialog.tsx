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
import type { VulnImportJob, VulnUploadQuery } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { REPORT_FILE_ACCEPT, uploadProblems, uploadReportFile } from "../report-upload";
import { AssetPicker } from "./AssetPicker";

type Format = (typeof VULN_IMPORT_FORMATS)[number];

/**
 * Uploads a scanner report (or a ZIP / tar.gz of reports) for an asset. The file is sent as the
 * raw body of the streaming upload route, never read into the page, so reports of any size the
 * server accepts can be imported; the server answers at once with a job that reconciles in the
 * background.
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
  const [file, setFile] = useState<File | null>(null);
  const [asset, setAsset] = useState<string | null>(null);
  const [scanner, setScanner] = useState("");
  const [scope, setScope] = useState("");
  const [format, setFormat] = useState<Format | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = uploadProblems({ size: file?.size ?? null, asset, scanner, scope });
  const server = fieldErrors(error);
  const shown = (k: keyof typeof problems) => (tried ? problems[k] : undefined) ?? server[k];

  const onFile = (chosen: File | null) => {
    if (!chosen) return;
    setError(null);
    setFile(chosen);
  };
  const submit = () => {
    setTried(true);
    if (Object.keys(problems).length > 0 || !asset || !file) return;
    const query: VulnUploadQuery = {
      asset,
      ...(format ? { format } : {}),
      ...(scanner.trim() ? { scanner: scanner.trim() } : {}),
      ...(scope.trim() ? { scope: scope.trim() } : {}),
      ...(file.name ? { fileName: file.name.slice(0, 255) } : {}),
    };
    setBusy(true);
    setError(null);
    uploadReportFile(file, query)
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
          closed. A .zip or .tar.gz of reports (a CI artifact) imports each report inside, all or
          nothing. From CI: <Code>infrasec vulns import FILE --asset KEY</Code>.
        </Text>
        <Group gap="sm" align="center">
          <FileButton onChange={onFile} accept={REPORT_FILE_ACCEPT}>
            {(props) => (
              <Button variant="default" {...props}>
                Choose report file…
              </Button>
            )}
          </FileButton>
          <Text size="sm" c={file ? undefined : "dimmed"} data-testid="import-file">
            {file ? `${file.name} (${file.size.toLocaleString()} bytes)` : "No file chosen"}
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
