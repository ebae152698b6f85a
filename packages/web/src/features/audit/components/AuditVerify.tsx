import { useState } from "react";
import { Alert, Button, Code, Stack, Text } from "@mantine/core";
import type { AuditVerifyResult } from "@infrasec/contracts";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { verifyAudit } from "../api";

/** Checks the hash chain of the whole log on the server and shows the outcome. */
export function AuditVerify() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = () => {
    setBusy(true);
    setError(null);
    setResult(null);
    verifyAudit()
      .then(setResult)
      .catch((e: unknown) => setError(e))
      .finally(() => setBusy(false));
  };
  return (
    <Stack gap="xs">
      <div>
        <Button variant="default" onClick={run} loading={busy}>
          Verify chain
        </Button>
      </div>
      <ErrorAlert error={error} title="Verification could not run" />
      {result?.ok && (
        <Alert color="green" title="Audit chain intact" role="status">
          All {result.checked} events verified: none was edited or deleted.
        </Alert>
      )}
      {result && !result.ok && (
        <Alert color="red" title="Audit chain broken" role="alert">
          <Text size="sm">
            Checked {result.checked} events.
            {result.firstBroken && (
              <>
                {" "}
                First broken event: seq <Code>{result.firstBroken.seq}</Code>, id{" "}
                <Code>{result.firstBroken.id}</Code> — {result.firstBroken.reason}
              </>
            )}
          </Text>
        </Alert>
      )}
    </Stack>
  );
}
