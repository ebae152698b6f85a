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

// Planning (epics, milestones, OKRs, roadmap) and workflow administration through the real UI,
// on a real server with data seeded through the API.

const DAY = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);

const EPIC = "E2E Harden the CI runners";
const MILESTONE = "E2E quarter commitments";
const OBJECTIVE = "E2E Reduce long-lived credentials";
const KEY_RESULT = "E2E service-account keys rotated";

interface Created {
  id: string;
  number: number;
}

describe.skipIf(skipE2e)("planning and workflow administration through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let epic: Created;
  let milestone: { id: string };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    milestone = await call<{ id: string }>("POST", "/api/v1/work/milestones", {
      title: MILESTONE,
      startDate: day(-20),
      dueDate: day(40),
    });
    epic = await call<Created>("POST", "/api/v1/work/items", {
      kind: "epic",
      title: EPIC,
      owner: ADMIN_USERNAME,
      startDate: day(-10),
      dueDate: day(60),
    });
    // Weighted children: 5 closed of 5 + 3 + 2, so 1/3 closed and weight 5/10.
    const children: Created[] = [];
    for (const [title, weight] of [
      ["E2E runner images pinned", 5],
      ["E2E runner network policy", 3],
      ["E2E runner secrets in vault", 2],
    ] as const) {
      children.push(
        await call<Created>("POST", "/api/v1/work/items", {
          kind: "task",
          title,
          weight,
          parentId: epic.id,
          milestoneId: milestone.id,
        }),
      );
    }
    await call("PATCH", `/api/v1/work/items/${children[0]!.id}`, { status: "closed" });
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows an epic's weighted progress and takes an At risk status update", async () => {
    await page.getByRole("link", { name: "Planning", exact: true }).click();
    await page.waitForURL(/\/work\/planning\/epics$/);
    const table = page.getByRole("table", { name: "Epics" });
    const row = table.getByRole("row").filter({ hasText: EPIC });
    await row.getByRole("link", { name: EPIC, exact: true }).waitFor();
    await row.getByText("1/3 closed · weight 5/10").waitFor();
    await row.getByText("50%", { exact: true }).waitFor();
    expect(
      await row
        .getByRole("progressbar", { name: `Progress of ${EPIC}` })
        .getAttribute("aria-valuenow"),
    ).toBe("50");

    await row.getByRole("link", { name: `Status and updates of ${EPIC}` }).click();
    await page.getByRole("heading", { name: new RegExp(EPIC), level: 1 }).waitFor();
    await page
      .getByRole("table", { name: "Children" })
      .getByText("E2E runner network policy")
      .waitFor();
    await page.getByRole("radio", { name: "At risk" }).check();
    await page.getByLabel("Status update").fill("Runner images **blocked** on the vendor.");
    await page.getByRole("button", { name: "Post status update" }).click();
    await page.getByText("Status update posted").waitFor();
    // The owner's declared health follows the update, and the update is in the timeline.
    await page.getByTitle("Declared by the owner").getByText("At risk").waitFor();
    await page.getByRole("strong").getByText("blocked").waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-epic.png", fullPage: true });

    await page.goto(`${server.baseUrl}/work/planning/epics`);
    await table
      .getByRole("row")
      .filter({ hasText: EPIC })
      .getByTitle("Declared by the owner")
      .getByText("At risk")
      .waitFor();
  });

  it("draws a milestone's burnup with its numbers and a unit toggle", async () => {
    await page.getByRole("tab", { name: "Milestones" }).click();
    await page.waitForURL(/\/work\/planning\/milestones$/);
    await page
      .getByRole("table", { name: "Milestones" })
      .getByRole("link", { name: MILESTONE })
      .click();
    await page.getByRole("heading", { name: MILESTONE, level: 1 }).waitFor();
    await page
      .getByRole("img", { name: new RegExp(`Burnup of ${MILESTONE} \\(items\\)`) })
      .waitFor();
    await page.getByTestId("burnup-today").waitFor();
    await page
      .getByRole("table", { name: "Milestone items" })
      .getByText("E2E runner images pinned")
      .waitFor();
    await page.getByRole("radiogroup", { name: "Burnup unit" }).getByText("Weight").click();
    await page.waitForURL(/unit=weight/);
    await page
      .getByRole("img", { name: new RegExp(`Burnup of ${MILESTONE} \\(weight\\)`) })
      .waitFor();
    // The accessible table fallback carries today's numbers: scope 10, completed 5 by weight.
    await page.getByText(/Show the numbers/).click();
    const todayRow = page
      .getByRole("table", { name: "Burnup data" })
      .getByRole("row")
      .filter({
        hasText: day(0),
      });
    expect(await todayRow.getByRole("cell").allTextContents()).toEqual([day(0), "10", "5"]);
    await page.screenshot({ path: "/tmp/infrasec-e2e-burnup.png", fullPage: true });
  });

  it("creates an objective with a key result and moves its band by updating the value", async () => {
    await page.goto(`${server.baseUrl}/work/planning/okrs`);
    await page.getByRole("button", { name: "New objective" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Objective").fill(OBJECTIVE);
    await dialog.getByLabel("Linked epics").click();
    await page.getByRole("option", { name: new RegExp(EPIC) }).click();
    await dialog.getByLabel("Objective").click();
    await dialog.getByRole("button", { name: "Create objective" }).click();
    const card = page.getByRole("region", { name: `Objective ${OBJECTIVE}` });
    await card.getByRole("link", { name: new RegExp(EPIC) }).waitFor();
    await card.getByText("no key result, no score").waitFor();

    await card.getByRole("button", { name: "Add key result" }).click();
    await dialog.getByLabel("Key result").fill(KEY_RESULT);
    await dialog.getByLabel("DRI (owner)").fill(ADMIN_USERNAME);
    await dialog.getByLabel("Target").fill("10");
    await dialog.getByLabel("Current value").fill("2");
    await dialog.getByText("20% · At risk").waitFor();
    await dialog.getByRole("button", { name: "Add key result" }).click();
    const krs = card.getByRole("table", { name: `Key results of ${OBJECTIVE}` });
    const kr = krs.getByRole("row").filter({ hasText: KEY_RESULT });
    await kr.locator('[data-band="at_risk"]').waitFor();
    await card.locator('[data-band="at_risk"]').first().waitFor();

    await kr.getByRole("button", { name: `Update current value of ${KEY_RESULT}` }).click();
    await kr.getByLabel(`Current value of ${KEY_RESULT}`).fill("9");
    await kr.getByText(/new score 90%/).waitFor();
    await kr.getByRole("button", { name: "Save" }).click();
    await kr.getByText("90% · On target").waitFor();
    expect(await kr.locator('[data-band="on_target"]').count()).toBe(1);
    await card.getByText("90% · On target").first().waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-okrs.png", fullPage: true });

    // The epic page lists the objective that links it.
    await card.getByRole("link", { name: new RegExp(EPIC) }).click();
    await page.getByRole("heading", { name: new RegExp(EPIC), level: 1 }).waitFor();
    await page.getByRole("link", { name: OBJECTIVE }).waitFor();
  });

  it("places the epic on the roadmap and opens it from its bar", async () => {
    await page.goto(`${server.baseUrl}/work/planning/roadmap`);
    const bar = page.getByRole("link", { name: new RegExp(`^${EPIC}: ${day(-10)} → ${day(60)}`) });
    await bar.waitFor();
    expect(await bar.getAttribute("data-health")).toBe("at_risk");
    await page.screenshot({ path: "/tmp/infrasec-e2e-roadmap.png", fullPage: true });
    await bar.click();
    await page.waitForURL(new RegExp(`/work/planning/epics/${epic.id}$`));
  });

  it("creates a scoped label in the workflow administration", async () => {
    await page.getByRole("link", { name: "Workflow", exact: true }).click();
    await page.waitForURL(/\/admin\/workflow\/labels$/);
    await page.getByRole("heading", { name: "Workflow", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New label" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill("E2EScope::checked");
    await dialog.getByText(/Scoped “E2EScope”/).waitFor();
    await dialog.getByLabel("Description").fill("Checked by the end-to-end test");
    await dialog.getByRole("button", { name: "Create label" }).click();
    const row = page
      .getByRole("table", { name: "Labels" })
      .getByRole("row")
      .filter({ has: page.getByLabel("label E2EScope::checked") });
    await row.getByText("Checked by the end-to-end test").waitFor();
    await row
      .getByRole("code")
      .filter({ hasText: /^E2EScope$/ })
      .waitFor();
    await row.getByText("unused").waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-labels.png", fullPage: true });

    // Deleting asks first and says how many items carry the label.
    await row.getByRole("button", { name: "Delete label E2EScope::checked" }).click();
    await page
      .getByRole("dialog")
      .getByText(/No item carries/)
      .waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  });

  it("shows a template's validation errors by path and saves workflow settings", async () => {
    await page.getByRole("tab", { name: "Templates" }).click();
    await page
      .getByRole("table", { name: "Templates" })
      .getByRole("link", { name: "BAU request" })
      .click();
    await page.waitForURL(/template=bau-request/);
    const editor = page.getByLabel("Definition (JSON)");
    const definition = JSON.parse(await editor.inputValue()) as {
      sections: { fields: { type: string }[] }[];
    };
    // A syntax error is caught as you type, with its line; Save stays disabled.
    await editor.fill('{\n  "name": oops\n}');
    await page.getByText("JSON: syntax error at line 2, column 11").waitFor();
    expect(await page.getByRole("button", { name: "Save template" }).isDisabled()).toBe(true);
    // A well-formed but invalid template is refused by the server, naming the field's path.
    definition.sections[0]!.fields[1]!.type = "nonsense";
    await editor.fill(JSON.stringify(definition, null, 2));
    await page.getByRole("button", { name: "Save template" }).click();
    const problems = page.getByRole("alert").filter({ hasText: "The server refused the template" });
    await problems
      .getByText(/^sections\[0\]\.fields\[1\]/)
      .first()
      .waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-template.png", fullPage: true });
    await page.getByRole("button", { name: "Discard changes" }).click();
    expect(await problems.count()).toBe(1);

    await page.getByRole("tab", { name: "Settings" }).click();
    await page.waitForURL(/\/admin\/workflow\/settings$/);
    await page.getByLabel("Stale after (days)").fill("120");
    await page.getByText("Fortnightly", { exact: true }).click();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Workflow settings saved").waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel("Stale after (days)").inputValue()).toBe("120");
    await page.screenshot({ path: "/tmp/infrasec-e2e-settings.png", fullPage: true });
  });
});
