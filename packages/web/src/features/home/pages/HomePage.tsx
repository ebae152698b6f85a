import { Alert, Stack, Text, Title } from "@mantine/core";
import { useSession } from "../../../app/session";
import { AssetCountsPanel } from "../components/AssetCountsPanel";
import { RecentActivityPanel } from "../components/RecentActivityPanel";

export function HomePage() {
  const { user, can } = useSession();
  return (
    <Stack gap="md">
      <div>
        <Title order={1}>Home</Title>
        <Text size="sm" c="dimmed">
          Signed in as {user.displayName || user.username}
        </Text>
      </div>
      <Alert color="gray" title="Needs me now">
        <Text size="sm">
          Not built yet: this panel will list what waits for you (criticals past SLA, requests
          waiting for triage, unacknowledged alerts) once those areas exist.
        </Text>
      </Alert>
      {can("assets:read") && <AssetCountsPanel />}
      {can("audit:read") && <RecentActivityPanel />}
    </Stack>
  );
}
