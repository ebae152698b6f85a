// Rule builders and the specification's examples shared by the rule conformance cases.

export const sel = (body: string, condition = "selection"): string =>
  `  selection:\n${body}\n  condition: ${condition}`;

// Spec examples reused below.
export const LIST_OF_MAPS =
  "  selection:\n    - Image|endswith: '\\example.exe'\n    - Description|contains: 'Test executable'\n  condition: selection";
export const EVENTLOG_MAP = sel("    EventLog: Security\n    EventID:\n      - 517\n      - 1102");
export const TICKET_MAP = sel(
  "    EventLog: Security\n    EventID: 4769\n    TicketOptions: '0x40810000'\n    TicketEncryption: '0x17'",
);
export const KEYWORDS =
  "  keywords:\n    - 'EVILSERVICE'\n    - 'svchost.exe -n evil'\n  condition: keywords";
export const KEYWORDS_ALL =
  "  keywords_cmdlet:\n    '|all':\n      - 'OabVirtualDirectory'\n      - ' -ExternalUrl '\n  condition: keywords_cmdlet";
export const EMPTY_OR_NULL =
  "  selection_main:\n    FieldA: 'something'\n  selection_empty1:\n    FieldB: ''\n  selection_empty2:\n    FieldB: null\n  condition: selection_main and 1 of selection_empty*";
export const NOT_NULL =
  "  selection:\n    EventID: 4738\n  filter:\n    PasswordLastSet: null\n  condition: selection and not filter";
export const EXISTS = sel("    EventID: 4738\n    PasswordLastSet|exists: true");

// Three selections a, b, c over fields A, B, C, plus `_helper` and `filter_*`, for conditions.
export const abc = (condition: string): string =>
  [
    "  a:\n    A: 'x'",
    "  b:\n    B: 'x'",
    "  c:\n    C: 'x'",
    "  _helper:\n    H: 'x'",
    "  filter_one:\n    F1: 'x'",
    "  filter_two:\n    F2: 'x'",
    `  condition: ${condition}`,
  ].join("\n");
export const sels = (condition: string): string =>
  [
    "  selection_img:\n    A: 'x'",
    "  selection_cmd:\n    B: 'x'",
    "  keywords:\n    - 'needle'",
    "  filter_main:\n    F1: 'x'",
    "  filter_optional:\n    F2: 'x'",
    "  _aux:\n    H: 'x'",
    `  condition: ${condition}`,
  ].join("\n");
export const on = (...names: string[]): { fields: Record<string, string> } => ({
  fields: Object.fromEntries(names.map((n) => [n, "x"])),
});
