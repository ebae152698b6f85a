import type { CaseEvent, DetectionCase, InvalidCase, StreamCase } from "./conformance-harness";

// Cases written from sigma-filters-specification.md ("F") and from the logsource parts of
// sigma-rules-specification.md ("R LogSource") and sigma-appendix-taxonomy.md ("T"), v2.1.0.
// A filter's detection is ANDed negated onto each rule it names (docs/adr/0301 §5).

const RAR_ID = "6f3e2987-db24-4c78-a860-b4f4095a7095";
const JUMP_ID = "df0841c0-9846-4e9f-ad8a-7df91571771b";
const WIN_PC = "logsource:\n    category: process_creation\n    product: windows\n";

const rule = (id: string, name: string, detection: string): string =>
  `title: ${name}\nid: ${id}\nname: ${name}\nlevel: medium\n${WIN_PC}detection:\n${detection}\n`;
const RAR = rule(
  RAR_ID,
  "rar",
  "    selection:\n        Image|endswith: '\\rar.exe'\n    condition: selection",
);
const JUMP = rule(
  JUMP_ID,
  "jump",
  "    selection:\n        LogonType: 10\n    condition: selection",
);
const OTHER = rule(
  "0a0a0a0a-0000-4000-8000-00000000000a",
  "other",
  "    selection:\n        Image|endswith: '\\rar.exe'\n    condition: selection",
);

// The specification's example filter, verbatim apart from indentation.
const ADMIN_FILTER = `title: Filter Administrator account
description: The valid administrator account start with adm_
logsource:
    category: process_creation
    product: windows
filter:
    rules:
        - ${RAR_ID} # Data Compressed - rar.exe
        - ${JUMP_ID} # Login on jump host
    selection:
        User|startswith: 'adm_'
    condition: selection
`;
const filterOf = (rules: string, body: string): string =>
  `title: f\n${WIN_PC}filter:\n    rules: ${rules}\n${body}`;

const win = (fields: CaseEvent["fields"]): CaseEvent => ({
  fields,
  logsource: { product: "windows", category: "process_creation" },
});

