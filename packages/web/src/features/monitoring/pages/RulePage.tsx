import { useState } from "react";
import {
  Anchor,
  Breadcrumbs,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Switch,
  Text,
  Title,
} from "@mantine/core";
import { notifications as toast } from "@mantine/notifications";
import { Link, useNavigate, useParams } from "react-router";
import { ConfirmModal } from "../../../app/ConfirmModal";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { errorMessage } from "../../../app/api-client";
import { formatDateTime } from "../../../app/format";
import { useSession } from "../../../app/session";
import { useApiQuery } from "../../../app/use-api";
import { deleteRule, getRule, setRuleEnabled } from "../api";
import { RuleSummary } from "../components/RuleSummary";
import { RuleTestPanel } from "../components/RuleTestPanel";
import { RuleUploadModal } from "../components/RuleUploadModal";
import { Section } from "../components/Section";

/** /monitoring/rules/:id: the rule, its YAML, enable/disable, replace, delete, and a tester. */
export function RulePage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const { can } = useSession();
  const canManage = can("detections:manage");
  const [version, setVersion] = useState(0);
  const [replacing, setReplacing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [toggling, setToggling] = useState(false);
  const rule = useApiQuery(`monitoring-rule:${id}:${version}`, () => getRule(id));
  if (rule.error && !rule.data)
    return <ErrorAlert error={rule.error} title="Could not load the rule" />;
  if (!rule.data) return <Loader aria-label="Loading rule" />;
  const r = rule.data;

  const toggle = (enabled: boolean) => {
    setToggling(true);
    setRuleEnabled(r.id, enabled)
      .then(() => {
        toast.show({ color: "green", message: `Rule ${enabled ? "enabled" : "disabled"}` });
        setVersion((v) => v + 1);
      })
      .catch((e: unknown) =>
        toast.show({ color: "red", title: "Not changed", message: errorMessage(e) }),
      )
      .finally(() => setToggling(false));
  };

  return (
    <Stack gap="md" maw={1200}>
      <Breadcrumbs>
        <Anchor component={Link} to="/monitoring/rules" size="sm">
          Rules
        </Anchor>
        <span>{r.id}</span>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Title order={1}>{r.title}</Title>
        <Group gap="xs">
          <Button
            variant="default"
            component={Link}
            to={`/monitoring/alerts?status=all&ruleId=${encodeURIComponent(r.id)}`}
          >
            Alerts of this rule
          </Button>
          {canManage && r.origin === "user" && (
            <>
              <Button variant="default" onClick={() => setReplacing(true)}>
                Replace…
              </Button>
              <Button color="red" variant="light" onClick={() => setDeleting(true)}>
                Delete…
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Group gap="md">
        {canManage ? (
          <Switch
            label={r.enabled ? "Enabled" : "Disabled"}
            checked={r.enabled}
            disabled={toggling}
            onChange={(e) => toggle(e.currentTarget.checked)}
          />
        ) : (
          <Text size="sm">{r.enabled ? "Enabled" : "Disabled"}</Text>
        )}
        {r.updatedAt && (
          <Text size="xs" c="dimmed">
            changed {formatDateTime(r.updatedAt)}
            {r.updatedBy ? ` by ${r.updatedBy}` : ""}
          </Text>
        )}
      </Group>
      <Paper withBorder p="md">
        <RuleSummary rule={r} />
        {r.groupFields.length > 0 && (
          <Text size="sm" mt="sm">
            Repeats are grouped into one alert when they share{" "}
            {r.groupFields.map((f, i) => (
              <span key={f}>
                {i > 0 && ", "}
                <Code>{f}</Code>
              </span>
            ))}
            .
          </Text>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Section title="Test against a pasted event">
          <RuleTestPanel ruleId={r.id} ruleTitle={r.title} />
        </Section>
      </Paper>
      <Section title="YAML">
        {r.yaml ? (
          <Code block aria-label="Rule YAML" style={{ maxHeight: 600, overflow: "auto" }}>
            {r.yaml}
          </Code>
        ) : (
          <Text size="sm" c="dimmed">
            The source of this built-in rule is not available on the server.
          </Text>
        )}
      </Section>
      {replacing && (
        <RuleUploadModal
          opened
          replacing={r.id}
          initialYaml={r.yaml ?? ""}
          onClose={() => setReplacing(false)}
          onUploaded={(res) => {
            setReplacing(false);
            toast.show({ color: "green", message: `${res.rule.title} saved` });
            if (res.rule.id !== r.id)
              void navigate(`/monitoring/rules/${encodeURIComponent(res.rule.id)}`);
            else setVersion((v) => v + 1);
          }}
        />
      )}
      <ConfirmModal
        opened={deleting}
        title="Delete rule"
        confirmLabel="Delete rule"
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await deleteRule(r.id);
          toast.show({ color: "green", message: `${r.title} deleted` });
          void navigate("/monitoring/rules");
        }}
      >
        Delete the uploaded rule <b>{r.title}</b> ({r.id})? Its alerts stay; new events no longer
        match it.
      </ConfirmModal>
    </Stack>
  );
}
