import { useState } from "react";
import { Anchor, Button, Group, LoadingOverlay, Paper, Stack, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router";
import type { AuditFilter } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { AUDIT_FILTER_KEYS, auditExportUrl, listAudit } from "../api";
import { AuditFilters } from "../components/AuditFilters";
import { AuditTable } from "../components/AuditTable";
import { AuditVerify } from "../components/AuditVerify";

const PAGE = 100;

function filterFromParams(params: URLSearchParams): AuditFilter {
  const f: AuditFilter = {};
  for (const k of AUDIT_FILTER_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  return f;
}

export function AuditLogPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const filterKey = new URLSearchParams(filter).toString();
  // Cursor pages: each entry is the `before` of a page; the last one is shown.
  const [cursor, setCursor] = useState<{ key: string; stack: (number | undefined)[] }>({
    key: filterKey,
    stack: [undefined],
  });
  const stack = cursor.key === filterKey ? cursor.stack : [undefined];
  const before = stack[stack.length - 1];
  const page = useApiQuery(`audit?${filterKey}&before=${before ?? ""}`, () =>
    listAudit(filter, before, PAGE),
  );
  const nextBefore = page.data?.nextBefore ?? null;

  const apply = (f: AuditFilter) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) if (v) p.set(k, String(v));
    setParams(p);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start">
        <Title order={1}>Audit log</Title>
        <Group gap="xs">
          {can("audit:export") && (
            <>
              <Button
                component="a"
                variant="default"
                href={auditExportUrl(filter, "ndjson")}
                download
              >
                Export NDJSON
              </Button>
              <Button component="a" variant="default" href={auditExportUrl(filter, "csv")} download>
                Export CSV
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        Every change, newest first. Events are hash-chained: editing or deleting one breaks the
        chain, which “Verify chain” (or <code>infrasec audit verify</code>) detects.
      </Text>
      <AuditVerify />
      <AuditFilters key={filterKey} filter={filter} onApply={apply} />
      <ErrorAlert error={page.error} title="Could not load the audit log" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={page.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {page.data && page.data.items.length === 0 ? (
          <Text size="sm" p="md">
            No event matches these filters.
          </Text>
        ) : (
          <AuditTable items={page.data?.items ?? []} />
        )}
      </Paper>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Page {stack.length}
          {page.data ? ` · ${page.data.items.length} events` : ""}
        </Text>
        <Group gap="xs">
          {stack.length > 1 && (
            <Anchor
              component="button"
              size="sm"
              onClick={() => setCursor({ key: filterKey, stack: [undefined] })}
            >
              Newest
            </Anchor>
          )}
          <Button
            variant="default"
            size="xs"
            disabled={stack.length <= 1}
            onClick={() => setCursor({ key: filterKey, stack: stack.slice(0, -1) })}
          >
            ← Newer
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={nextBefore === null}
            onClick={() =>
              setCursor({ key: filterKey, stack: [...stack, nextBefore ?? undefined] })
            }
          >
            Older →
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
