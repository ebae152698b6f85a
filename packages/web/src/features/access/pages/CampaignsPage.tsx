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
import { useNavigate, useSearchParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useCan } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { ListFooter } from "../../review/components/ListFooter";
import { listCampaigns } from "../api";
import { campaignParamsFromQuery, campaignQueryFromParams } from "../access-query";
import type { CampaignQuery } from "../access-query";
import { CampaignTable } from "../components/CampaignTable";
import { CreateCampaignDialog } from "../components/CreateCampaignDialog";

/**
 * /access/campaigns: review campaigns with their progress. `?create=<snapshot id>` opens the
 * create dialog on that snapshot (the snapshot page links here).
 */
export function CampaignsPage() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const canCreate = useCan("access:write");
  const query = campaignQueryFromParams(params);
  const creating = params.has("create") && canCreate;
  const key = campaignParamsFromQuery(query).toString();
  const list = useApiQuery(`access-campaigns?${key}`, () => listCampaigns(query));
  const update = (patch: Partial<CampaignQuery>, resetPage = true) =>
    setParams(campaignParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const openCreate = () => {
    const next = campaignParamsFromQuery(query);
    next.set("create", "");
    setParams(next);
  };
  const closeCreate = () => setParams(campaignParamsFromQuery(query), { replace: true });
  const items = list.data?.items ?? [];
  const filtered = query.status !== undefined || query.kind !== undefined;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={1}>Access review campaigns</Title>
        {canCreate && <Button onClick={openCreate}>New campaign</Button>}
      </Group>
      <Group gap="xs" align="flex-end" role="search" aria-label="Campaign filters">
        <Select
          label="Status"
          placeholder="Any"
          w={130}
          clearable
          data={["open", "closed"]}
          value={query.status ?? null}
          onChange={(v) => update({ status: v ?? undefined })}
        />
        <Select
          label="Kind"
          placeholder="Any"
          w={190}
          clearable
          data={[
            { value: "privileged", label: "privileged access" },
            { value: "terminated_users", label: "terminated users" },
          ]}
          value={query.kind ?? null}
          onChange={(v) => update({ kind: v ?? undefined })}
        />
      </Group>
      <ErrorAlert error={list.error} title="Could not load the campaigns" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <Alert
              color="gray"
              title={filtered ? "No campaign matches these filters" : "No campaign yet"}
            >
              <Text size="sm">
                {filtered
                  ? "Clear or change the filters above."
                  : canCreate
                    ? "Start one with “New campaign”, or from a snapshot's page."
                    : "Campaigns assigned to you appear here once a security engineer starts one."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <CampaignTable items={items} />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="campaigns"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
      {creating && (
        <CreateCampaignDialog
          snapshotId={params.get("create") || undefined}
          onClose={closeCreate}
          onCreated={(c) => void navigate(`/access/campaigns/${c.id}`)}
        />
      )}
    </Stack>
  );
}
