import { api } from "@infrasec/contracts";
import type { CreateUserBody, User } from "@infrasec/contracts";
import type { Role } from "@infrasec/core";
import { client } from "../../app/api-client";

export function listUsers(): Promise<{ items: User[] }> {
  return client.call(api.users.list);
}

export function createUser(
  body: CreateUserBody,
): Promise<{ user: User; initialPassword: string | null }> {
  return client.call(api.users.create, { body });
}

export function updateUser(
  id: string,
  body: { displayName?: string; email?: string | null; role?: Role; disabled?: boolean },
): Promise<User> {
  return client.call(api.users.update, { params: { id }, body });
}

export function unlockUser(id: string): Promise<User> {
  return client.call(api.users.unlock, { params: { id } });
}

export function resetPassword(id: string): Promise<{ initialPassword: string }> {
  return client.call(api.users.resetPassword, { params: { id } });
}
