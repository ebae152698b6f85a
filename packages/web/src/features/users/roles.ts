import { ROLES } from "@infrasec/core";
import type { Role } from "@infrasec/core";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  security_engineer: "Security engineer",
  sirt: "SIRT",
  engineer: "Engineer (requester)",
  auditor: "Auditor",
  viewer: "Viewer",
};

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
