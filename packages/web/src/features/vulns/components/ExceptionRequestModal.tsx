import { useState } from "react";
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Radio,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { VULN_EXCEPTION_KINDS } from "@infrasec/contracts";
import type { VulnExceptionDetail } from "@infrasec/contracts";
import { fieldErrors } from "../../../app/api-client";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { formatDateTime } from "../../../app/format";
import { requestException } from "../exceptions-api";
import { EXCEPTION_KIND_HELP, EXCEPTION_KIND_LABELS } from "../exception-format";
import {
  durationWarning,
  endIfApprovedNow,
  exceptionFormProblems,
  exceptionRequestBody,
  maxDaysText,
  scopeOptions,
  worstSeverity,
} from "../exception-form";
import type { ExceptionFormValues, ScopedFinding } from "../exception-form";

/**
 * "Request exception" for one finding (detail page) or a selection (bulk bar): what it covers,
 * its kind, how long, why, and the decision-log entry behind it. The longest duration the
 * worst severity allows is shown and warned about as you type; the server decides, and its
 * message is shown under the field it names.
 */
export function ExceptionRequestModal({
  findings,
  onClose,
  onRequested,
}: {
  findings: readonly ScopedFinding[];
  onClose: () => void;
  onRequested: (exception: VulnExceptionDetail) => void;
}) {
  const options = scopeOptions(findings);
  const severity = worstSeverity(findings);
  const [now] = useState(() => Date.now());
  const [values, setValues] = useState<ExceptionFormValues>({
    kind: "risk_acceptance",
    choice: "findings",
    days: "",
    justification: "",
    compensatingControls: "",
    decisionItem: "",
  });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (patch: Partial<ExceptionFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const option = options.find((o) => o.choice === values.choice);
  const problems = exceptionFormProblems(values, option);
  const server = fieldErrors(error);
  const warning = durationWarning(values.days, severity);
  const end = endIfApprovedNow(values.days, now);

  const submit = () => {
    setTried(true);
    if (Object.keys(problems).length > 0 || !option?.scope) return;
    setBusy(true);
    setError(null);
    requestException(exceptionRequestBody(values, option.scope, severity))
      .then(onRequested)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };

  return (
    <Modal opened onClose={onClose} title="Request an exception" size="lg">
      <Stack gap="sm">
        <Radio.Group
          label="Covers"
          required
          value={values.choice}
          onChange={(v) => set({ choice: v })}
          error={(tried && problems.scope) || server.scope}
        >
          <Stack gap={6} mt={4}>
            {options.map((o) => (
              <Radio
                key={o.choice}
                value={o.choice}
                label={o.label}
                disabled={!o.scope}
                description={o.scope ? o.description : o.reason}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Kind
          </Text>
          <SegmentedControl
            aria-label="Kind"
            value={values.kind}
            onChange={(v) => set({ kind: v })}
            data={VULN_EXCEPTION_KINDS.map((k) => ({ value: k, label: EXCEPTION_KIND_LABELS[k] }))}
          />
          <Text size="xs" c="dimmed">
            {EXCEPTION_KIND_HELP[values.kind]}
          </Text>
        </Stack>
        <NumberInput
          label="Duration (days from approval)"
          required
          min={1}
          allowDecimal={false}
          allowNegative={false}
          value={values.days}
          onChange={(v) => set({ days: String(v) })}
          description={
            <>
              {maxDaysText(severity)}
              {end && !warning ? ` Ends ${formatDateTime(end)} if approved now.` : ""}
            </>
          }
          error={(tried && problems.days) || server.days || warning}
        />
        <Textarea
          label="Justification"
          required
          description="Why the finding cannot be fixed within its SLA (vendor fix unavailable, false positive, operational constraint…). Kept with the exception."
          autosize
          minRows={3}
          maxLength={10_000}
          value={values.justification}
          onChange={(e) => set({ justification: e.currentTarget.value })}
          error={(tried && problems.justification) || server.justification}
        />
        <Textarea
          label="Compensating controls"
          description="Optional: what lowers the risk meanwhile (WAF rule, network isolation…)"
          autosize
          minRows={2}
          maxLength={10_000}
          value={values.compensatingControls}
          onChange={(e) => set({ compensatingControls: e.currentTarget.value })}
          error={server.compensatingControls}
        />
        <TextInput
          label="Decision-log item"
          description="Optional: the decision record that justified it, e.g. #12 (Work → Decisions)"
          placeholder="#12"
          maxLength={64}
          value={values.decisionItem}
          onChange={(e) => set({ decisionItem: e.currentTarget.value })}
          error={(tried && problems.decisionItem) || server.decisionItem}
        />
        <ErrorAlert error={error} title="The exception was not requested" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} onClick={submit}>
            Request exception
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
