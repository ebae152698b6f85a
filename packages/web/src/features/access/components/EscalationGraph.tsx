import { useMemo, useState } from "react";
import { Badge, Code, Group, List, Paper, Stack, Text } from "@mantine/core";
import { useNavigate } from "react-router";
import type { EscalationDto } from "@infrasec/contracts";
import { ADMIN_NODE, NODE_H, NODE_W, layoutEscalationGraph, nodeLabel } from "../escalation-graph";
import type { GraphEdge, GraphNode, NodeKind } from "../escalation-graph";

// Mantine's CSS variables follow the light/dark scheme, so the drawing does too.
const KIND_FILL: Record<NodeKind, string> = {
  user: "var(--mantine-color-blue-light)",
  role: "var(--mantine-color-violet-light)",
  group: "var(--mantine-color-cyan-light)",
  service_account: "var(--mantine-color-teal-light)",
  service: "var(--mantine-color-yellow-light)",
  other: "var(--mantine-color-gray-light)",
  goal: "var(--mantine-color-red-light)",
};

const KIND_NAME: Record<NodeKind, string> = {
  user: "user",
  role: "role",
  group: "group",
  service_account: "service account",
  service: "service",
  other: "principal",
  goal: "goal",
};

function edgeText(e: GraphEdge): string {
  const flags = [
    e.conditional ? "conditional" : null,
    e.needsExistingResource ? "needs an existing resource" : null,
  ].filter(Boolean);
  return `${e.technique}: ${nodeLabel(e.from, 80)} to ${nodeLabel(e.to, 80)} using ${
    e.actions.join(", ") || "no listed action"
  }${flags.length > 0 ? ` (${flags.join(", ")})` : ""}`;
}

function NodeBox({
  node,
  onOpen,
}: {
  node: GraphNode;
  onOpen: ((node: GraphNode) => void) | null;
}) {
  const goal = node.kind === "goal";
  const open = onOpen && !node.start && !goal ? () => onOpen(node) : null;
  return (
    <g
      transform={`translate(${node.x} ${node.y})`}
      tabIndex={open ? 0 : undefined}
      role={open ? "link" : undefined}
      aria-label={open ? `Open ${node.id}` : undefined}
      style={{ cursor: open ? "pointer" : "default", outline: "none" }}
      onClick={open ?? undefined}
      onKeyDown={(e) => {
        if (open && (e.key === "Enter" || e.key === " ")) {
          e.preventDefault();
          open();
        }
      }}
      className="access-graph-node"
    >
      <title>{goal ? "Admin-equivalent access" : `${node.id} (${KIND_NAME[node.kind]})`}</title>
      <rect
        width={NODE_W}
        height={NODE_H}
        rx={8}
        fill={KIND_FILL[node.kind]}
        stroke={
          goal
            ? "var(--mantine-color-red-filled)"
            : node.start
              ? "var(--mantine-color-text)"
              : "var(--mantine-color-default-border)"
        }
        strokeWidth={node.start || goal ? 2 : 1}
      />
      <text
        x={NODE_W / 2}
        y={15}
        textAnchor="middle"
        fontSize={10}
        fill="var(--mantine-color-dimmed)"
      >
        {node.start ? `this ${KIND_NAME[node.kind]}` : KIND_NAME[node.kind]}
      </text>
      <text
        x={NODE_W / 2}
        y={31}
        textAnchor="middle"
        fontSize={12}
        fontWeight={node.start || goal ? 700 : 500}
        fill="var(--mantine-color-text)"
      >
        {node.label}
      </text>
    </g>
  );
}

function EdgeLine({
  edge,
  active,
  onActivate,
}: {
  edge: GraphEdge;
  active: boolean;
  onActivate: (key: string | null) => void;
}) {
  const color = active ? "var(--mantine-color-blue-filled)" : "var(--mantine-color-gray-6)";
  return (
    <g
      tabIndex={0}
      role="button"
      aria-label={edgeText(edge)}
      aria-pressed={active}
      onMouseEnter={() => onActivate(edge.key)}
      onFocus={() => onActivate(edge.key)}
      onClick={() => onActivate(edge.key)}
      style={{ cursor: "pointer", outline: "none" }}
      data-technique={edge.technique}
      data-conditional={edge.conditional ? "true" : "false"}
    >
      <title>{edgeText(edge)}</title>
      {/* A wide transparent stroke makes the thin line easy to hover. */}
      <path d={edge.d} fill="none" stroke="transparent" strokeWidth={14} />
      <path
        d={edge.d}
        fill="none"
        stroke={color}
        strokeWidth={active ? 2.5 : 1.5}
        strokeDasharray={edge.conditional ? "6 4" : undefined}
        markerEnd={active ? "url(#access-arrow-active)" : "url(#access-arrow)"}
      />
      <text
        x={edge.labelX}
        y={edge.labelY}
        textAnchor="middle"
        fontSize={11}
        fontWeight={active ? 700 : 500}
        fill={active ? "var(--mantine-color-blue-filled)" : "var(--mantine-color-text)"}
        stroke="var(--mantine-color-body)"
        strokeWidth={4}
        paintOrder="stroke"
      >
        {edge.technique}
      </text>
    </g>
  );
}

