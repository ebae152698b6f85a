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

const ACCOUNT = "111111111111";
const SNAPSHOT_NAME = "aws-e2e";

type Json = Record<string, unknown>;

const doc = (...statements: Json[]) => ({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[]) => ({ Effect: "Allow", Action: action, Resource: "*" });

function user(name: string, inline: Json[]): Json {
  return {
    Path: "/",
    UserName: name,
    UserId: `AIDA${name.toUpperCase()}`,
    Arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    CreateDate: "2025-01-01T00:00:00Z",
    GroupList: [],
    AttachedManagedPolicies: [],
    UserPolicyList: inline.map((d, i) => ({
      PolicyName: `${name}-policy-${i}`,
      PolicyDocument: d,
    })),
    Tags: [{ Key: "owner", Value: "platform" }],
  };
}

/**
 * A tiny `aws iam get-account-authorization-details` export: alice can attach policies to
 * herself (one-step escalation), bob can assume `ops`, which can write bob's inline policy (two
 * steps). `extraUsers` lets the second snapshot add an admin for the diff.
 */
function authorizationDetails(extraUsers: Json[] = []): string {
  return JSON.stringify({
    UserDetailList: [
      user("alice", [doc(allow("iam:AttachUserPolicy"))]),
      user("bob", [doc(allow("sts:AssumeRole"))]),
      ...extraUsers,
    ],
    GroupDetailList: [],
    RoleDetailList: [
      {
        Path: "/",
        RoleName: "ops",
        RoleId: "AROAOPS",
        Arn: `arn:aws:iam::${ACCOUNT}:role/ops`,
        CreateDate: "2025-01-01T00:00:00Z",
        AssumeRolePolicyDocument: doc({
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: "sts:AssumeRole",
        }),
        RolePolicyList: [
          { PolicyName: "ops-users", PolicyDocument: doc(allow("iam:PutUserPolicy")) },
        ],
        AttachedManagedPolicies: [],
        InstanceProfileList: [],
        Tags: [],
      },
    ],
    Policies: [],
  });
}

interface SnapshotDto {
  id: string;
}

describe.skipIf(skipE2e)("access reviews through the real UI", () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let call: Awaited<ReturnType<typeof apiSession>>;
  let first: SnapshotDto;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    call = await apiSession(server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
    first = await call<SnapshotDto>("POST", "/api/v1/access/snapshots", {
      name: SNAPSHOT_NAME,
      provider: "aws",
      files: [{ name: "gaad.json", content: authorizationDetails() }],
    });
    context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    page = await context.newPage();
    await signIn(page, server.baseUrl, ADMIN_USERNAME, ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("opens a snapshot from the nav and filters its principals in the URL", async () => {
    await page.getByRole("link", { name: "Snapshots", exact: true }).click();
    await page.getByRole("heading", { name: "Access snapshots", level: 1 }).waitFor();
    const table = page.getByRole("table", { name: "Access snapshots" });
    await table.getByRole("link", { name: new RegExp(`^Snapshot ${SNAPSHOT_NAME} of`) }).click();
    await page.getByRole("heading", { name: SNAPSHOT_NAME, level: 1 }).waitFor();
    const principals = page.getByRole("table", { name: "Principals" });
    await principals.getByRole("link", { name: "alice", exact: true }).waitFor();

    await page.getByRole("textbox", { name: "Search" }).fill("bob");
    await page.waitForURL(/[?&]q=bob/);
    await principals
      .getByRole("link", { name: "alice", exact: true })
      .waitFor({ state: "detached" });
    await principals.getByRole("link", { name: "bob", exact: true }).waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await principals.getByRole("link", { name: "alice", exact: true }).waitFor();
  });

  it("draws a principal's escalation paths as a graph with a list fallback", async () => {
    await page
      .getByRole("table", { name: "Principals" })
      .getByRole("link", { name: "bob", exact: true })
      .click();
    await page.getByRole("heading", { name: "bob", level: 1 }).waitFor();
    const graph = page.getByRole("group", { name: "Escalation graph of bob" });
    await graph.waitFor();
    // bob → ops (assume role), then ops → admin (writes bob's inline policy).
    const assume = graph.locator('[data-technique="sts-001"]');
    await assume.waitFor();
    expect(
      await graph.getByRole("link", { name: `Open arn:aws:iam::${ACCOUNT}:role/ops` }).count(),
    ).toBe(1);
    await assume.focus();
    await page.getByText("sts:AssumeRole", { exact: true }).first().waitFor();
    await page
      .getByText(/assumes arn:aws:iam::111111111111:role\/ops/)
      .first()
      .waitFor();
    const list = page.getByRole("list", { name: "Escalation paths as a list" });
    await list.getByText(/user\/bob → role\/ops: sts-001/).waitFor();
    await page.screenshot({ path: "/tmp/infrasec-e2e-access-principal.png", fullPage: true });

    // The graph's identities open their own page.
    await graph.getByRole("link", { name: `Open arn:aws:iam::${ACCOUNT}:role/ops` }).click();
    await page.getByRole("heading", { name: "ops", level: 1 }).waitFor();
  });

  it("compares two snapshots of the same account", async () => {
    const second = await call<SnapshotDto>("POST", "/api/v1/access/snapshots", {
      name: SNAPSHOT_NAME,
      provider: "aws",
      files: [
        {
          name: "gaad.json",
          content: authorizationDetails([user("carol", [doc(allow("*"))])]),
        },
      ],
    });
    await page.goto(`${server.baseUrl}/access/snapshots/${second.id}`);
    await page.getByRole("button", { name: "Compare with…" }).click();
    await page.getByRole("combobox", { name: "Snapshot" }).click();
    await page.getByRole("option").first().click();
    await page.getByRole("button", { name: "Compare", exact: true }).click();
    await page.getByRole("heading", { name: `What changed in ${SNAPSHOT_NAME}` }).waitFor();
    await page
      .getByRole("table", { name: "New admins" })
      .getByRole("link", { name: "user/carol" })
      .waitFor();
    expect(page.url()).toContain(`old=${first.id}`);
  });

  it("creates a campaign and records a decision with its justification", async () => {
    await page.getByRole("link", { name: "Campaigns", exact: true }).click();
    await page.getByRole("heading", { name: "Access review campaigns", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New campaign" }).click();
    const dialog = page.getByRole("dialog", { name: "New access review campaign" });
    await dialog.getByRole("textbox", { name: "Name" }).fill("Q3 privileged – e2e");
    await dialog.getByRole("combobox", { name: "Snapshot" }).click();
    // The first snapshot is the one reviewed here (the later one verifies revocations).
    const options = page.getByRole("option", { name: new RegExp(`^${SNAPSHOT_NAME}`) });
    await options.last().click();
    await dialog.getByRole("combobox", { name: "Default reviewer" }).fill(ADMIN_USERNAME);
    await dialog.getByRole("button", { name: "Create campaign" }).click();
    await page.getByRole("heading", { name: "Q3 privileged – e2e", level: 1 }).waitFor();
    await page.getByRole("tab", { name: /^My queue/ }).click();
    await page.waitForURL(/reviewer=me/);

    const items = page.getByRole("table", { name: "Review items" });
    await items
      .getByRole("button", { name: /^Revoke alice/ })
      .first()
      .click();
    const decide = page.getByRole("dialog", { name: /^Revoke: alice/ });
    await decide.getByRole("button", { name: "Record revoke" }).click();
    await decide.getByText("A justification is required").waitFor();
    await decide.getByRole("textbox", { name: "Justification" }).fill("alice moved to finance");
    await decide.getByRole("textbox", { name: "Follow-up ticket" }).fill("#4242");
    await decide.getByRole("button", { name: "Record revoke" }).click();
    await decide.waitFor({ state: "detached" });
    await items.getByText("alice moved to finance").waitFor();
    await items.getByText("Ticket: #4242").waitFor();

    const csv = page.getByRole("link", { name: "Export CSV" });
    const href = await csv.getAttribute("href");
    expect(href).toMatch(/^\/api\/v1\/access\/campaigns\/[0-9a-f-]+\/evidence\.csv$/);
    expect(await page.getByRole("link", { name: "Export JSON" }).count()).toBe(1);
    // The link downloads with the page's session cookie: fetch it the same way.
    const res = await context.request.get(`${server.baseUrl}${href ?? ""}`);
    expect(res.status()).toBe(200);
    const csvText = await res.text();
    expect(csvText).toContain("alice moved to finance");
    expect(csvText).toContain("#4242");
    await page.screenshot({ path: "/tmp/infrasec-e2e-access-campaign.png", fullPage: true });
  });

  it("lists the account's open access findings on its inventory asset", async () => {
    // The upload registered the account as asset aws:<account id> (shared findings model).
    const assets = await call<{ items: { id: string; key: string }[] }>(
      "GET",
      `/api/v1/assets?q=${encodeURIComponent(`aws:${ACCOUNT}`)}`,
    );
    const asset = assets.items.find((a) => a.key === `aws:${ACCOUNT}`);
    expect(asset).toBeDefined();
    await page.goto(`${server.baseUrl}/assets/${asset?.id ?? ""}`);
    await page.getByRole("heading", { name: "Access findings", level: 2 }).waitFor();
    const section = page.getByLabel("Access findings", { exact: true });
    await section.getByRole("group", { name: "Open access findings by severity" }).waitFor();
    await section.getByText("Privilege escalation path to admin").first().waitFor();
    await section.getByRole("link", { name: SNAPSHOT_NAME }).first().waitFor();
  });
});
