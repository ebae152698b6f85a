import { Code, Loader, Text, Timeline } from "@mantine/core";
import type { WorkHistoryEntry } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { formatDateTime } from "../../../../app/format";
import { useApiQuery } from "../../../../app/use-api";
import { workItemHistory } from "../../shared/work-items-api";

/** A value of a history change, short: lists joined, objects as JSON, long text cut. */
export function historyValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "(empty)";
  if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) {
    return value.length === 0 ? "(none)" : value.map(String).join(", ");
  }
  if (
    typeof value === "object" &&
    value !== null &&
    "username" in value &&
    typeof value.username === "string"
  ) {
    return `@${(value as { username: string }).username}`;
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 140 ? `${text.slice(0, 137)}…` : text;
}

function Changes({ entry }: { entry: WorkHistoryEntry }) {
  if (entry.changes.length === 0) return null;
  return (
    <Text size="xs" component="div">
      {entry.changes.map((c, i) => (
        <div key={`${c.field}-${i}`}>
          <Code>{c.field}</Code>{" "}
          {c.from === null || c.from === undefined || c.from === ""
            ? `set to ${historyValue(c.to)}`
            : c.to === null || c.to === undefined || c.to === ""
              ? `cleared (was ${historyValue(c.from)})`
              : `${historyValue(c.from)} → ${historyValue(c.to)}`}
        </div>
      ))}
    </Text>
  );
}

/** Who changed what and when, oldest first, as the item's history records it. */
export function HistoryTimeline({ itemId, version }: { itemId: string; version: string }) {
  const history = useApiQuery(`work-history:${itemId}:${version}`, () => workItemHistory(itemId));
  if (history.error) return <ErrorAlert error={history.error} title="Could not load history" />;
  if (!history.data) return <Loader size="sm" aria-label="Loading history" />;
  const items = history.data.items;
  if (items.length === 0) return <Text size="sm">No recorded changes.</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2} active={items.length} aria-label="History">
      {items.map((e) => (
        <Timeline.Item
          key={e.id}
          title={
            <Text size="sm">
              <b>{e.actor?.displayName ?? "system"}</b> {e.action.replace(/[._]/g, " ")}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)}
          </Text>
          <Changes entry={e} />
          {e.note && (
            <Text size="xs" fs="italic">
              {e.note}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
