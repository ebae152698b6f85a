import type { DragEvent } from "react";
import {
  ActionIcon,
  Anchor,
  Avatar,
  Badge,
  Group,
  Menu,
  Paper,
  Stack,
  Text,
  Tooltip,
} from "@mantine/core";
import { Link } from "react-router";
import type { LabelView, WorkItemSummary } from "@infrasec/contracts";
import { LabelList } from "../../shared/LabelBadge";
import { formatDay, weightLabel } from "../../shared/work-format";
import { initials } from "../board-lanes";
import type { BoardColumnContent } from "../board-optimistic-move";

/** The drag payload type: only our cards can be dropped on columns. */
export const CARD_MIME = "application/x-infrasec-item";

/**
 * A card of the board. For people who may move cards it is draggable (native HTML5 drag and
 * drop) and has a "Move to…" menu, the keyboard and screen-reader way to do the same move.
 */
export function BoardCard({
  item,
  columns,
  current,
  catalog,
  canMove,
  pending,
  today,
  onMove,
  onDragState,
}: {
  item: WorkItemSummary;
  columns: BoardColumnContent[];
  current: string;
  catalog?: readonly LabelView[];
  canMove: boolean;
  /** True while the card's move waits for the server. */
  pending: boolean;
  /** Today as YYYY-MM-DD, for the overdue colour. */
  today: string;
  onMove: (itemId: string, to: string) => void;
  onDragState: (itemId: string | null) => void;
}) {
  const overdue = item.dueDate !== null && item.closedAt === null && item.dueDate < today;
  const onDragStart = (e: DragEvent<HTMLDivElement>) => {
    e.dataTransfer.setData(CARD_MIME, item.id);
    e.dataTransfer.setData("text/plain", `#${item.number}`);
    e.dataTransfer.effectAllowed = "move";
    onDragState(item.id);
  };
  return (
    <Paper
      withBorder
      p={8}
      shadow="xs"
      draggable={canMove}
      onDragStart={canMove ? onDragStart : undefined}
      onDragEnd={() => onDragState(null)}
      data-item-number={item.number}
      aria-label={`#${item.number} ${item.title}`}
      role="article"
      style={{
        cursor: canMove ? "grab" : undefined,
        opacity: pending ? 0.6 : 1,
      }}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
          <Anchor
            component={Link}
            to={`/work/items/${item.number}`}
            size="sm"
            c="inherit"
            underline="hover"
            draggable={false}
            style={{ minWidth: 0 }}
          >
            <Text span size="sm" c="dimmed">
              #{item.number}
            </Text>{" "}
            {item.confidential && (
              <span role="img" aria-label="confidential" title="Confidential">
                🔒{" "}
              </span>
            )}
            {item.title}
          </Anchor>
          {canMove && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`Move #${item.number} to…`}
                >
                  ⋯
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>Move to…</Menu.Label>
                {columns
                  .filter((c) => c.value !== current)
                  .map((c) => (
                    <Menu.Item key={c.value} onClick={() => onMove(item.id, c.value)}>
                      {c.title}
                    </Menu.Item>
                  ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <LabelList labels={item.labels} catalog={catalog} empty={null} />
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Group gap={4}>
            {item.weight !== null && (
              <Tooltip label={`Weight ${weightLabel(item.weight)}`}>
                <Badge size="sm" variant="outline" color="gray">
                  ⚖ {item.weight}
                </Badge>
              </Tooltip>
            )}
            {item.dueDate && (
              <Badge
                size="sm"
                variant="light"
                color={overdue ? "red" : "gray"}
                title={overdue ? "Overdue" : "Due date"}
              >
                due {formatDay(item.dueDate)}
              </Badge>
            )}
          </Group>
          {item.assignees.length > 0 && (
            <Avatar.Group spacing={6}>
              {item.assignees.slice(0, 3).map((a) => (
                <Tooltip key={a.id} label={`${a.displayName} (@${a.username})`} withArrow>
                  <Avatar
                    size={22}
                    radius="xl"
                    color="initials"
                    name={a.displayName || a.username}
                    alt={a.username}
                  >
                    {initials(a.displayName, a.username)}
                  </Avatar>
                </Tooltip>
              ))}
              {item.assignees.length > 3 && (
                <Avatar size={22} radius="xl">
                  +{item.assignees.length - 3}
                </Avatar>
              )}
            </Avatar.Group>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
