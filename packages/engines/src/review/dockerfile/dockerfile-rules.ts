import type { ReviewRule } from "../review-types";
import { dockerImageRules } from "./dockerfile-image-rules";
import { dockerMiscRules } from "./dockerfile-misc-rules";
import type { DockerSubject } from "./dockerfile-model";
import { dockerPackageRules } from "./dockerfile-package-rules";
import { dockerRunRules } from "./dockerfile-run-rules";

/** The explicit, exhaustive registry of Dockerfile rules (no side-effect registration). */
export const dockerfileRules: ReviewRule<DockerSubject>[] = [
  ...dockerImageRules,
  ...dockerPackageRules,
  ...dockerRunRules,
  ...dockerMiscRules,
];
