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

const PROJECT = "platform/infra";
const GITLAB = "https://gitlab.example.internal/platform/infra";

interface Finding {
  ruleId: string;
  severity: string;
  title: string;
  file: string;
  startLine: number;
  resource: string;
}

const VERSIONING: Finding = {
  ruleId: "AWS-S3-002",
  severity: "medium",
  title: "S3 bucket versioning is not enabled",
  file: "s3.tf",
  startLine: 1,
  resource: "aws_s3_bucket.logs",
};
const SSH_OPEN: Finding = {
  ruleId: "AWS-EC2-001",
  severity: "high",
  title: "Security group allows ingress from 0.0.0.0/0 to port 22 (SSH)",
  file: "network.tf",
  startLine: 4,
  resource: "aws_security_group.bastion",
};
const PUBLIC_ACL: Finding = {
  ruleId: "AWS-S3-001",
  severity: "critical",
  title: "S3 bucket ACL grants public read access",
  file: "s3.tf",
  startLine: 12,
  resource: "aws_s3_bucket.public",
};

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The engine's JSON report (schemaVersion 1) without change-mode statuses: every finding new. */
function report(findings: Finding[], suppressions: unknown[] = []) {
  return {
    schemaVersion: 1,
    tool: { name: "infrasec", version: "0.1.0" },
    findings: findings.map((f) => ({
      ...f,
      endLine: f.startLine,
      status: "new",
      equivalents: { checkov: [], trivy: [] },
    })),
    errors: [],
    summary: { total: findings.length },
    suppressions,
  };
}

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe.skipIf(skipE2e)("change review through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let call: Awaited<ReturnType<typeof apiSession>>;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("explains how to upload runs from CI while there are none", async () => {
    const page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("link", { name: "Runs", exact: true }).click();
    await page.getByRole("heading", { name: "Review runs", level: 1 }).waitFor();
    await page.getByText("No review runs yet").waitFor();
    await page.getByText("infrasec review . --upload", { exact: true }).waitFor();
    await page.close();
  });

  it("shows an uploaded merge-request run with new, existing and fixed findings", async () => {
    // The default branch first, then a merge request against it: the server classifies the
    // second run by fingerprint (SSH_OPEN existing, PUBLIC_ACL new, VERSIONING fixed).
    await call("POST", "/api/v1/review/runs", {
      metadata: {
        project: PROJECT,
        ref: "main",
        commit: "1111111111111111111111111111111111111111",
        defaultBranch: "main",
        pipelineUrl: `${GITLAB}/-/pipelines/100`,
        failOn: "high",
      },
      // Suppressions listed are those of each project's latest default-branch run.
      report: report(
        [VERSIONING, SSH_OPEN],
        [
          {
            state: "active",
            source: "infrasec",
            rules: ["AWS-EC2-002"],
            reason: "bastion reachable from the office range only",
            until: inDays(10),
            owner: "@net-team",
            file: "network.tf",
            line: 20,
            matched: 1,
          },
          {
            state: "stale",
            source: "infrasec",
            rules: ["AWS-S3-004"],
            reason: "logs shipped to the SIEM bucket",
            file: "s3.tf",
            line: 30,
            matched: 0,
          },
        ],
      ),
    });
    await call("POST", "/api/v1/review/runs", {
      metadata: {
        project: PROJECT,
        ref: "feat/public-bucket",
        commit: "2222222222222222222222222222222222222222",
        mergeRequest: { iid: 42, url: `${GITLAB}/-/merge_requests/42` },
        pipelineUrl: `${GITLAB}/-/pipelines/101`,
        baseRef: "main",
        defaultBranch: "main",
        failOn: "high",
      },
      report: report([SSH_OPEN, PUBLIC_ACL]),
    });

    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole("link", { name: "Runs", exact: true }).click();
    await page.getByRole("heading", { name: "Review runs", level: 1 }).waitFor();
    await page.getByRole("table", { name: "Projects" }).getByText(PROJECT).waitFor();
    const runs = page.getByRole("table", { name: "Review runs" });
    await runs.getByRole("link", { name: "!42" }).waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-review-runs.png", fullPage: true });
    await runs
      .getByRole("link", { name: /^Run of platform\/infra at feat\/public-bucket/ })
      .click();

    await page.getByRole("heading", { name: `${PROJECT} · !42 (feat/public-bucket)` }).waitFor();
    const counts = page.getByRole("list", { name: "Findings by status" });
    await counts.getByRole("listitem", { name: "New: 1" }).waitFor();
    await counts.getByRole("listitem", { name: "Existing: 1" }).waitFor();
    await counts.getByRole("listitem", { name: "Fixed: 1" }).waitFor();
    await page.getByText("failed", { exact: true }).first().waitFor();

    // The run opens on the New tab: the critical finding the merge request introduced.
    await page.getByRole("tab", { name: "New (1)", selected: true }).waitFor();
    const findings = page.getByRole("table", { name: "Findings" });
    await findings.getByText("aws_s3_bucket.public").waitFor();
    await page.getByRole("tab", { name: "Fixed (1)" }).click();
    await page.waitForURL(/status=fixed/);
    await findings.getByText("aws_s3_bucket.logs").waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-review-run.png", fullPage: true });

    await page.getByRole("tab", { name: "New (1)" }).click();
    await findings.getByRole("link", { name: "AWS-S3-001" }).click();
    await page
      .getByRole("heading", { name: "S3 bucket ACL grants public read access", level: 1 })
      .waitFor();
    await page.getByRole("heading", { name: "Remediation" }).waitFor();
    await page.close();
  });

  it("filters the rule catalogue by framework", async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/review/rules`);
    const rules = page.getByRole("table", { name: "Rules" });
    await rules.getByRole("link", { name: /^AWS-/ }).first().waitFor();
    await chooseOption(page, "Framework", "Kubernetes");
    await page.waitForURL(/[?&]framework=kubernetes/);
    await rules.getByRole("link", { name: "K8S-PSS-005", exact: true }).waitFor();
    await expect.poll(() => rules.getByRole("link", { name: /^AWS-/ }).count()).toBe(0);
    await page.screenshot({ path: "/tmp/infrasec-e2e-review-rules.png", fullPage: true });
    await page.close();
  });

  it("lists suppressions with their expiry and the stale ones", async () => {
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    // Change review and Monitoring both have a "Suppressions" entry: take Change review's.
    await page.locator('nav a[href="/review/suppressions"]').click();
    const table = page.getByRole("table", { name: "Suppressions" });
    await table.getByText("bastion reachable from the office range only").waitFor();
    await table.getByText("expires in 10 days").waitFor();
    await table.getByText("stale", { exact: true }).waitFor();
    await chooseOption(page, "State", "stale (matched nothing)");
    await page.waitForURL(/[?&]state=stale/);
    await expect
      .poll(() => table.getByText("bastion reachable from the office range only").count())
      .toBe(0);
    await table.getByText("logs shipped to the SIEM bucket").waitFor();
    await page.close();
  });
});
