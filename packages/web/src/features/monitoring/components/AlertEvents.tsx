import { Accordion, Badge, Group, Stack, Text } from "@mantine/core";
import type { AlertEvent } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";
import { EventJson } from "./EventJson";
import { MatchedFields } from "./MatchedFields";

/** Field names to highlight in an event: the matched Sigma fields and their sensor fields. */
export function highlightNames(e: Pick<AlertEvent, "matchedFields" | "provenance">): string[] {
  const names = Object.keys(e.matchedFields);
  for (const n of names) if (e.provenance[n]) names.push(e.provenance[n]);
  return names;
}

/**
 * The kept events of an alert, each collapsible: its matched fields with the sensor field each
 * came from, the event as the sensor wrote it (or, when not kept, its normalized fields) with the
 * matched fields highlighted. The first event opens by default.
 */
export function AlertEvents({ events, total }: { events: AlertEvent[]; total: number }) {
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No event was kept for this alert.
      </Text>
    );
  return (
    <Stack gap="xs">
      {total > events.length && (
        <Text size="xs" c="dimmed">
          The first {events.length} of {total} matched events are kept; later repeats only raise the
          count.
        </Text>
      )}
      <Accordion multiple defaultValue={[String(events[0]!.seq)]} variant="separated">
        {events.map((e) => {
          const names = highlightNames(e);
          const hasOriginal = e.original !== null && e.original !== undefined;
          return (
            <Accordion.Item key={e.seq} value={String(e.seq)}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text size="sm" fw={500}>
                    Event {e.seq + 1}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(e.timestamp)}
                  </Text>
                  <Badge variant="outline" color="gray" size="sm">
                    {e.source}
                  </Badge>
                  {e.selections.length > 0 && (
                    <Text size="xs" c="dimmed">
                      matched {e.selections.join(", ")}
                    </Text>
                  )}
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="sm">
                  <MatchedFields
                    fields={e.matchedFields}
                    provenance={e.provenance}
                    label={`Matched fields of event ${e.seq + 1}`}
                  />
                  <Text size="xs" c="dimmed">
                    {hasOriginal
                      ? "The event as the sensor wrote it"
                      : "The normalized event (the original was not kept)"}
                  </Text>
                  <EventJson
                    value={hasOriginal ? e.original : e.fields}
                    names={names}
                    label={`Event ${e.seq + 1} JSON`}
                  />
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
    </Stack>
  );
}
