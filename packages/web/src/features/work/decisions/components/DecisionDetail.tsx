import type { ReactNode } from "react";
import { Anchor, Badge, Card, Divider, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import type { WorkItemView } from "@infrasec/contracts";
import { Markdown } from "../../shared/Markdown";
import { UserRefText } from "../../shared/UserRefText";
import { statusLabel } from "../../shared/work-format";
import {
  DECISION_STATUS_COLORS,
  decidedOn,
  decisionRecord,
  supersededBy,
  supersedes,
} from "../decision-record";
import type { ItemRef } from "../decision-record";

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function ItemLink({ item }: { item: ItemRef }) {
  if (item.number === null) return <Text size="sm">{item.title ?? "an item you cannot see"}</Text>;
  return (
    <Anchor component={Link} to={`/work/items/${item.number}`} size="sm">
      #{item.number}
      {item.title ? ` ${item.title}` : ""}
    </Anchor>
  );
}

/**
 * One decision record as a document: the question and context, every option with its pros,
 * cons and supporting data, then the decision and its consequences (the decision template).
 */
export function DecisionDetail({
  item,
  log = [],
}: {
  item: WorkItemView;
  /** The Decision Log the record is shown in (to find a newer record that supersedes it). */
  log?: readonly WorkItemView[];
}) {
  const r = decisionRecord(item);
  const by = supersededBy(item, log);
  const replaces = supersedes(item);
  const decided = decidedOn(item);
  return (
    <Stack gap="md" aria-label={`Decision #${item.number}`} role="region">
      <Stack gap={4}>
        <Group gap="xs">
          <Badge color={DECISION_STATUS_COLORS[item.status] ?? "gray"}>
            {statusLabel(item.kind, item.status)}
          </Badge>
          {decided && (
            <Text size="sm" c="dimmed">
              decided {decided}
            </Text>
          )}
          <Anchor component={Link} to={`/work/items/${item.number}`} size="sm" ml="auto">
            Open item #{item.number}
          </Anchor>
        </Group>
        <Title order={2}>{item.title}</Title>
        {r.question && (
          <Text size="md" fw={500}>
            {r.question}
          </Text>
        )}
        {by && (
          <Text size="sm">
            Superseded by <ItemLink item={by} />
          </Text>
        )}
        {replaces.length > 0 && (
          <Group gap={6}>
            <Text size="sm">Supersedes</Text>
            {replaces.map((s, i) => (
              <ItemLink key={`${s.number ?? "x"}-${i}`} item={s} />
            ))}
          </Group>
        )}
      </Stack>
      <Section title="Context and problem">
        <Markdown source={r.context} empty="No context written." />
      </Section>
      <Section title={`Options (${r.options.length})`}>
        {r.options.length === 0 ? (
          <Text size="sm" c="dimmed">
            No options recorded.
          </Text>
        ) : (
          <Stack gap="sm">
            {r.options.map((o, i) => (
              <Card key={i} withBorder padding="sm">
                <Text fw={600} size="sm">
                  {i + 1}. {o.title || "Untitled option"}
                </Text>
                {o.description && <Markdown source={o.description} empty={null} />}
                <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm" mt={6}>
                  <Stack gap={2}>
                    <Text size="xs" fw={700} c="green">
                      Pros
                    </Text>
                    <Markdown source={o.pros} empty="—" />
                  </Stack>
                  <Stack gap={2}>
                    <Text size="xs" fw={700} c="red">
                      Cons
                    </Text>
                    <Markdown source={o.cons} empty="—" />
                  </Stack>
                  <Stack gap={2}>
                    <Text size="xs" fw={700} c="blue">
                      Supporting data
                    </Text>
                    <Markdown source={o.supportingData} empty="—" />
                  </Stack>
                </SimpleGrid>
              </Card>
            ))}
          </Stack>
        )}
      </Section>
      {r.recommendation && (
        <Section title="Recommendation">
          <Markdown source={r.recommendation} />
        </Section>
      )}
      <Divider />
      <Section title="Decision">
        <Markdown source={r.decision} empty="Not decided yet." />
      </Section>
      <Section title="Consequences">
        <Markdown source={r.consequences} empty="None recorded yet." />
      </Section>
      <SimpleGrid cols={2} spacing="xs">
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            DRI:{" "}
          </Text>
          {r.dri ? `@${r.dri}` : "—"}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Participants:{" "}
          </Text>
          {r.participants.length > 0 ? r.participants.map((p) => `@${p}`).join(", ") : "—"}
        </Text>
        <Text size="sm" component="div">
          <Text span c="dimmed" size="sm">
            Owner:{" "}
          </Text>
          <UserRefText user={item.owner} />
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Follow-ups:{" "}
          </Text>
          {r.followUps.length > 0 ? r.followUps.join(", ") : "—"}
        </Text>
      </SimpleGrid>
    </Stack>
  );
}
