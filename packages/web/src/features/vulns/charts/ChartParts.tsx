import type { MouseEvent, ReactNode } from "react";
import { Anchor, Box, Group, Table, Text } from "@mantine/core";
import { Link, useNavigate } from "react-router";
import type { PlotArea } from "./chart-geometry";

export const AXIS_COLOR = "var(--mantine-color-dimmed)";
export const GRID_COLOR = "var(--mantine-color-default-border)";

/** A Mantine colour name as the CSS variable of its chart shade. */
export function chartColor(name: string): string {
  return `var(--mantine-color-${name}-6)`;
}

export interface ChartSeries {
  key: string;
  label: string;
  /** Mantine colour name (red, orange…). */
  color: string;
}

/** Horizontal grid lines with their values on the left, and the y axis line. */
export function YGrid({
  plot,
  ticks,
  unit,
}: {
  plot: PlotArea;
  ticks: { value: number; y: number }[];
  unit?: string;
}) {
  return (
    <g aria-hidden>
      {ticks.map((t) => (
        <g key={t.value}>
          <line x1={plot.left} x2={plot.right} y1={t.y} y2={t.y} stroke={GRID_COLOR} />
          <text x={plot.left - 6} y={t.y} dy="0.32em" textAnchor="end" fill={AXIS_COLOR}>
            {t.value}
          </text>
        </g>
      ))}
      <line x1={plot.left} x2={plot.left} y1={plot.top} y2={plot.bottom} stroke={AXIS_COLOR} />
      {unit && (
        <text
          transform={`translate(12 ${(plot.top + plot.bottom) / 2}) rotate(-90)`}
          textAnchor="middle"
          fill={AXIS_COLOR}
        >
          {unit}
        </text>
      )}
    </g>
  );
}

/**
 * A link inside an SVG chart: a real `<a href>` (focusable, opens in a new tab with a middle
 * click) that navigates inside the app on a plain click.
 */
export function SvgLink({
  to,
  label,
  children,
}: {
  to: string;
  label: string;
  children: ReactNode;
}) {
  const navigate = useNavigate();
  const onClick = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void navigate(to);
  };
  return (
    <a href={to} onClick={onClick} aria-label={label}>
      {children}
    </a>
  );
}

export function ChartLegend({ series }: { series: readonly ChartSeries[] }) {
  return (
    <Group gap="md" mt={4} aria-hidden>
      {series.map((s) => (
        <Group gap={4} key={s.key}>
          <Box w={12} h={12} bg={chartColor(s.color)} style={{ borderRadius: 2 }} />
          <Text size="xs">{s.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** A number in a table cell: a link to the list behind it when there is one and it is not 0. */
export function CountLink({ value, to, label }: { value: number; to?: string; label?: string }) {
  if (!to || value === 0) return <>{value}</>;
  return (
    <Anchor component={Link} to={to} size="sm" aria-label={label}>
      {value}
    </Anchor>
  );
}

export interface DataTableColumn<R> {
  label: string;
  cell: (row: R) => ReactNode;
}

/** The chart's numbers as a table behind a disclosure: the accessible alternative of a chart. */
export function ChartDataTable<R>({
  caption,
  rows,
  rowKey,
  columns,
}: {
  caption: string;
  rows: readonly R[];
  rowKey: (row: R) => string;
  columns: readonly DataTableColumn<R>[];
}) {
  return (
    <details>
      <summary style={{ cursor: "pointer", fontSize: "var(--mantine-font-size-sm)" }}>
        Show the numbers
      </summary>
      <Box mah={360} style={{ overflow: "auto" }}>
        <Table striped aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c.label}>{c.label}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={rowKey(r)}>
                {columns.map((c) => (
                  <Table.Td key={c.label}>{c.cell(r)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </details>
  );
}
