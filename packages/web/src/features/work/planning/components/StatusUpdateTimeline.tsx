import { Group, Text, Timeline } from "@mantine/core";
import type { EpicView } from "@infrasec/contracts";
import { formatDateTime } from "../../../../app/format";
import { HealthBadge } from "../../shared/HealthBadge";
import { Markdown } from "../../shared/Markdown";
import { UserRefText } from "../../shared/UserRefText";

/** An epic's status updates, newest first: health, author, date and the Markdown text. */
export function StatusUpdateTimeline({ updates }: { updates: EpicView["updates"] }) {
  if (updates.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No status update yet. The owner posts one with the form below (weekly is the default
        reminder).
      </Text>
    );
  }
  const sorted = [...updates].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  return (
    <Timeline bulletSize={14} lineWidth={2} aria-label="Status updates">
      {sorted.map((u) => (
        <Timeline.Item
          key={u.id}
          title={
            <Group gap="xs">
              <HealthBadge health={u.health} />
              <UserRefText user={u.author} empty="unknown" />
              <Text size="xs" c="dimmed" component="span">
                {formatDateTime(u.createdAt)}
              </Text>
            </Group>
          }
        >
          <Markdown source={u.body} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
