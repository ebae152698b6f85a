import {
  Alert,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { useSearchParams } from "react-router";
import type { NotificationView } from "@infrasec/contracts";
import { useApiQuery } from "../../../app/use-api";
import { errorMessage } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { loadInbox, markRead } from "../api";
import { NotificationRow } from "../components/NotificationRow";

/** The most the inbox route answers in one call. */
const PAGE_LIMIT = 500;

/** Every notification of the signed-in user, newest first; "unread" kept in the URL. */
export function NotificationsPage() {
  const [params, setParams] = useSearchParams();
  const onlyUnread = params.get("unread") === "true";
  const inbox = useApiQuery(`notifications:${onlyUnread}`, () =>
    loadInbox({ unread: onlyUnread ? true : undefined, limit: PAGE_LIMIT }),
  );
  const items = inbox.data?.items ?? [];
  const unread = inbox.data?.unread ?? 0;

  const mark = (ids?: string[]) => {
    markRead(ids)
      .then(({ updated }) => {
        if (!ids) toast.show({ color: "green", message: `${updated} marked read` });
        inbox.reload();
      })
      .catch((e: unknown) => toast.show({ color: "red", message: errorMessage(e) }));
  };
  const open = (n: NotificationView) => {
    if (n.readAt === null) mark([n.id]);
  };

  return (
    <Stack gap="sm" maw={900}>
      <Group justify="space-between">
        <Title order={1}>Notifications</Title>
        <Group gap="xs">
          <SegmentedControl
            aria-label="Show"
            size="xs"
            value={onlyUnread ? "unread" : "all"}
            onChange={(v) => setParams(v === "unread" ? { unread: "true" } : {})}
            data={[
              { value: "all", label: "All" },
              { value: "unread", label: `Unread (${unread})` },
            ]}
          />
          <Button variant="default" size="xs" disabled={unread === 0} onClick={() => mark()}>
            Mark all read
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={inbox.error} title="Could not load notifications" />
      <Paper withBorder pos="relative" mih={80}>
        <LoadingOverlay visible={inbox.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {inbox.data && items.length === 0 ? (
          <Stack p="md">
            <Alert color="gray" title={onlyUnread ? "Nothing unread" : "No notifications yet"}>
              <Text size="sm">
                You are notified when someone assigns a work item to you, mentions you with
                @username, asks for your review, approves or refuses your request, or when your work
                is due soon.
              </Text>
            </Alert>
          </Stack>
        ) : (
          <Stack gap={0} component="ul" style={{ listStyle: "none", margin: 0, padding: 0 }}>
            {items.map((n) => (
              <li
                key={n.id}
                style={{
                  padding: "10px 14px",
                  borderBottom: "1px solid var(--mantine-color-default-border)",
                }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <NotificationRow notification={n} onOpen={open} />
                  {n.readAt === null && (
                    <Button size="compact-xs" variant="subtle" onClick={() => mark([n.id])}>
                      Mark read
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </Paper>
      {inbox.data && items.length >= PAGE_LIMIT && (
        <Text size="sm" c="dimmed">
          Showing the newest {PAGE_LIMIT}.
        </Text>
      )}
    </Stack>
  );
}
