import { useState } from "react";
import {
  Badge,
  Button,
  Code,
  CopyButton,
  FileButton,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import type { VulnEnrichmentImportResult, VulnEnrichmentSourceInfo } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { decodeFeedBytes, feedFreshness } from "../enrichment-view";

/**
 * One enrichment feed (EPSS or KEV): what was imported last, the refresh command to copy, and —
 * for people with vulns:write — an upload that replaces the feed and recomputes priorities.
 */
export function FeedCard({
  title,
  versionLabel,
  dateLabel,
  info,
  command,
  accept,
  maxChars,
  canUpload,
  now,
  upload,
  onImported,
}: {
  title: string;
  versionLabel: string;
  dateLabel: string;
  info: VulnEnrichmentSourceInfo | null;
  command: string;
  accept: string;
  maxChars: number;
  canUpload: boolean;
  now: number;
  upload: (content: string, fileName: string) => Promise<VulnEnrichmentImportResult>;
  onImported: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fresh = feedFreshness(info, now);
  const onFile = async (file: File | null) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const content = await decodeFeedBytes(new Uint8Array(await file.arrayBuffer()), maxChars);
      const r = await upload(content, file.name.slice(0, 255));
      toast.show({
        color: "green",
        title: `${title} imported`,
        message:
          `${r.source.recordCount.toLocaleString("en-US")} records; ${r.findingsUpdated} findings updated` +
          (r.deadlinesCapped > 0 ? `, ${r.deadlinesCapped} deadlines capped by KEV due dates` : ""),
      });
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" component="section" aria-label={title}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} fz="md">
            {title}
          </Title>
          <Badge color={fresh.stale ? "orange" : "green"}>{fresh.text}</Badge>
        </Group>
        <Table withRowBorders={false} verticalSpacing={2} aria-label={`${title} status`}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={150}>{versionLabel}</Table.Th>
              <Table.Td data-testid={`${title}-version`}>{info?.version ?? "—"}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{dateLabel}</Table.Th>
              <Table.Td>{info?.date ? formatDateTime(info.date) : "—"}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Records</Table.Th>
              <Table.Td data-testid={`${title}-count`}>
                {info ? info.recordCount.toLocaleString("en-US") : "—"}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Imported</Table.Th>
              <Table.Td>
                {info ? `${formatDateTime(info.importedAt)} by ${info.importedBy}` : "never"}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">
          Refresh where the network allows:
        </Text>
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Code block style={{ flex: 1, whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {command}
          </Code>
          <CopyButton value={command}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy}>
                {copied ? "Copied" : "Copy"}
              </Button>
            )}
          </CopyButton>
        </Group>
        {canUpload && (
          <Group gap="sm">
            <FileButton onChange={(f) => void onFile(f)} accept={accept}>
              {(props) => (
                <Button {...props} loading={busy}>
                  Upload {title} file…
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed">
              Replaces the whole feed; priorities of open findings are recomputed.
            </Text>
          </Group>
        )}
        <ErrorAlert error={error} title={`The ${title} file was not imported`} />
      </Stack>
    </Paper>
  );
}
