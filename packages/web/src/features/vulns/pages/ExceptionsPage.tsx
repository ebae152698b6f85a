import { useState } from "react";
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  LoadingOverlay,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { useSearchParams } from "react-router";
import { VULN_EXCEPTION_EXPIRING_DAYS, VULN_EXCEPTION_KINDS } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { FilterText } from "../../review/components/FilterText";
import { ListFooter } from "../../review/components/ListFooter";
import { listExceptions } from "../exceptions-api";
import {
  EXCEPTION_KIND_LABELS,
  EXCEPTION_TABS,
  EXCEPTION_TAB_LABELS,
  exceptionsApiQuery,
  exceptionsParamsFromView,
  exceptionsViewFromParams,
} from "../exception-format";
import type { ExceptionTab, ExceptionsView } from "../exception-format";
import { ExceptionTable } from "../components/ExceptionTable";

const EMPTY: Record<ExceptionTab, string> = {
  requested:
    "No exception waits for a decision. Request one from a finding's page or from a selection on the findings list.",
  expiring: `No approved exception ends within ${VULN_EXCEPTION_EXPIRING_DAYS} days.`,
  approved: "No exception is in force.",
  expired: "No exception has expired yet.",
  rejected: "No exception was rejected.",
  revoked: "No exception was revoked.",
  all: "No exception was requested yet. Request one from a finding's page or from a selection on the findings list.",
};

/**
 * /vulnerabilities/exceptions: risk acceptances and deviation requests by status, the ones
 * waiting for a decision first; filters and tab in the URL.
 */
export function ExceptionsPage() {
  const [params, setParams] = useSearchParams();
  const view = exceptionsViewFromParams(params);
  const key = exceptionsParamsFromView(view).toString();
  const list = useApiQuery(`vuln-exceptions?${key}`, () =>
    listExceptions(exceptionsApiQuery(view)),
  );
  // The two tabs that need someone now carry their counts.
  const waiting = useApiQuery("vuln-exceptions-waiting", () =>
    listExceptions({ status: "requested", limit: 1 }),
  );
  const expiring = useApiQuery("vuln-exceptions-expiring", () =>
    listExceptions({
      status: "approved",
      expiringWithinDays: VULN_EXCEPTION_EXPIRING_DAYS,
      limit: 1,
    }),
  );
  const [now] = useState(() => Date.now());
  const items = list.data?.items ?? [];
  const filtered = !!(view.asset || view.vulnId || view.kind);
  const update = (patch: Partial<ExceptionsView>, resetPage = true) =>
    setParams(exceptionsParamsFromView({ ...view, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const count = (tab: ExceptionTab) => {
    const total =
      tab === "requested" ? waiting.data?.total : tab === "expiring" ? expiring.data?.total : null;
    return total ? (
      <Badge size="xs" color={tab === "expiring" ? "orange" : "yellow"}>
        {total}
      </Badge>
    ) : null;
  };

  return (
    <Stack gap="sm">
      <Stack gap={2}>
        <Title order={1}>Exceptions</Title>
        <Text size="sm" c="dimmed">
          Risk acceptances and deviation requests. Approval dismisses the findings an exception
          covers until it ends; expiry or revocation reopens them. The requester never decides their
          own request.
        </Text>
      </Stack>
      <Tabs
        value={view.tab}
        onChange={(v) => update({ tab: (v ?? "requested") as ExceptionTab })}
        keepMounted={false}
      >
        <Tabs.List>
          {EXCEPTION_TABS.map((t) => (
            <Tabs.Tab key={t} value={t} rightSection={count(t)}>
              {EXCEPTION_TAB_LABELS[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="xs" align="flex-end" role="search" aria-label="Exception filters">
        <FilterText
          label="Asset"
          placeholder="key or id"
          w={200}
          value={view.asset ?? ""}
          onApply={(v) => update({ asset: v.trim() || undefined })}
        />
        <FilterText
          label="Vulnerability"
          placeholder="CVE-… or alias"
          w={200}
          value={view.vulnId ?? ""}
          onApply={(v) => update({ vulnId: v.trim() || undefined })}
        />
        <Select
          label="Kind"
          placeholder="Any"
          w={170}
          clearable
          data={VULN_EXCEPTION_KINDS.map((k) => ({ value: k, label: EXCEPTION_KIND_LABELS[k] }))}
          value={view.kind ?? null}
          onChange={(v) => update({ kind: v ?? undefined })}
        />
        {filtered && (
          <Button
            variant="subtle"
            onClick={() => setParams(exceptionsParamsFromView({ tab: view.tab }))}
          >
            Clear filters
          </Button>
        )}
      </Group>
      <ErrorAlert error={list.error} title="Could not load the exceptions" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <Alert
              color="gray"
              title={filtered ? "No exception matches these filters" : "Nothing here"}
            >
              <Text size="sm">
                {filtered ? "Clear or change the filters above." : EMPTY[view.tab]}
              </Text>
              {!filtered && view.tab === "all" && (
                <Code block mt="xs">
                  infrasec vulns exceptions request --finding ID --days 30 --justification TEXT
                </Code>
              )}
            </Alert>
          </Stack>
        ) : (
          <ExceptionTable items={items} now={now} />
        )}
      </Paper>
      <ListFooter
        query={view}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="exceptions"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}
