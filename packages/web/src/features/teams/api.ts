import { api } from "@infrasec/contracts";
import type { Team } from "@infrasec/contracts";
import { client } from "../../app/api-client";

export function listTeams(): Promise<{ items: Team[] }> {
  return client.call(api.teams.list);
}

export function createTeam(name: string, description: string): Promise<Team> {
  return client.call(api.teams.create, { body: { name, description } });
}

export function updateTeam(
  id: string,
  body: { name?: string; description?: string },
): Promise<Team> {
  return client.call(api.teams.update, { params: { id }, body });
}

export function setTeamMembers(id: string, userIds: string[]): Promise<Team> {
  return client.call(api.teams.setMembers, { params: { id }, body: { userIds } });
}

export function deleteTeam(id: string): Promise<void> {
  return client.call(api.teams.remove, { params: { id } });
}
