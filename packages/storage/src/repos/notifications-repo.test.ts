import { afterEach, beforeEach, expect, it } from "vitest";
import { newId } from "@infrasec/core";
import { forEachDialect, type TestDatabase } from "../testing/dialects";
import type { NotificationRecord } from "./notifications-repo";

forEachDialect(({ open }) => {
  let t: TestDatabase;
  let userId: string;
  beforeEach(async () => {
    t = await open();
    userId = newId();
    await t.store.users.insert({
      id: userId,
      username: "mia",
      displayName: "Mia",
      email: null,
      role: "engineer",
      kind: "human",
      passwordHash: null,
      mustChangePassword: false,
      disabled: false,
      failedLogins: 0,
      lockedUntil: null,
      lastLoginAt: null,
      createdAt: "2026-11-25T10:00:00.000Z",
      updatedAt: "2026-11-25T10:00:00.000Z",
    });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  const note = (over: Partial<NotificationRecord>): NotificationRecord => ({
    id: newId(),
    userId,
    kind: "mentioned",
    itemId: null,
    actorId: null,
    title: "Firewall review",
    dedupeKey: null,
    createdAt: "2026-11-25T10:00:00.000Z",
    readAt: null,
    ...over,
  });

  it("lists newest first, deduplicates reminders, counts and marks read", async () => {
    expect(
      await t.store.notifications.insert(note({ createdAt: "2026-11-25T10:00:00.000Z" })),
    ).toBe(true);
    const second = note({
      createdAt: "2026-11-25T11:00:00.000Z",
      kind: "due_soon",
      dedupeKey: "k",
    });
    expect(await t.store.notifications.insert(second)).toBe(true);
    expect(await t.store.notifications.insert(note({ dedupeKey: "k" }))).toBe(false);
    const list = await t.store.notifications.listForUser(userId, { limit: 10 });
    expect(list.map((n) => n.kind)).toEqual(["due_soon", "mentioned"]);
    expect(await t.store.notifications.countUnread(userId)).toBe(2);
    expect(
      await t.store.notifications.markRead(userId, "2026-11-25T12:00:00.000Z", [second.id]),
    ).toBe(1);
    expect(await t.store.notifications.markRead(userId, "2026-11-25T12:00:00.000Z", [])).toBe(0);
    expect(
      await t.store.notifications.listForUser(userId, { unreadOnly: true, limit: 10 }),
    ).toHaveLength(1);
    expect(await t.store.notifications.markRead(userId, "2026-11-25T12:00:00.000Z")).toBe(1);
    expect(await t.store.notifications.countUnread(userId)).toBe(0);
  });

  it("appends outbound events at increasing positions and pages after a position", async () => {
    const seqs: number[] = [];
    for (const type of [
      "notification.assigned",
      "notification.mentioned",
      "notification.due_soon",
    ]) {
      seqs.push(
        await t.store.transaction((tx) =>
          tx.notifications.appendEvent({
            id: newId(),
            type,
            recipientId: userId,
            payload: { itemNumber: 1 },
            createdAt: "2026-11-25T10:00:00.000Z",
          }),
        ),
      );
    }
    expect(seqs).toEqual([1, 2, 3]);
    const after1 = await t.store.notifications.listEvents(1, 1);
    expect(after1).toMatchObject([
      { seq: 2, type: "notification.mentioned", payload: { itemNumber: 1 } },
    ]);
    expect(await t.store.notifications.listEvents(3, 10)).toEqual([]);
  });
});
