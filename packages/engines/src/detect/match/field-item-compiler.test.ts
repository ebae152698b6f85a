import { describe, expect, it } from "vitest";
import { itemMatches } from "../test-helpers";

// Sigma v2.1 modifiers appendix (sigma-appendix-modifiers.md) and rules spec "Value Modifiers".
describe("plain values", () => {
  it("is case-insensitive whole-field equality", () => {
    expect(itemMatches("Image", "/usr/bin/CURL", { Image: "/usr/bin/curl" })).toBe(true);
    expect(itemMatches("Image", "/usr/bin/curl", { Image: "/usr/bin/curl2" })).toBe(false);
  });
  it("compares YAML integers with digit strings and numbers", () => {
    expect(itemMatches("EventID", 4688, { EventID: "4688" })).toBe(true);
    expect(itemMatches("EventID", 4688, { EventID: 4688 })).toBe(true);
    expect(itemMatches("EventID", 4688, { EventID: 46880 })).toBe(false);
  });
  it("matches booleans as text", () => {
    expect(itemMatches("Initiated", true, { Initiated: "true" })).toBe(true);
    expect(itemMatches("Initiated", true, { Initiated: false })).toBe(false);
  });
  it("treats '' as present and empty", () => {
    expect(itemMatches("F", "", { F: "" })).toBe(true);
    expect(itemMatches("F", "", {})).toBe(false);
  });
  it("treats null as absent or JSON null", () => {
    expect(itemMatches("F", null, {})).toBe(true);
    expect(itemMatches("F", null, { F: null })).toBe(true);
    expect(itemMatches("F", null, { F: "x" })).toBe(false);
    expect(itemMatches("F", null, { F: "null" })).toBe(false); // not compared as a string (sigma-go pitfall)
  });
  it("ORs a value list and matches any element of an event array", () => {
    expect(itemMatches("Image", ["/bin/a", "/bin/b"], { Image: "/bin/b" })).toBe(true);
    expect(itemMatches("Tags", "x", { Tags: ["a", "X"] })).toBe(true);
  });
  it("never matches an absent field", () => {
    expect(itemMatches("Image", "*", {})).toBe(false);
  });
  it("reaches nested fields by dotted name", () => {
    expect(itemMatches("process.name", "bash", { process: { name: "bash" } })).toBe(true);
  });
});

describe("contains / startswith / endswith / all", () => {
  it("endswith is case-insensitive (sigma-go#23 pitfall)", () => {
    expect(itemMatches("Image|endswith", "/BASH", { Image: "/usr/bin/bash" })).toBe(true);
  });
  it("contains and startswith wrap wildcards", () => {
    expect(
      itemMatches("CommandLine|contains", "wget", { CommandLine: "sh -c WGET http://x" }),
    ).toBe(true);
    expect(itemMatches("CommandLine|startswith", "sh ", { CommandLine: "bash -c" })).toBe(false);
  });
  it("keeps a trailing backslash literal when wrapping", () => {
    expect(itemMatches("Path|startswith", "C:\\Windows\\", { Path: "C:\\Windows\\x" })).toBe(true);
    expect(itemMatches("Path|contains", "\\tmp\\", { Path: "a\\tmp\\b" })).toBe(true);
  });
  it("all ANDs the list", () => {
    expect(itemMatches("CommandLine|contains|all", ["-a", "-b"], { CommandLine: "x -b -a" })).toBe(
      true,
    );
    expect(itemMatches("CommandLine|contains|all", ["-a", "-b"], { CommandLine: "x -a" })).toBe(
      false,
    );
  });
  it("rejects all on a single value", () => {
    expect(() => itemMatches("CommandLine|contains|all", "x", {})).toThrow(/at least two/);
  });
  it("cased matches case-sensitively", () => {
    expect(itemMatches("CommandLine|cased", "Abc", { CommandLine: "Abc" })).toBe(true);
    expect(itemMatches("CommandLine|cased", "Abc", { CommandLine: "abc" })).toBe(false);
    expect(itemMatches("CommandLine|contains|cased", "B", { CommandLine: "abc" })).toBe(false);
  });
});

describe("exists, neq", () => {
  it("exists tests presence only", () => {
    expect(itemMatches("F|exists", true, { F: null })).toBe(true);
    expect(itemMatches("F|exists", false, {})).toBe(true);
    expect(itemMatches("F|exists", true, {})).toBe(false);
  });
  it("exists cannot combine and needs a boolean", () => {
    expect(() => itemMatches("F|exists|contains", true, {})).toThrow(/exists/);
    expect(() => itemMatches("F|exists", "yes", {})).toThrow(/true or false/);
  });
  it("neq negates the item", () => {
    expect(itemMatches("User|neq", "root", { User: "alice" })).toBe(true);
    expect(itemMatches("User|neq", "root", { User: "ROOT" })).toBe(false);
    expect(itemMatches("User|neq", ["root", "bin"], { User: "bin" })).toBe(false);
  });
});

