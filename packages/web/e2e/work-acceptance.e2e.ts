// Issue 5, first acceptance point, entirely through the real UI: an engineer files a security
// review request → it is in the triage queue → a security engineer re-scores, labels and assigns
// it → moves it on the board → both required reviewers approve → it is completed → an auditor
// finds every step in the audit log. The API is used only to create the people beforehand.
import { writeFile } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
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

interface Person {
  username: string;
  displayName: string;
  role: string;
  password: string;
}

const ENGINEER: Person = {
  username: "erin",
  displayName: "Erin Engineer",
  role: "engineer",
  password: "engineer-Password-0123456",
};
const TRIAGER: Person = {
  username: "sam",
  displayName: "Sam Secops",
  role: "security_engineer",
  password: "secops-Password-012345678",
};
const REVIEWER_A: Person = {
  username: "rita",
  displayName: "Rita Reviewer",
  role: "security_engineer",
  password: "reviewer-a-Password-01234",
};
const REVIEWER_B: Person = {
  username: "remy",
  displayName: "Remy Reviewer",
  role: "security_engineer",
  password: "reviewer-b-Password-01234",
};
const AUDITOR: Person = {
  username: "audra",
  displayName: "Audra Auditor",
  role: "auditor",
  password: "auditor-Password-01234567",
};

