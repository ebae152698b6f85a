import { ruleItemCases } from "./conformance-rule-items.cases";
import { ruleDetectionCases } from "./conformance-rules.cases";
import { ruleInvalidCases } from "./conformance-rules-invalid.cases";
import {
  describeDetectionCases,
  describeInvalidCases,
  describeItemCases,
} from "./conformance-runners";

// sigma-rules-specification.md v2.1.0: values, wildcards, escaping, lists, maps, null,
// keywords, placeholders, conditions and rule validation.
describeItemCases("Sigma rules specification: detection items", ruleItemCases);
describeDetectionCases("Sigma rules specification: detections and conditions", ruleDetectionCases);
describeInvalidCases("Sigma rules specification: invalid rules", ruleInvalidCases);