/** Rules with global filters and the matches that remain. */
export const filterStreamCases: StreamCase[] = [
  {
    section: "F Examples",
    name: "the filter suppresses an admin's match",
    files: [RAR, JUMP, ADMIN_FILTER],
    events: [win({ Image: "C:\\x\\rar.exe", User: "adm_bob" })],
    expected: [],
  },
  {
    section: "F Examples",
    name: "other users still match",
    files: [RAR, JUMP, ADMIN_FILTER],
    events: [win({ Image: "C:\\x\\rar.exe", User: "bob" })],
    expected: [{ id: RAR_ID }],
  },
  {
    section: "F Relative rules",
    name: "every named rule is filtered",
    files: [RAR, JUMP, ADMIN_FILTER],
    events: [win({ LogonType: 10, User: "ADM_alice" }), win({ LogonType: 10, User: "alice" })],
    expected: [{ id: JUMP_ID }],
  },
  {
    section: "F Relative rules",
    name: "a rule the filter does not name is not filtered",
    files: [RAR, OTHER, ADMIN_FILTER],
    events: [win({ Image: "C:\\x\\rar.exe", User: "adm_bob" })],
    expected: [{ id: "0a0a0a0a-0000-4000-8000-00000000000a" }],
  },
  {
    section: "F Relative rules",
    name: "a rule named by its name (infrasec)",
    files: [
      RAR,
      filterOf("[rar]", "    selection:\n        User: svc\n    condition: selection\n"),
    ],
    events: [win({ Image: "C:\\x\\rar.exe", User: "svc" })],
    expected: [],
  },
  {
    section: "F filter condition",
    name: "a filter condition with not",
    files: [
      RAR,
      filterOf(
        `[${RAR_ID}]`,
        "    selection:\n        User|startswith: 'adm_'\n    keep:\n        CommandLine|contains: 'secret'\n    condition: selection and not keep\n",
      ),
    ],
    events: [
      win({ Image: "C:\\x\\rar.exe", User: "adm_bob", CommandLine: "rar a secret.rar" }),
      win({ Image: "C:\\x\\rar.exe", User: "adm_bob", CommandLine: "rar a logs.rar" }),
    ],
    expected: [{ id: RAR_ID }],
  },
  {
    section: "F filter selection",
    name: "filter identifiers do not join the rule's 'all of selection*'",
    files: [
      rule(
        "0b0b0b0b-0000-4000-8000-00000000000b",
        "multi",
        "    selection_img:\n        Image|endswith: '\\rar.exe'\n    condition: all of selection*",
      ),
      filterOf("[multi]", "    selection:\n        User: svc\n    condition: selection\n"),
    ],
    events: [win({ Image: "C:\\x\\rar.exe", User: "bob" })],
    expected: [{ id: "0b0b0b0b-0000-4000-8000-00000000000b" }],
  },
  {
    section: "F Introduction",
    name: "filtered events do not feed correlations either",
    files: [
      RAR,
      ADMIN_FILTER,
      "title: many rar\nname: many_rar\nlevel: high\ncorrelation:\n    type: event_count\n    rules: [rar]\n    timespan: 1h\n    condition: {gte: 2}\n",
    ],
    events: [
      win({ Image: "C:\\x\\rar.exe", User: "adm_bob" }),
      win({ Image: "C:\\x\\rar.exe", User: "adm_bob" }),
      win({ Image: "C:\\x\\rar.exe", User: "bob" }),
    ],
    expected: [],
  },
  {
    section: "F Introduction",
    name: "two filters on one rule both apply",
    files: [
      RAR,
      filterOf("[rar]", "    selection:\n        User: svc1\n    condition: selection\n"),
      filterOf("[rar]", "    selection:\n        User: svc2\n    condition: selection\n"),
    ],
    events: [
      win({ Image: "C:\\x\\rar.exe", User: "svc1" }),
      win({ Image: "C:\\x\\rar.exe", User: "svc2" }),
      win({ Image: "C:\\x\\rar.exe", User: "svc3" }),
    ],
    expected: [{ id: RAR_ID }],
  },
];

/** Filter documents that must be refused (or warned about), naming the field. */
export const filterInvalidCases: InvalidCase[] = [
  {
    section: "F title",
    name: "title is mandatory",
    files: [RAR, ADMIN_FILTER.replace(/^title: .*\n/, "")],
    file: "rule-1.yml",
    field: "title",
  },
  {
    section: "F Log source",
    name: "logsource is mandatory",
    files: [RAR, ADMIN_FILTER.replace(/^logsource:\n( {4}.*\n)+/m, "")],
    file: "rule-1.yml",
    field: "logsource",
  },
  {
    section: "F Relative rules",
    name: "rules are mandatory",
    files: [RAR, filterOf("[]", "    selection:\n        User: x\n    condition: selection\n")],
    file: "rule-1.yml",
    field: "filter.rules",
  },
  {
    section: "F filter selection",
    name: "a selection is mandatory",
    files: [RAR, filterOf("[rar]", "    condition: selection\n")],
    file: "rule-1.yml",
    field: "filter",
  },
  {
    section: "F filter condition",
    name: "condition is mandatory",
    files: [RAR, filterOf("[rar]", "    selection:\n        User: x\n")],
    file: "rule-1.yml",
    field: "filter.condition",
  },
  {
    section: "F filter condition",
    name: "condition naming an unknown identifier",
    files: [
      RAR,
      filterOf("[rar]", "    selection:\n        User: x\n    condition: selection and keep\n"),
    ],
    file: "rule-1.yml",
    field: "filter.condition",
  },
  {
    section: "F Relative rules",
    name: "an unknown rule is reported",
    files: [RAR, filterOf("[nope]", "    selection:\n        User: x\n    condition: selection\n")],
    file: "rule-1.yml",
    field: "filter.rules",
    severity: "warning",
    message: /nope/,
  },
  {
    section: "F Taxonomy",
    name: "another taxonomy is refused",
    files: [RAR, `taxonomy: ocsf\n${ADMIN_FILTER}`],
    file: "rule-1.yml",
    field: "taxonomy",
  },
  {
    section: "F Log source",
    name: "a logsource that does not fit the rule is reported",
    files: [
      RAR,
      "title: f\nlogsource:\n    product: linux\n    service: auditd\nfilter:\n    rules: [rar]\n    selection:\n        User: x\n    condition: selection\n",
    ],
    file: "rule-1.yml",
    field: "logsource",
    severity: "warning",
  },
];

