import { useId } from "react";
import { Box } from "@mantine/core";
import { stackedBarGeometry } from "./chart-geometry";
import type { StackedInput } from "./chart-geometry";
import { AXIS_COLOR, ChartLegend, SvgLink, YGrid, chartColor } from "./ChartParts";
import type { ChartSeries } from "./ChartParts";

const WIDTH = 560;
const HEIGHT = 260;

/**
 * Vertical stacked bars (one per category, one segment per series) drawn in plain SVG. Every
 * segment names its numbers on hover (<title>) and, when `linkOf` gives a target, is a link to
 * the list behind it; the bar's total sits on top. The caller renders the table alternative.
 */
export function StackedBarChart({
  title,
  description,
  data,
  series,
  unit,
  linkOf,
}: {
  title: string;
  /** The chart in words (the SVG's <desc>). */
  description: string;
  data: readonly StackedInput[];
  series: readonly ChartSeries[];
  unit: string;
  linkOf?: (category: string, series: string) => string | undefined;
}) {
  const id = useId();
  const g = stackedBarGeometry(
    data,
    series.map((s) => s.key),
    { width: WIDTH, height: HEIGHT },
  );
  const labelOf = new Map(series.map((s) => [s.key, s]));
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
        {g.bars.map((bar) => (
          <g key={bar.key} data-testid={`bar-${bar.key}`}>
            {bar.segments.map((seg) => {
              const s = labelOf.get(seg.series);
              const text = `${bar.label}, ${s?.label ?? seg.series}: ${seg.value} ${unit}`;
              const rect = (
                <rect
                  x={bar.x}
                  y={seg.y}
                  width={bar.width}
                  height={Math.max(0, seg.height)}
                  fill={chartColor(s?.color ?? "gray")}
                  stroke="var(--mantine-color-body)"
                  strokeWidth={1}
                >
                  <title>{text}</title>
                </rect>
              );
              const to = linkOf?.(bar.key, seg.series);
              return (
                <g key={seg.series}>
                  {to ? (
                    <SvgLink to={to} label={text}>
                      {rect}
                    </SvgLink>
                  ) : (
                    rect
                  )}
                </g>
              );
            })}
            {bar.total > 0 && (
              <text
                x={bar.x + bar.width / 2}
                y={(bar.segments[bar.segments.length - 1]?.y ?? g.plot.bottom) - 4}
                textAnchor="middle"
                fill="currentColor"
              >
                {bar.total}
              </text>
            )}
            <text
              x={bar.x + bar.width / 2}
              y={g.plot.bottom + 16}
              textAnchor="middle"
              fill={AXIS_COLOR}
            >
              {bar.label}
            </text>
          </g>
        ))}
      </svg>
      <ChartLegend series={series} />
    </Box>
  );
}
