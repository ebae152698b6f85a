import { useState } from "react";
import type { ReactNode } from "react";
import {
  Alert as MantineAlert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Code,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useNavigate, useParams } from "react-router";
import type { AlertDetail, AlertStatus } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { escalateAlert, getAlert, setAlertStatus } from "../api";
import { STATUS_LABELS, entityParts } from "../alert-format";
import { suppressFromAlertParams } from "../suppression-format";
import { AlertEvents } from "../components/AlertEvents";
import { AlertHistory } from "../components/AlertHistory";
import { AlertStatusActions } from "../components/AlertStatusActions";
import { AlertStatusBadge, LevelBadge } from "../components/AlertBadges";
import { EscalateModal } from "../components/EscalateModal";
import { MatchedFields } from "../components/MatchedFields";
import { RuleSummary } from "../components/RuleSummary";
import { Section } from "../components/Section";
import { TagList } from "../components/TagList";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={110} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div style={{ minWidth: 0, overflowWrap: "anywhere" }}>{children}</div>
    </Group>
  );
}

function Entity({ a }: { a: AlertDetail }) {
  const e = entityParts(a);
  return (
    <Stack gap={4}>
      <Row label="Host">{e.host ? <Text size="sm">{e.host}</Text> : "—"}</Row>
      {e.container && (
        <Row label="Container">
          <Text size="sm" ff="monospace" title={a.containerId ?? undefined}>
            {e.container}
          </Text>
        </Row>
      )}
      {a.image && (
        <Row label="Image">
          <Text size="sm" ff="monospace">
            {a.image}
          </Text>
        </Row>
      )}
      {e.pod && (
        <Row label="Pod">
          <Text size="sm">{e.pod}</Text>
        </Row>
      )}
      <Row label="Asset">
        {a.assetId ? (
          <Stack gap={0}>
            <Anchor component={Link} to={`/assets/${a.assetId}`} size="sm">
              {a.assetName ?? a.assetKey ?? a.assetId}
            </Anchor>
            {a.assetMatchedBy && (
              <Text size="xs" c="dimmed">
                found by {a.assetMatchedBy.replace(/_/g, " ")}
              </Text>
            )}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            not in the inventory
          </Text>
        )}
      </Row>
      <Row label="Source">
        <Text size="sm">{a.source}</Text>
      </Row>
    </Stack>
  );
}

