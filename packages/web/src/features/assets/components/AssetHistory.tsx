import { Code, Loader, Text, Timeline } from "@mantine/core";
import type { AuditEvent } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { assetHistory } from "../api";

function short(value: unknown): string {
  if (value === "" || value === null || value === undefined) return "(empty)";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

/** Audit `changes` are `{ field: [before, after] }`; other shapes are shown as JSON. */
function ChangeList({ changes }: { changes: AuditEvent["changes"] }) {
  if (!changes || Object.keys(changes).length === 0) return null;
  return (
    <Text size="xs" c="dimmed" component="div">
      {Object.entries(changes).map(([field, value]) => {
        const pair =
          Array.isArray(value) && value.length === 2 ? (value as [unknown, unknown]) : null;
        return (
          <div key={field}>
            <Code>{field}</Code>{" "}
            {pair
              ? pair[0] === null || pair[0] === undefined
                ? `set to ${short(pair[1])}`
                : `${short(pair[0])} → ${short(pair[1])}`
              : short(value)}
          </div>
        );
      })}
    </Text>
  );
}

/** What happened to the asset, from the audit events about it, newest first. */
export function AssetHistory({ assetId, version }: { assetId: string; version: string }) {
  const history = useApiQuery(`history:${assetId}:${version}`, () => assetHistory(assetId));
  if (history.error) return <ErrorAlert error={history.error} title="Could not load history" />;
  if (!history.data) return <Loader size="sm" aria-label="Loading history" />;
  const items = history.data.items;
  if (items.length === 0) return <Text size="sm">No recorded changes.</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={items.length}>
      {items.map((e) => (
        <Timeline.Item key={e.id} title={<Text size="sm">{e.summary || e.action}</Text>}>
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)} · {e.actorName} · <Code>{e.action}</Code>
          </Text>
          <ChangeList changes={e.changes} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
