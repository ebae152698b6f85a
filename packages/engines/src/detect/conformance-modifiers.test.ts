import { modifierInvalidCases, modifierItemCases } from "./conformance-modifiers.cases";
import { describeInvalidCases, describeItemCases } from "./conformance-runners";

// sigma-appendix-modifiers.md v2.1.0: every modifier, and the combinations it forbids.
describeItemCases("Sigma modifiers appendix", modifierItemCases);
describeInvalidCases("Sigma modifiers appendix: refused uses", modifierInvalidCases);
