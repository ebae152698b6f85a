import { useState } from "react";
import { Button, Group, Menu, Modal } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import type { User } from "@infrasec/contracts";
import { ConfirmModal } from "../../../app/ConfirmModal";
import { SecretReveal } from "../../../app/SecretReveal";
import { resetPassword, unlockUser, updateUser } from "../api";

type Pending = "disable" | "enable" | "unlock" | "reset" | null;

export function UserActions({
  user,
  self,
  onChanged,
}: {
  user: User;
  self: boolean;
  onChanged: () => void;
}) {
  const [pending, setPending] = useState<Pending>(null);
  const [password, setPassword] = useState<string | null>(null);
  const done = (message: string) => {
    notifications.show({ color: "green", message });
    onChanged();
  };
  const actions: Record<
    Exclude<Pending, null>,
    { title: string; text: string; label: string; run: () => Promise<unknown> }
  > = {
    disable: {
      title: "Disable user?",
      text: `${user.username} will be signed out and cannot sign in or use API tokens until enabled again.`,
      label: "Disable",
      run: () =>
        updateUser(user.id, { disabled: true }).then(() => done(`${user.username} disabled`)),
    },
    enable: {
      title: "Enable user?",
      text: `${user.username} will be able to sign in again.`,
      label: "Enable",
      run: () =>
        updateUser(user.id, { disabled: false }).then(() => done(`${user.username} enabled`)),
    },
    unlock: {
      title: "Unlock user?",
      text: `Clears the lock-out of ${user.username} after repeated failed sign-ins.`,
      label: "Unlock",
      run: () => unlockUser(user.id).then(() => done(`${user.username} unlocked`)),
    },
    reset: {
      title: "Reset password?",
      text: `Issues a one-time password for ${user.username}; their current password stops working and they must choose a new one at next sign-in.`,
      label: "Reset password",
      run: () =>
        resetPassword(user.id).then((r) => {
          setPassword(r.initialPassword);
          onChanged();
        }),
    },
  };
  const current = pending ? actions[pending] : null;
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="subtle" size="compact-sm" aria-label={`Actions for ${user.username}`}>
            Actions ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {user.locked && <Menu.Item onClick={() => setPending("unlock")}>Unlock</Menu.Item>}
          {user.kind === "human" && (
            <Menu.Item onClick={() => setPending("reset")}>Reset password</Menu.Item>
          )}
          {user.disabled ? (
            <Menu.Item onClick={() => setPending("enable")}>Enable</Menu.Item>
          ) : (
            <Menu.Item color="red" disabled={self} onClick={() => setPending("disable")}>
              Disable{self ? " (yourself)" : ""}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={current !== null}
        title={current?.title ?? ""}
        confirmLabel={current?.label ?? ""}
        color={pending === "disable" || pending === "reset" ? "red" : "indigo"}
        onConfirm={current?.run ?? (() => Promise.resolve())}
        onClose={() => setPending(null)}
      >
        {current?.text}
      </ConfirmModal>
      <Modal
        opened={password !== null}
        onClose={() => setPassword(null)}
        title="New one-time password"
      >
        {password && (
          <SecretReveal
            label={`One-time password for ${user.username}`}
            secret={password}
            note="Give it to the user over a trusted channel; it will not be shown again."
          />
        )}
        <Group justify="flex-end" mt="md">
          <Button onClick={() => setPassword(null)}>Done</Button>
        </Group>
      </Modal>
    </>
  );
}
