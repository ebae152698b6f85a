import { Badge } from "@mantine/core";
import type { Campaign, ReviewItem } from "@infrasec/contracts";

/** Admin-equivalent, conditionally admin, or nothing. */
export function AdminBadge({ admin }: { admin: "yes" | "conditional" | "no" }) {
  if (admin === "yes") return <Badge color="red">admin</Badge>;
  if (admin === "conditional")
    return (
      <Badge color="orange" variant="light" title="Admin-equivalent if undecided conditions hold">
        admin if conditions hold
      </Badge>
    );
  return null;
}

export function ProviderBadge({ provider }: { provider: string }) {
  const color = provider === "aws" ? "orange" : provider === "gcp" ? "blue" : "indigo";
  return (
    <Badge color={color} variant="light">
      {provider === "kubernetes" ? "Kubernetes" : provider.toUpperCase()}
    </Badge>
  );
}

export function OutcomeBadge({ outcome }: { outcome: "admin" | "lateral" }) {
  return outcome === "admin" ? (
    <Badge color="red" variant="light">
      to admin
    </Badge>
  ) : (
    <Badge color="grape" variant="light">
      lateral
    </Badge>
  );
}

const DECISION_COLORS = { keep: "green", revoke: "red", modify: "yellow" } as const;

export function DecisionBadge({ decision }: { decision: ReviewItem["decision"] }) {
  if (!decision)
    return (
      <Badge color="gray" variant="outline">
        pending
      </Badge>
    );
  return <Badge color={DECISION_COLORS[decision]}>{decision}</Badge>;
}

export function CampaignStatusBadge({ campaign }: { campaign: Campaign }) {
  if (campaign.status === "closed") return <Badge color="gray">closed</Badge>;
  if (campaign.overdue) return <Badge color="red">overdue</Badge>;
  return <Badge color="blue">open</Badge>;
}

const FLAG_LABELS: Record<string, string> = {
  admin: "admin",
  escalates: "escalates",
  privileged_entitlement: "privileged",
  dormant: "dormant",
  terminated: "terminated",
  new_since_certification: "new since last review",
};

const FLAG_COLORS: Record<string, string> = {
  admin: "red",
  escalates: "red",
  privileged_entitlement: "orange",
  dormant: "gray",
  terminated: "dark",
  new_since_certification: "blue",
};

export function FlagBadge({ flag }: { flag: string }) {
  return (
    <Badge size="sm" variant="light" color={FLAG_COLORS[flag] ?? "gray"}>
      {FLAG_LABELS[flag] ?? flag.replace(/_/g, " ")}
    </Badge>
  );
}
