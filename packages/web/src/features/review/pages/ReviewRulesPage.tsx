import { Alert, Code, LoadingOverlay, Paper, Stack, Text, Title } from "@mantine/core";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "../../../app/ErrorAlert";
import { useApiQuery } from "../../../app/use-api";
import { listReviewRules } from "../api";
import { hasRuleFilters, ruleParamsFromQuery, ruleQueryFromParams } from "../review-query";
import type { RuleFilterKey, RuleListQuery } from "../review-query";
import { ListFooter } from "../components/ListFooter";
import { RuleFilters } from "../components/RuleFilters";
import { RuleTable } from "../components/RuleTable";

/** /review/rules: the rule catalogue with search and filters in the URL. */
export function ReviewRulesPage() {
  const [params, setParams] = useSearchParams();
  const query = ruleQueryFromParams(params);
  const key = ruleParamsFromQuery(query).toString();
  const list = useApiQuery(`review-rules?${key}`, () => listReviewRules(query));
  const update = (patch: Partial<RuleListQuery>, resetPage = true) =>
    setParams(ruleParamsFromQuery({ ...query, ...patch, ...(resetPage ? { offset: 0 } : {}) }));
  const onFilter = (patch: Partial<Record<RuleFilterKey, string | undefined>>) => {
    const typed: Partial<RuleListQuery> = {};
    for (const [k, v] of Object.entries(patch))
      Object.assign(typed, { [k]: v?.trim() ? v.trim() : undefined });
    update(typed);
  };
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Title order={1}>Rules</Title>
      <Text size="sm" c="dimmed">
        The rules <Code>infrasec review</Code> applies to Terraform, plan JSON, Kubernetes manifests
        and Dockerfiles, with the Checkov and Trivy ids each one covers (their skip and ignore
        comments are honoured through these).
      </Text>
      <RuleFilters
        query={query}
        onChange={onFilter}
        onClear={() => setParams(ruleParamsFromQuery({ limit: query.limit }))}
      />
      <ErrorAlert error={list.error} title="Could not load the rules" />
      <Paper withBorder pos="relative" mih={120}>
        <LoadingOverlay visible={list.loading} overlayProps={{ blur: 0, opacity: 0.4 }} />
        {list.data && items.length === 0 ? (
          <Stack p="md">
            <Alert
              color="gray"
              title={hasRuleFilters(query) ? "No rule matches these filters" : "No rules"}
            >
              <Text size="sm">
                {hasRuleFilters(query)
                  ? "Clear or change the filters above."
                  : "The server's rule catalogue is empty; run infrasec review rules to list the CLI's."}
              </Text>
            </Alert>
          </Stack>
        ) : (
          <RuleTable items={items} />
        )}
      </Paper>
      <ListFooter
        query={query}
        shown={items.length}
        total={list.data?.total ?? 0}
        noun="rules"
        loaded={!!list.data}
        onPage={(patch) => update(patch, false)}
      />
    </Stack>
  );
}
