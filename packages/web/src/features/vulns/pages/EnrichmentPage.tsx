import { useState } from "react";
import { Alert, Anchor, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { VULN_EPSS_MAX_CHARS, VULN_KEV_MAX_CHARS } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { getEnrichmentStatus, importEpss, importKev } from "../enrichment-api";
import { REFRESH_COMMANDS, coverageText } from "../enrichment-view";
import { FeedCard } from "../components/FeedCard";

/**
 * /vulnerabilities/enrichment: the EPSS and CISA KEV feeds behind the priority of findings —
 * what is loaded, how much of the open findings it covers, and uploads to refresh them.
 */
export function EnrichmentPage() {
  const { can } = useSession();
  const canWrite = can("vulns:write");
  const [now] = useState(() => Date.now());
  const status = useApiQuery("vulns-enrichment", getEnrichmentStatus);
  const s = status.data;
  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Title order={1}>Enrichment</Title>
        <Text size="sm" c="dimmed">
          Exploitation signals that raise a finding&apos;s priority: FIRST&apos;s EPSS (probability
          of exploitation in 30 days) and CISA&apos;s Known Exploited Vulnerabilities catalog (whose
          due dates can cap SLA deadlines). Both are imported from files, so air-gapped
          installations refresh them by copying two files.
        </Text>
      </Stack>
      <ErrorAlert error={status.error} title="Could not load the enrichment status" />
      {!s && status.loading && <Loader size="sm" />}
      {s && (
        <>
          <Group gap="xl" role="group" aria-label="Coverage">
            <Text size="sm">
              <b>EPSS scores:</b>{" "}
              <span data-testid="coverage-epss">{coverageText(s.withEpss, s.openFindings)}</span>
            </Text>
            <Text size="sm">
              <b>In KEV:</b>{" "}
              {s.inKev > 0 ? (
                <Anchor
                  component={Link}
                  to="/vulnerabilities/findings?kev=true&sort=-priority"
                  size="sm"
                >
                  <span data-testid="coverage-kev">{coverageText(s.inKev, s.openFindings)}</span>
                </Anchor>
              ) : (
                <span data-testid="coverage-kev">{coverageText(s.inKev, s.openFindings)}</span>
              )}
            </Text>
            <Text size="sm" c="dimmed">
              Priority model <code>{s.priorityModel}</code>
            </Text>
          </Group>
          {!canWrite && (
            <Alert color="gray">
              <Text size="sm">Uploading feeds needs write access to vulnerabilities.</Text>
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <FeedCard
              title="EPSS"
              versionLabel="Model version"
              dateLabel="Score date"
              info={s.epss}
              command={REFRESH_COMMANDS.epss}
              accept=".csv,.gz,text/csv,application/gzip"
              maxChars={VULN_EPSS_MAX_CHARS}
              canUpload={canWrite}
              now={now}
              upload={importEpss}
              onImported={status.reload}
            />
            <FeedCard
              title="KEV"
              versionLabel="Catalog version"
              dateLabel="Released"
              info={s.kev}
              command={REFRESH_COMMANDS.kev}
              accept=".json,application/json"
              maxChars={VULN_KEV_MAX_CHARS}
              canUpload={canWrite}
              now={now}
              upload={importKev}
              onImported={status.reload}
            />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
