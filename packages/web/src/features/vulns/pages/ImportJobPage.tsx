import { useEffect, useState } from "react";
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Code,
  Group,
  List,
  Loader,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useParams } from "react-router";
import { ConfirmModal } from "../../../app/ConfirmModal";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { Section } from "../../monitoring/components/Section";
import { FactRow } from "../components/FactRow";
import { JobCounts } from "../components/JobCounts";
import { JobStatusBadge } from "../components/VulnBadges";
import { confirmImport, getImport } from "../api";
import { describeWaiting, errorPlace, isJobActive, jobPercent } from "../vulns-format";

const POLL_MS = 1000;

/**
 * /vulnerabilities/imports/:id: a job's progress (polled while it runs, so the page can be left
 * and revisited), its counts, the parse error with its place, and the confirmation of a job that
 * would close many findings.
 */
export function ImportJobPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const canWrite = can("vulns:write");
  const [confirming, setConfirming] = useState(false);
  const job = useApiQuery(`vulns-import:${id}`, () => getImport(id));
  const j = job.data;
  const active = j ? isJobActive(j.status) : false;
  const { reload } = job;
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, reload, j]);

  if (job.error && !j) return <ErrorAlert error={job.error} title="Could not load the import" />;
  if (!j) return <Loader aria-label="Loading import" />;

  const confirm = async () => {
    await confirmImport(j.id);
    toast.show({ color: "green", message: "Import confirmed: applying it" });
    reload();
  };
  const findingsLink = `/vulnerabilities/findings?asset=${encodeURIComponent(j.assetKey)}`;

  return (
    <Stack gap="md" maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/vulnerabilities/imports" size="sm">
          Imports
        </Anchor>
        <span>{j.fileName ?? j.id}</span>
      </Breadcrumbs>
      <Group gap="sm">
        <Title order={1}>Import for {j.assetKey}</Title>
        <JobStatusBadge status={j.status} />
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Progress
            value={jobPercent(j)}
            animated={active}
            color={j.status === "failed" ? "red" : j.status === "done" ? "green" : undefined}
            aria-label="Import progress"
          />
          <Text size="sm" aria-live="polite" data-testid="job-status-line">
            {j.status === "queued" && "Waiting for the importer…"}
            {j.status === "running" && `Reconciling: ${jobPercent(j)}%`}
            {j.status === "done" &&
              `Done ${formatDateTime(j.finishedAt)}: ${j.openInScope} open in scope before the import.`}
            {j.status === "failed" && "The import failed; nothing was changed."}
            {j.status === "waiting_confirmation" && "Waiting for confirmation."}
          </Text>
          <JobCounts counts={j.counts} />
          {j.status === "done" && (
            <Anchor component={Link} to={findingsLink} size="sm">
              See the findings of {j.assetKey}
            </Anchor>
          )}
        </Stack>
      </Paper>
      {j.status === "waiting_confirmation" && (
        <Alert color="yellow" title="This import would close many findings">
          <Stack gap="xs">
            <Text size="sm">{describeWaiting(j)}</Text>
            {canWrite && (
              <Group>
                <Button color="yellow" onClick={() => setConfirming(true)}>
                  Confirm
                </Button>
              </Group>
            )}
          </Stack>
        </Alert>
      )}
      {j.status === "failed" && (
        <Alert color="red" title="Import failed" role="alert">
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {j.error ?? "unknown error"}
          </Text>
          {j.errorDetails.length > 0 && (
            <List size="sm" mt="xs" spacing={2} style={{ overflowWrap: "anywhere" }}>
              {j.errorDetails.slice(0, 50).map((d, i) => {
                const place = errorPlace(d);
                return (
                  <List.Item key={i}>
                    {place && <Code>{place}</Code>} {d.message}
                  </List.Item>
                );
              })}
              {j.errorDetails.length > 50 && (
                <List.Item>… and {j.errorDetails.length - 50} more</List.Item>
              )}
            </List>
          )}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Section title="Job">
          <FactRow label="Asset">
            <Anchor component={Link} to={`/assets/${j.assetId}`} size="sm">
              {j.assetKey}
            </Anchor>
          </FactRow>
          <FactRow label="Scanner / scope">
            {j.scanner ?? "from the report"} / {j.scope}
          </FactRow>
          <FactRow label="Format">{j.format ?? "detected from the report"}</FactRow>
          <FactRow label="File">{j.fileName ?? "—"}</FactRow>
          <FactRow label="Queued">
            {formatDateTime(j.createdAt)} by {j.createdBy}
          </FactRow>
          <FactRow label="Started">{formatDateTime(j.startedAt)}</FactRow>
          <FactRow label="Finished">{formatDateTime(j.finishedAt)}</FactRow>
          {j.confirmed && <FactRow label="Confirmed">yes (mass close applied)</FactRow>}
        </Section>
      </Paper>
      <ConfirmModal
        opened={confirming}
        title="Apply the import"
        confirmLabel={`Close ${j.toClose} findings`}
        color="yellow"
        onConfirm={confirm}
        onClose={() => setConfirming(false)}
      >
        {describeWaiting(j)}
      </ConfirmModal>
    </Stack>
  );
}