/** /monitoring/alerts/:id: the rule (author shown), matched fields, events, history, actions. */
export function AlertDetailPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const canWrite = can("alerts:write");
  const [version, setVersion] = useState(0);
  const [escalating, setEscalating] = useState(false);
  const alert = useApiQuery(`monitoring-alert:${id}:${version}`, () => getAlert(id));
  if (alert.error && !alert.data)
    return <ErrorAlert error={alert.error} title="Could not load the alert" />;
  if (!alert.data) return <Loader aria-label="Loading alert" />;
  const a = alert.data;

  const changeStatus = async (to: AlertStatus, comment: string) => {
    await setAlertStatus(a.id, to, comment || undefined);
    toast.show({ color: "green", message: `Alert ${STATUS_LABELS[to]}` });
    setVersion((v) => v + 1);
  };
  const escalate = async (body: { title?: string; note?: string }) => {
    const { incident } = await escalateAlert(a.id, body);
    toast.show({ color: "green", message: `Incident #${incident.number} opened for SIRT` });
    void navigate(`/work/items/${incident.number}`);
  };

  return (
    <Stack gap="md" maw={1300}>
      <Breadcrumbs>
        <Anchor component={Link} to="/monitoring/alerts" size="sm">
          Alerts
        </Anchor>
        <Anchor
          component={Link}
          to={`/monitoring/alerts?status=all&ruleId=${encodeURIComponent(a.ruleId)}`}
          size="sm"
        >
          {a.ruleId}
        </Anchor>
        <span>{a.host ?? a.entityKey}</span>
      </Breadcrumbs>
      <Stack gap={4}>
        <Group gap="xs">
          <LevelBadge level={a.level} />
          <AlertStatusBadge status={a.status} />
          {a.count > 1 && (
            <Badge variant="outline" color="gray" title="Matches grouped into this alert">
              × {a.count}
            </Badge>
          )}
        </Group>
        <Title order={1}>{a.ruleTitle}</Title>
        <Text size="sm" c="dimmed">
          Rule <Code>{a.ruleId}</Code> by{" "}
          <span data-testid="alert-author">
            {a.ruleAuthor ?? "an author not stated in the rule"}
          </span>
        </Text>
      </Stack>
      {a.incidentNumber !== null && (
        <MantineAlert color="red" variant="light" title="Escalated to SIRT">
          <Text size="sm">
            <Anchor component={Link} to={`/work/items/${a.incidentNumber}`}>
              Incident #{a.incidentNumber}
            </Anchor>{" "}
            opened {formatDateTime(a.escalatedAt)}.
          </Text>
        </MantineAlert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper withBorder p="md">
              <Section title="Matched fields">
                <MatchedFields fields={a.matchedFields} label="Matched fields" />
                {a.correlation && (
                  <Text size="sm">
                    Correlation <Code>{a.correlation.type}</Code>: {a.correlation.count} events
                    grouped by{" "}
                    {Object.entries(a.correlation.group)
                      .map(([k, v]) => `${k}=${v}`)
                      .join(", ") || "nothing"}
                  </Text>
                )}
              </Section>
            </Paper>
            <Section title={`Events (${a.count})`}>
              <AlertEvents events={a.events} total={a.count} />
            </Section>
            <Paper withBorder p="md">
              <Section title="Rule">
                {a.rule ? (
                  <RuleSummary rule={a.rule} linkTitle />
                ) : (
                  <Stack gap={4}>
                    <Text size="sm">
                      {a.ruleTitle} (<Code>{a.ruleId}</Code>) by {a.ruleAuthor ?? "—"}
                    </Text>
                    <Text size="sm" c="dimmed">
                      The rule was deleted since this alert opened.
                    </Text>
                    <TagList tags={a.tags} />
                  </Stack>
                )}
              </Section>
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            {canWrite && (
              <Paper withBorder p="md">
                <Section title="Actions">
                  <AlertStatusActions status={a.status} onChange={changeStatus} />
                  <Group gap="xs" mt="xs">
                    {a.incidentNumber === null && (
                      <Button
                        size="xs"
                        color="red"
                        variant="outline"
                        onClick={() => setEscalating(true)}
                      >
                        Escalate to SIRT
                      </Button>
                    )}
                    <Button
                      size="xs"
                      variant="default"
                      component={Link}
                      to={`/monitoring/suppressions?${suppressFromAlertParams(a).toString()}`}
                    >
                      Suppress similar…
                    </Button>
                  </Group>
                </Section>
              </Paper>
            )}
            <Paper withBorder p="md">
              <Section title="Where">
                <Entity a={a} />
              </Section>
            </Paper>
            <Paper withBorder p="md">
              <Section title="When">
                <Stack gap={4}>
                  <Row label="First seen">
                    <Text size="sm">{formatDateTime(a.firstSeen)}</Text>
                  </Row>
                  <Row label="Last seen">
                    <Text size="sm">{formatDateTime(a.lastSeen)}</Text>
                  </Row>
                  <Row label="Repeats">
                    <Text size="sm">{a.count}</Text>
                  </Row>
                </Stack>
              </Section>
            </Paper>
            <Paper withBorder p="md">
              <Section title="History">
                <AlertHistory history={a.history} createdAt={a.createdAt} />
              </Section>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
      {escalating && (
        <EscalateModal
          alert={a}
          opened
          onClose={() => setEscalating(false)}
          onEscalate={escalate}
        />
      )}
    </Stack>
  );
}
