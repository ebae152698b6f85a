import { useState } from "react";
import {
  Anchor,
  Badge,
  Breadcrumbs,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useParams } from "react-router";
import type { VulnDismissalReason, VulnEditBody, VulnFindingStatus } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { Section } from "../../monitoring/components/Section";
import { changeFindingStatus, editFinding, getFinding } from "../api";
import { FINDING_STATUS_LABELS } from "../vulns-format";
import { FindingExceptionPanel } from "../components/FindingExceptionPanel";
import { FindingFacts } from "../components/FindingFacts";
import { FindingHistory } from "../components/FindingHistory";
import { FindingStatusActions } from "../components/FindingStatusActions";
import { IdentityPanel } from "../components/IdentityPanel";
import { OccurrenceList } from "../components/OccurrenceList";
import { OverrideForm } from "../components/OverrideForm";
import { FindingRiskPanel, KevDueBadge } from "../components/FindingRiskPanel";
import { FindingStatusBadge } from "../components/VulnBadges";

/**
 * /vulnerabilities/findings/:id: what the finding is, why its records matched, where it was
 * seen, what happened to it, and the status changes and overrides the user may make.
 */
export function FindingDetailPage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const canWrite = can("vulns:write");
  const canRequest = can("vulns:request_exception");
  const [version, setVersion] = useState(0);
  const [now] = useState(() => Date.now());
  const finding = useApiQuery(`vulns-finding:${id}:${version}`, () => getFinding(id));
  if (finding.error && !finding.data)
    return <ErrorAlert error={finding.error} title="Could not load the finding" />;
  if (!finding.data) return <Loader aria-label="Loading finding" />;
  const f = finding.data;

  const changeStatus = async (
    to: VulnFindingStatus,
    body: { reason?: VulnDismissalReason; comment?: string },
  ) => {
    await changeFindingStatus(f.id, { status: to, ...body });
    toast.show({ color: "green", message: `Finding ${FINDING_STATUS_LABELS[to]}` });
    setVersion((v) => v + 1);
  };
  const save = async (body: VulnEditBody) => {
    await editFinding(f.id, body);
    toast.show({ color: "green", message: "Override saved" });
    setVersion((v) => v + 1);
  };

  return (
    <Stack gap="md" maw={1300}>
      <Breadcrumbs>
        <Anchor component={Link} to="/vulnerabilities/findings" size="sm">
          Findings
        </Anchor>
        <Anchor
          component={Link}
          to={`/vulnerabilities/findings?status=all&asset=${encodeURIComponent(f.assetKey)}`}
          size="sm"
        >
          {f.assetKey}
        </Anchor>
        <span>{f.vulnId}</span>
      </Breadcrumbs>
      <Stack gap={4}>
        <Group gap="xs">
          <SeverityBadge severity={f.severity} />
          <FindingStatusBadge status={f.status} reason={f.dismissalReason} />
          <KevDueBadge f={f} now={now} />
          {f.occurrenceCount > 1 && (
            <Badge variant="outline" color="gray" title="Places this finding was seen">
              {f.occurrenceCount} places
            </Badge>
          )}
        </Group>
        <Title order={1}>
          {f.vulnId}
          {f.package ? ` in ${f.package}` : ""}
        </Title>
        {f.aliases.length > 0 && (
          <Text size="sm" c="dimmed">
            also known as {f.aliases.join(", ")}
          </Text>
        )}
        {f.title && <Text size="sm">{f.title}</Text>}
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Section title="Facts">
                <FindingFacts f={f} now={now} />
              </Section>
            </Paper>
            <Paper withBorder p="md">
              <Section title="Priority and exploitation">
                <FindingRiskPanel f={f} now={now} />
              </Section>
            </Paper>
            <Paper withBorder p="md">
              <Section title="Why these records are one finding">
                <IdentityPanel f={f} />
              </Section>
            </Paper>
            <Paper withBorder p="md">
              <Section title={`Occurrences (${f.occurrences.length})`}>
                <OccurrenceList occurrences={f.occurrences} />
              </Section>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {canWrite && (
              <Paper withBorder p="md">
                <Section title="Status">
                  <FindingStatusActions status={f.status} onChange={changeStatus} />
                </Section>
              </Paper>
            )}
            <Paper withBorder p="md">
              <Section title="Exception">
                <FindingExceptionPanel
                  f={f}
                  canRequest={canRequest}
                  now={now}
                  onRequested={() => setVersion((v) => v + 1)}
                />
              </Section>
            </Paper>
            {canWrite && (
              <Paper withBorder p="md">
                <Section title="Override">
                  <OverrideForm key={`${f.updatedAt}`} f={f} onSave={save} />
                </Section>
              </Paper>
            )}
            <Paper withBorder p="md">
              <Section title="History">
                <FindingHistory history={f.history} />
              </Section>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
