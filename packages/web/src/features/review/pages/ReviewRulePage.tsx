import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Group,
  List,
  Loader,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { ReviewRuleDetail } from "@infrasec/contracts";
import { SeverityBadge } from "../../../app/badges";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { getReviewRule } from "../api";
import { safeHttpUrl } from "../review-format";
import { FRAMEWORK_LABELS, PROVIDER_LABELS } from "../rule-labels";
import { Equivalents } from "../components/Equivalents";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={2} size="h4">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function OpenFindings({ rule }: { rule: ReviewRuleDetail }) {
  if (rule.projects.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No open finding of this rule in the latest default-branch run of any project.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={500}>
      <Table aria-label="Open findings by project" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Project</Table.Th>
            <Table.Th ta="right">Open findings</Table.Th>
            <Table.Th>Latest run</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rule.projects.map((p) => (
            <Table.Tr key={p.project}>
              <Table.Td>{p.project}</Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={600}>
                  {p.open}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/review/runs/${p.runId}?ruleId=${encodeURIComponent(rule.id)}`}
                  size="sm"
                >
                  findings of {rule.id} in this run
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** /review/rules/:id: what the rule checks, how to fix it, where it comes from, where it fires. */
export function ReviewRulePage() {
  const { id = "" } = useParams();
  const rule = useApiQuery(`review-rule:${id}`, () => getReviewRule(id));
  if (rule.error && !rule.data)
    return <ErrorAlert error={rule.error} title="Could not load the rule" />;
  if (!rule.data) return <Loader aria-label="Loading rule" />;
  const r = rule.data;
  return (
    <Stack gap="md" maw={1100}>
      <Breadcrumbs>
        <Anchor component={Link} to="/review/rules" size="sm">
          Rules
        </Anchor>
        <Anchor component={Link} to={`/review/rules?framework=${r.framework}`} size="sm">
          {FRAMEWORK_LABELS[r.framework]}
        </Anchor>
        <span>{r.id}</span>
      </Breadcrumbs>
      <Stack gap={4}>
        <Group gap="xs">
          <Text ff="monospace" fw={600} c="dimmed">
            {r.id}
          </Text>
          <SeverityBadge severity={r.severity} />
          <Badge variant="outline" color="gray">
            {FRAMEWORK_LABELS[r.framework]}
          </Badge>
          <Badge variant="outline" color="gray">
            {PROVIDER_LABELS[r.provider]}
          </Badge>
        </Group>
        <Title order={1}>{r.title}</Title>
      </Stack>
      <Paper withBorder p="md">
        <Stack gap="md">
          <Section title="Description">
            <Text size="sm" style={{ whiteSpace: "pre-line" }}>
              {r.description}
            </Text>
          </Section>
          <Section title="Remediation">
            <Text size="sm" style={{ whiteSpace: "pre-line" }}>
              {r.remediation}
            </Text>
          </Section>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Section title="Frameworks and tags">
              {r.tags.length > 0 ? (
                <Group gap={4}>
                  {r.tags.map((t) => (
                    <Badge key={t} variant="outline" color="gray">
                      {t}
                    </Badge>
                  ))}
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              )}
            </Section>
            <Section title="Equivalents (Checkov / Trivy)">
              <Equivalents equivalents={r.equivalents} />
            </Section>
          </SimpleGrid>
          <Section title="References">
            {r.references.length > 0 ? (
              <List size="sm">
                {r.references.map((ref) => {
                  const url = safeHttpUrl(ref);
                  return (
                    <List.Item key={ref}>
                      {url ? (
                        <Anchor href={url} target="_blank" rel="noreferrer noopener" size="sm">
                          {ref}
                        </Anchor>
                      ) : (
                        ref
                      )}
                    </List.Item>
                  );
                })}
              </List>
            ) : (
              <Text size="sm" c="dimmed">
                —
              </Text>
            )}
          </Section>
        </Stack>
      </Paper>
      <Section title={`Open findings (${r.openFindings})`}>
        <OpenFindings rule={r} />
      </Section>
      <Alert color="gray" variant="light">
        <Text size="sm">
          Suppress with a reason:{" "}
          <code>{`# infrasec:ignore ${r.id} reason="…" until=YYYY-MM-DD`}</code>
          {" — "}
          <Anchor
            component={Link}
            to={`/review/suppressions?ruleId=${encodeURIComponent(r.id)}`}
            size="sm"
          >
            suppressions of this rule
          </Anchor>
        </Text>
      </Alert>
    </Stack>
  );
}
