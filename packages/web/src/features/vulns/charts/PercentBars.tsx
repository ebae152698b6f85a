import { useId } from "react";
import { Box } from "@mantine/core";
import { formatPercent, percentBarGeometry } from "./chart-geometry";
import type { PercentRowInput } from "./chart-geometry";
import { AXIS_COLOR, GRID_COLOR, SvgLink, chartColor } from "./ChartParts";

const WIDTH = 460;

/** The bar colour of a compliance percentage: green from 90 %, yellow from 70 %, else red. */
export function complianceColor(percent: number | null): string {
  if (percent === null) return "gray";
  if (percent >= 90) return "green";
  if (percent >= 70) return "yellow";
  return "red";
}

/**
 * Horizontal percentage bars, one row per category, with the percentage printed after the bar
 * and the row's full numbers on hover (`detailOf`); a row with a target links to the list.
 */
export function PercentBars({
  title,
  description,
  rows,
  detailOf,
  linkOf,
}: {
  title: string;
  description: string;
  rows: readonly PercentRowInput[];
  detailOf: (key: string) => string;
  linkOf?: (key: string) => string | undefined;
}) {
  const id = useId();
  const g = percentBarGeometry(rows, { width: WIDTH });
  return (
    <Box>
      <svg
        viewBox={`0 0 ${g.width} ${g.height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ maxWidth: g.width, display: "block", fontSize: 11 }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {g.ticks.map((t) => (
          <g key={t.value} aria-hidden>
            <line x1={t.x} x2={t.x} y1={g.plot.top} y2={g.plot.bottom} stroke={GRID_COLOR} />
            <text x={t.x} y={g.plot.bottom + 14} textAnchor="middle" fill={AXIS_COLOR}>
              {t.value} %
            </text>
          </g>
        ))}
        {g.rows.map((r) => {
          const text = `${r.label}: ${formatPercent(r.percent)} (${detailOf(r.key)})`;
          const to = linkOf?.(r.key);
          const label = (
            <text
              x={g.plot.left - 6}
              y={r.y + r.barHeight / 2}
              dy="0.32em"
              textAnchor="end"
              fill="currentColor"
            >
              {r.label.length > 24 ? `${r.label.slice(0, 23)}…` : r.label}
            </text>
          );
          return (
            <g key={r.key} data-testid={`percent-${r.key}`}>
              <title>{text}</title>
              {to ? (
                <SvgLink to={to} label={text}>
                  {label}
                </SvgLink>
              ) : (
                label
              )}
              <rect
                x={g.plot.left}
                y={r.y}
                width={Math.max(0, r.barWidth)}
                height={r.barHeight}
                fill={chartColor(complianceColor(r.percent))}
              />
              <text
                x={g.plot.left + r.barWidth + 4}
                y={r.y + r.barHeight / 2}
                dy="0.32em"
                fill="currentColor"
              >
                {formatPercent(r.percent)}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}
