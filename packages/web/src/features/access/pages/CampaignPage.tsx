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
  Progress,
  Select,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useParams, useSearchParams } from "react-router";
import type { Campaign, ReviewDecision, ReviewItem } from "@infrasec/contracts";
import { ConfirmModal } from "../../../app/ConfirmModal";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { FilterText } from "../../review/components/FilterText";
import { ListFooter } from "../../review/components/ListFooter";
import { closeCampaign, evidenceUrls, getCampaign, getSnapshot, listReviewItems } from "../api";
import { ALL_QUEUES, itemParamsFromQuery, itemQueryFromParams, queueTabs } from "../access-query";
import type { ItemQuery } from "../access-query";
import { CampaignStatusBadge, ProviderBadge } from "../components/AccessBadges";
import { DecisionModal } from "../components/DecisionModal";
import { ReviewItemsTable } from "../components/ReviewItemsTable";
import { VerifyDialog } from "../components/VerifyDialog";

function CampaignProgress({ campaign }: { campaign: Campaign }) {
  const p = campaign.progress;
  const part = (n: number) => (p.total === 0 ? 0 : (n / p.total) * 100);
  return (
    <Stack gap={4}>
      <Progress.Root size="lg" aria-label={`${p.decided} of ${p.total} items decided`}>
        <Progress.Section value={part(p.keep)} color="green" title={`${p.keep} keep`} />
        <Progress.Section value={part(p.modify)} color="yellow" title={`${p.modify} modify`} />
        <Progress.Section value={part(p.revoke)} color="red" title={`${p.revoke} revoke`} />
      </Progress.Root>
      <Text size="sm">
        {p.decided} of {p.total} decided ({p.percent}%) · {p.keep} keep · {p.modify} modify ·{" "}
        {p.revoke} revoke · {p.pending} pending
      </Text>
    </Stack>
  );
}