describe("re", () => {
  it("searches unanchored and is case-sensitive by default", () => {
    expect(itemMatches("CommandLine|re", "\\s-O\\s", { CommandLine: "wget -O x" })).toBe(true);
    expect(itemMatches("CommandLine|re", "\\s-O\\s", { CommandLine: "wget -o x" })).toBe(false);
  });
  it("honours i, m, s and their long aliases", () => {
    expect(itemMatches("F|re|i", "abc", { F: "xABCx" })).toBe(true);
    expect(itemMatches("F|re|ignorecase", "abc", { F: "ABC" })).toBe(true);
    expect(itemMatches("F|re|m", "^b$", { F: "a\nb\nc" })).toBe(true);
    expect(itemMatches("F|re", "^b$", { F: "a\nb\nc" })).toBe(false);
    expect(itemMatches("F|re|s", "a.b", { F: "a\nb" })).toBe(true);
    expect(itemMatches("F|re", "a.b", { F: "a\nb" })).toBe(false);
  });
  it("translates a leading (?i)", () => {
    expect(itemMatches("F|re", "(?i)/lib/PYTHON3", { F: "/usr/lib/python3.9" })).toBe(true);
  });
  it("full anchoring is a switch", () => {
    expect(itemMatches("F|re", "b+", { F: "abbc" }, { regexAnchoring: "full" })).toBe(false);
    expect(itemMatches("F|re", "ab+c", { F: "abbc" }, { regexAnchoring: "full" })).toBe(true);
  });
  it("startswith / endswith anchor a regex", () => {
    expect(itemMatches("F|re|startswith", "b", { F: "ab" })).toBe(false);
    expect(itemMatches("F|re|endswith", "b", { F: "ab" })).toBe(true);
  });
  it("rejects flags without re and regexes outside the subset", () => {
    expect(() => itemMatches("F|i", "x", {})).toThrow(/needs the 're'/);
    expect(() => itemMatches("F|re", "(a)\\1", {})).toThrow(/unsupported escape/);
    expect(() => itemMatches("F|re", "(?=a)", {})).toThrow(/\(\?:/);
  });
});

describe("encodings and windash", () => {
  it("base64 encodes the value (case-sensitive)", () => {
    expect(itemMatches("F|base64", "http://", { F: "aHR0cDovLw==" })).toBe(true);
    expect(itemMatches("F|base64|contains", "http://", { F: "xxaHR0cDovLw==" })).toBe(true);
    expect(itemMatches("F|base64", "http://", { F: "AHR0CDOVLW==" })).toBe(false);
  });
  it("base64offset gives the three shifted variants", () => {
    for (const enc of ["aHR0cDovL", "h0dHA6Ly", "odHRwOi8v"]) {
      expect(itemMatches("F|base64offset|contains", "http://", { F: `zz${enc}zz` })).toBe(true);
    }
  });
  it("wide / utf16le / utf16be / utf16 re-encode before base64", () => {
    const le = Buffer.from("cmd", "utf16le").toString("base64");
    expect(itemMatches("F|wide|base64", "cmd", { F: le })).toBe(true);
    expect(itemMatches("F|utf16le|base64", "cmd", { F: le })).toBe(true);
    const be = Buffer.from("cmd", "utf16le").swap16().toString("base64");
    expect(itemMatches("F|utf16be|base64", "cmd", { F: be })).toBe(true);
    const bom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("cmd", "utf16le")]).toString(
      "base64",
    );
    expect(itemMatches("F|utf16|base64", "cmd", { F: bom })).toBe(true);
  });
  it("base64offset of a wide value finds PowerShell-style encoded text", () => {
    const encoded = Buffer.from("xx IEX(New-Object", "utf16le").toString("base64");
    expect(itemMatches("F|wide|base64offset|contains", "IEX", { F: encoded })).toBe(true);
  });
  it("windash covers every dash variant", () => {
    for (const d of ["-", "/", "\u2013", "\u2014", "\u2015"]) {
      expect(
        itemMatches("CommandLine|windash|contains", " -f ", { CommandLine: `x ${d}f y` }),
      ).toBe(true);
    }
  });
  it("windash refuses an explosion of variants", () => {
    expect(() => itemMatches("F|windash", "-a-b-c-d-e-f", {})).toThrow(/variants/);
  });
});

