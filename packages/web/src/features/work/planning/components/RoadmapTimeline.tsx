import { Anchor, Box, Group, Text, Tooltip } from "@mantine/core";
import { Link } from "react-router";
import type { EpicView } from "@infrasec/contracts";
import { HEALTH_COLORS, formatDay, healthLabel, itemRef } from "../../shared/work-format";
import type { RoadmapQuarter } from "../api";
import { dayPosition, placeBar, quarterColumns } from "../roadmap-geometry";

const LABEL_WIDTH = 260;
const ROW_HEIGHT = 30;

/** The health a bar is coloured by: the owner's declared health, else the assessed one. */
function barHealth(e: EpicView) {
  return e.item.health ?? e.assessed.health;
}

/**
 * Epics as bars on a quarter timeline, from start to due date, coloured by health. A bar is a
 * link to the epic's planning page; its accessible name carries the dates and the health.
 */
export function RoadmapTimeline({
  quarters,
  epics,
  today = new Date().toISOString().slice(0, 10),
}: {
  quarters: readonly RoadmapQuarter[];
  epics: readonly EpicView[];
  today?: string;
}) {
  const columns = quarterColumns(quarters);
  const todayAt = dayPosition(quarters, today);
  const placed = epics
    .map((e) => ({ e, bar: placeBar(quarters, e.startDate, e.dueDate) }))
    .filter((p): p is { e: EpicView; bar: NonNullable<typeof p.bar> } => p.bar !== null);
  const unplaced = epics.filter((e) => !e.startDate && !e.dueDate);

  return (
    <Box>
      <Box
        style={{ display: "flex", borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Box w={LABEL_WIDTH} style={{ flex: "none" }}>
          <Text size="xs" fw={600} c="dimmed" p={4}>
            Epic
          </Text>
        </Box>
        <Box pos="relative" h={24} style={{ flex: 1 }}>
          {columns.map((c) => (
            <Text
              key={c.name}
              size="xs"
              fw={600}
              pos="absolute"
              top={4}
              style={{ left: `${c.left}%`, width: `${c.width}%`, textAlign: "center" }}
            >
              {c.name}
            </Text>
          ))}
        </Box>
      </Box>
      <Box role="list" aria-label="Roadmap">
        {placed.map(({ e, bar }) => {
          const health = barHealth(e);
          const dates = `${formatDay(e.startDate)} → ${formatDay(e.dueDate)}`;
          const name = `${e.item.title}: ${dates}, ${healthLabel(health)}`;
          return (
            <Box key={e.item.id} role="listitem" style={{ display: "flex", alignItems: "center" }}>
              <Box w={LABEL_WIDTH} style={{ flex: "none", overflow: "hidden" }} pr={8}>
                <Text size="sm" truncate title={e.item.title}>
                  <Text span size="xs" c="dimmed" mr={6}>
                    {itemRef(e.item.number)}
                  </Text>
                  {e.item.title}
                </Text>
              </Box>
              <Box pos="relative" h={ROW_HEIGHT} style={{ flex: 1 }}>
                {columns.map((c, i) => (
                  <Box
                    key={c.name}
                    pos="absolute"
                    top={0}
                    bottom={0}
                    style={{
                      left: `${c.left}%`,
                      width: `${c.width}%`,
                      borderLeft:
                        i > 0 ? "1px solid var(--mantine-color-default-border)" : undefined,
                    }}
                  />
                ))}
                {todayAt !== null && (
                  <Box
                    pos="absolute"
                    top={0}
                    bottom={0}
                    style={{
                      left: `${todayAt}%`,
                      borderLeft: "2px dashed var(--mantine-color-red-6)",
                    }}
                    aria-hidden
                  />
                )}
                <Tooltip label={`${dates} · ${healthLabel(health)}`} withinPortal>
                  <Anchor
                    component={Link}
                    to={`/work/planning/epics/${e.item.id}`}
                    aria-label={name}
                    data-health={health}
                    pos="absolute"
                    top={6}
                    h={ROW_HEIGHT - 12}
                    style={{
                      display: "block",
                      left: `${bar.left}%`,
                      width: `max(${bar.width}%, 6px)`,
                      background: `var(--mantine-color-${HEALTH_COLORS[health]}-6)`,
                      borderRadius: 4,
                      borderTopLeftRadius: bar.clippedStart ? 0 : 4,
                      borderBottomLeftRadius: bar.clippedStart ? 0 : 4,
                      borderTopRightRadius: bar.clippedEnd ? 0 : 4,
                      borderBottomRightRadius: bar.clippedEnd ? 0 : 4,
                      opacity: bar.partial ? 0.6 : 1,
                    }}
                  />
                </Tooltip>
              </Box>
            </Box>
          );
        })}
      </Box>
      {placed.length === 0 && (
        <Text size="sm" c="dimmed" p="md">
          No epic with dates in these quarters.
        </Text>
      )}
      <Group gap="md" mt="sm" aria-hidden>
        {(["on_track", "needs_attention", "at_risk"] as const).map((h) => (
          <Group key={h} gap={4}>
            <Box w={14} h={10} bg={`var(--mantine-color-${HEALTH_COLORS[h]}-6)`} />
            <Text size="xs">{healthLabel(h)}</Text>
          </Group>
        ))}
        <Group gap={4}>
          <Box w={0} h={12} style={{ borderLeft: "2px dashed var(--mantine-color-red-6)" }} />
          <Text size="xs">today</Text>
        </Group>
      </Group>
      {unplaced.length > 0 && (
        <Box mt="md">
          <Text size="sm" fw={600}>
            Not on the timeline (no start or due date)
          </Text>
          <Group gap="sm">
            {unplaced.map((e) => (
              <Anchor
                key={e.item.id}
                component={Link}
                to={`/work/planning/epics/${e.item.id}`}
                size="sm"
              >
                {itemRef(e.item.number)} {e.item.title}
              </Anchor>
            ))}
          </Group>
        </Box>
      )}
    </Box>
  );
}
