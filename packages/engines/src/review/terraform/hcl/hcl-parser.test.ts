import { describe, expect, it } from "vitest";
import { evaluate } from "../eval/evaluator";
import type { Resolver } from "../eval/evaluator";
import { Unknown } from "../eval/values";
import type { Value } from "../eval/values";
import { parseHcl } from "./hcl-parser";

const resolver: Resolver = {
  variable: (n) =>
    n === "env" ? "prod" : n === "list" ? ["a", "b", ""] : new Unknown([`var.${n}`]),
  local: (n) => new Unknown([`local.${n}`]),
  module: (n) => new Unknown([`module.${n}`]),
  resource: (t, n) => new Unknown([`${t}.${n}`]),
  data: (t, n) => new Unknown([`data.${t}.${n}`]),
  path: () => "/m",
  readFile: () => undefined,
};

function value(expr: string): Value {
  const f = parseHcl("t.tf", `x = ${expr}\n`);
  expect(f.errors).toEqual([]);
  return evaluate(f.body.attributes[0]!.expr, { resolver });
}

describe("HCL parser", () => {
  it("keeps lines on blocks, attributes and comments", () => {
    const f = parseHcl(
      "a.tf",
      '# c1\nresource "a" "b" {\n  // c2\n  x = 1\n  nested {\n    y = 2\n  }\n}\n',
    );
    const b = f.body.blocks[0]!;
    expect([b.line, b.endLine, b.labels]).toEqual([2, 8, ["a", "b"]]);
    expect(b.body.attributes[0]!.line).toBe(4);
    expect(b.body.blocks[0]!.body.attributes[0]!.line).toBe(6);
    expect(f.comments.map((c) => c.line)).toEqual([1, 3]);
  });
  it("recovers after a syntax error and reports its line", () => {
    const f = parseHcl(
      "a.tf",
      'resource "a" "b" {\n  x = = 1\n}\nresource "a" "c" {\n  y = 2\n}\n',
    );
    expect(f.errors[0]!.line).toBe(2);
    expect(f.body.blocks.map((b) => b.labels[1])).toEqual(["c"]);
  });
  it("evaluates operators with HCL precedence and conditionals across lines", () => {
    expect(value("1 + 2 * 3")).toBe(7);
    expect(value("!true || 4 >= 4 && 2 != 3")).toBe(true);
    expect(value('(\n  var.env == "prod"\n  ? "p"\n  : "d"\n)')).toBe("p");
    expect(value("-5 % 3")).toBe(-2);
  });
  it("evaluates templates, directives and heredocs", () => {
    expect(value('"a-${var.env}-$${x}"')).toBe("a-prod-${x}");
    expect(value('"%{ if var.env == "prod" }P%{ else }D%{ endif }"')).toBe("P");
    expect(value('"%{ for s in var.list }[${s}]%{ endfor }"')).toBe("[a][b][]");
    expect(value("<<-EOT\n    hi ${var.env}\n      there\n  EOT")).toBe("hi prod\n  there\n");
  });
  it("evaluates for expressions, splats, indices and functions", () => {
    expect(value('[for s in var.list : upper(s) if s != ""]')).toEqual(["A", "B"]);
    expect(value("{for i, s in var.list : s => i...}")).toEqual({ a: [0], b: [1], "": [2] });
    expect(value("[{a = 1}, {a = 2}][*].a")).toEqual([1, 2]);
    expect(value("{a = [10, 20]}.a[1]")).toBe(20);
    expect(value("merge({a = 1}, {b = 2})")).toEqual({ a: 1, b: 2 });
    expect(value('cidrsubnet("10.0.0.0/16", 8, 3)')).toBe("10.0.3.0/24");
    expect(value('jsondecode(jsonencode({x = [1, "a"]}))')).toEqual({ x: [1, "a"] });
    expect(value('try(var.list[9], "dflt")')).toBe("dflt");
    expect(value("can(var.list[9])")).toBe(false);
    expect(value('format("%s-%03d", "a", 7)')).toBe("a-007");
    expect(value('lookup({a = 1}, "b", 2)')).toBe(2);
  });
  it("propagates unknowns with what they need", () => {
    const v = value('"${var.missing}-x"');
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).needs).toEqual(["var.missing"]);
    expect(value("var.missing ? 1 : 2")).toBeInstanceOf(Unknown);
    expect(value("false && var.missing")).toBe(false);
  });
  it("parses the Terraform constructs rules rely on", () => {
    const f = parseHcl(
      "a.tf",
      'resource "x" "y" {\n  dynamic "ingress" {\n    for_each = var.r\n    iterator = rule\n    content {\n      port = rule.value\n    }\n  }\n  f = provider::aws::arn_parse("x")\n  l = a.b.0.c\n}\n',
    );
    expect(f.errors).toEqual([]);
    expect(f.body.blocks[0]!.body.blocks[0]!.labels).toEqual(["ingress"]);
  });
});