const SERVICE = "Ledger export service";
/** Three weeks from now (local day), as a date input takes it. */
const DUE_DATE = (() => {
  const d = new Date(Date.now() + 21 * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
})();
const TITLE = `Security Review Request: ${SERVICE}`;

/** Picks an option of a Mantine select by its label. */
async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

/** Answers a radio question (yes/no, rubric score) by the group's label. */
async function answer(page: Page, group: string, option: string | RegExp) {
  await page
    .getByRole("radiogroup", { name: group, exact: true })
    .getByRole("radio", { name: option, exact: typeof option === "string" })
    .check();
}

/** Adds a label through the item sidebar's picker, checking the scoped replacement it announces. */
async function addLabel(page: Page, label: string, replaces: string) {
  const labels = page.getByRole("group", { name: "Labels" });
  await labels.getByRole("combobox", { name: "Add a label" }).fill(label);
  const option = page.getByRole("option", { name: new RegExp(label.replace(/[:]/g, "\\$&")) });
  await option.getByText(`replaces ${replaces}`).waitFor();
  await option.click();
  await labels.locator(`[data-label="${label}"]`).waitFor();
  await expect.poll(() => labels.locator(`[data-label="${replaces}"]`).count()).toBe(0);
}

/** Moves the item to another status through the status menu. */
async function changeStatus(page: Page, to: string) {
  await page.getByRole("button", { name: "Change status" }).click();
  await page.getByRole("menuitem", { name: to, exact: true }).click();
  await expect.poll(() => page.getByTestId("item-status").textContent()).toBe(to);
}

/** The audit table as the auditor reads it: actor, action, target type and summary per event. */
async function auditRows(table: Locator): Promise<string[][]> {
  const out: string[][] = [];
  for (const row of await table.locator("tbody tr").all()) {
    const c = (await row.getByRole("cell").allInnerTexts()).map((t) => t.trim());
    // Columns: #, time, actor, action, target ("work_item 01ab…"), summary; an opened
    // event's details row has a single cell.
    if (c.length === 6) out.push([c[2]!, c[3]!, c[4]!.split(" ")[0]!, c[5]!]);
  }
  return out;
}

describe.skipIf(skipE2e)("acceptance: a security review request from intake to completion", () => {
  let server: ServerHandle;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** The security engineer's page, kept across steps 2–6. */
  let triager: Page;
  let itemPath = "";
  let itemNumber = 0;

  /** A fresh browser context (its own cookies: one person), signed in through the UI. */
  async function signedIn(person: Person): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, server.baseUrl, person.username, person.password);
    return page;
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    for (const p of [ENGINEER, TRIAGER, REVIEWER_A, REVIEWER_B, AUDITOR]) {
      await call("POST", "/api/v1/users", p);
    }
  });

  // A failed step leaves a screenshot of every open page, to see what the person saw.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    await writeFile("/tmp/infrasec-e2e-acceptance-server.log", server.output()).catch(
      () => undefined,
    );
    let i = 0;
    for (const c of contexts) {
      for (const p of c.pages()) {
        await p
          .screenshot({ path: `/tmp/infrasec-e2e-acceptance-failure-${++i}.png`, fullPage: true })
          .catch(() => undefined);
      }
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("1. an engineer files the request through the guided form, naming two reviewers", async () => {
    const page = await signedIn(ENGINEER);
    await page.getByRole("link", { name: "Intake", exact: true }).click();
    await page.getByRole("heading", { name: "Intake", level: 1 }).waitFor();
    await page.getByRole("link", { name: "Start: Security review request" }).click();
    await page.getByRole("heading", { name: "Security review request", level: 1 }).waitFor();

    await page.getByLabel("Service or feature").fill(SERVICE);
    await chooseOption(page, "Maturity level", "Beta");
    await chooseOption(page, "Roadmap priority", "P2");
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByRole("heading", { name: "InfraSec trigger questions", level: 2 }).waitFor();
    const triggers = [
      ["Does it add new cloud infrastructure components?", "Yes"],
      ["Does it change containerization or orchestration configuration?", "No"],
      ["Does it change the network architecture or security groups?", "No"],
      ["Does it change Infrastructure as Code (IaC)?", "Yes"],
      ["Does it change the production deployment process?", "No"],
      ["Does it add new data stores (bucket, database, cache)?", "Yes"],
      ["Does it change how secrets or credentials are handled?", "No"],
    ] as const;
    for (const [question, yesNo] of triggers) await answer(page, question, yesNo);
    await page.getByRole("button", { name: "Next" }).click();

    // The requester's own estimate: 3 + 4 + 2 + 2 + 0 = 11 → Medium; P2 × Medium → 4.
    await page.getByRole("heading", { name: "InfraSec risk dimensions", level: 2 }).waitFor();
    await answer(page, "Infrastructure Scope", "3");
    await answer(page, "Environment Criticality", "4");
    await answer(page, "Configuration Complexity", "2");
    await answer(page, "Automation Level", "2");
    await answer(page, "Launch Tier Impact", "0");
    await expect
      .poll(() => page.getByTestId("risk-headline").textContent())
      .toBe("Score 11 → Medium, Review-Priority:4");
    await page.getByRole("button", { name: "Next" }).click();

    // The Experiment-level checklists are required before the review can complete: the
    // requester answers every question now, each with its evidence link.
    await page
      .getByRole("heading", { name: "Production-readiness security checklist", level: 2 })
      .waitFor();
    const answers = page.getByRole("textbox", { name: /^Answer: / });
    const beta = page.getByRole("group", { name: "Security (Beta)" });
    const betaCount = await beta.getByRole("textbox", { name: /^Answer: / }).count();
    const total = await answers.count();
    expect(total - betaCount).toBe(16);
    const evidence = page.getByRole("textbox", { name: /^Evidence link: / });
    expect(await evidence.count()).toBe(total);
    for (let i = 0; i < total; i++) {
      await answers.nth(i).fill(`Answered by the service team (${i + 1}).`);
      await evidence.nth(i).fill(`https://docs.example/ledger-export/prr#q${i + 1}`);
    }
    await page.getByRole("button", { name: "Next" }).click();

    // Review and submit: the reviewers are named here.
    await page.getByTestId("derived-title").getByText(TITLE).waitFor();
    await page
      .getByRole("textbox", { name: "Anything else the reviewers should know" })
      .fill("Nightly export of the ledger to the finance data warehouse.");
    const reviewers = page.getByRole("combobox", { name: "Required reviewers" });
    for (const r of [REVIEWER_A, REVIEWER_B]) {
      await reviewers.fill(r.username);
      await reviewers.press("Enter");
    }
    await page.getByRole("button", { name: "Submit request" }).click();

    await page.waitForURL(/\/work\/items\/\d+$/);
    await page.getByRole("heading", { name: new RegExp(TITLE), level: 1 }).waitFor();
    itemPath = new URL(page.url()).pathname;
    itemNumber = Number(itemPath.split("/").pop());
    await expect.poll(() => page.getByTestId("item-status").textContent()).toBe("New request");
    await expect
      .poll(() => page.getByTestId("item-risk").textContent())
      .toBe("Score 11 → Medium, Review-Priority:4");
    const approvals = page.getByRole("region", { name: "Approvals" });
    await approvals.getByText(REVIEWER_A.displayName).waitFor();
    await approvals.getByText(REVIEWER_B.displayName).waitFor();
    await approvals.getByText("0/2 approved").waitFor();
    await page
      .getByRole("group", { name: "Labels" })
      .locator('[data-label="InfraSec::triage"]')
      .waitFor();
  });

  it("2–3. a security engineer finds it in triage, re-scores, labels and assigns it", async () => {
    triager = await signedIn(TRIAGER);
    const page = triager;
    await page.getByRole("link", { name: "Triage", exact: true }).click();
    await page.getByRole("heading", { name: "Triage", level: 1 }).waitFor();
    const queue = page.getByRole("table", { name: "New" });
    await queue.getByRole("link", { name: TITLE }).click();
    await page.waitForURL(new RegExp(`${itemPath}$`));
    await page.getByRole("heading", { name: new RegExp(TITLE), level: 1 }).waitFor();

    // Re-score: production with customer data raises the score to 12 → High → Review-Priority:3.
    await page.getByRole("button", { name: "Edit", exact: true }).click();
    const editForm = page.getByRole("form", { name: "Edit item" });
    await editForm.waitFor();
    await expect
      .poll(() => page.getByTestId("risk-headline").textContent())
      .toBe("Score 11 → Medium, Review-Priority:4");
    await answer(page, "Environment Criticality", /^5 — Production with customer data/);
    await expect
      .poll(() => page.getByTestId("risk-headline").textContent())
      .toBe("Score 12 → High, Review-Priority:3");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(() => page.getByTestId("item-risk").textContent())
      .toBe("Score 12 → High, Review-Priority:3");
    const risk = page.getByRole("region", { name: "Risk" });
    await risk.getByText("High", { exact: true }).waitFor();
    await risk.getByText("Review-Priority:3", { exact: true }).waitFor();
    expect(await risk.getByText("Medium", { exact: true }).count()).toBe(0);

    // Scoped labels: each InfraSec:: label replaces the previous one.
    await addLabel(page, "InfraSec::backlog", "InfraSec::triage");
    await addLabel(page, "InfraSec::prioritised", "InfraSec::backlog");

    // Assign it to themself.
    const assignees = page.getByRole("group", { name: "Assignees" });
    await assignees.getByRole("button", { name: "Edit Assignees" }).click();
    const assigneeInput = assignees.getByRole("combobox", { name: "Assignees" });
    await assigneeInput.fill(TRIAGER.username);
    await assigneeInput.press("Enter");
    await assignees.getByRole("button", { name: "Save" }).click();
    await assignees.getByText(TRIAGER.displayName).waitFor();

    // The reviewers the requester named are in place; the review is planned.
    const reviewers = page.getByRole("group", { name: "Required reviewers" });
    await reviewers.getByText(REVIEWER_A.displayName).waitFor();
    await reviewers.getByText(REVIEWER_B.displayName).waitFor();
    await changeStatus(page, "Planned");

    const history = page.getByRole("region", { name: "History" });
    await history
      .getByText(/InfraSec::backlog.*→.*InfraSec::prioritised/)
      .first()
      .waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-acceptance-triaged.png", fullPage: true });
  });

  it("4. the security engineer drags the card to WIP on the Workflow board and starts", async () => {
    const page = triager;
    await page.getByRole("link", { name: "Boards", exact: true }).click();
    await page
      .getByRole("table", { name: "Boards" })
      .getByRole("link", { name: "Workflow" })
      .click();
    await page.getByRole("heading", { name: "Workflow", level: 1 }).waitFor();
    const card = page.getByRole("article", { name: `#${itemNumber} ${TITLE}`, exact: true });
    const column = (title: string) => page.getByRole("list", { name: title, exact: true });
    await column("prioritised").locator(card).waitFor();

    await card.dragTo(column("WIP"));
    await column("WIP").locator(card).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Workflow", level: 1 }).waitFor();
    await column("WIP").locator(card).waitFor();
    expect(await column("prioritised").locator(card).count()).toBe(0);
    await page.screenshot({ path: "/tmp/infrasec-e2e-acceptance-board.png", fullPage: true });

    // Work has started: the item page shows the WIP label and what work in progress still
    // needs (the published rule: a due date, an effort label and a description).
    await card.getByRole("link").first().click();
    await page.waitForURL(new RegExp(`${itemPath}$`));
    await page
      .getByRole("group", { name: "Labels" })
      .locator('[data-label="InfraSec::WIP"]')
      .waitFor();
    const needed = page
      .getByRole("alert")
      .filter({ hasText: "Needed before the item can move on" });
    await needed.getByText(/missing due date/).waitFor();
    await needed.getByText(/missing effort label/).waitFor();
    expect(await needed.getByText(/missing description/).count()).toBe(0);

    const dueRow = page.getByRole("group", { name: "Due date" });
    await dueRow.getByRole("button", { name: "Edit Due date" }).click();
    const dueInput = dueRow.getByRole("textbox", { name: "Due date" });
    await dueInput.fill(DUE_DATE);
    // Leaving the field saves it (Tab would only step through the date's segments).
    await dueInput.blur();
    await dueRow.getByRole("button", { name: "Edit Due date" }).waitFor();
    await chooseOption(page, "Weight", "3 · Medium");
    await expect.poll(() => needed.count()).toBe(0);

    await changeStatus(page, "Ongoing");
  });

  it("5. each required reviewer opens the review request and approves it", async () => {
    let page: Page | undefined;
    for (const [i, reviewer] of [REVIEWER_A, REVIEWER_B].entries()) {
      page = await signedIn(reviewer);
      // The review request reached them in their inbox.
      await page.getByRole("button", { name: /^Notifications, \d+ unread$/ }).click();
      const dropdown = page.getByRole("dialog", { name: "Notifications" });
      await dropdown.getByText("Review requested", { exact: false }).first().waitFor();
      await dropdown
        .getByRole("link", { name: new RegExp(TITLE) })
        .first()
        .click();
      await page.waitForURL(new RegExp(`${itemPath}$`));

      const approvals = page.getByRole("region", { name: "Approvals" });
      await approvals.getByText(`${i}/2 approved`).waitFor();
      await approvals.getByRole("button", { name: "Approve" }).click();
      const row = approvals
        .getByRole("table", { name: "Required reviewers" })
        .getByRole("row")
        .filter({ hasText: reviewer.displayName });
      await row.getByText("approved", { exact: true }).waitFor();
    }
    // The last reviewer's page shows the level approved by both.
    const approvals = page!.getByRole("region", { name: "Approvals" });
    await approvals.getByText("Approved", { exact: true }).waitFor();
    const table = approvals.getByRole("table", { name: "Required reviewers" });
    for (const r of [REVIEWER_A, REVIEWER_B]) {
      await table
        .getByRole("row")
        .filter({ hasText: r.displayName })
        .getByText("approved", { exact: true })
        .waitFor();
    }
    await page!.screenshot({ path: "/tmp/infrasec-e2e-acceptance-approved.png", fullPage: true });
  });

  it("6. the security engineer completes the review", async () => {
    const page = triager;
    await page.reload();
    await page.getByRole("heading", { name: new RegExp(TITLE), level: 1 }).waitFor();
    await page
      .getByRole("region", { name: "Approvals" })
      .getByText("Approved", { exact: true })
      .waitFor();
    await changeStatus(page, "Completed");
    // Closing removes the WIP label (the published bot rule).
    const labels = page.getByRole("group", { name: "Labels" });
    await expect.poll(() => labels.locator('[data-label="InfraSec::WIP"]').count()).toBe(0);
    expect(await page.getByRole("button", { name: "Change status" }).count()).toBe(0);
  });

  it("7. an auditor finds every step in the item's audit log", async () => {
    const page = await signedIn(AUDITOR);
    // The completed request is no longer open: the list finds it among the closed items.
    await page.getByRole("link", { name: "Items", exact: true }).click();
    await page
      .getByRole("search", { name: "Work item filters" })
      .getByText("Closed", { exact: true })
      .click();
    await page
      .getByRole("table", { name: "Work items" })
      .getByRole("link", { name: TITLE })
      .click();
    await page.getByRole("heading", { name: new RegExp(TITLE), level: 1 }).waitFor();
    await page.getByRole("main").getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    await expect.poll(() => page.getByLabel("Target type").inputValue()).toBe("work_item");
    expect(await page.getByLabel("Target id").inputValue()).not.toBe("");

    const table = page.getByRole("table", { name: "Audit events" });
    await table.getByText("work.item.create", { exact: true }).waitFor();
    // What the auditor reads, oldest first: who did what, with the summary of each event.
    const events = (await auditRows(table)).reverse();
    const n = `#${itemNumber}`;
    const [erin, sam, rita, remy] = [ENGINEER, TRIAGER, REVIEWER_A, REVIEWER_B].map(
      (p) => p.username,
    );
    const replaced = (from: string, to: string) =>
      `${n}: replaced ~"InfraSec::${from}" with ~"InfraSec::${to}"`;
    expect(events).toEqual([
      // 1. filed by the engineer
      [erin, "work.item.create", "work_item", `created security_review_request ${n}`],
      // 3. re-scored, labelled (scoped), assigned, planned
      [sam, "work.item.update", "work_item", `${n}: updated fields`],
      [sam, "work.item.labels", "work_item", replaced("triage", "backlog")],
      [sam, "work.item.labels", "work_item", replaced("backlog", "prioritised")],
      [sam, "work.item.update", "work_item", `${n}: updated assignees`],
      [sam, "work.item.update", "work_item", `${n}: updated status`],
      // 4. moved on the board (the label change and the move), made ready for WIP, started
      [sam, "work.item.labels", "work_item", replaced("prioritised", "WIP")],
      [sam, "work.board.move", "work_item", `moved ${n} to InfraSec::WIP on board Workflow`],
      [sam, "work.item.update", "work_item", `${n}: updated dueDate`],
      [sam, "work.item.update", "work_item", `${n}: updated weight`],
      [sam, "work.item.update", "work_item", `${n}: updated status`],
      // 5. the verdicts
      [rita, "work.item.verdict", "work_item", `${n}: approved (Beta) by ${rita}`],
      [remy, "work.item.verdict", "work_item", `${n}: approved (Beta) by ${remy}`],
      // 6. completed: closed, and the WIP label went with it
      [sam, "work.item.update", "work_item", `${n}: updated status, closedAt, labels`],
    ]);

    // The re-score's details show the risk dimension that changed.
    const rescore = table.getByRole("row").filter({ hasText: `${n}: updated fields` });
    await rescore.getByRole("button", { name: /^Details of event/ }).click();
    const details = table.locator("pre, code").filter({ hasText: "environmentCriticality" });
    await details.first().waitFor();
    const json = (await details.first().textContent()) ?? "";
    expect(json).toContain('"environmentCriticality": 4');
    expect(json).toContain('"environmentCriticality": 5');
    await page.screenshot({ path: "/tmp/infrasec-e2e-acceptance-audit.png", fullPage: true });
  });
});
