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

const ENGINEER = { username: "erin", password: "engineer-Password-0123456" };
const AUDITOR = { username: "audra", password: "auditor-Password-01234567" };

/** Picks an option of a Mantine select by its label. */
async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Answers a radio question (yes/no, rubric score) by the group's label. */
async function answer(page: Page, group: string, option: string | RegExp) {
  await page
    .getByRole("radiogroup", { name: group, exact: true })
    .getByRole("radio", { name: option })
    .check();
}

describe.skipIf(skipE2e)("work items through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let engineer: BrowserContext;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    for (const u of [
      { ...ENGINEER, role: "engineer" },
      { ...AUDITOR, role: "auditor" },
    ]) {
      await call("POST", "/api/v1/users", u);
    }
    engineer = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("files a security review request through the guided form and shows it", async () => {
    const page = await engineer.newPage();
    await signIn(page, server.baseUrl, ENGINEER.username, ENGINEER.password);

    await page.getByRole("link", { name: "Intake", exact: true }).click();
    await page.getByRole("heading", { name: "Intake", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Start: Security review request" }).click();
    await page.getByRole("heading", { name: "Security review request", level: 1 }).waitFor();

    // Step 1: a missing required answer shows its error on the field and keeps the step.
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByText("Service or feature is required").waitFor();
    await page.getByText("Maturity level is required").waitFor();
    await page.getByLabel("Service or feature").fill("Payments API");
    await expect.poll(() => page.getByText("Service or feature is required").count()).toBe(0);
    await chooseOption(page, "Maturity level", "Beta");
    await chooseOption(page, "Roadmap priority", "P1");
    await page.getByRole("button", { name: "Next" }).click();

    // Step 2: the seven trigger questions.
    await page.getByRole("heading", { name: "InfraSec trigger questions", level: 2 }).waitFor();
    const triggers = [
      ["Does it add new cloud infrastructure components?", "Yes"],
      ["Does it change containerization or orchestration configuration?", "No"],
      ["Does it change the network architecture or security groups?", "Yes"],
      ["Does it change Infrastructure as Code (IaC)?", "Yes"],
      ["Does it change the production deployment process?", "No"],
      ["Does it add new data stores (bucket, database, cache)?", "Yes"],
      ["Does it change how secrets or credentials are handled?", "No"],
    ] as const;
    for (const [question, yesNo] of triggers) await answer(page, question, yesNo);
    await page.getByRole("button", { name: "Next" }).click();

    // Step 3: the five risk dimensions with their rubric; the panel computes as answers change.
    await page.getByRole("heading", { name: "InfraSec risk dimensions", level: 2 }).waitFor();
    const headline = page.getByTestId("risk-headline");
    await answer(page, "Infrastructure Scope", "4");
    await answer(page, "Environment Criticality", /^5 — Production with customer data/);
    await expect.poll(() => headline.textContent()).toContain("Score so far 9");
    await answer(page, "Configuration Complexity", "3");
    await answer(page, "Automation Level", "2");
    await answer(page, "Launch Tier Impact", /^3 — Tier 0/);
    // 4 + 5 + 3 + 2 + 3 = 17 → Critical; P1 × Critical → Review-Priority:1, before submitting.
    await expect.poll(() => headline.textContent()).toBe("Score 17 → Critical, Review-Priority:1");
    await page.getByText("SPA review flagged").waitFor();
    await page.getByText("Data Security review flagged").waitFor();
    await page.getByRole("button", { name: "Next" }).click();

    // Step 4: the checklists are answered later (required when the review completes).
    await page
      .getByRole("heading", { name: "Production-readiness security checklist", level: 2 })
      .waitFor();
    const group = page.getByRole("group", {
      name: "Is IaC static analysis in place (e.g. kics, checkov)?",
    });
    await group
      .getByLabel("Answer: Is IaC static analysis in place (e.g. kics, checkov)?")
      .fill("Yes, checkov in CI");
    await group
      .getByLabel("Evidence link: Is IaC static analysis in place (e.g. kics, checkov)?")
      .fill("https://gitlab.example/payments/-/pipelines/1");
    await page.getByRole("button", { name: "Next" }).click();

    // Step 5: review and submit.
    await page
      .getByTestId("derived-title")
      .getByText("Security Review Request: Payments API")
      .waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-work-intake.png", fullPage: true });
    await page.getByRole("button", { name: "Submit request" }).click();

    // The item page shows the request with the server's score, band and priority.
    await page.waitForURL(/\/work\/items\/\d+$/);
    await page
      .getByRole("heading", { name: /Security Review Request: Payments API/, level: 1 })
      .waitFor();
    await expect
      .poll(() => page.getByTestId("item-risk").textContent())
      .toBe("Score 17 → Critical, Review-Priority:1");
    await expect.poll(() => page.getByTestId("item-status").textContent()).toBe("New request");
    const answers = page.getByRole("region", { name: "Template answers" });
    await answers.getByText("Payments API").first().waitFor();
    await answers.getByText("Yes, checkov in CI").waitFor();
    await page
      .getByRole("group", { name: "Labels" })
      .locator('[data-label="InfraSec::triage"]')
      .waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-work-item.png", fullPage: true });

    // It is in the list, and a comment with a mention renders as Markdown, inert.
    await page
      .getByRole("textbox", { name: "Add a comment" })
      .fill(
        "Looks good @erin — see [runbook](https://example.com/rb) <img src=x onerror=alert(1)>",
      );
    await page.getByRole("button", { name: "Comment", exact: true }).click();
    const comment = page.getByRole("article", { name: /Comment by/ });
    await comment.locator(".work-mention", { hasText: "@erin" }).waitFor();
    expect(await comment.locator("img").count()).toBe(0);
    expect(await comment.getByRole("link", { name: "runbook" }).getAttribute("rel")).toBe(
      "noopener noreferrer",
    );

    await page.getByRole("link", { name: "Items", exact: true }).click();
    await page
      .getByRole("table", { name: "Work items" })
      .getByRole("link", { name: "Security Review Request: Payments API" })
      .waitFor();
    await page.close();
  });

  it("applies scoped label semantics and shows the change in the history", async () => {
    const page = await engineer.newPage();
    await page.goto(`${server.baseUrl}/work/items?q=payments`);
    await page
      .getByRole("table", { name: "Work items" })
      .getByRole("link", { name: "Security Review Request: Payments API" })
      .click();
    await page.getByTestId("item-risk").waitFor();
    const labels = page.getByRole("group", { name: "Labels" });
    await labels.getByRole("combobox", { name: "Add a label" }).fill("InfraSec::backlog");
    const option = page.getByRole("option", { name: /InfraSec::backlog/ });
    await option.getByText("replaces InfraSec::triage").waitFor();
    await option.click();
    await labels.locator('[data-label="InfraSec::backlog"]').waitFor();
    await expect.poll(() => labels.locator('[data-label="InfraSec::triage"]').count()).toBe(0);
    await page
      .getByRole("region", { name: "History" })
      .getByText(/labels/i)
      .first()
      .waitFor();
    await page.close();
  });

  it("shows an auditor the item read-only", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, AUDITOR.username, AUDITOR.password);
    await page.goto(`${server.baseUrl}/work/items`);
    await page
      .getByRole("table", { name: "Work items" })
      .getByRole("link", { name: "Security Review Request: Payments API" })
      .click();
    await page.getByTestId("item-risk").waitFor();
    await page.getByText("Read-only: your role can read work items but not change them.").waitFor();
    expect(await page.getByRole("button", { name: "Edit", exact: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Change status" }).count()).toBe(0);
    expect(await page.getByRole("textbox", { name: "Add a comment" }).count()).toBe(0);
    // Intake needs work:create, so it is not in an auditor's navigation.
    expect(await page.getByRole("link", { name: "Intake", exact: true }).count()).toBe(0);
    await context.close();
  });
});
