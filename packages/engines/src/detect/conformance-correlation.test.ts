import { correlationInvalidCases } from "./conformance-correlation-invalid.cases";
import { correlationStreamCases } from "./conformance-correlation.cases";
import { describeInvalidCases, describeStreamCases } from "./conformance-runners";

// sigma-correlation-rules-specification.md v2.1.0 (value_percentile: correlation/value-percentile.test.ts).
describeStreamCases("Sigma correlation rules", correlationStreamCases);
describeInvalidCases("Sigma correlation rules: invalid correlations", correlationInvalidCases);
