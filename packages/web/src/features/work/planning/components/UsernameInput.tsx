import { Autocomplete } from "@mantine/core";
import { useSession } from "../../../../app/session";
import { useApiQuery } from "../../../../app/use-api";
import { listUsers } from "../../../users/api";

/**
 * A username field. People who may list users get suggestions; everyone else types the
 * username and the server says when it does not exist.
 */
export function UsernameInput({
  label,
  value,
  onChange,
  error,
  description,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
}) {
  const { can } = useSession();
  const users = useApiQuery(can("users:read") ? "users" : null, listUsers);
  const data = (users.data?.items ?? []).filter((u) => !u.disabled).map((u) => u.username);
  return (
    <Autocomplete
      label={label}
      description={description}
      value={value}
      onChange={onChange}
      data={data}
      error={error}
      placeholder="username"
      autoComplete="off"
    />
  );
}
