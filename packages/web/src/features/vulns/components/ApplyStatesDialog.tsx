import { useState } from "react";
import {
  Alert,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from "@mantine/core";
import type { VulnStatesImportResult } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { applyGitlabStates, applyVex } from "../states-api";
import {
  STATES_SOURCE_HELP,
  STATES_SOURCE_LABELS,
  guessSource,
  statesBody,
  statesProblems,
  statesSummary,
} from "../states-import";
import type { StatesSource } from "../states-import";
import { AssetPicker } from "./AssetPicker";

const OUTCOME_COLORS = { changed: "green", skipped: "gray", unmatched: "orange" } as const;

/** The counts and each row's outcome with its reason (the server bounds the row list). */
function StatesResult({ result }: { result: VulnStatesImportResult }) {
  return (
    <Stack gap="xs">
      <Group gap="md" aria-label="Counts">
        {(["matched", "changed", "skipped", "unmatched"] as const).map((k) => (
          <Text key={k} size="sm" data-testid={`states-${k}`}>
            <b>{result[k]}</b> {k}
          </Text>
        ))}
      </Group>
      <Text size="sm">{statesSummary(result)}</Text>
      {result.rows.length > 0 && (
        <Table.ScrollContainer minWidth={640} mah={320}>
          <Table striped aria-label="Rows applied">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Where</Table.Th>
                <Table.Th>Vulnerability</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.rows.map((r, i) => (
                <Table.Tr key={`${r.where}:${i}`}>
                  <Table.Td>
                    <Code>{r.where}</Code>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>
                    <Text size="sm" ff="monospace">
                      {r.vulnId ?? "—"}
                    </Text>
                    {r.component && (
                      <Text size="xs" c="dimmed" ff="monospace">
                        {r.component}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={OUTCOME_COLORS[r.outcome]}>
                      {r.outcome}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.reason}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {result.rowsTruncated && (
        <Text size="xs" c="dimmed">
          Only the first {result.rows.length} rows are listed; the counts cover every row.
        </Text>
      )}
    </Stack>
  );
}

/**
 * Applies the states of a CycloneDX VEX document or a GitLab Vulnerability Report CSV to an
 * asset's stored findings, then shows what matched, changed, was skipped or matched nothing.
 */
export function ApplyStatesDialog({ onClose }: { onClose: () => void }) {
  const [source, setSource] = useState<StatesSource>("vex");
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [asset, setAsset] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<VulnStatesImportResult | null>(null);
  const problems = statesProblems({ content, asset });
  const server = fieldErrors(error);
  const shown = (k: keyof typeof problems) => (tried ? problems[k] : undefined) ?? server[k];

  const onFile = (file: File | null) => {
    if (!file) return;
    setError(null);
    setResult(null);
    file.text().then(
      (text) => {
        setContent(text);
        setFileName(file.name);
        setSource(guessSource(file.name, text));
      },
      (e: unknown) => setError(e),
    );
  };
  const submit = () => {
    setTried(true);
    if (Object.keys(problems).length > 0 || !asset) return;
    setBusy(true);
    setError(null);
    const body = statesBody(content, asset, fileName);
    (source === "vex" ? applyVex(body) : applyGitlabStates(body))
      .then(setResult)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened onClose={onClose} title="Apply VEX / GitLab states" size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Sets the status of findings already imported for an asset from another tool&apos;s
          decisions. A status a person set later than the document is kept. From a terminal:{" "}
          <Code>infrasec vulns vex apply FILE --asset KEY</Code>
        </Text>
        <SegmentedControl
          aria-label="Document"
          value={source}
          onChange={(v) => setSource(v)}
          data={(["vex", "gitlab"] as const).map((s) => ({
            value: s,
            label: STATES_SOURCE_LABELS[s],
          }))}
        />
        <Text size="xs" c="dimmed">
          {STATES_SOURCE_HELP[source]}
        </Text>
        <Group gap="sm" align="center">
          <FileButton onChange={onFile} accept=".json,.cdx,.csv,application/json,text/csv,text/*">
            {(props) => (
              <Button variant="default" {...props}>
                Choose file…
              </Button>
            )}
          </FileButton>
          <Text size="sm" c={fileName ? undefined : "dimmed"} data-testid="states-file">
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
        <ErrorAlert error={error} title="Nothing was applied" />
        {result && (
          <Alert color="green" title="Applied" aria-label="States applied">
            <StatesResult result={result} />
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {result ? "Close" : "Cancel"}
          </Button>
          <Button onClick={submit} loading={busy}>
            Apply
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
