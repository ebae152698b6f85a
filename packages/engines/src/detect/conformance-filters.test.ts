import {
  filterInvalidCases,
  filterStreamCases,
  logsourceDetectionCases,
} from "./conformance-filters.cases";
import {
  describeDetectionCases,
  describeInvalidCases,
  describeStreamCases,
} from "./conformance-runners";

// sigma-filters-specification.md v2.1.0, plus logsource routing (rules spec "LogSource",
// taxonomy appendix).
describeStreamCases("Sigma filters", filterStreamCases);
describeInvalidCases("Sigma filters: invalid filters", filterInvalidCases);
describeDetectionCases("Sigma logsources", logsourceDetectionCases);
