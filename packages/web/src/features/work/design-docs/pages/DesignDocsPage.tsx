import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  LoadingOverlay,
  Pagination,
  Paper,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from "@mantine/core";
import { Link, useSearchParams } from "react-router";
import type { WorkItemSummary, WorkItemView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { formatRelative } from "../../../../app/format";
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { UserRefText } from "../../shared/UserRefText";
import { getWorkItem, listWorkItems } from "../../shared/work-items-api";
import { ConfidentialMark, StatusBadgeFor } from "../../items/components/ItemTable";
import { intakePath } from "../../intake/intake-kinds";
import { DESIGN_DOC_STATUS_FILTERS, reviewProgress } from "../design-doc-progress";

const PAGE = 25;

/** Items of the page with their reviewers and verdicts (lists carry summaries only). */
async function loadPage(status: string, offset: number) {
  const page = await listWorkItems({
    kind: "design_doc",
    state: "all",
    ...(status ? { status } : {}),
    sort: "-updatedAt",
    limit: PAGE,
    offset,
  });
  const details = await Promise.all(
    page.items.map((i) => getWorkItem(i.id).catch(() => null as WorkItemView | null)),
  );
  return {
    total: page.total,
    rows: page.items.map((summary, i) => ({ summary, item: details[i] ?? null })),
  };
}

function ReviewCell({ item }: { item: WorkItemView | null }) {
  if (!item) return <Text c="dimmed">—</Text>;
  const p = reviewProgress(item);
  if (p.total === 0) {
    return (
      <Text size="sm" c="dimmed">
        No reviewers
      </Text>
    );
  }
  return (
    <Tooltip
      label={
        p.waitingFor.length > 0 ? `Waiting for ${p.waitingFor.join(", ")}` : "Everyone approved"
      }
    >
      <Stack gap={2} w={170}>
        <Text size="xs">
          {p.approved}/{p.total} approved{p.refused > 0 ? `, ${p.refused} refused` : ""}
        </Text>
        <Progress.Root size="sm" aria-label={`${p.approved} of ${p.total} reviewers approved`}>
          <Progress.Section value={(p.approved / p.total) * 100} color="green" />
          <Progress.Section value={(p.refused / p.total) * 100} color="red" />
        </Progress.Root>
      </Stack>
    </Tooltip>
  );
}

function Row({ summary, item }: { summary: WorkItemSummary; item: WorkItemView | null }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          {summary.confidential && <ConfidentialMark />}
          <Anchor component={Link} to={`/work/items/${summary.number}`} size="sm" fw={500}>
            {summary.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            #{summary.number}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td>
        <StatusBadgeFor kind="design_doc" status={summary.status} />
      </Table.Td>
      <Table.Td>
        <ReviewCell item={item} />
      </Table.Td>
      <Table.Td>
        <UserRefText user={item?.createdBy ?? summary.owner} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="sm">{formatRelative(summary.updatedAt)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** /work/design-docs: the index of design docs with their review status and approvals. */
export function DesignDocsPage() {
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = DESIGN_DOC_STATUS_FILTERS.some((f) => f.value === params.get("status"))
    ? (params.get("status") ?? "")
    : "";
  const offset = Math.max(0, Number(params.get("offset") ?? 0) || 0);
  const data = useApiQuery(`design-docs:${status}:${offset}`, () => loadPage(status, offset));
  const total = data.data?.total ?? 0;
  const set = (next: { status?: string; offset?: number }) => {
    const p = new URLSearchParams();
    const s = next.status ?? status;
    const o = next.offset ?? 0;
    if (s) p.set("status", s);
    if (o) p.set("offset", String(o));
    setParams(p);
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={1}>Design docs</Title>
          <Text size="sm" c="dimmed">
            Designs are reviewed by their required reviewers: a doc is approved when every one of
            them approved.
          </Text>
        </div>
        {can("work:create") && (
          <Button component={Link} to={intakePath("design-doc")}>
            New design doc
          </Button>
        )}
      </Group>
      <SegmentedControl
        w="fit-content"
        size="xs"
        aria-label="Status"
        data={DESIGN_DOC_STATUS_FILTERS.map((f) => ({ value: f.value || "all", label: f.label }))}
        value={status || "all"}
        onChange={(v) => set({ status: v === "all" ? "" : v })}
      />
      <ErrorAlert error={data.error} title="Could not load design docs" />
      <Paper withBorder pos="relative" mih={100}>
        <LoadingOverlay visible={data.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {data.data && data.data.rows.length === 0 ? (
          <Stack p="md">
            <Alert color={status ? "gray" : "blue"} title="No design docs here">
              {status
                ? "No design doc has this status; choose another above."
                : can("work:create")
                  ? "Write the first one with “New design doc”: problem, goals, proposal, alternatives and trade-offs, security considerations and rollout, with the team members who must approve it."
                  : "Design docs written by the team appear here."}
            </Alert>
          </Stack>
        ) : (
          <Table striped aria-label="Design docs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Title</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Review</Table.Th>
                <Table.Th>Author</Table.Th>
                <Table.Th>Updated</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.data?.rows.map((r) => (
                <Row key={r.summary.id} summary={r.summary} item={r.item} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {total > PAGE && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {offset + 1}–{Math.min(total, offset + PAGE)} of {total}
          </Text>
          <Pagination
            size="sm"
            total={Math.ceil(total / PAGE)}
            value={Math.floor(offset / PAGE) + 1}
            onChange={(p) => set({ offset: (p - 1) * PAGE })}
          />
        </Group>
      )}
      {data.data && total > 0 && (
        <Badge variant="light" color="gray" w="fit-content">
          {total} design doc{total === 1 ? "" : "s"}
        </Badge>
      )}
    </Stack>
  );
}
