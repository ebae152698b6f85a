import { useId } from "react";
import { Box } from "@mantine/core";
import { dayTickIndexes } from "../../work/planning/burnup-geometry";
import { lineChartGeometry } from "./chart-geometry";
import type { LineSeriesInput } from "./chart-geometry";
import { AXIS_COLOR, ChartLegend, YGrid, chartColor } from "./ChartParts";
import type { ChartSeries } from "./ChartParts";

const WIDTH = 560;
const HEIGHT = 260;

/**
 * Lines over evenly spaced x labels (months, days) in plain SVG; null values leave gaps. Each
 * point names its value on hover; at most `maxLabels` x labels are printed, first and last
 * always.
 */
export function LineChart({
  title,
  description,
  labels,
  series,
  lines,
  unit,
  formatLabel = (l) => l,
  maxLabels = 7,
}: {
  title: string;
  description: string;
  labels: readonly string[];
  series: readonly ChartSeries[];
  lines: readonly LineSeriesInput[];
  unit: string;
  formatLabel?: (label: string) => string;
  maxLabels?: number;
}) {
  const id = useId();
  const g = lineChartGeometry(labels.length, lines, { width: WIDTH, height: HEIGHT });
  const meta = new Map(series.map((s) => [s.key, s]));
  const dots = labels.length <= 45;
  return (
    <Box>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        style={{ maxWidth: WIDTH, display: "block", fontSize: 11 }}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <YGrid plot={g.plot} ticks={g.yTicks} unit={unit} />
        {dayTickIndexes(labels.length, maxLabels).map((i) => (
          <text
            key={i}
            x={g.xs[i]}
            y={g.plot.bottom + 16}
            // The outermost labels grow inwards, so they are never clipped at the edges.
            textAnchor={
              labels.length > 1 && i === 0
                ? "start"
                : labels.length > 1 && i === labels.length - 1
                  ? "end"
                  : "middle"
            }
            fill={AXIS_COLOR}
            aria-hidden
          >
            {formatLabel(labels[i] ?? "")}
          </text>
        ))}
        {g.series.map((s) => {
          const m = meta.get(s.key);
          const color = chartColor(m?.color ?? "gray");
          return (
            <g key={s.key} data-testid={`line-${s.key}`}>
              <path d={s.path} fill="none" stroke={color} strokeWidth={2} />
              {s.points.map((p) => (
                <circle key={p.index} cx={p.x} cy={p.y} r={dots ? 3 : 1.5} fill={color}>
                  <title>{`${labels[p.index]}, ${m?.label ?? s.key}: ${p.value} ${unit}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      {series.length > 1 && <ChartLegend series={series} />}
    </Box>
  );
}
