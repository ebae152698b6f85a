import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import {
  ADMIN_PASSWORD,
  ADMIN_USERNAME,
  launchBrowser,
  signIn,
  skipE2e,
  startServer,
} from "./server-harness";
import type { ServerHandle } from "./server-harness";

describe.skipIf(skipE2e)("administration through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("creates an API token and shows its secret exactly once", async () => {
    await page.goto(`${server.baseUrl}/admin/tokens`);
    await page.getByRole("button", { name: "New token" }).click();
    await page.getByLabel("Token name").fill("ci-e2e");
    await page.getByRole("button", { name: "Create token" }).click();
    const secretBox = page.getByTestId("one-time-secret");
    await secretBox.waitFor();
    const secret = (await secretBox.textContent())?.trim() ?? "";
    expect(secret.length).toBeGreaterThan(15);
    await page.getByRole("button", { name: "Copy" }).waitFor();

    // The secret works as a bearer token.
    const res = await fetch(`${server.baseUrl}/api/v1/auth/session`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(200);

    await page.getByRole("button", { name: "I have copied it" }).click();
    await page.getByRole("table", { name: "API tokens" }).getByText("ci-e2e").waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.reload();
    await page.getByRole("table", { name: "API tokens" }).getByText("ci-e2e").waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByTestId("one-time-secret").count()).toBe(0);
  });

  it("creates a user with a one-time password", async () => {
    await page.getByRole("link", { name: "Users" }).click();
    await page.getByRole("heading", { name: "Users", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New user" }).click();
    await page.getByLabel("Username").fill("olga");
    await page.getByRole("button", { name: "Create user" }).click();
    const secret = page.getByTestId("one-time-secret");
    await secret.waitFor();
    const oneTime = ((await secret.textContent()) ?? "").trim();
    expect(oneTime.length).toBeGreaterThan(8);
    await page.getByRole("button", { name: "Done" }).click();
    await page.getByRole("table", { name: "Users" }).getByText("olga", { exact: true }).waitFor();

    // The new user must replace the one-time password before using the app, then can sign out.
    const context = await browser.newContext();
    const olga = await context.newPage();
    await olga.goto(`${server.baseUrl}/`);
    await olga.getByLabel("Username").fill("olga");
    await olga.getByLabel("Password").first().fill(oneTime);
    await olga.getByRole("button", { name: "Sign in" }).click();
    await olga.getByRole("heading", { name: "Choose a new password" }).waitFor();
    expect(await olga.getByRole("navigation", { name: "Main navigation" }).count()).toBe(0);
    await olga.getByLabel("Current password").fill(oneTime);
    await olga.getByLabel(/^New password/).fill("olga-own-Password-42");
    await olga.getByLabel("Confirm new password").fill("olga-own-Password-42");
    await olga.getByRole("button", { name: "Change password" }).click();
    await olga.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await olga.getByRole("button", { name: "Account menu" }).click();
    await olga.getByRole("menuitem", { name: "Sign out" }).click();
    await olga.getByRole("button", { name: "Sign in" }).waitFor();
    await olga.goto(`${server.baseUrl}/assets`);
    await olga.getByRole("button", { name: "Sign in" }).waitFor();
    expect(olga.url()).toContain("/sign-in?from=%2Fassets");
    await context.close();
  });

  it("creates a team, sets its members and renames it", async () => {
    await page.getByRole("link", { name: "Teams" }).click();
    await page.getByRole("button", { name: "New team" }).click();
    await page.getByLabel("Team name").fill("platform-sec");
    await page.getByRole("button", { name: "Create team" }).click();
    const teams = page.getByRole("table", { name: "Teams" });
    await teams.getByText("platform-sec", { exact: true }).waitFor();

    await teams.getByRole("button", { name: "Members" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.locator("input").and(dialog.getByLabel("Members")).click();
    await page.getByRole("option", { name: /^olga/ }).click();
    await dialog.getByText("Members of platform-sec").click(); // closes the dropdown
    await dialog.getByRole("button", { name: "Save members" }).click();
    await teams.getByText("olga", { exact: true }).waitFor();

    await teams.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("Team name").fill("platform-security");
    await page.getByRole("button", { name: "Save" }).click();
    await teams.getByText("platform-security", { exact: true }).waitFor();
  });

  it("shows the audit log and verifies its chain", async () => {
    await page.getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { name: "Audit log", level: 1 }).waitFor();
    await page.getByRole("table", { name: "Audit events" }).getByText("olga").first().waitFor();
    await page.getByRole("button", { name: "Verify chain" }).click();
    await page.getByText("Audit chain intact").waitFor();
    const exportLink = page.getByRole("link", { name: "Export CSV" });
    expect(await exportLink.getAttribute("href")).toContain("/api/v1/audit/export?format=csv");
    await page.screenshot({ path: "/tmp/infrasec-e2e-audit.png", fullPage: true });
  });

  it("shows home with real counts and activity, in light and dark themes", async () => {
    await page.getByRole("link", { name: "Home", exact: true }).click();
    await page.getByRole("table", { name: "Recent activity" }).getByText("olga").first().waitFor();
    await page
      .getByText("The inventory is empty")
      .or(page.getByRole("table", { name: "Assets by kind" }))
      .first()
      .waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-home.png", fullPage: true });
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await page.getByRole("button", { name: "Switch to light theme" }).waitFor();
    await page.getByRole("link", { name: "API tokens" }).click();
    await page.getByRole("table", { name: "API tokens" }).getByText("ci-e2e").waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-tokens-dark.png", fullPage: true });
    await page.getByRole("button", { name: "Switch to light theme" }).click();
  });

  it("shows every capability area, with unbuilt ones saying so", async () => {
    await page.getByRole("link", { name: "Posture" }).click();
    await page.getByText("This area is not built yet").waitFor();
    for (const area of ["Home", "Assets", "Runs", "Findings", "Snapshots", "Posture", "Alerts"]) {
      expect(await page.getByRole("link", { name: new RegExp(`^${area}`) }).count()).toBe(1);
    }
  });
});
