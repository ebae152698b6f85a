import { Text, Timeline } from "@mantine/core";
import type { AuditEvent } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";

/** Who changed the alert and when (its audit events, newest first as the server sends them). */
export function AlertHistory({ history, createdAt }: { history: AuditEvent[]; createdAt: string }) {
  return (
    <Timeline bulletSize={12} lineWidth={2} active={history.length + 1} aria-label="History">
      {history.map((e) => (
        <Timeline.Item
          key={e.id}
          title={
            <Text size="sm">
              <b>{e.actorName}</b> {e.summary || e.action.replace(/[._]/g, " ")}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)}
          </Text>
          {typeof e.changes?.comment === "string" && e.changes.comment && (
            <Text size="xs" fs="italic">
              {e.changes.comment}
            </Text>
          )}
        </Timeline.Item>
      ))}
      <Timeline.Item title={<Text size="sm">Alert opened by the detector</Text>}>
        <Text size="xs" c="dimmed">
          {formatDateTime(createdAt)}
        </Text>
      </Timeline.Item>
    </Timeline>
  );
}
