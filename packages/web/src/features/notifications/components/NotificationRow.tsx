import { Anchor, Group, Stack, Text, ThemeIcon } from "@mantine/core";
import { Link } from "react-router";
import type { NotificationView } from "@infrasec/contracts";
import { formatDateTime, formatRelative } from "../../../app/format";
import { notificationHref, notificationKind } from "../notification-format";

/** One notification: kind icon, title (linking to the item), actor and time. */
export function NotificationRow({
  notification: n,
  onOpen,
  compact = false,
}: {
  notification: NotificationView;
  /** Called when the user follows the link (to mark it read). */
  onOpen?: (n: NotificationView) => void;
  compact?: boolean;
}) {
  const kind = notificationKind(n.kind);
  const href = notificationHref(n);
  const unread = n.readAt === null;
  const title = (
    <Text size="sm" fw={unread ? 600 : 400} lineClamp={compact ? 2 : undefined}>
      {n.itemNumber !== null && (
        <Text span c="dimmed" size="sm">
          #{n.itemNumber}{" "}
        </Text>
      )}
      {n.title}
    </Text>
  );
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" data-unread={unread || undefined}>
      <ThemeIcon
        color={kind.color}
        variant={unread ? "filled" : "light"}
        size="md"
        radius="xl"
        aria-hidden="true"
      >
        <Text fw={700} size="sm" component="span">
          {kind.icon}
        </Text>
      </ThemeIcon>
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        {href ? (
          <Anchor
            component={Link}
            to={href}
            underline="hover"
            c="inherit"
            onClick={() => onOpen?.(n)}
          >
            {title}
          </Anchor>
        ) : (
          title
        )}
        <Text size="xs" c="dimmed">
          {kind.label}
          {n.actor ? ` by ${n.actor.displayName || n.actor.username}` : ""} ·{" "}
          <span title={formatDateTime(n.createdAt)}>{formatRelative(n.createdAt)}</span>
          {unread && (
            <Text span size="xs" c="blue" fw={600}>
              {" "}
              · unread
            </Text>
          )}
        </Text>
      </Stack>
    </Group>
  );
}