describe("cidr", () => {
  it("matches IPv4 networks", () => {
    expect(itemMatches("DestinationIp|cidr", "10.0.0.0/8", { DestinationIp: "10.2.3.4" })).toBe(
      true,
    );
    expect(itemMatches("DestinationIp|cidr", "10.0.0.0/8", { DestinationIp: "11.2.3.4" })).toBe(
      false,
    );
    expect(
      itemMatches("DestinationIp|cidr", ["192.168.0.0/16", "172.16.0.0/12"], {
        DestinationIp: "172.20.1.1",
      }),
    ).toBe(true);
  });
  it("matches IPv6 networks (security-analytics#1252 pitfall)", () => {
    expect(itemMatches("DestinationIp|cidr", "fe80::/10", { DestinationIp: "fe80::1" })).toBe(true);
    expect(
      itemMatches("DestinationIp|cidr", "2001:db8::/32", { DestinationIp: "2001:db8:0:1::5" }),
    ).toBe(true);
    expect(
      itemMatches("DestinationIp|cidr", "2001:db8::/32", { DestinationIp: "2001:db9::5" }),
    ).toBe(false);
  });
  it("treats IPv4-mapped IPv6 as IPv4 and ignores non-addresses", () => {
    expect(
      itemMatches("DestinationIp|cidr", "127.0.0.0/8", { DestinationIp: "::ffff:127.0.0.1" }),
    ).toBe(true);
    expect(itemMatches("DestinationIp|cidr", "127.0.0.0/8", { DestinationIp: "localhost" })).toBe(
      false,
    );
  });
  it("rejects invalid networks", () => {
    expect(() => itemMatches("F|cidr", "10.0.0.0/33", {})).toThrow(/prefix/);
    expect(() => itemMatches("F|cidr", "300.0.0.0/8", {})).toThrow(/address/);
  });
});

describe("numeric and time modifiers", () => {
  it("compares numbers, coercing string numerics", () => {
    expect(itemMatches("Port|lt", 1024, { Port: "80" })).toBe(true);
    expect(itemMatches("Port|lte", 80, { Port: 80 })).toBe(true);
    expect(itemMatches("Port|gt", 80, { Port: 80 })).toBe(false);
    expect(itemMatches("Port|gte", 80, { Port: "80" })).toBe(true);
    expect(itemMatches("Port|gt", 80, { Port: "http" })).toBe(false);
  });
  it("rejects non-numeric rule values", () => {
    expect(() => itemMatches("Port|gt", "abc", {})).toThrow(/not a number/);
  });
  it("extracts date parts in UTC", () => {
    const ts = "2026-03-04T05:06:07Z";
    expect(itemMatches("T|minute", 6, { T: ts })).toBe(true);
    expect(itemMatches("T|hour", 5, { T: ts })).toBe(true);
    expect(itemMatches("T|day", 4, { T: ts })).toBe(true);
    expect(itemMatches("T|month", 3, { T: ts })).toBe(true);
    expect(itemMatches("T|year", 2026, { T: ts })).toBe(true);
    expect(itemMatches("T|week", 10, { T: ts })).toBe(true);
    expect(itemMatches("T|hour|gte", 20, { T: ts })).toBe(false);
    expect(itemMatches("T|hour", 5, { T: Date.parse(ts) })).toBe(true);
  });
});

describe("fieldref and expand", () => {
  it("compares with another field", () => {
    expect(itemMatches("User|fieldref", "TargetUser", { User: "Bob", TargetUser: "bob" })).toBe(
      true,
    );
    expect(itemMatches("User|fieldref|neq", "TargetUser", { User: "bob", TargetUser: "eve" })).toBe(
      true,
    );
    expect(itemMatches("Image|fieldref|endswith", "Name", { Image: "/bin/ls", Name: "ls" })).toBe(
      true,
    );
    expect(itemMatches("Image|fieldref", "Missing", { Image: "/bin/ls" })).toBe(false);
  });
  it("expands placeholders from options and rejects unresolved ones", () => {
    const placeholders = { admins: ["root", "admin"] };
    expect(itemMatches("User|expand", "%admins%", { User: "admin" }, { placeholders })).toBe(true);
    expect(itemMatches("User|expand", "%admins%", { User: "bob" }, { placeholders })).toBe(false);
    expect(() => itemMatches("User|expand", "%nobody%", {})).toThrow(/placeholder '%nobody%'/);
  });
});

describe("invalid items", () => {
  it("rejects unknown and duplicate modifiers", () => {
    expect(() => itemMatches("F|containz", "x", {})).toThrow(/unknown modifier 'containz'/);
    expect(() => itemMatches("F|contains|contains", "x", {})).toThrow(/twice/);
    expect(() => itemMatches("F|contains|endswith", "x", {})).toThrow(/only one of/);
  });
  it("rejects null inside a list and maps as values", () => {
    expect(() => itemMatches("F", ["", null], {})).toThrow(/null cannot be part/);
    expect(() => itemMatches("F", { a: 1 }, {})).toThrow(/values must be/);
    expect(() => itemMatches("F", [], {})).toThrow(/empty/);
  });
});
