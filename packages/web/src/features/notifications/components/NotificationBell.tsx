import { useEffect, useState } from "react";
import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Loader,
  Popover,
  ScrollArea,
  Stack,
  Text,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useLocation } from "react-router";
import type { NotificationView } from "@infrasec/contracts";
import { useApiQuery } from "../../../app/use-api";
import { errorMessage } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { loadInbox, markRead } from "../api";
import { INBOX_POLL_MS, bellLabel, unreadBadge } from "../notification-format";
import { BellIcon } from "./BellIcon";
import { NotificationRow } from "./NotificationRow";

const LATEST = 10;

/**
 * The header bell: the unread count, asked for every minute and on every navigation, and a
 * dropdown with the latest notifications and "Mark all read".
 */
export function NotificationBell() {
  const { pathname } = useLocation();
  const [opened, setOpened] = useState(false);
  const inbox = useApiQuery(`inbox:${pathname}`, () => loadInbox({ limit: LATEST }));
  const { reload } = inbox;
  useEffect(() => {
    const timer = window.setInterval(reload, INBOX_POLL_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const unread = inbox.data?.unread ?? 0;
  const badge = unreadBadge(unread);
  const items = inbox.data?.items ?? [];

  const markAll = () => {
    markRead()
      .then(reload)
      .catch((e: unknown) => toast.show({ color: "red", message: errorMessage(e) }));
  };
  const open = (n: NotificationView) => {
    setOpened(false);
    if (n.readAt === null) {
      markRead([n.id])
        .then(reload)
        .catch(() => undefined); // the page still opens; the count catches up on the next poll
    }
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={380}
      shadow="md"
      withinPortal
      onOpen={reload}
    >
      <Popover.Target>
        <Indicator label={badge} disabled={badge === null} size={16} color="red" offset={4} inline>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={bellLabel(unread)}
            aria-haspopup="dialog"
            aria-expanded={opened}
            onClick={() => setOpened((o) => !o)}
            data-testid="notification-bell"
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} role="dialog" aria-label="Notifications">
        <Group justify="space-between" px="sm" py={8}>
          <Text fw={600} size="sm">
            Notifications {unread > 0 ? `(${unread} unread)` : ""}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={markAll}>
            Mark all read
          </Button>
        </Group>
        <Divider />
        <ErrorAlert error={inbox.error} title="Could not load notifications" />
        <ScrollArea.Autosize mah={420} type="auto">
          {!inbox.data && inbox.loading ? (
            <Group justify="center" p="md">
              <Loader size="sm" aria-label="Loading notifications" />
            </Group>
          ) : items.length === 0 ? (
            <Text size="sm" c="dimmed" p="md">
              Nothing yet. You are notified when someone assigns you, mentions you, asks for your
              review or decides on your request.
            </Text>
          ) : (
            <Stack gap={0}>
              {items.map((n) => (
                <div
                  key={n.id}
                  style={{
                    padding: "8px 12px",
                    borderBottom: "1px solid var(--mantine-color-default-border)",
                  }}
                >
                  <NotificationRow notification={n} onOpen={open} compact />
                </div>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
        <Group justify="center" py={8}>
          <Anchor component={Link} to="/notifications" size="sm" onClick={() => setOpened(false)}>
            All notifications
          </Anchor>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
