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

const VIEWER = { username: "vera", password: "viewer-Password-0123456" };

async function chooseOption(page: Page, label: string, option: string) {
  await page.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

describe.skipIf(skipE2e)("assets through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let admin: BrowserContext;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    await call("POST", "/api/v1/users", {
      username: VIEWER.username,
      role: "viewer",
      password: VIEWER.password,
    });
    await call("POST", "/api/v1/assets", {
      key: "db:orders",
      name: "orders-db",
      kind: "database",
      criticality: 1,
    });
    admin = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("signs in, creates an asset with the form and finds it with a filter", async () => {
    const page = await admin.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);

    await page.getByRole("link", { name: "Assets", exact: true }).click();
    await page.getByRole("heading", { name: "Assets", level: 1 }).waitFor();
    await page.getByRole("link", { name: "New asset" }).click();
    await page.getByRole("heading", { name: "New asset", level: 1 }).waitFor();

    // Validation as you type: a bad key shows its message before submitting.
    await page.getByLabel("Key").fill("bad key with spaces");
    await page.getByText("key uses letters, digits").waitFor();
    await page.getByLabel("Key").fill("host:web-e2e-1");
    await page.getByLabel("Name").fill("web-e2e-1");
    await chooseOption(page, "Kind", "Host");
    await chooseOption(page, "Exposure", "internet facing");
    await page.locator("input").and(page.getByLabel("Owner team")).fill("platform");
    await page.getByRole("button", { name: "Add identifier" }).click();
    await page.getByLabel("Identifier 1 value").fill("web-e2e-1.example.internal");
    await page.getByRole("button", { name: "Create asset" }).click();

    await page.getByRole("heading", { name: "web-e2e-1", level: 1 }).waitFor();
    await page
      .getByRole("table", { name: "Identifiers" })
      .getByText("web-e2e-1.example.internal")
      .waitFor();
    // The history timeline shows the creation from the audit log.
    await page.getByText("asset.create", { exact: true }).waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-asset-detail.png", fullPage: true });

    await page.goto(`${server.baseUrl}/assets`);
    const table = page.getByRole("table", { name: "Assets" });
    await table.getByRole("link", { name: "orders-db" }).waitFor();
    await page.getByLabel("Search").fill("web-e2e");
    await page.waitForURL(/[?&]q=web-e2e/);
    await table.getByRole("link", { name: "web-e2e-1" }).waitFor();
    await expect.poll(() => table.getByRole("link", { name: "orders-db" }).count()).toBe(0);

    await chooseOption(page, "Exposure", "internal");
    await page.getByText("No asset matches these filters").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await table.getByRole("link", { name: "orders-db" }).waitFor();
    await page.close();
  });

  it("imports assets from pasted JSON and shows the counts", async () => {
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/assets`);
    await page.getByRole("button", { name: "Import" }).click();
    const dialog = page.getByRole("dialog");
    const records = ["api", "worker", "billing", "search"].map((n, i) => ({
      key: `svc:${n}`,
      name: `${n}-service`,
      kind: "service",
      ownerTeam: i % 2 ? "payments" : "platform",
      criticality: (i % 4) + 1,
      exposure: i === 0 ? "internet_facing" : "internal",
      tags: ["e2e", `tier:${i}`],
    }));
    await dialog.getByLabel("Content").fill(JSON.stringify(records));
    await dialog.getByText("JSON", { exact: true }).click();
    await dialog.getByRole("button", { name: "Import", exact: true }).click();
    await dialog.getByText("4 created").waitFor();
    await dialog.getByRole("button", { name: "Close" }).click();
    await page
      .getByRole("table", { name: "Assets" })
      .getByRole("link", { name: "billing-service" })
      .waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-assets.png", fullPage: true });
    await page.close();
  });

  it("hides the New asset button from a viewer", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, server.baseUrl, VIEWER.username, VIEWER.password);
    await page.getByRole("link", { name: "Assets", exact: true }).click();
    await page
      .getByRole("table", { name: "Assets" })
      .getByRole("link", { name: "orders-db" })
      .waitFor();
    expect(await page.getByRole("link", { name: "New asset" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Import" }).count()).toBe(0);
    // Admin areas a viewer may not open are not in the navigation either.
    expect(await page.getByRole("link", { name: "Users" }).count()).toBe(0);
    await page.screenshot({ path: "/tmp/infrasec-e2e-viewer-assets.png", fullPage: true });
    await context.close();
  });

  it("edits an asset, shows the change in its history, and deletes it after confirmation", async () => {
    const page = await admin.newPage();
    await page.goto(`${server.baseUrl}/assets?q=orders`);
    await page
      .getByRole("table", { name: "Assets" })
      .getByRole("link", { name: "orders-db" })
      .click();
    await page.getByRole("heading", { name: "orders-db", level: 1 }).waitFor();
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByLabel("Description").fill("Order history of every customer");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Order history of every customer", { exact: true }).waitFor();
    await page.getByText("asset.update", { exact: true }).waitFor();

    await page.getByRole("button", { name: "Delete" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete asset" }).click();
    await page.waitForURL(/\/assets$/);
    await page
      .getByRole("table", { name: "Assets" })
      .getByRole("link", { name: "web-e2e-1" })
      .waitFor();
    expect(await page.getByRole("link", { name: "orders-db" }).count()).toBe(0);
    await page.close();
  });
});