/** /access/campaigns/:id: progress, per-reviewer queues, decisions, evidence and verification. */
export function CampaignPage() {
  const { id = "" } = useParams();
  const session = useSession();
  const me = session.user.username;
  const canWrite = session.can("access:write");
  const [params, setParams] = useSearchParams();
  const [deciding, setDeciding] = useState<{ item: ReviewItem; decision: ReviewDecision } | null>(
    null,
  );
  const [closing, setClosing] = useState(false);
  const [verifying, setVerifying] = useState(false);
  const campaign = useApiQuery(`access-campaign:${id}`, () => getCampaign(id));
  const snapshotId = campaign.data?.snapshotId;
  // The reviewed snapshot's date bounds verification; reviewers without access:read skip it.
  const snapshot = useApiQuery(
    snapshotId && session.can("access:read") ? `access-snapshot:${snapshotId}` : null,
    () => getSnapshot(snapshotId ?? ""),
  );
  const query = itemQueryFromParams(params);
  const key = itemParamsFromQuery(query).toString();
  const items = useApiQuery(`access-items:${id}?${key}`, () => listReviewItems(id, query));

  if (campaign.error && !campaign.data)
    return <ErrorAlert error={campaign.error} title="Could not load the campaign" />;
  if (!campaign.data) return <Loader aria-label="Loading campaign" />;
  const c = campaign.data;
  const open = c.status === "open";
  const update = (patch: Partial<ItemQuery>, resetPage = true) =>
    setParams(itemParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }), {
      replace: true,
    });
  const tabs = queueTabs(me, c.progress, c.reviewers);
  const urls = evidenceUrls(c.id);
  const rows = items.data?.items ?? [];
  const reload = () => {
    campaign.reload();
    items.reload();
  };

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/access/campaigns" size="sm">
          Campaigns
        </Anchor>
        <span>{c.name}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="center">
        <Group gap="sm">
          <Title order={1}>{c.name}</Title>
          <CampaignStatusBadge campaign={c} />
        </Group>
        <Group gap="xs">
          {session.can("access:read") && (
            <>
              <Button component="a" variant="default" href={urls.csv} download>
                Export CSV
              </Button>
              <Button component="a" variant="default" href={urls.json} download>
                Export JSON
              </Button>
            </>
          )}
          {canWrite && open && (
            <Button color="gray" onClick={() => setClosing(true)}>
              Close campaign
            </Button>
          )}
          {canWrite && (
            <Button variant="default" onClick={() => setVerifying(true)}>
              Verify revocations…
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Group gap="lg">
            <Text size="sm">
              <Text span c="dimmed">
                Kind:{" "}
              </Text>
              {c.kind === "privileged" ? "privileged access" : "terminated users"}
            </Text>
            <Group gap={4}>
              <Text size="sm" c="dimmed">
                Snapshot:
              </Text>
              <ProviderBadge provider={c.provider} />
              {session.can("access:read") ? (
                <Anchor component={Link} to={`/access/snapshots/${c.snapshotId}`} size="sm">
                  {c.snapshotName}
                </Anchor>
              ) : (
                <Text size="sm">{c.snapshotName}</Text>
              )}
            </Group>
            <Text size="sm" c={c.overdue ? "red" : undefined}>
              <Text span c="dimmed">
                Due:{" "}
              </Text>
              {c.dueDate}
              {c.overdue ? " (overdue)" : ""}
            </Text>
            <Text size="sm">
              <Text span c="dimmed">
                Created by:{" "}
              </Text>
              {c.createdBy}, {formatDateTime(c.createdAt)}
            </Text>
            {c.closedAt && (
              <Text size="sm">
                <Text span c="dimmed">
                  Closed by:{" "}
                </Text>
                {c.closedBy}, {formatDateTime(c.closedAt)}
              </Text>
            )}
          </Group>
          <CampaignProgress campaign={c} />
          {c.baselineCampaignId && (
            <Text size="xs" c="dimmed">
              Compared with the last certified campaign of {c.snapshotName}: entitlements not
              certified then are flagged “new since last review”.
            </Text>
          )}
          {c.verification && (
            <Alert
              color={c.verification.stillPresent > 0 ? "red" : "green"}
              title="Verification"
              p="xs"
            >
              <Text size="sm">
                {c.verification.revoked} revocation{c.verification.revoked === 1 ? "" : "s"}{" "}
                confirmed, {c.verification.stillPresent} still present (checked by{" "}
                {c.verification.verifiedBy}, {formatDateTime(c.verification.verifiedAt)}).
              </Text>
            </Alert>
          )}
        </Stack>
      </Paper>

      <Title order={2}>Review queue</Title>
      <Tabs
        value={query.reviewer ?? ALL_QUEUES}
        onChange={(v) => update({ reviewer: v && v !== ALL_QUEUES ? v : undefined })}
      >
        <Tabs.List>
          {tabs.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label} ({t.pending} pending)
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group gap="xs" align="flex-end" role="search" aria-label="Item filters">
        <FilterText
          label="Search"
          placeholder="identity or entitlement"
          w={240}
          value={query.q ?? ""}
          onApply={(v) => update({ q: v.trim() || undefined })}
        />
        <Select
          label="Decision"
          placeholder="Any"
          w={130}
          clearable
          data={["pending", "keep", "revoke", "modify"]}
          value={query.decision ?? null}
          onChange={(v) => update({ decision: v ?? undefined })}
        />
        <Select
          label="Privileged"
          placeholder="Any"
          w={120}
          clearable
          data={[
            { value: "true", label: "yes" },
            { value: "false", label: "no" },
          ]}
          value={query.privileged ?? null}
          onChange={(v) => update({ privileged: v ?? undefined })}
        />
      </Group>
      <ErrorAlert error={items.error} title="Could not load the items" />
      <Paper withBorder pos="relative" mih={100}>
        <LoadingOverlay visible={items.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {items.data && rows.length === 0 ? (
          <Stack p="md">
            <Alert color="gray">
              <Text size="sm">
                {query.reviewer === "me" && query.decision === undefined
                  ? "Nothing is assigned to you in this campaign."
                  : "No item matches this queue and these filters."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <ReviewItemsTable
            items={rows}
            snapshotId={c.snapshotId}
            canDecide={(i) => open && (canWrite || i.reviewer === me)}
            onDecide={(item, decision) => setDeciding({ item, decision })}
          />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={rows.length}
        total={items.data?.total ?? 0}
        noun="items"
        loaded={!!items.data}
        onPage={(patch) => update(patch, false)}
      />

      {deciding && (
        <DecisionModal
          item={deciding.item}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
          onDecided={(item) => {
            setDeciding(null);
            notifications.show({
              message: `${item.principalName}: ${item.entitlement.name} → ${item.decision ?? ""}`,
            });
            reload();
          }}
        />
      )}
      <ConfirmModal
        opened={closing}
        title="Close the campaign"
        confirmLabel={c.progress.pending > 0 ? `Close with ${c.progress.pending} pending` : "Close"}
        color={c.progress.pending > 0 ? "red" : "blue"}
        onClose={() => setClosing(false)}
        onConfirm={() => closeCampaign(c.id, c.progress.pending > 0).then(reload)}
      >
        {c.progress.pending > 0
          ? `${c.progress.pending} items are still pending: they stay undecided in the evidence. Closing certifies the campaign and makes it the baseline of the next one.`
          : "Closing certifies the campaign; it becomes the baseline of the next campaign of this snapshot name."}
      </ConfirmModal>
      {verifying && (
        <VerifyDialog
          campaign={c}
          reviewedAt={snapshot.data?.createdAt}
          onClose={() => setVerifying(false)}
          onVerified={(r) => {
            setVerifying(false);
            notifications.show({
              color: r.stillPresent > 0 ? "red" : "green",
              message: `${r.revoked} revocations confirmed, ${r.stillPresent} still present`,
            });
            reload();
          }}
        />
      )}
    </Stack>
  );
}
