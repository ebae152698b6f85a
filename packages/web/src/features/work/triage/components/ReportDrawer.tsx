import { useState } from "react";
import {
  Button,
  CopyButton,
  Drawer,
  Group,
  LoadingOverlay,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useApiQuery } from "../../../../app/use-api";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { formatDateTime } from "../../../../app/format";
import { Markdown } from "../../shared/Markdown";
import { triageReport } from "../api";

/** A date input value the route accepts (YYYY-MM-DD), or undefined. */
function validDay(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
}

/**
 * The triage report for the sync meeting's notes: rendered, and copyable as the Markdown the
 * server generated (paste it into the meeting issue).
 */
export function ReportDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [since, setSince] = useState("");
  const day = validDay(since);
  const report = useApiQuery(opened ? `triage-report:${day ?? ""}` : null, () => triageReport(day));
  const markdown = report.data?.markdown ?? "";
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="xl"
      title="Weekly triage report"
    >
      <Stack gap="sm">
        <Group align="flex-end" justify="space-between">
          <TextInput
            type="date"
            label="Since"
            description="Only items created or changed since this day"
            value={since}
            onChange={(e) => setSince(e.currentTarget.value)}
            w={220}
          />
          <CopyButton value={markdown}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                disabled={!markdown}
                onClick={copy}
                color={copied ? "teal" : undefined}
              >
                {copied ? "Copied" : "Copy Markdown"}
              </Button>
            )}
          </CopyButton>
        </Group>
        {report.data && (
          <Text size="xs" c="dimmed">
            Generated {formatDateTime(report.data.generatedAt)}
          </Text>
        )}
        <ErrorAlert error={report.error} title="Could not generate the report" />
        <div style={{ position: "relative", minHeight: 120 }}>
          <LoadingOverlay visible={report.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
          {report.data && <Markdown source={markdown} empty="The report is empty." />}
        </div>
      </Stack>
    </Drawer>
  );
}
