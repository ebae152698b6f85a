import { Tooltip } from "@mantine/core";
import type { ReviewProject } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";
import { shortSha, sparklinePoints } from "../review-format";

const W = 96;
const H = 24;

/** Open findings of the latest default-branch runs, oldest left; the numbers are one hover away. */
export function Sparkline({ trend }: { trend: ReviewProject["trend"] }) {
  if (trend.length === 0) return null;
  const values = trend.map((t) => t.open);
  const label = trend
    .map(
      (t) =>
        `${formatDateTime(t.createdAt)} ${shortSha(t.commit)}: ${t.open} open, ${t.new} new, ${t.fixed} fixed`,
    )
    .join("\n");
  return (
    <Tooltip label={label} multiline w={340} style={{ whiteSpace: "pre-line" }} withArrow>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`Open findings over the last ${trend.length} runs: ${values.join(", ")}`}
      >
        <polyline
          points={sparklinePoints(values, W, H)}
          fill="none"
          stroke="var(--mantine-color-indigo-6)"
          strokeWidth={1.5}
        />
      </svg>
    </Tooltip>
  );
}