const LINUX_PC = { product: "linux", category: "process_creation" };
const ls = (yaml: string): string => `logsource:\n${yaml}`;
const ANY = "  sel:\n    Image|endswith: /id\n  condition: sel";

/** Logsource routing: category, product and service must all fit the event (R LogSource, T). */
export const logsourceDetectionCases: DetectionCase[] = [
  {
    section: "R LogSource",
    name: "product alone covers every category",
    header: ls("  product: linux\n"),
    detection: ANY,
    event: {
      fields: { Image: "/usr/bin/id" },
      logsource: { product: "linux", category: "network_connection" },
    },
    expected: true,
  },
  {
    section: "R LogSource",
    name: "category alone covers every product",
    header: ls("  category: process_creation\n"),
    detection: ANY,
    event: {
      fields: { Image: "/usr/bin/id" },
      logsource: { product: "windows", category: "process_creation" },
    },
    expected: true,
  },
  {
    section: "R LogSource",
    name: "another product does not match",
    header: ls("  product: windows\n  category: process_creation\n"),
    detection: ANY,
    event: { fields: { Image: "/usr/bin/id" }, logsource: LINUX_PC },
    expected: false,
  },
  {
    section: "R LogSource",
    name: "another category does not match",
    header: ls("  product: linux\n  category: file_event\n"),
    detection: ANY,
    event: { fields: { Image: "/usr/bin/id" }, logsource: LINUX_PC },
    expected: false,
  },
  {
    section: "R LogSource",
    name: "values are lower case (upper case is folded, with a warning)",
    header: ls("  product: Linux\n  category: process_creation\n"),
    detection: ANY,
    event: { fields: { Image: "/usr/bin/id" }, logsource: LINUX_PC },
    expected: true,
  },
  {
    section: "T Linux Folder",
    name: "service sshd on a sshd event",
    header: ls("  product: linux\n  service: sshd\n"),
    detection: ANY,
    event: { fields: { Image: "/usr/bin/id" }, logsource: { product: "linux", service: "sshd" } },
    expected: true,
  },
  {
    section: "T Linux Folder",
    name: "service sshd on an auth event",
    header: ls("  product: linux\n  service: sshd\n"),
    detection: ANY,
    event: { fields: { Image: "/usr/bin/id" }, logsource: { product: "linux", service: "auth" } },
    expected: false,
  },
  {
    section: "T Linux Folder",
    name: "service auditd needs the service tag",
    header: ls("  product: linux\n  service: auditd\n"),
    detection: ANY,
    event: { fields: { Image: "/usr/bin/id" }, logsource: { product: "linux" } },
    expected: false,
  },
  {
    section: "T Linux Folder",
    name: "category network_connection",
    header: ls("  product: linux\n  category: network_connection\n"),
    detection: "  sel:\n    DestinationPort: 4444\n  condition: sel",
    event: {
      fields: { DestinationPort: 4444 },
      logsource: { product: "linux", category: "network_connection" },
    },
    expected: true,
  },
  {
    section: "T Process Creation Events",
    name: "generic process fields",
    header: ls("  product: linux\n  category: process_creation\n"),
    detection:
      "  sel:\n    ParentImage|endswith: /sshd\n    CommandLine|contains: 'base64 -d'\n    User: root\n  condition: sel",
    event: {
      fields: {
        ParentImage: "/usr/sbin/sshd",
        CommandLine: "echo x | base64 -d | sh",
        User: "root",
      },
      logsource: LINUX_PC,
    },
    expected: true,
  },
];
