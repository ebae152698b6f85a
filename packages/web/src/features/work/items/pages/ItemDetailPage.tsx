import { useState } from "react";
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  List,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { Link, useParams } from "react-router";
import type { PatchWorkItemBody, WorkItemView } from "@infrasec/contracts";
import { ErrorAlert } from "../../../../app/ErrorAlert";
import { useApiQuery } from "../../../../app/use-api";
import { useSession } from "../../../../app/session";
import { NotFoundPage } from "../../../areas/pages/NotFoundPage";
import { Markdown } from "../../shared/Markdown";
import { TemplateFieldsView } from "../../shared/TemplateFieldsView";
import { useLabelCatalog } from "../../shared/labels-api";
import { kindLabel } from "../../shared/work-format";
import {
  addWorkItemComment,
  addWorkItemLink,
  changeWorkItemLabels,
  getWorkItemByNumber,
  giveVerdict,
  recordChangeApproval,
  removeWorkItemLink,
  updateWorkItem,
} from "../../shared/work-items-api";
import { itemAbilities } from "../item-rules";
import { runChange } from "../item-mutation";
import { useItemTemplate } from "../use-item-template";
import { ApprovalsPanel } from "../components/ApprovalsPanel";
import { ChangeApprovalsPanel } from "../components/ChangeApprovalsPanel";
import { CommentsPanel } from "../components/CommentsPanel";
import { HistoryTimeline } from "../components/HistoryTimeline";
import { ConfidentialMark } from "../components/ItemTable";
import { ItemEditForm } from "../components/ItemEditForm";
import { ItemRiskPanel } from "../components/ItemRiskPanel";
import { ItemSidebar } from "../components/ItemSidebar";
import { LinksPanel } from "../components/LinksPanel";
import { StatusMenu } from "../components/StatusMenu";

/** Kinds whose required reviewers approve the item (others use the sidebar list only). */
const REVIEWED_KINDS: readonly WorkItemView["kind"][] = [
  "security_review_request",
  "design_doc",
  "decision",
];

