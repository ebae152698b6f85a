import { useState } from "react";
import {
  Accordion,
  Alert as MantineAlert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { Link } from "react-router";
import { MONITORING_SOURCES } from "@infrasec/contracts";
import type { MonitoringRuleTestResult, MonitoringSource } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { testRule } from "../api";
import { parsePastedEvents } from "../event-json";
import { EventJson } from "./EventJson";
import { LevelBadge } from "./AlertBadges";
import { MatchedFields } from "./MatchedFields";

/** Events tested at once from one paste (one request each). */
const MAX_EVENTS = 20;

const SOURCE_LABELS: Record<MonitoringSource, string> = {
  auto: "recognise (auto)",
  falco: "Falco alert JSON",
  osquery: "osquery result log",
  auditd: "auditd raw line",
  json: "generic JSON / ECS",
};

interface Outcome {
  index: number;
  result: MonitoringRuleTestResult;
}

function OneResult({ outcome, several }: { outcome: Outcome; several: boolean }) {
  const { result } = outcome;
  const heading = several ? `Event ${outcome.index + 1}: ` : "";
  if (result.rejected)
    return (
      <MantineAlert color="red" title={`${heading}the event could not be read`}>
        <Text size="sm">{result.rejected}</Text>
      </MantineAlert>
    );
  const fields = result.events[0]?.fields ?? {};
  const names = result.matches.flatMap((m) => [
    ...Object.keys(m.matchedFields),
    ...Object.values(m.provenance),
  ]);
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600} role="status">
        {heading}
        {result.matches.length === 0
          ? "No rule matched"
          : `${result.matches.length} match${result.matches.length === 1 ? "" : "es"}`}
      </Text>
      {result.matches.map((m) => (
        <Paper key={m.ruleId} withBorder p="sm">
          <Stack gap={6}>
            <Group gap="xs">
              <LevelBadge level={m.level} />
              <Anchor
                component={Link}
                to={`/monitoring/rules/${encodeURIComponent(m.ruleId)}`}
                fw={500}
              >
                {m.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                by {m.author ?? "an author not stated in the rule"}
              </Text>
              {m.suppressed && (
                <Badge color="gray" title="A stored suppression would drop this match">
                  suppressed
                </Badge>
              )}
            </Group>
            {m.selections.length > 0 && (
              <Text size="xs" c="dimmed">
                Selections that matched: {m.selections.join(", ")}
              </Text>
            )}
            <MatchedFields
              fields={m.matchedFields}
              provenance={m.provenance}
              label={`Matched fields of ${m.title}`}
            />
          </Stack>
        </Paper>
      ))}
      {result.events.length > 0 && (
        <Accordion
          variant="contained"
          defaultValue={result.matches.length === 0 ? "normalized" : null}
        >
          <Accordion.Item value="normalized">
            <Accordion.Control>
              <Text size="sm">
                The normalized event ({result.events[0]!.source}
                {result.events[0]!.logsource.category
                  ? `, ${result.events[0]!.logsource.category}`
                  : ""}
                )
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              <EventJson value={fields} names={names} label="Normalized event" />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
    </Stack>
  );
}

/**
 * "Test against a pasted event": the event (one JSON object, an array or NDJSON; a raw line for
 * auditd) goes through the same normalizers and rules as ingestion without storing anything;
 * the matches come back with the fields that matched. With `ruleId` only that rule runs
 * (enabled or not); without it, every enabled rule.
 */
export function RuleTestPanel({ ruleId, ruleTitle }: { ruleId?: string; ruleTitle?: string }) {
  const [text, setText] = useState("");
  const [source, setSource] = useState<MonitoringSource>("auto");
  const [busy, setBusy] = useState(false);
  const [inputError, setInputError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [outcomes, setOutcomes] = useState<Outcome[] | null>(null);

  const run = async () => {
    setInputError(null);
    setError(null);
    let events: (string | Record<string, unknown>)[];
    if (source === "auditd") {
      // Raw audit records: the whole paste is one event's lines.
      if (!text.trim()) return setInputError("Paste an auditd line");
      events = [text.trim()];
    } else {
      const parsed = parsePastedEvents(text);
      if (!parsed.ok)
        return setInputError(
          parsed.line
            ? `Line ${parsed.line}, column ${parsed.column ?? 1}: ${parsed.message}`
            : parsed.message,
        );
      if (parsed.events.length > MAX_EVENTS)
        return setInputError(
          `At most ${MAX_EVENTS} events at a time (${parsed.events.length} pasted)`,
        );
      events = parsed.events as Record<string, unknown>[];
    }
    setBusy(true);
    try {
      const results: Outcome[] = [];
      for (const [index, event] of events.entries())
        results.push({
          index,
          result: await testRule({ event, source, ...(ruleId ? { ruleId } : {}) }),
        });
      setOutcomes(results);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" role="region" aria-label="Event tester">
      <Text size="sm" c="dimmed">
        {ruleId
          ? `Runs ${ruleTitle ?? ruleId} (enabled or not) on the event.`
          : "Runs every enabled rule on the event."}{" "}
        Nothing is stored and no alert opens.
      </Text>
      <Group align="flex-end" gap="xs">
        <Select
          label="Event format"
          w={220}
          allowDeselect={false}
          data={MONITORING_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))}
          value={source}
          onChange={(v) => setSource(v ?? "auto")}
        />
        <Button loading={busy} onClick={() => void run()}>
          Test event
        </Button>
      </Group>
      <Textarea
        label="Event"
        description={
          source === "auditd"
            ? "Raw audit.log lines of one event"
            : "One JSON object, or several (a JSON array or one per line)"
        }
        placeholder={
          source === "auditd"
            ? 'type=EXECVE msg=audit(1700000000.123:42): argc=2 a0="nc" a1="-e"'
            : '{"rule":"Terminal shell in container","priority":"Notice","output_fields":{"proc.cmdline":"bash -i"}}'
        }
        autosize
        minRows={6}
        maxRows={20}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: 12 } }}
        spellCheck={false}
        error={inputError}
      />
      <ErrorAlert error={error} title="The test did not run" />
      {outcomes && (
        <Stack gap="sm" aria-label="Test results">
          {outcomes.map((o) => (
            <OneResult key={o.index} outcome={o} several={outcomes.length > 1} />
          ))}
        </Stack>
      )}
      {!outcomes && !error && (
        <Text size="xs" c="dimmed">
          Tip: a Falco alert as <Code>falco -o json_output=true</Code> writes it, or an osquery
          result line.
        </Text>
      )}
    </Stack>
  );
}
