import { useState } from "react";
import { Button } from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { errorMessage } from "../../../app/api-client";
import { useSession } from "../../../app/session";
import { runSlaSweep } from "../sla-api";
import { sweepSummary } from "../sla-format";

/**
 * Runs the SLA sweep now (it also runs every 15 minutes in the server). Shown only to people
 * with vulns:write, as the route requires.
 */
export function RunSweepButton({ onDone }: { onDone: () => void }) {
  const { can } = useSession();
  const [busy, setBusy] = useState(false);
  if (!can("vulns:write")) return null;
  const run = async () => {
    setBusy(true);
    try {
      const r = await runSlaSweep();
      toast.show({ color: "green", title: "SLA sweep done", message: sweepSummary(r) });
      onDone();
    } catch (e) {
      toast.show({ color: "red", title: "SLA sweep failed", message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="default" loading={busy} onClick={() => void run()}>
      Run SLA sweep now
    </Button>
  );
}