/** /work/items/:number — one work item: what it is, its answers, approvals, links, discussion. */
export function ItemDetailPage() {
  const { number = "" } = useParams();
  const n = Number(number.replace(/^#/, ""));
  const valid = Number.isInteger(n) && n > 0;
  const session = useSession();
  const query = useApiQuery(valid ? `work-item:${n}` : null, () => getWorkItemByNumber(n));
  const catalog = useLabelCatalog();
  const { template, loading: templateLoading } = useItemTemplate(query.data);
  const [editing, setEditing] = useState(false);

  if (!valid) return <NotFoundPage />;
  if (query.error && !query.data) {
    return (
      <Stack gap="md">
        <Breadcrumbs>
          <Anchor component={Link} to="/work/items" size="sm">
            Work items
          </Anchor>
          <span>#{n}</span>
        </Breadcrumbs>
        <ErrorAlert error={query.error} title={`Could not load #${n}`} />
      </Stack>
    );
  }
  if (!query.data) return <Loader aria-label="Loading work item" />;
  const item = query.data;
  const me = session.user;
  const can = itemAbilities(me, session.can, item);
  const readOnly = !can.edit && !can.comment && !can.verdict;
  const reload = query.reload;

  const patch = async (body: PatchWorkItemBody, success?: string) =>
    (await runChange(updateWorkItem(item.id, body), {
      success,
      failure: "Not saved",
      after: reload,
    })) !== undefined;

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to="/work/items" size="sm">
          Work items
        </Anchor>
        <Anchor component={Link} to={`/work/items?kind=${item.kind}`} size="sm">
          {kindLabel(item.kind)}
        </Anchor>
        <span>#{item.number}</span>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap="xs" wrap="nowrap">
            {item.confidential && <ConfidentialMark />}
            <Title order={1}>
              {item.title}{" "}
              <Text span c="dimmed" fz="inherit" fw={400}>
                #{item.number}
              </Text>
            </Title>
          </Group>
          <Group gap="xs">
            <Badge variant="outline" color="gray">
              {kindLabel(item.kind)}
            </Badge>
            <StatusMenu
              item={item}
              canChange={can.edit}
              onChange={async (status, statusNote) => {
                await runChange(
                  updateWorkItem(item.id, { status, ...(statusNote ? { statusNote } : {}) }),
                  { success: "Status changed", failure: "Status not changed", after: reload },
                );
              }}
            />
            {item.derived.overdue && <Badge color="red">Overdue</Badge>}
          </Group>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {session.can("audit:read") && (
            // Every change of the item is an audit event targeting it: this opens them alone.
            <Button
              component={Link}
              variant="subtle"
              to={`/admin/audit?targetType=work_item&targetId=${encodeURIComponent(item.id)}`}
            >
              Audit log
            </Button>
          )}
          {can.edit && !editing && (
            <Button variant="default" onClick={() => setEditing(true)} disabled={templateLoading}>
              Edit
            </Button>
          )}
        </Group>
      </Group>

      {readOnly && (
        <Text size="xs" c="dimmed">
          Read-only: your role can read work items but not change them.
        </Text>
      )}

      {item.derived.missingFields.length > 0 && (
        <Alert color="yellow" title="Needed before the item can move on">
          <List size="sm" spacing={0}>
            {item.derived.missingFields.map((m) => (
              <List.Item key={m.field}>{m.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}

      {editing ? (
        <ItemEditForm
          item={item}
          template={template}
          onCancel={() => setEditing(false)}
          onSave={async (body) => {
            await updateWorkItem(item.id, body);
            setEditing(false);
            reload();
          }}
        />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Paper withBorder p="sm" component="section" aria-label="Description">
                <Markdown source={item.description} empty="No description." />
              </Paper>
              {item.kind === "security_review_request" && <ItemRiskPanel item={item} />}
              {(REVIEWED_KINDS.includes(item.kind) || item.requiredReviewers.length > 0) && (
                <ApprovalsPanel
                  item={item}
                  me={me}
                  canVerdict={can.verdict}
                  onVerdict={async (verdict, comment, level) => {
                    await runChange(
                      giveVerdict(item.id, {
                        verdict,
                        ...(comment ? { comment } : {}),
                        ...(level ? { level } : {}),
                      }),
                      {
                        success: verdict === "approved" ? "Approved" : "Refused",
                        failure: "Verdict not recorded",
                        after: reload,
                      },
                    );
                  }}
                />
              )}
              {item.kind === "change_request" && (
                <ChangeApprovalsPanel
                  item={item}
                  canRecord={can.recordChangeApproval}
                  onRecord={async (input) => {
                    await runChange(recordChangeApproval(item.id, input), {
                      success: "Approval recorded",
                      failure: "Approval not recorded",
                      after: reload,
                    });
                  }}
                />
              )}
              {template ? (
                <Paper withBorder p="sm" component="section" aria-label="Template answers">
                  <TemplateFieldsView
                    template={template}
                    values={item.fields}
                    // The risk panel above shows a security review's trigger answers.
                    sections={template.sections.filter(
                      (s) => !(item.kind === "security_review_request" && s.id === "triggers"),
                    )}
                    hideEmpty
                  />
                </Paper>
              ) : templateLoading ? (
                <Loader size="sm" aria-label="Loading template" />
              ) : null}
              <LinksPanel
                item={item}
                canEdit={can.edit}
                onAdd={async (input) =>
                  (await runChange(addWorkItemLink(item.id, input), {
                    success: "Link added",
                    failure: "Link not added",
                    after: reload,
                  })) !== undefined
                }
                onRemove={async (linkId) => {
                  await runChange(removeWorkItemLink(item.id, linkId), {
                    success: "Link removed",
                    failure: "Link not removed",
                    after: reload,
                  });
                }}
              />
              <CommentsPanel
                itemId={item.id}
                version={item.updatedAt}
                canComment={can.comment}
                onComment={(body) =>
                  runChange(addWorkItemComment(item.id, body), {
                    failure: "Comment not added",
                  })
                }
              />
              <Paper withBorder p="sm" component="section" aria-label="History">
                <Title order={2} size="h4" mb="xs">
                  History
                </Title>
                <HistoryTimeline itemId={item.id} version={item.updatedAt} />
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Paper withBorder p="sm">
              <ItemSidebar
                item={item}
                canEdit={can.edit}
                catalog={catalog}
                onPatch={patch}
                onLabels={async (add, remove) => {
                  await runChange(changeWorkItemLabels(item.id, { add, remove }), {
                    failure: "Labels not changed",
                    after: reload,
                  });
                }}
              />
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
