import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS as CONTRACT_KINDS } from "@infrasec/contracts";
import {
  NOTIFICATION_KINDS,
  bellLabel,
  notificationHref,
  notificationKind,
  unreadBadge,
  unreadIds,
} from "./notification-format";

describe("notification display", () => {
  it("describes every kind the contract defines", () => {
    for (const k of CONTRACT_KINDS) expect(NOTIFICATION_KINDS[k].label.length).toBeGreaterThan(2);
    expect(notificationKind("something_new").label).toBe("something new");
  });

  it("links to the item page by number", () => {
    expect(notificationHref({ itemNumber: 12, link: null })).toBe("/work/items/12");
    expect(notificationHref({ itemNumber: null, link: null })).toBeNull();
  });

  it("follows a stored link only within the site", () => {
    expect(notificationHref({ itemNumber: null, link: "/access/campaigns/c1" })).toBe(
      "/access/campaigns/c1",
    );
    expect(notificationHref({ itemNumber: null, link: "//evil.example/x" })).toBeNull();
    expect(notificationHref({ itemNumber: null, link: "https://evil.example/" })).toBeNull();
    expect(notificationHref({ itemNumber: null, link: "javascript:alert(1)" })).toBeNull();
  });

  it("shows the unread count on the bell", () => {
    expect(unreadBadge(0)).toBeNull();
    expect(unreadBadge(7)).toBe("7");
    expect(unreadBadge(120)).toBe("99+");
    expect(bellLabel(3)).toBe("Notifications, 3 unread");
    expect(bellLabel(0)).toBe("Notifications");
  });

  it("picks the unread ones", () => {
    expect(
      unreadIds([
        { id: "a", readAt: null },
        { id: "b", readAt: "2026-01-01T00:00:00Z" },
      ]),
    ).toEqual(["a"]);
  });
});
