import { useId } from "react";
import { Box, Group, Table, Text } from "@mantine/core";
import type { BurnupPoint, BurnupUnit } from "../api";
import { burnupGeometry, burnupSummary, unitName } from "../burnup-geometry";

const WIDTH = 760;
const HEIGHT = 300;
const SCOPE_COLOR = "var(--mantine-color-blue-6)";
const DONE_COLOR = "var(--mantine-color-green-7)";
const TODAY_COLOR = "var(--mantine-color-red-6)";
const AXIS_COLOR = "var(--mantine-color-dimmed)";
const GRID_COLOR = "var(--mantine-color-default-border)";

/** "MM-DD" for axis labels; the full day is in the tooltips and the table. */
function shortDay(day: string): string {
  return day.slice(5);
}

/**
 * A hand-written SVG burnup: the scope line and the completed line per day, y from zero, the
 * day axis labelled, a today marker, a <title>/<desc> for assistive technology, each day's
 * numbers on hover, and the same numbers as a table below.
 */
export function BurnupChart({
  points,
  unit,
  title,
  range,
  today = new Date().toISOString().slice(0, 10),
}: {
  points: readonly BurnupPoint[];
  unit: BurnupUnit;
  title: string;
  /** The milestone's start and due days: the x axis spans them even before the series does. */
  range?: { start: string; end: string };
  /** YYYY-MM-DD (UTC); the marker is drawn when it lies inside the range. */
  today?: string;
}) {
  const id = useId();
  const g = burnupGeometry(points, { width: WIDTH, height: HEIGHT, today, range });
  const u = unitName(unit);
  const first = g.points[0];
  const second = g.points[1];
  const step = Math.max(4, first && second ? second.x - first.x : 40);
  // The "today" label goes to the left of its line near the right edge, so it is never clipped.
  const todayLabelLeft = g.todayX !== null && g.todayX > g.plot.right - 40;
  return (
    <Box>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ maxWidth: WIDTH, display: "block", fontSize: 11 }}
      >
        <title id={`${id}-title`}>{`Burnup of ${title} (${u})`}</title>
        <desc id={`${id}-desc`}>{burnupSummary(points, unit, today)}</desc>
        {g.yTicks.map((t) => (
          <g key={t.value}>
            <line x1={g.plot.left} x2={g.plot.right} y1={t.y} y2={t.y} stroke={GRID_COLOR} />
            <text x={g.plot.left - 6} y={t.y} dy="0.32em" textAnchor="end" fill={AXIS_COLOR}>
              {t.value}
            </text>
          </g>
        ))}
        <line
          x1={g.plot.left}
          x2={g.plot.left}
          y1={g.plot.top}
          y2={g.plot.bottom}
          stroke={AXIS_COLOR}
        />
        {g.xTicks.map((t) => (
          <g key={t.day}>
            <line x1={t.x} x2={t.x} y1={g.plot.bottom} y2={g.plot.bottom + 4} stroke={AXIS_COLOR} />
            <text x={t.x} y={g.plot.bottom + 16} textAnchor="middle" fill={AXIS_COLOR}>
              {shortDay(t.day)}
            </text>
          </g>
        ))}
        <text
          x={(g.plot.left + g.plot.right) / 2}
          y={HEIGHT - 4}
          textAnchor="middle"
          fill={AXIS_COLOR}
        >
          day
        </text>
        <text
          transform={`translate(12 ${(g.plot.top + g.plot.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fill={AXIS_COLOR}
        >
          {u}
        </text>
        {g.todayX !== null && (
          <g data-testid="burnup-today">
            <line
              x1={g.todayX}
              x2={g.todayX}
              y1={g.plot.top}
              y2={g.plot.bottom}
              stroke={TODAY_COLOR}
              strokeDasharray="4 3"
            />
            <text
              x={todayLabelLeft ? g.todayX - 4 : g.todayX + 4}
              y={g.plot.top + 10}
              textAnchor={todayLabelLeft ? "end" : "start"}
              fill={TODAY_COLOR}
            >
              today
            </text>
          </g>
        )}
        <path d={g.scopePath} fill="none" stroke={SCOPE_COLOR} strokeWidth={2} />
        <path d={g.completedPath} fill="none" stroke={DONE_COLOR} strokeWidth={2.5} />
        {g.points.map((p) => (
          <g key={p.day}>
            <rect
              x={p.x - step / 2}
              y={g.plot.top}
              width={step}
              height={g.plot.bottom - g.plot.top}
              fill="transparent"
            >
              <title>{`${p.day}: scope ${p.scope}, completed ${p.completed} ${u}`}</title>
            </rect>
            {g.points.length <= 45 && (
              <>
                <circle cx={p.x} cy={p.yScope} r={2} fill={SCOPE_COLOR} />
                <circle cx={p.x} cy={p.yCompleted} r={2} fill={DONE_COLOR} />
              </>
            )}
          </g>
        ))}
      </svg>
      <Group gap="md" mt={4} aria-hidden>
        <Group gap={4}>
          <Box w={16} h={3} bg={SCOPE_COLOR} />
          <Text size="xs">scope</Text>
        </Group>
        <Group gap={4}>
          <Box w={16} h={3} bg={DONE_COLOR} />
          <Text size="xs">completed</Text>
        </Group>
        <Group gap={4}>
          <Box w={16} h={0} style={{ borderTop: `2px dashed ${TODAY_COLOR}` }} />
          <Text size="xs">today</Text>
        </Group>
      </Group>
    </Box>
  );
}

/** The chart's numbers as a table, behind a disclosure (the accessible fallback). */
export function BurnupDataTable({
  points,
  unit,
}: {
  points: readonly BurnupPoint[];
  unit: BurnupUnit;
}) {
  return (
    <details>
      <summary style={{ cursor: "pointer", fontSize: "var(--mantine-font-size-sm)" }}>
        Show the numbers ({points.length} days)
      </summary>
      <Box mah={320} style={{ overflow: "auto" }}>
        <Table striped aria-label="Burnup data" maw={480}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Day</Table.Th>
              <Table.Th>Scope ({unitName(unit)})</Table.Th>
              <Table.Th>Completed ({unitName(unit)})</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.day}>
                <Table.Td>{p.day}</Table.Td>
                <Table.Td>{p.scope}</Table.Td>
                <Table.Td>{p.completed}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </details>
  );
}
