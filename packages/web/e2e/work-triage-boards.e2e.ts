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

interface Item {
  id: string;
  number: number;
  title: string;
  labels: string[];
}

interface HistoryEntry {
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
  note: string | null;
}

/** The card of an item on the board (cards are named "#12 title"). */
const card = (page: Page, item: Item) =>
  page.getByRole("article", { name: `#${item.number} ${item.title}`, exact: true });

/** A column's drop zone on a board without swimlanes (named by the column title). */
const column = (page: Page, title: string) => page.getByRole("list", { name: title, exact: true });

describe.skipIf(skipE2e)("triage, boards and notifications through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let admin: BrowserContext;
  let call: Awaited<ReturnType<typeof apiSession>>;
  let rotate: Item;
  let peering: Item;
  let buckets: Item;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await call("POST", "/api/v1/users", {
      username: ENGINEER.username,
      displayName: "Erin Engineer",
      role: "engineer",
      password: ENGINEER.password,
    });
    const create = (title: string) =>
      call<Item>("POST", "/api/v1/work/items", {
        kind: "task",
        title,
        labels: ["Department::InfraSec", "InfraSec::triage"],
      });
    rotate = await create("Rotate CI deploy keys");
    peering = await create("Review VPC peering to the data account");
    buckets = await create("Audit public bucket policies");
    admin = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("bulk-labels two items from the triage queue and assigns a third", async () => {
    const page = await admin.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await page.getByRole("link", { name: "Triage", exact: true }).click();
    await page.getByRole("heading", { name: "Triage", level: 1 }).waitFor();
    const queue = page.getByRole("table", { name: "New" });
    await queue.getByRole("link", { name: rotate.title }).waitFor();

    await queue.getByRole("checkbox", { name: `Select #${rotate.number}` }).check();
    await queue.getByRole("checkbox", { name: `Select #${peering.number}` }).check();
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await bar.getByText("2 selected").waitFor();
    await bar.getByRole("combobox", { name: "Add labels" }).click();
    await bar.getByRole("combobox", { name: "Add labels" }).fill("InfraSec::backlog");
    await page.getByRole("option", { name: /InfraSec::backlog$/ }).click();
    await page.keyboard.press("Escape");
    await bar.getByRole("button", { name: "Apply…" }).click();

    const dialog = page.getByRole("dialog", { name: "Confirm bulk change" });
    await dialog.getByText('Add ~"InfraSec::backlog" on 2 items.').waitFor();
    // The scoped semantics are explained before anything changes.
    await dialog.getByText(/replaces any other InfraSec:: label/).waitFor();
    await dialog.getByRole("button", { name: "Apply to 2" }).click();
    await page.getByText("2 items updated").waitFor();
    // Backlog replaced triage: both left the New list, the third is still there.
    await expect.poll(() => queue.getByRole("link", { name: rotate.title }).count()).toBe(0);
    await expect.poll(() => queue.getByRole("link", { name: peering.title }).count()).toBe(0);
    await queue.getByRole("link", { name: buckets.title }).waitFor();

    await queue.getByRole("checkbox", { name: `Select #${buckets.number}` }).check();
    await bar.getByText("Assign", { exact: true }).click();
    await bar.getByRole("combobox", { name: "Assign to" }).fill(ENGINEER.username);
    await page.keyboard.press("Enter");
    await bar.getByRole("button", { name: "Apply…" }).click();
    await dialog.getByText("Assign 1 item to erin (replacing their assignees).").waitFor();
    await dialog.getByRole("button", { name: "Apply to 1" }).click();
    await page.getByText("1 item updated").waitFor();
    await queue.getByText("Erin Engineer").waitFor();

    const after = await call<Item>("GET", `/api/v1/work/items/${rotate.id}`);
    expect(after.labels).toContain("InfraSec::backlog");
    expect(after.labels).not.toContain("InfraSec::triage");

    await page.getByRole("button", { name: "Weekly report" }).click();
    const report = page.getByRole("dialog", { name: "Weekly triage report" });
    await report.getByRole("button", { name: "Copy Markdown" }).waitFor();
    await report.getByText(buckets.title).first().waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-triage-report.png", fullPage: true });
    await page.keyboard.press("Escape");
    await page.close();
  });

  it("drags a card to another column, keeps it there after a reload, and records the change", async () => {
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/work/boards`);
    await page
      .getByRole("table", { name: "Boards" })
      .getByRole("link", { name: "Workflow" })
      .click();
    await page.getByRole("heading", { name: "Workflow", level: 1 }).waitFor();
    await column(page, "backlog").getByRole("article").first().waitFor();
    await card(page, rotate).waitFor();
    expect(await column(page, "backlog").locator(card(page, rotate)).count()).toBe(1);

    const moved = page.waitForResponse(
      (r) => r.url().includes("/move") && r.request().method() === "POST",
    );
    await card(page, rotate).dragTo(column(page, "prioritised"));
    // Optimistic: the card is in the new column at once.
    await column(page, "prioritised").locator(card(page, rotate)).waitFor();
    expect((await moved).status()).toBe(200);

    await page.reload();
    await page.getByRole("heading", { name: "Workflow", level: 1 }).waitFor();
    await column(page, "prioritised").locator(card(page, rotate)).waitFor();
    expect(await column(page, "backlog").locator(card(page, rotate)).count()).toBe(0);

    // The keyboard way: the card's menu moves it too.
    await card(page, peering)
      .getByRole("button", { name: `Move #${peering.number} to…` })
      .click();
    await page.getByRole("menuitem", { name: "WIP", exact: true }).click();
    await column(page, "WIP").locator(card(page, peering)).waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-board.png", fullPage: true });

    const item = await call<Item>("GET", `/api/v1/work/items/${rotate.id}`);
    expect(item.labels).toContain("InfraSec::prioritised");
    expect(item.labels).not.toContain("InfraSec::backlog");
    // The history holds both label changes: the bulk action and the move.
    const history = await call<{ items: HistoryEntry[] }>(
      "GET",
      `/api/v1/work/items/${rotate.id}/history`,
    );
    const text = JSON.stringify(history.items);
    expect(text).toContain("InfraSec::backlog");
    expect(text).toContain("InfraSec::prioritised");

    // The item page shows both label changes in its history.
    await page.goto(`${server.baseUrl}/work/items/${rotate.number}`);
    await page.getByRole("heading", { name: rotate.title, level: 1 }).waitFor();
    const timeline = page.getByRole("region", { name: "History" });
    await timeline
      .getByText(/InfraSec::triage.*→.*InfraSec::backlog/)
      .first()
      .waitFor();
    await timeline
      .getByText(/InfraSec::backlog.*→.*InfraSec::prioritised/)
      .first()
      .waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-item-history.png", fullPage: true });
    await page.close();
  });

  it("shows the assignee an assignment notification on the bell", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, ENGINEER.username, ENGINEER.password);
    const bell = page.getByRole("button", { name: /^Notifications, 1 unread$/ });
    await bell.waitFor();
    await bell.click();
    const dropdown = page.getByRole("dialog", { name: "Notifications" });
    await dropdown.getByText("Assigned to you", { exact: false }).waitFor();
    await dropdown.getByText(buckets.title, { exact: false }).waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-notifications.png" });
    await dropdown.getByRole("button", { name: "Mark all read" }).click();
    await page.getByRole("button", { name: "Notifications", exact: true }).waitFor();

    // An engineer can look at the board but has no way to move cards.
    await page.goto(`${server.baseUrl}/work/boards`);
    await page
      .getByRole("table", { name: "Boards" })
      .getByRole("link", { name: "Workflow" })
      .click();
    await card(page, rotate).waitFor();
    expect(await card(page, rotate).getAttribute("draggable")).toBe("false");
    expect(await page.getByRole("button", { name: /^Move #/ }).count()).toBe(0);
    await context.close();
  });
});
