import { Anchor, Group, List, SimpleGrid, Stack, Text } from "@mantine/core";
import { Link } from "react-router";
import type { MonitoringRule } from "@infrasec/contracts";
import { safeHttpUrl } from "../../review/review-format";
import { LevelBadge, OriginBadge } from "./AlertBadges";
import { Section } from "./Section";
import { TagList } from "./TagList";

function Dash() {
  return (
    <Text size="sm" c="dimmed">
      —
    </Text>
  );
}

/**
 * What a rule is: title, id, level, author (the Detection Rule Licence requires it wherever a
 * match is shown), description, ATT&CK tags, references and known false positives.
 */
export function RuleSummary({
  rule,
  linkTitle = false,
}: {
  rule: MonitoringRule;
  linkTitle?: boolean;
}) {
  const logsource = [rule.logsource.product, rule.logsource.category, rule.logsource.service]
    .filter(Boolean)
    .join(" / ");
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <LevelBadge level={rule.level} />
        <OriginBadge origin={rule.origin} />
        {!rule.enabled && (
          <Text size="xs" c="orange">
            disabled
          </Text>
        )}
        {rule.kind === "correlation" && (
          <Text size="xs" c="dimmed">
            correlation rule
          </Text>
        )}
      </Group>
      <Stack gap={0}>
        {linkTitle ? (
          <Anchor component={Link} to={`/monitoring/rules/${encodeURIComponent(rule.id)}`} fw={600}>
            {rule.title}
          </Anchor>
        ) : (
          <Text fw={600}>{rule.title}</Text>
        )}
        <Text size="xs" ff="monospace" c="dimmed">
          {rule.id}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Section title="Author">
          <Text size="sm" data-testid="rule-author">
            {rule.author ?? "not stated in the rule"}
          </Text>
        </Section>
        <Section title="Log source">
          {logsource ? <Text size="sm">{logsource}</Text> : <Dash />}
        </Section>
        <Section title="Status">
          {rule.status ? <Text size="sm">{rule.status}</Text> : <Dash />}
        </Section>
      </SimpleGrid>
      <Section title="Description">
        {rule.description ? (
          <Text size="sm" style={{ whiteSpace: "pre-line" }}>
            {rule.description}
          </Text>
        ) : (
          <Dash />
        )}
      </Section>
      <Section title="ATT&CK and tags">
        <TagList tags={rule.tags} />
      </Section>
      {rule.falsepositives.length > 0 && (
        <Section title="Known false positives">
          <List size="sm">
            {rule.falsepositives.map((f) => (
              <List.Item key={f}>{f}</List.Item>
            ))}
          </List>
        </Section>
      )}
      <Section title="References">
        {rule.references.length > 0 ? (
          <List size="sm">
            {rule.references.map((ref) => {
              const url = safeHttpUrl(ref);
              return (
                <List.Item key={ref} style={{ overflowWrap: "anywhere" }}>
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
          <Dash />
        )}
      </Section>
    </Stack>
  );
}
