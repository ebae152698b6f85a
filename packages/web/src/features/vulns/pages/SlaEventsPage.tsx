import { useState } from "react";
import {
  Alert,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useSearchParams } from "react-router";
import { SEVERITIES } from "@infrasec/core";
import type { Severity } from "@infrasec/core";
import { VULN_SLA_EVENT_KINDS } from "@infrasec/contracts";
import type { VulnSlaEvent, VulnSlaEventKind } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { FilterText } from "../../review/components/FilterText";
import { listSlaEvents } from "../sla-api";
import { SLA_EVENT_LABELS } from "../sla-format";
import { RunSweepButton } from "../components/RunSweepButton";
import { SlaEventTable } from "../components/SlaEventTable";

const PAGE = 50;

function oneOf<T extends string>(values: readonly T[], v: string | null): T | undefined {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : undefined;
}

/**
 * /vulnerabilities/sla-events: due-soon and breached events (met and missed on request), newest
 * first, filtered in the URL, with "Load more" following the API's cursor.
 */
export function SlaEventsPage() {
  const [params, setParams] = useSearchParams();
  const kind = oneOf(VULN_SLA_EVENT_KINDS, params.get("kind"));
  const severity = oneOf(SEVERITIES, params.get("severity"));
  const asset = params.get("asset")?.trim() || undefined;
  const team = params.get("team")?.trim() || undefined;
  const query = { kind, severity, asset, team };
  const key = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string"),
  ).toString();
  const [now] = useState(() => Date.now());
  // Pages after the first, keyed by the filters they were loaded for.
  const [more, setMore] = useState<{ key: string; items: VulnSlaEvent[]; cursor: string | null }>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const first = useApiQuery(`vulns-sla-events?${key}`, () =>
    listSlaEvents({ ...query, limit: PAGE }),
  );
  const extra = more?.key === key ? more : undefined;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const cursor = extra ? extra.cursor : (first.data?.nextCursor ?? null);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const page = await listSlaEvents({ ...query, cursor, limit: PAGE });
      setMore({ key, items: [...(extra?.items ?? []), ...page.items], cursor: page.nextCursor });
    } catch (e) {
      setMoreError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  const reload = () => {
    setMore(undefined);
    first.reload();
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Stack gap={2}>
          <Title order={1}>SLA events</Title>
          <Text size="sm" c="dimmed">
            Recorded by the SLA sweep (every 15 minutes) when a finding&apos;s clock becomes due
            soon or breached, and when a closed finding met or missed its SLA. Newest first.
          </Text>
        </Stack>
        <RunSweepButton onDone={reload} />
      </Group>
      <Group gap="xs" align="flex-end" role="search" aria-label="SLA event filters">
        <Select
          label="Event"
          placeholder="Due soon and breached"
          w={210}
          clearable
          data={VULN_SLA_EVENT_KINDS.map((k: VulnSlaEventKind) => ({
            value: k,
            label: SLA_EVENT_LABELS[k],
          }))}
          value={kind ?? null}
          onChange={(v) => set({ kind: v ?? undefined })}
        />
        <Select
          label="Severity"
          placeholder="Any"
          w={130}
          clearable
          data={SEVERITIES.map((s: Severity) => ({ value: s, label: s }))}
          value={severity ?? null}
          onChange={(v) => set({ severity: v ?? undefined })}
        />
        <FilterText
          label="Asset"
          placeholder="Key or id"
          w={180}
          value={asset ?? ""}
          onApply={(v) => set({ asset: v.trim() })}
        />
        <FilterText
          label="Owner team"
          placeholder="As in the inventory"
          w={180}
          value={team ?? ""}
          onApply={(v) => set({ team: v.trim() })}
        />
      </Group>
      <ErrorAlert error={first.error} title="Could not load SLA events" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={first.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {first.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="gray" title="No SLA events">
              <Text size="sm">
                {key
                  ? "No event matches these filters."
                  : "No clock has become due soon or breached yet. The sweep runs every 15 minutes; people with write access can run it now."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <SlaEventTable events={items} now={now} />
        )}
      </Paper>
      <ErrorAlert error={moreError} title="Could not load more events" />
      <Group justify="space-between">
        <Text size="sm" c="dimmed" aria-live="polite">
          {first.data ? `${items.length} event${items.length === 1 ? "" : "s"} shown` : " "}
        </Text>
        {cursor && (
          <Button variant="default" loading={loadingMore} onClick={() => void loadMore()}>
            Load more
          </Button>
        )}
      </Group>
    </Stack>
  );
}
