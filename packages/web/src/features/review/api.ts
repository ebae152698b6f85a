import { api } from "@infrasec/contracts";
import type {
  ReviewFinding,
  ReviewFindingListQuery,
  ReviewProject,
  ReviewRule,
  ReviewRuleDetail,
  ReviewRuleListQuery,
  ReviewRun,
  ReviewRunDetail,
  ReviewRunListQuery,
  ReviewSuppression,
  ReviewSuppressionListQuery,
} from "@infrasec/contracts";
import { client } from "../../app/api-client";

export function listReviewRuns(
  query: ReviewRunListQuery,
): Promise<{ items: ReviewRun[]; total: number }> {
  return client.call(api.review.listRuns, { query });
}

export function getReviewRun(id: string): Promise<ReviewRunDetail> {
  return client.call(api.review.getRun, { params: { id } });
}

export function listRunFindings(
  id: string,
  query: ReviewFindingListQuery,
): Promise<{ items: ReviewFinding[]; total: number }> {
  return client.call(api.review.runFindings, { params: { id }, query });
}

export function listReviewProjects(): Promise<{ items: ReviewProject[] }> {
  return client.call(api.review.projects);
}

export function listReviewRules(
  query: ReviewRuleListQuery,
): Promise<{ items: ReviewRule[]; total: number }> {
  return client.call(api.review.listRules, { query });
}

export function getReviewRule(id: string): Promise<ReviewRuleDetail> {
  return client.call(api.review.getRule, { params: { id } });
}

export function listReviewSuppressions(
  query: ReviewSuppressionListQuery,
): Promise<{ items: ReviewSuppression[]; total: number }> {
  return client.call(api.review.listSuppressions, { query });
}
