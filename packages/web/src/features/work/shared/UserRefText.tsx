import { Text } from "@mantine/core";
import type { UserRef } from "@infrasec/contracts";

/** A person: display name, with the @username for people who address each other by it. */
export function UserRefText({
  user,
  empty = "—",
  size = "sm",
}: {
  user: UserRef | null | undefined;
  empty?: string;
  size?: "xs" | "sm" | "md";
}) {
  if (!user) {
    return (
      <Text size={size} c="dimmed" component="span">
        {empty}
      </Text>
    );
  }
  return (
    <Text size={size} component="span" title={`@${user.username}`}>
      {user.displayName}{" "}
      {user.displayName !== user.username && (
        <Text span c="dimmed" size={size === "md" ? "sm" : "xs"}>
          @{user.username}
        </Text>
      )}
    </Text>
  );
}

/** Several people, comma separated. */
export function UserRefList({ users, empty = "—" }: { users: readonly UserRef[]; empty?: string }) {
  if (users.length === 0) {
    return (
      <Text size="sm" c="dimmed" component="span">
        {empty}
      </Text>
    );
  }
  return (
    <Text size="sm" component="span">
      {users.map((u, i) => (
        <span key={u.id}>
          {i > 0 ? ", " : ""}
          <UserRefText user={u} />
        </span>
      ))}
    </Text>
  );
}
