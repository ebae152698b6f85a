import { useState } from "react";
import {
  Anchor,
  Breadcrumbs,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Timeline,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useParams } from "react-router";
import { SeverityBadge } from "../../../app/badges";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { Section } from "../../monitoring/components/Section";
import { getException } from "../exceptions-api";
import {
  EXCEPTION_KIND_HELP,
  EXCEPTION_STATUS_LABELS,
  exceptionHistory,
  scopeSummary,
} from "../exception-format";
import { ExceptionDecisionPanel } from "../components/ExceptionDecisionPanel";
import { ExceptionFindingsTable } from "../components/ExceptionFindingsTable";
import {
  ExceptionKindBadge,
  ExceptionStatusBadge,
  ExceptionWindow,
} from "../components/ExceptionBadges";
import { FactRow } from "../components/FactRow";

/**
 * /vulnerabilities/exceptions/:id: what an exception covers and why, its window, who asked
 * and who decided, the findings it covers, and the decisions this user may take.
 */
export function ExceptionDetailPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const [version, setVersion] = useState(0);
  const [now] = useState(() => Date.now());
  const query = useApiQuery(`vuln-exception:${id}:${version}`, () => getException(id));
  if (query.error && !query.data)
    return <ErrorAlert error={query.error} title="Could not load the exception" />;
  if (!query.data) return <Loader aria-label="Loading exception" />;
  const e = query.data;
  const { scope } = e;

  return (
    <Stack gap="md" maw={1300}>
      <Breadcrumbs>
        <Anchor component={Link} to="/vulnerabilities/exceptions" size="sm">
          Exceptions
        </Anchor>
        <span>{scopeSummary(scope)}</span>
      </Breadcrumbs>
      <Stack gap={4}>
        <Group gap="xs">
          <ExceptionStatusBadge status={e.status} />
          <ExceptionKindBadge kind={e.kind} />
          <SeverityBadge severity={e.severity} />
        </Group>
        <Title order={1}>Exception: {scopeSummary(scope)}</Title>
        <Text size="sm" c="dimmed">
          {EXCEPTION_KIND_HELP[e.kind]}
        </Text>
      </Stack>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Section title="Facts">
                <Stack gap={4}>
                  <FactRow label="Scope">
                    {scope.vulnId && <div>vulnerability {scope.vulnId} (or an alias)</div>}
                    {scope.package && <div>package {scope.package}, any version</div>}
                    {scope.findingIds.length > 0 && (
                      <div>
                        {scope.findingIds.length === 1
                          ? "1 finding named by id"
                          : `${scope.findingIds.length} findings named by id`}
                      </div>
                    )}
                    {scope.assets.length > 0 && (
                      <div>
                        on{" "}
                        {scope.assets.map((a, i) => (
                          <span key={a.id}>
                            {i > 0 && ", "}
                            <Anchor component={Link} to={`/assets/${a.id}`} size="sm">
                              {a.key}
                            </Anchor>
                          </span>
                        ))}
                      </div>
                    )}
                    <Text size="xs" c="dimmed">
                      Every part must match.
                    </Text>
                  </FactRow>
                  <FactRow label="Status">
                    {EXCEPTION_STATUS_LABELS[e.status]}
                    <ExceptionWindow exception={e} now={now} />
                  </FactRow>
                  <FactRow label="Window">
                    {e.status === "requested"
                      ? `${e.durationDays} days, starting at approval`
                      : `${formatDateTime(e.startsAt)} → ${formatDateTime(e.expiresAt)} (${e.durationDays} days)`}
                  </FactRow>
                  <FactRow label="Longest allowed">
                    {e.maxDays === null
                      ? `not limited by severity (${e.severity})`
                      : `${e.maxDays} days for ${e.severity} findings`}
                  </FactRow>
                  <FactRow label="Requested by">
                    {e.requestedBy.name}, {formatDateTime(e.requestedAt)}
                  </FactRow>
                  {e.decidedBy && (
                    <FactRow label="Decided by">
                      {e.decidedBy.name}, {formatDateTime(e.decidedAt)}
                    </FactRow>
                  )}
                  <FactRow label="Decision log">
                    {e.decisionItem ? (
                      <Anchor
                        component={Link}
                        to={`/work/items/${e.decisionItem.number}`}
                        size="sm"
                      >
                        #{e.decisionItem.number} {e.decisionItem.title}
                      </Anchor>
                    ) : (
                      "none linked"
                    )}
                  </FactRow>
                  <FactRow label="Justification">
                    <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                      {e.justification}
                    </Text>
                  </FactRow>
                  {e.compensatingControls && (
                    <FactRow label="Compensating controls">
                      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                        {e.compensatingControls}
                      </Text>
                    </FactRow>
                  )}
                </Stack>
              </Section>
            </Paper>
            <Paper withBorder p="md">
              <Section
                title={
                  e.status === "requested"
                    ? `Findings it would cover (${e.findings.length})`
                    : `Covered findings (${e.findings.length})`
                }
              >
                <ExceptionFindingsTable
                  findings={e.findings}
                  requested={e.status === "requested"}
                  now={now}
                />
              </Section>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Section title="Decision">
                <ExceptionDecisionPanel
                  exception={e}
                  user={{ id: session.user.id, canApprove: session.can("vulns:approve_exception") }}
                  onDecided={(next) => {
                    toast.show({
                      color: "green",
                      message: `Exception ${EXCEPTION_STATUS_LABELS[next.status]}`,
                    });
                    setVersion((v) => v + 1);
                  }}
                />
              </Section>
            </Paper>
            <Paper withBorder p="md">
              <Section title="History">
                <Timeline bulletSize={12} lineWidth={2} aria-label="Exception history">
                  {exceptionHistory(e).map((h) => (
                    <Timeline.Item
                      key={`${h.title}:${h.at}`}
                      title={
                        <Text size="sm">
                          {h.actor && <b>{h.actor} </b>}
                          {h.title}
                        </Text>
                      }
                    >
                      <Text size="xs" c="dimmed">
                        {formatDateTime(h.at)}
                      </Text>
                      {h.note && (
                        <Text size="xs" fs="italic" style={{ whiteSpace: "pre-wrap" }}>
                          {h.note}
                        </Text>
                      )}
                    </Timeline.Item>
                  ))}
                </Timeline>
              </Section>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
