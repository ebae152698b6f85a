import { caseRule, type InvalidCase, type ItemCase } from "./conformance-harness";

// Cases written from sigma-appendix-modifiers.md (v2.1.0). Section names are the appendix's
// headings and modifier names, prefixed "M". Open points follow docs/adr/0301 §3 "(infrasec)".

// Full base64 texts of real payloads at the three byte offsets (not the engine's own variants).
const B64_INVOKE_AT_0 = "SQBuAHYAbwBrAGUALQBFAHgAcAByAGUAcwBzAGkAbwBuAA=="; // utf16le "Invoke-Expression"
const B64_INVOKE_AT_1 = "eABJAG4AdgBvAGsAZQAtAEUAeABwAHIAZQBzAHMAaQBvAG4A"; // utf16le "xInvoke-Expression"
const B64_INVOKE_AT_2 = "eAB4AEkAbgB2AG8AawBlAC0ARQB4AHAAcgBlAHMAcwBpAG8AbgA="; // utf16le "xxInvoke-Expression"

/** Single detection items, one or more per modifier of the appendix. */
export const modifierItemCases: ItemCase[] = [
  // M Generic Modifiers: contains / startswith / endswith / all.
  ["M contains", "F|contains", ["foo", "bar"], { F: "xBARx" }, true],
  ["M contains", "F|contains", 68, { F: 4688 }, true],
  [
    "M contains|all",
    "CommandLine|contains|all",
    ["-nop", "-enc", "hidden"],
    { CommandLine: "x -NOP -w hidden -enc Zm9v" },
    true,
  ],
  [
    "M contains|all",
    "CommandLine|contains|all",
    ["-nop", "-enc", "hidden"],
    { CommandLine: "x -nop -enc Zm9v" },
    false,
  ],
  ["M all", "F|all", ["a*", "*b"], { F: "ab" }, true],
  ["M all", "F|all", ["a*", "*b"], { F: "ba" }, false],
  ["M startswith", "F|startswith", ["adm", "root"], { F: "ROOTkit" }, true],
  ["M startswith", "F|startswith", "adm?n", { F: "admin_x" }, true],
  ["M endswith", "F|endswith", ".exe", { F: "a.exe.txt" }, false],
  // M cased: case-sensitive, also with wildcards and string modifiers.
  ["M cased", "F|cased", "Abc", { F: "Abc" }, true],
  ["M cased", "F|cased", "A*c", { F: "Abbc" }, true],
  ["M cased", "F|cased", "A*c", { F: "abbc" }, false],
  ["M cased", "F|endswith|cased", "\\CMD.exe", { F: "c:\\CMD.exe" }, true],
  ["M cased", "F|endswith|cased", "\\CMD.exe", { F: "c:\\cmd.exe" }, false],
  ["M cased", "F|startswith|cased", "Get-", { F: "get-item" }, false],
  // M neq: "The field is different from the specified values" (generic and numeric).
  ["M neq", "F|neq", ["a", "b"], { F: "c" }, true],
  ["M neq", "F|neq", ["a", "b"], { F: "b" }, false],
  ["M neq", "F|neq", "a", {}, true], // infrasec: negates the whole item, as pySigma
  ["M neq", "F|neq", 5, { F: 5 }, false],
  ["M neq", "F|neq", 5, { F: 6 }, true],
  ["M neq", "F|contains|neq", "x", { F: "abc" }, true],
  ["M neq", "F|contains|neq", "x", { F: "axc" }, false],
  // M exists on nested and flat fields.
  ["M exists", "process.parent.name|exists", true, { process: { parent: { name: "bash" } } }, true],
  ["M exists", "process.parent.name|exists", true, { process: { name: "bash" } }, false],
  // M windash: every permutation of -, /, en dash, em dash, horizontal bar.
  ["M windash", "F|windash|contains", "-s", { F: "x -s" }, true],
  ["M windash", "F|windash", "-s", { F: "/s" }, true],
  ["M windash", "F|windash", "/s", { F: "\u2014s" }, true],
  ["M windash", "F|windash|contains", "-a -b", { F: "tool /a \u2013b" }, true],
  ["M windash", "F|windash|contains", "-a -b", { F: "tool /a +b" }, false],
  ["M windash", "F|windash", "abc", { F: "ABC" }, true],
  ["M windash", "F|windash|contains", " -enc ", { F: "powershell \u2015enc Zm9v" }, true],
  ["M windash", "F|windash|contains", " -enc ", { F: "powershell _enc Zm9v" }, false],
  // M Regular Expression: PCRE subset, case-sensitive unless `i`.
  ["M re", "F|re", "b", { F: "abc" }, true], // infrasec: unanchored search
  ["M re", "F|re", "a.*z", { F: "a to z" }, true],
  ["M re", "F|re", "colou?r", { F: "color" }, true],
  ["M re", "F|re", "^[a-z]+$", { F: "abc1" }, false],
  ["M re", "F|re", "^(cat|dog)s$", { F: "dogs" }, true],
  ["M re", "F|re", "^(cat|dog)s$", { F: "cats!" }, false],
  ["M re", "F|re", "a\\.b", { F: "axb" }, false],
  ["M re", "F|re", "a\\.b", { F: "a.b" }, true],
  ["M re", "F|re", "x{3}", { F: "xxy" }, false],
  ["M re", "F|re", "^a+$", { F: "" }, false],
  ["M re i", "F|re|ignorecase", "^CMD$", { F: "cmd" }, true],
  ["M re i", "F|re|i", "[A-C]z", { F: "bZ" }, true],
  ["M re m", "F|re", "^x", { F: "a\nx" }, false],
  ["M re m", "F|re|m", "a$", { F: "xa\nb" }, true],
  ["M re m", "F|re", "a$", { F: "xa\nb" }, false],
  ["M re m", "F|re|multiline", "^b", { F: "a\nb" }, true],
  ["M re s", "F|re", "a.b", { F: "a\nb" }, false],
  ["M re s", "F|re|dotall", "a.b", { F: "a\nb" }, true],
  ["M re s", "F|re|i|s", "A.B", { F: "a\nb" }, true],
  // M Encoding.
  ["M base64", "F|base64", "cmd", { F: "y21k" }, false], // infrasec: base64 text is case-significant
  ["M base64", "F|base64", "http://", { F: "aHR0cDovLw==" }, true],
  ["M base64", "F|base64|contains", "http://", { F: "aHR0cHM6Ly8=" }, false],
  ["M base64offset", "F|base64offset|contains", "http://", { F: "eGh0dHA6Ly94" }, true],
  ["M base64offset", "F|base64offset|contains", "http://", { F: "eHhodHRwOi8veA==" }, true],
  ["M base64offset", "F|base64offset|contains", "http://", { F: "Y3VybCBodHRwOi8vZXZpbA==" }, true],
  ["M base64offset", "F|base64offset|contains", "http://", { F: "aHR0cHM6Ly8=" }, false],
  ["M base64offset", "F|utf16le|base64offset|contains", "Invoke-", { F: B64_INVOKE_AT_0 }, true],
  ["M base64offset", "F|utf16le|base64offset|contains", "Invoke-", { F: B64_INVOKE_AT_1 }, true],
  ["M base64offset", "F|wide|base64offset|contains", "Invoke-", { F: B64_INVOKE_AT_2 }, true],
  [
    "M base64offset",
    "F|utf16le|base64offset|contains",
    "Invoke-",
    { F: "SW52b2tlLUV4cHJlc3Npb24=" },
    false,
  ],
  ["M utf16le", "F|utf16le", "cmd", { F: "cmd" }, false],
  ["M utf16le", "F|utf16le|contains", "cmd", { F: "x\u0000c\u0000m\u0000d\u0000y\u0000" }, true],
  ["M wide", "F|wide|base64", "cmd", { F: "YwBtAGQA" }, true],
  ["M utf16be", "F|utf16be|base64", "cmd", { F: "AGMAbQBk" }, true],
  ["M utf16be", "F|utf16be", "cmd", { F: "c\u0000m\u0000d\u0000" }, false],
  ["M utf16", "F|utf16|base64", "cmd", { F: "//5jAG0AZAA=" }, true],
  // M Numeric Modifiers.
  ["M lt", "F|lt", 0, { F: -1 }, true],
  ["M lt", "F|lt", 10, { F: "abc" }, false],
  ["M lt", "F|lt", 10, {}, false],
  ["M lte", "F|lte", 10, { F: 10.5 }, false],
  ["M gt", "F|gt", 1.5, { F: 2 }, true],
  ["M gt", "F|gt", "10", { F: 11 }, true],
  ["M gt", "F|gt", [100, 5], { F: 50 }, true],
  ["M gte", "F|gte", 1024, { F: "1023" }, false],
  // M Time Modifiers: no timezone conversion (UTC, infrasec).
  ["M minute", "T|minute", 0, { T: "2025-01-01T00:00:00Z" }, true],
  ["M hour", "T|hour", 23, { T: 1754179140 }, true], // epoch seconds, 2025-08-02T23:59:00Z
  ["M hour", "T|hour", 23, { T: 1754179140000 }, true], // epoch milliseconds
  ["M day", "T|day", 1, { T: "2025-03-01T12:00:00Z" }, true],
  ["M week", "T|week", 1, { T: "2025-01-01T10:00:00Z" }, true],
  ["M week", "T|week", 52, { T: "2024-12-23T00:00:00Z" }, true],
  ["M month", "T|month", 12, { T: "2024-12-31T23:59:59Z" }, true],
  ["M month", "T|month", 1, { T: "2024-12-31T23:59:59Z" }, false],
  ["M year", "T|year", 2025, { T: "not a date" }, false],
  ["M year", "T|year", 2025, {}, false],
  // M IP Modifiers: cidr, IPv4 and IPv6.
  ["M cidr", "DestinationIp|cidr", "10.1.2.3/32", { DestinationIp: "10.1.2.3" }, true],
  ["M cidr", "DestinationIp|cidr", "10.1.2.3/32", { DestinationIp: "10.1.2.4" }, false],
  ["M cidr", "DestinationIp|cidr", "172.16.0.0/12", { DestinationIp: "172.31.255.255" }, true],
  ["M cidr", "DestinationIp|cidr", "172.16.0.0/12", { DestinationIp: "172.32.0.0" }, false],
  ["M cidr", "DestinationIp|cidr", "10.0.0.0/8", { DestinationIp: "10.0.0" }, false],
  [
    "M cidr",
    "DestinationIp|cidr",
    ["10.0.0.0/8", "192.168.0.0/16"],
    { DestinationIp: "192.168.5.5" },
    true,
  ],
  ["M cidr", "DestinationIp|cidr", "2001:db8::/32", { DestinationIp: "2001:db8:1::5" }, true],
  ["M cidr", "DestinationIp|cidr", "2001:db8::/32", { DestinationIp: "2001:db9::1" }, false],
  ["M cidr", "DestinationIp|cidr", "fe80::/10", { DestinationIp: "fe80:0:0:0:0:0:0:1" }, true],
  ["M cidr", "DestinationIp|cidr", "fc00::/7", { DestinationIp: "FD00::1" }, true],
  ["M cidr", "DestinationIp|cidr", "10.0.0.0/8", { DestinationIp: "::ffff:10.1.2.3" }, true], // infrasec: IPv4-mapped
  // M Specific Modifiers: expand and fieldref.
  ["M expand", "F|expand", "plain", { F: "PLAIN" }, true],
  [
    "M expand",
    "F|expand",
    "%JumpServers%",
    { F: "jump2" },
    true,
    { placeholders: { JumpServers: ["jump1", "jump2"] } },
  ],
  [
    "M expand",
    "F|expand",
    "%DomainControllers%",
    { F: "dc9" },
    false,
    { placeholders: { DomainControllers: ["dc1"] } },
  ],
  ["M fieldref", "A|fieldref|cased", "B", { A: "x", B: "X" }, false],
  ["M fieldref", "A|fieldref|endswith", "B", { A: "/usr/bin/ls", B: "/ls" }, true],
  ["M fieldref", "A|fieldref", "B", { A: "x" }, false],
  ["M fieldref", "A|fieldref|neq", "B", { A: "x" }, true], // infrasec: neq negates the whole item
  ["M fieldref", "A|fieldref", "B", { A: 5, B: "5" }, true],
  [
    "M fieldref",
    "TargetUser|fieldref",
    "SubjectUser",
    { TargetUser: "bob", SubjectUser: "alice" },
    false,
  ],
];

