import { Button, Menu, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "react-router";
import { humanize } from "./format";
import { useSession, useSessionState } from "./session";
import { errorMessage } from "./api-client";

export function UserMenu() {
  const { user } = useSession();
  const { signOut } = useSessionState();
  const navigate = useNavigate();
  const doSignOut = () => {
    signOut()
      .then(() => navigate("/sign-in"))
      .catch((e: unknown) => notifications.show({ color: "red", message: errorMessage(e) }));
  };
  return (
    <Menu position="bottom-end" width={220}>
      <Menu.Target>
        <Button variant="subtle" color="gray" size="compact-sm" aria-label="Account menu">
          {user.displayName || user.username}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs">
            {user.username} · {humanize(user.role)}
          </Text>
        </Menu.Label>
        <Menu.Item onClick={() => void navigate("/account/password")}>Change password</Menu.Item>
        <Menu.Item onClick={() => void navigate("/admin/tokens")}>My API tokens</Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={doSignOut}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
