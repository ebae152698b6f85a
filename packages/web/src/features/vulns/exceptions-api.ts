import { api } from "@infrasec/contracts";
import type {
  VulnException,
  VulnExceptionDetail,
  VulnExceptionListQuery,
  VulnExceptionRequestBody,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

/** Calls of the exceptions queue (risk acceptances and deviation requests). */

export function listExceptions(
  query: VulnExceptionListQuery,
): Promise<{ items: VulnException[]; total: number }> {
  return client.call(api.vulnExceptions.list, { query });
}

export function getException(id: string): Promise<VulnExceptionDetail> {
  return client.call(api.vulnExceptions.get, { params: { id } });
}

export function requestException(body: VulnExceptionRequestBody): Promise<VulnExceptionDetail> {
  return client.call(api.vulnExceptions.request, { body });
}

export function approveException(id: string, note?: string): Promise<VulnExceptionDetail> {
  return client.call(api.vulnExceptions.approve, {
    params: { id },
    body: note ? { note } : {},
  });
}

export function rejectException(id: string, note: string): Promise<VulnExceptionDetail> {
  return client.call(api.vulnExceptions.reject, { params: { id }, body: { note } });
}

export function revokeException(id: string, note?: string): Promise<VulnExceptionDetail> {
  return client.call(api.vulnExceptions.revoke, {
    params: { id },
    body: note ? { note } : {},
  });
}
