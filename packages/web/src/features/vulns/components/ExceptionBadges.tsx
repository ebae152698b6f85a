import { Badge, Text } from "@mantine/core";
import type { VulnException, VulnExceptionStatus } from "@infrasec/contracts";
import { formatDateTime } from "../../../app/format";
import {
  EXCEPTION_KIND_LABELS,
  EXCEPTION_STATUS_COLORS,
  EXCEPTION_STATUS_LABELS,
  windowText,
} from "../exception-format";

export function ExceptionStatusBadge({ status }: { status: VulnExceptionStatus }) {
  return <Badge color={EXCEPTION_STATUS_COLORS[status]}>{EXCEPTION_STATUS_LABELS[status]}</Badge>;
}

export function ExceptionKindBadge({ kind }: { kind: VulnException["kind"] }) {
  return (
    <Badge variant="outline" color="gray">
      {EXCEPTION_KIND_LABELS[kind]}
    </Badge>
  );
}

/** "ends in 5 days" (orange within a week), with the end date one hover away. */
export function ExceptionWindow({
  exception,
  now,
}: {
  exception: Pick<VulnException, "status" | "expiresAt" | "durationDays">;
  now: number;
}) {
  const w = windowText(exception, now);
  return (
    <Text
      size="sm"
      c={w.color}
      title={
        exception.status === "requested" ? undefined : `Ends ${formatDateTime(exception.expiresAt)}`
      }
    >
      {w.text}
    </Text>
  );
}