function EdgeDetails({ edge }: { edge: GraphEdge | undefined }) {
  if (!edge) {
    return (
      <Text size="sm" c="dimmed">
        Hover or focus (Tab) a step to see its actions and explanation; select an identity to open
        it.
      </Text>
    );
  }
  return (
    <Stack gap={4} aria-live="polite">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {edge.technique}
        </Text>
        <Text size="sm">
          {nodeLabel(edge.from, 80)} → {nodeLabel(edge.to, 80)}
        </Text>
        {edge.conditional && (
          <Badge color="yellow" variant="light">
            {edge.needsExistingResource ? "needs an existing resource" : "conditional"}
          </Badge>
        )}
      </Group>
      <Group gap={4}>
        <Text size="sm" c="dimmed">
          Actions:
        </Text>
        {edge.actions.map((a) => (
          <Code key={a}>{a}</Code>
        ))}
      </Group>
      <List size="sm" spacing={2}>
        {edge.explanations.map((x) => (
          <List.Item key={x} style={{ overflowWrap: "anywhere" }}>
            {x}
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed">
        On {edge.pathIds.length === 1 ? "path" : "paths"} {edge.pathIds.join(", ")}
      </Text>
    </Stack>
  );
}

/**
 * The principal's escalation paths as one graph (hand-written SVG): identities left to right by
 * distance, steps as arrows labelled with their technique, conditional steps dashed.
 */
export function EscalationGraph({
  principalId,
  principalName,
  escalations,
  snapshotId,
}: {
  principalId: string;
  principalName: string;
  escalations: readonly EscalationDto[];
  snapshotId: string;
}) {
  const navigate = useNavigate();
  const graph = useMemo(
    () => layoutEscalationGraph(principalId, escalations),
    [principalId, escalations],
  );
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const active = graph.edges.find((e) => e.key === activeKey);
  const open = (node: GraphNode) => {
    if (node.id === ADMIN_NODE) return;
    void navigate(`/access/snapshots/${snapshotId}/principals/${encodeURIComponent(node.id)}`);
  };
  return (
    <Stack gap="xs">
      <Paper withBorder p="xs" style={{ overflowX: "auto" }}>
        <svg
          width={graph.width}
          height={graph.height}
          viewBox={`0 0 ${graph.width} ${graph.height}`}
          role="group"
          aria-label={`Escalation graph of ${principalName}`}
          style={{ display: "block", fontFamily: "inherit" }}
        >
          <defs>
            {(
              [
                ["access-arrow", "var(--mantine-color-gray-6)"],
                ["access-arrow-active", "var(--mantine-color-blue-filled)"],
              ] as const
            ).map(([id, fill]) => (
              <marker
                key={id}
                id={id}
                viewBox="0 0 10 10"
                refX={9}
                refY={5}
                markerWidth={7}
                markerHeight={7}
                orient="auto-start-reverse"
              >
                <path d="M 0 0 L 10 5 L 0 10 z" fill={fill} />
              </marker>
            ))}
          </defs>
          {graph.edges.map((e) => (
            <EdgeLine key={e.key} edge={e} active={e.key === activeKey} onActivate={setActiveKey} />
          ))}
          {graph.nodes.map((n) => (
            <NodeBox key={n.id} node={n} onOpen={open} />
          ))}
        </svg>
      </Paper>
      <Group gap="md">
        <Group gap={6}>
          <svg width={36} height={8} aria-hidden>
            <line
              x1={0}
              y1={4}
              x2={36}
              y2={4}
              stroke="var(--mantine-color-gray-6)"
              strokeWidth={2}
            />
          </svg>
          <Text size="xs" c="dimmed">
            step allowed
          </Text>
        </Group>
        <Group gap={6}>
          <svg width={36} height={8} aria-hidden>
            <line
              x1={0}
              y1={4}
              x2={36}
              y2={4}
              stroke="var(--mantine-color-gray-6)"
              strokeWidth={2}
              strokeDasharray="6 4"
            />
          </svg>
          <Text size="xs" c="dimmed">
            conditional, or needs a resource that may not exist
          </Text>
        </Group>
      </Group>
      <Paper withBorder p="sm">
        <EdgeDetails edge={active} />
      </Paper>
    </Stack>
  );
}
