import { useEffect } from "react";
import {
  Alert,
  Button,
  Code,
  Group,
  LoadingOverlay,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useNavigate, useSearchParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { listImports } from "../api";
import { isJobActive } from "../vulns-format";
import { ApplyStatesDialog } from "../components/ApplyStatesDialog";
import { ImportDialog } from "../components/ImportDialog";
import { JobTable } from "../components/JobTable";

const POLL_MS = 2000;

/**
 * /vulnerabilities/imports: recent import jobs, the upload dialog (`?upload=1` opens it) and
 * the dialog applying VEX or GitLab states to imported findings (`?states=1`).
 */
export function ImportsPage() {
  const { can } = useSession();
  const canWrite = can("vulns:write");
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const uploading = canWrite && params.get("upload") === "1";
  const applyingStates = canWrite && params.get("states") === "1";
  const jobs = useApiQuery("vulns-imports", () => listImports({ limit: 100 }));
  const items = jobs.data?.items ?? [];
  const active = items.some((j) => isJobActive(j.status));
  const { reload } = jobs;
  // Running jobs update their row until they finish.
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, reload, jobs.data]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1}>Imports</Title>
          <Text size="sm" c="dimmed">
            Scanner reports imported for assets, newest first. Each import runs as a job; open one
            to follow its progress.
          </Text>
        </Stack>
        {canWrite && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setParams({ states: "1" })}>
              Apply VEX / GitLab states
            </Button>
            <Button onClick={() => setParams({ upload: "1" })}>Import report</Button>
          </Group>
        )}
      </Group>
      <ErrorAlert error={jobs.error} title="Could not load imports" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay
          visible={jobs.loading && !jobs.data}
          overlayProps={{ blur: 0, opacity: 0.4 }}
        />
        {jobs.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="blue" title="No imports yet">
              <Text size="sm">
                Import a Trivy, Grype, SARIF, CycloneDX, OSV-Scanner, GitLab or Nessus report with{" "}
                <b>Import report</b>, from CI with an API token scoped <Code>vulns:write</Code>, or
                with <Code>infrasec vulns import FILE --asset KEY</Code>.
              </Text>
            </Alert>
          </Stack>
        ) : (
          <JobTable jobs={items} />
        )}
      </Paper>
      {uploading && (
        <ImportDialog
          opened
          onClose={() => setParams({})}
          onQueued={(job) => void navigate(`/vulnerabilities/imports/${job.id}`)}
        />
      )}
      {applyingStates && <ApplyStatesDialog onClose={() => setParams({})} />}
    </Stack>
  );
}
