import { useState } from "react";
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Group,
  Loader,
  LoadingOverlay,
  Paper,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { AccessSnapshotDto } from "@infrasec/contracts";
import { SEVERITIES } from "@infrasec/core";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useCan } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { FilterText } from "../../review/components/FilterText";
import { ListFooter } from "../../review/components/ListFooter";
import { getSnapshot, listAccessFindings, listPrincipals } from "../api";
import {
  PRINCIPAL_TYPES,
  findingParamsFromQuery,
  findingQueryFromParams,
  hasPrincipalFilters,
  principalParamsFromQuery,
  principalQueryFromParams,
  snapshotTabFromParams,
} from "../access-query";
import type { AccessFindingQuery, PrincipalQuery } from "../access-query";
import { AccessFindingsTable } from "../components/AccessFindingsTable";
import { ProviderBadge } from "../components/AccessBadges";
import { CompareDialog } from "../components/CompareDialog";
import { PrincipalTable } from "../components/PrincipalTable";
import { SnapshotSummary } from "../components/SnapshotSummary";

const YES_NO = [
  { value: "true", label: "yes" },
  { value: "false", label: "no" },
];

function PrincipalsTab({ snapshot }: { snapshot: AccessSnapshotDto }) {
  const [params, setParams] = useSearchParams();
  const query = principalQueryFromParams(params);
  const key = principalParamsFromQuery(query).toString();
  const list = useApiQuery(`access-principals:${snapshot.id}?${key}`, () =>
    listPrincipals(snapshot.id, query),
  );
  const update = (patch: Partial<PrincipalQuery>, resetPage = true) =>
    setParams(
      principalParamsFromQuery(
        { ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) },
        "principals",
      ),
      { replace: true },
    );
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end" role="search" aria-label="Principal filters">
        <FilterText
          label="Search"
          placeholder="name or ARN"
          w={260}
          value={query.q ?? ""}
          onApply={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          label="Type"
          placeholder="Any"
          w={160}
          clearable
          data={[...PRINCIPAL_TYPES[snapshot.provider]]}
          value={query.type ?? null}
          onChange={(v) => update({ type: v ?? undefined })}
        />
        <Select
          label="Admin"
          placeholder="Any"
          w={110}
          clearable
          data={YES_NO}
          value={query.admin ?? null}
          onChange={(v) => update({ admin: (v as "true" | "false" | null) ?? undefined })}
        />
        <Select
          label="Has escalation"
          placeholder="Any"
          w={140}
          clearable
          data={YES_NO}
          value={query.hasEscalation ?? null}
          onChange={(v) => update({ hasEscalation: (v as "true" | "false" | null) ?? undefined })}
        />
        <Button
          variant="subtle"
          color="gray"
          onClick={() =>
            update({ q: undefined, type: undefined, admin: undefined, hasEscalation: undefined })
          }
        >
          Clear filters
        </Button>
      </Group>
      <ErrorAlert error={list.error} title="Could not load the principals" />
      <Paper withBorder pos="relative" mih={100}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="gray">
              <Text size="sm">
                {hasPrincipalFilters(query)
                  ? "No principal matches these filters."
                  : "This snapshot has no principal."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <PrincipalTable items={items} snapshotId={snapshot.id} />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="principals"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}

function FindingsTab({ snapshot }: { snapshot: AccessSnapshotDto }) {
  const [params, setParams] = useSearchParams();
  const query = findingQueryFromParams(params);
  const key = findingParamsFromQuery(query).toString();
  const list = useApiQuery(`access-findings:${snapshot.id}?${key}`, () =>
    listAccessFindings(snapshot.id, query),
  );
  const update = (patch: Partial<AccessFindingQuery>, resetPage = true) =>
    setParams(
      findingParamsFromQuery(
        { ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) },
        "findings",
      ),
      { replace: true },
    );
  const items = list.data?.items ?? [];
  const filtered = !!(query.severity ?? query.rule ?? query.principal);
  return (
    <Stack gap="sm">
      <Group gap="xs" align="flex-end" role="search" aria-label="Finding filters">
        <Select
          label="Severity"
          placeholder="Any"
          w={130}
          clearable
          data={[...SEVERITIES]}
          value={query.severity ?? null}
          onChange={(v) => update({ severity: v ?? undefined })}
        />
        <FilterText
          label="Rule"
          placeholder="IAM-ESC-001"
          w={160}
          value={query.rule ?? ""}
          onApply={(v) => update({ rule: v.trim() || undefined })}
        />
        <FilterText
          label="Principal"
          placeholder="exact ARN or subject"
          w={320}
          value={query.principal ?? ""}
          onApply={(v) => update({ principal: v.trim() || undefined })}
        />
        <Button
          variant="subtle"
          color="gray"
          onClick={() => update({ severity: undefined, rule: undefined, principal: undefined })}
        >
          Clear filters
        </Button>
      </Group>
      <ErrorAlert error={list.error} title="Could not load the findings" />
      <Paper withBorder pos="relative" mih={100}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="gray">
              <Text size="sm">
                {filtered ? "No finding matches these filters." : "The analysis found nothing."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <AccessFindingsTable items={items} snapshotId={snapshot.id} />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="findings"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}

/** /access/snapshots/:id: the analysis summary, principals and findings, and the diff entry. */
export function SnapshotPage() {
  const { id = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const canWrite = useCan("access:write");
  const [comparing, setComparing] = useState(false);
  const snapshot = useApiQuery(`access-snapshot:${id}`, () => getSnapshot(id));
  if (snapshot.error && !snapshot.data)
    return <ErrorAlert error={snapshot.error} title="Could not load the snapshot" />;
  if (!snapshot.data) return <Loader aria-label="Loading snapshot" />;
  const s = snapshot.data;
  const tab = snapshotTabFromParams(params);

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/access/snapshots" size="sm">
          Snapshots
        </Anchor>
        <Anchor
          component={Link}
          to={`/access/snapshots?name=${encodeURIComponent(s.name)}`}
          size="sm"
        >
          {s.name}
        </Anchor>
        <span>{formatDateTime(s.createdAt)}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={1}>{s.name}</Title>
          <ProviderBadge provider={s.provider} />
        </Group>
        <Group gap="xs">
          <Button variant="default" onClick={() => setComparing(true)}>
            Compare with…
          </Button>
          {canWrite && (
            <Button
              variant="default"
              onClick={() => void navigate(`/access/campaigns?create=${encodeURIComponent(s.id)}`)}
            >
              Start a review campaign
            </Button>
          )}
        </Group>
      </Group>
      <SnapshotSummary
        snapshot={s}
        onPrincipals={(filter) =>
          setParams(principalParamsFromQuery({ ...filter }, "principals"), { replace: true })
        }
        onFindings={(severity) =>
          setParams(findingParamsFromQuery({ severity }, "findings"), { replace: true })
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => setParams(v === "findings" ? { tab: "findings" } : {}, { replace: true })}
      >
        <Tabs.List>
          <Tabs.Tab value="principals">Principals ({s.summary.principals})</Tabs.Tab>
          <Tabs.Tab value="findings">Findings ({s.summary.findings})</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {tab === "principals" ? <PrincipalsTab snapshot={s} /> : <FindingsTab snapshot={s} />}
      {comparing && (
        <CompareDialog
          snapshot={s}
          onClose={() => setComparing(false)}
          onCompare={(oldId, newId) =>
            void navigate(
              `/access/diff?old=${encodeURIComponent(oldId)}&new=${encodeURIComponent(newId)}`,
            )
          }
        />
      )}
    </Stack>
  );
}
