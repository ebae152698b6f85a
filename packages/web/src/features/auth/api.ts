import { api } from "@infrasec/contracts";
import type { Session } from "@infrasec/contracts";
import { client } from "../../app/api-client";

export function login(username: string, password: string): Promise<Session> {
  return client.call(api.auth.login, { body: { username, password } });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return client.call(api.auth.changePassword, { body: { currentPassword, newPassword } });
}
