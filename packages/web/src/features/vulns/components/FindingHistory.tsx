import { Anchor, Text, Timeline } from "@mantine/core";
import { Link } from "react-router";
import type { VulnFindingEvent } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";
import { changeLines, describeEvent } from "../vulns-format";

/** Status and field changes, first detection first, as the server sends them. */
export function FindingHistory({ history }: { history: VulnFindingEvent[] }) {
  return (
    <Timeline bulletSize={12} lineWidth={2} active={history.length} aria-label="History">
      {history.map((e) => (
        <Timeline.Item
          key={e.id}
          title={
            <Text size="sm">
              <b>{e.actorName}</b> {describeEvent(e)}
            </Text>
          }
        >
          <Text size="xs" c="dimmed">
            {formatDateTime(e.at)}
            {e.jobId && (
              <>
                {" · "}
                <Anchor component={Link} to={`/vulnerabilities/imports/${e.jobId}`} size="xs">
                  import
                </Anchor>
              </>
            )}
          </Text>
          {changeLines(e.changes).map((line) => (
            <Text key={line} size="xs" ff="monospace" style={{ overflowWrap: "anywhere" }}>
              {line}
            </Text>
          ))}
          {e.note && (
            <Text size="xs" fs="italic" style={{ whiteSpace: "pre-wrap" }}>
              {e.note}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
