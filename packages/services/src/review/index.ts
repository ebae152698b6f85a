export { createReviewService, type ReviewService } from "./review-service";
export * from "./review-view-types";
export {
  validateReviewReport,
  classifyAgainst,
  reportInChangeMode,
  type UploadedReviewReport,
  type UploadedReviewSuppression,
  type ReviewRunMetadataInput,
} from "./review-report-fns";
