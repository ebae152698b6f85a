import { type ItemCase } from "./conformance-harness";

// Cases written from sigma-rules-specification.md (v2.1.0). Section names are the spec's
// headings, prefixed "R". Where the spec is open, the choice of docs/detect/engine.md and
// docs/adr/0301-sigma-detection-engine.md §3 is tested and marked "(infrasec)".

/** Single detection items (R "General", "String Wildcard", "Escape Character", …). */
export const ruleItemCases: ItemCase[] = [
  // R General: "All values are treated as case-insensitive strings."
  ["R General", "Image", "/USR/BIN/ID", { Image: "/usr/bin/id" }, true],
  ["R General", "EventID", 4688, { EventID: "4688" }, true],
  ["R General", "EventID", "4688", { EventID: 4688 }, true],
  ["R General", "EventID", 4688, { EventID: 46880 }, false],
  ["R General", "Enabled", true, { Enabled: true }, true],
  ["R General", "Enabled", true, { Enabled: "TRUE" }, true],
  ["R General", "Enabled", true, { Enabled: false }, false],
  // R General: "You don't have to escape characters except the string quotation marks".
  ["R General", "F", "a'b\"c", { F: "A'B\"C" }, true],
  ["R General", "F", "x.y+z(1)[2]{3}$^|", { F: "X.Y+Z(1)[2]{3}$^|" }, true],
  // R String Wildcard: `?` one mandatory character, `*` unbounded.
  ["R String Wildcard", "Image", "prog?.exe", { Image: "progA.exe" }, true],
  ["R String Wildcard", "Image", "prog?.exe", { Image: "progAB.exe" }, false],
  ["R String Wildcard", "Image", "prog?.exe", { Image: "prog.exe" }, false],
  ["R String Wildcard", "Image", "antivirus_V*.exe", { Image: "antivirus_V21.2.1.exe" }, true],
  ["R String Wildcard", "Image", "antivirus_V*.exe", { Image: "antivirus_V1.dll" }, false],
  ["R String Wildcard", "F", "*", { F: "" }, true],
  ["R String Wildcard", "F", "*", {}, false],
  ["R String Wildcard", "F", "a*b*c", { F: "aXXbYYc" }, true],
  ["R String Wildcard", "F", "a*b*c", { F: "aXXcYYb" }, false],
  ["R String Wildcard", "F", "?", { F: "" }, false],
  ["R String Wildcard", "F", "*something", { F: "xSomething" }, true],
  ["R String Wildcard", "F", "*something", { F: "somethingx" }, false],
  ["R String Wildcard", "F", "something*", { F: "something else" }, true],
  ["R String Wildcard", "F", "something*", { F: "a something" }, false],
  ["R String Wildcard", "Image", "*\\CMD.exe", { Image: "c:\\windows\\cmd.EXE" }, true],
  // R Escape Character: the summarized possibilities, one by one.
  ["R Escape Character", "F", "a\\*b", { F: "a*b" }, true],
  ["R Escape Character", "F", "a\\*b", { F: "aXb" }, false],
  ["R Escape Character", "F", "\\?", { F: "x" }, false],
  ["R Escape Character", "F", "\\\\*", { F: "\\" }, true],
  ["R Escape Character", "F", "\\\\\\*", { F: "\\abc" }, false],
  ["R Escape Character", "F", "\\\\\\", { F: "\\\\" }, true],
  ["R Escape Character", "F", "C:\\Windows\\*", { F: "C:\\Windows*" }, true],
  ["R Escape Character", "F", "C:\\Windows\\*", { F: "C:\\Windows\\System32" }, false],
  ["R Escape Character", "F", "C:\\Windows\\\\*", { F: "C:\\Windows\\System32" }, true],
  ["R Escape Character", "F", "C:\\", { F: "C:\\" }, true],
  ["R Escape Character", "F|contains", "\\*", { F: "a*b" }, true],
  ["R Escape Character", "F|contains", "\\*", { F: "ab" }, false],
  // R Lists: a list of values is an OR.
  ["R Lists", "F", ["a", "b", "c"], { F: "C" }, true],
  ["R Lists", "F", ["a", "b", "c"], { F: "d" }, false],
  ["R Lists", "F", ["*x*", "y"], { F: "axb" }, true],
  // R Special Field Values: '' is the empty value, null the absent (or null) one (infrasec).
  ["R Special Field Values", "F", null, { F: null }, true],
  ["R Special Field Values", "F", null, { F: "null" }, false],
  ["R Special Field Values", "F", "", {}, false],
  // R Field Existence: exists checks presence, not the value ("be it empty or null").
  ["R Field Existence", "PasswordLastSet|exists", true, {}, false],
  ["R Field Existence", "PasswordLastSet|exists", true, { PasswordLastSet: null }, true],
  ["R Field Existence", "PasswordLastSet|exists", false, { PasswordLastSet: null }, false],
  // R Field Usage: dotted field names as they appear in the log source (nested or flat).
  [
    "R Field Usage",
    "http.response.status_code",
    500,
    { http: { response: { status_code: 500 } } },
    true,
  ],
  ["R Field Usage", "http.response.status_code", 500, { "http.response.status_code": "500" }, true],
  [
    "R Field Usage",
    "Provider_Name",
    "Service Control Manager",
    { Provider_Name: "service control manager" },
    true,
  ],
  // R Placeholders: only under `expand`; `\%` keeps a plain percent.
  ["R Placeholders", "F", "%name%", { F: "%NAME%" }, true],
  ["R Placeholders", "F", "%name%", { F: "srv1" }, false, { placeholders: { name: ["srv1"] } }],
  [
    "R Placeholders",
    "F|expand",
    "%Servers%",
    { F: "SRV01" },
    true,
    { placeholders: { Servers: ["srv*"] } },
  ],
  [
    "R Placeholders",
    "F|expand",
    "%Servers%",
    { F: "ws01" },
    false,
    { placeholders: { Servers: ["srv*"] } },
  ],
  [
    "R Standard Placeholders",
    "User|expand",
    "%Administrators%",
    { User: "admin" },
    true,
    { placeholders: { Administrators: ["root", "admin"] } },
  ],
  [
    "R Placeholders",
    "F|expand",
    "\\%plain%name%",
    { F: "%plainX" },
    true,
    { placeholders: { name: ["x"] } },
  ],
  [
    "R Placeholders",
    "F|expand|contains",
    "%Workstations%",
    { F: "host ws-12 up" },
    true,
    { placeholders: { Workstations: ["ws-"] } },
  ],
];