const item = (key: string, value: string): string =>
  caseRule(`  sel:\n    ${JSON.stringify(key)}: ${value}\n  condition: sel`);
const at = (key: string): string => `detection.sel.${key}`;

/** Modifier uses the appendix does not allow: load errors naming the item. */
export const modifierInvalidCases: InvalidCase[] = [
  {
    section: "M all",
    name: "all on a single value",
    files: [item("F|contains|all", "'a'")],
    file: "rule-0.yml",
    field: at("F|contains|all"),
  },
  {
    section: "M exists",
    name: "exists takes a boolean",
    files: [item("F|exists", "'yes'")],
    file: "rule-0.yml",
    field: at("F|exists"),
  },
  {
    section: "M exists",
    name: "exists combined with another modifier",
    files: [item("F|exists|contains", "true")],
    file: "rule-0.yml",
    field: at("F|exists|contains"),
  },
  {
    section: "M Generic Modifiers",
    name: "startswith with endswith",
    files: [item("F|startswith|endswith", "'a'")],
    file: "rule-0.yml",
    field: at("F|startswith|endswith"),
  },
  {
    section: "M Generic Modifiers",
    name: "a modifier given twice",
    files: [item("F|contains|contains", "'a'")],
    file: "rule-0.yml",
    field: at("F|contains|contains"),
  },
  {
    section: "M Regular Expression",
    name: "unsupported metacharacter (look-ahead)",
    files: [item("F|re", "'a(?=b)'")],
    file: "rule-0.yml",
    field: at("F|re"),
  },
  {
    section: "M Regular Expression",
    name: "unbalanced group",
    files: [item("F|re", "'(ab'")],
    file: "rule-0.yml",
    field: at("F|re"),
  },
  {
    section: "M Regular Expression",
    name: "flag i without re",
    files: [item("F|i", "'a'")],
    file: "rule-0.yml",
    field: at("F|i"),
  },
  {
    section: "M Regular Expression",
    name: "flag m without re",
    files: [item("F|contains|m", "'a'")],
    file: "rule-0.yml",
    field: at("F|contains|m"),
  },
  {
    section: "M Numeric Modifiers",
    name: "a numeric modifier on a non-number",
    files: [item("F|gt", "'abc'")],
    file: "rule-0.yml",
    field: at("F|gt"),
  },
  {
    section: "M Numeric Modifiers",
    name: "two comparison modifiers",
    files: [item("F|gt|lt", "5")],
    file: "rule-0.yml",
    field: at("F|gt|lt"),
  },
  {
    section: "M Numeric Modifiers",
    name: "numeric with string modifiers",
    files: [item("F|gt|contains", "5")],
    file: "rule-0.yml",
    field: at("F|gt|contains"),
  },
  {
    section: "M Time Modifiers",
    name: "two time parts",
    files: [item("T|hour|minute", "5")],
    file: "rule-0.yml",
    field: at("T|hour|minute"),
  },
  {
    section: "M IP Modifiers",
    name: "invalid network",
    files: [item("Ip|cidr", "'10.0.0.0/33'")],
    file: "rule-0.yml",
    field: at("Ip|cidr"),
  },
  {
    section: "M IP Modifiers",
    name: "invalid address",
    files: [item("Ip|cidr", "'10.0.0.256/8'")],
    file: "rule-0.yml",
    field: at("Ip|cidr"),
  },
  {
    section: "M Encoding",
    name: "re with an encoding",
    files: [item("F|re|base64", "'a'")],
    file: "rule-0.yml",
    field: at("F|re|base64"),
  },
  {
    section: "M fieldref",
    name: "fieldref needs a field name",
    files: [item("A|fieldref", "''")],
    file: "rule-0.yml",
    field: at("A|fieldref"),
  },
  {
    section: "M windash",
    name: "windash with too many dashes (infrasec)",
    files: [item("F|windash", "'-a -b -c -d -e -f'")],
    file: "rule-0.yml",
    field: at("F|windash"),
  },
];
