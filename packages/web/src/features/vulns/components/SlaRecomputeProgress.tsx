import { useEffect, useRef } from "react";
import { Progress, Stack, Text } from "@mantine/core";
import type { VulnSlaRecompute } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { useApiQuery } from "../../../app/use-api";
import { getSlaRecompute } from "../sla-policy-api";
import { isRecomputeActive, recomputePercent, recomputeSummary } from "../sla-policy-format";

const POLL_MS = 1000;

/**
 * A deadline recomputation's progress, polled while it is queued or running (the page can be
 * left: the task goes on in the background and its result is shown again on return).
 */
export function SlaRecomputeProgress({
  initial,
  onFinished,
}: {
  initial: VulnSlaRecompute;
  onFinished?: (t: VulnSlaRecompute) => void;
}) {
  const q = useApiQuery(`vulns-sla-recompute:${initial.id}`, () => getSlaRecompute(initial.id));
  const t = q.data ?? initial;
  const active = isRecomputeActive(t);
  const { reload } = q;
  // Told once, when a task seen running finishes (not for one already finished on arrival).
  const wasActive = useRef(isRecomputeActive(initial));
  const finished = useRef(onFinished);
  useEffect(() => {
    finished.current = onFinished;
  });
  useEffect(() => {
    if (!active) {
      if (wasActive.current) finished.current?.(t);
      wasActive.current = false;
      return;
    }
    // Re-armed on every new answer (t) while the task runs.
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [active, reload, t]);

  return (
    <Stack gap={4}>
      <Progress
        value={recomputePercent(t)}
        animated={active}
        color={t.status === "failed" ? "red" : t.status === "done" ? "green" : undefined}
        aria-label="Recompute progress"
      />
      <Text size="sm" aria-live="polite" data-testid="recompute-status">
        Deadline recompute {recomputeSummary(t)}
        {t.finishedAt && ` · ${formatDateTime(t.finishedAt)}`}
      </Text>
      <Text size="xs" c="dimmed">
        {t.reason}
      </Text>
      {q.error !== undefined && active && (
        <ErrorAlert error={q.error} title="Could not refresh the progress" />
      )}
    </Stack>
  );
}
