/**
 * Immutable AST of HCL2 native syntax. Every node keeps the 1-based line it starts on so that
 * findings can point at the exact attribute, and blocks keep their end line too.
 */

/** A part of a template: literal text, an interpolation, or a directive. */
export type TemplatePart =
  | { kind: "text"; value: string }
  | { kind: "interp"; expr: Expr }
  | { kind: "if"; cond: Expr; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: "for"; keyVar?: string; valVar: string; coll: Expr; body: TemplatePart[] };

/** An HCL expression node; `line` is where it starts. */
export type Expr =
  | { kind: "literal"; value: string | number | boolean | null; line: number }
  | { kind: "template"; parts: TemplatePart[]; line: number }
  | { kind: "variable"; name: string; line: number }
  | { kind: "getattr"; obj: Expr; name: string; line: number }
  | { kind: "index"; obj: Expr; key: Expr; line: number }
  | { kind: "splat"; obj: Expr; each: Expr; line: number }
  | { kind: "splatItem"; line: number }
  | { kind: "call"; name: string; args: Expr[]; expandLast: boolean; line: number }
  | { kind: "tuple"; items: Expr[]; line: number }
  | { kind: "object"; items: ObjectItem[]; line: number }
  | { kind: "unary"; op: "!" | "-"; operand: Expr; line: number }
  | { kind: "binary"; op: BinaryOp; left: Expr; right: Expr; line: number }
  | { kind: "conditional"; cond: Expr; then: Expr; else: Expr; line: number }
  | {
      kind: "for";
      keyVar?: string;
      valVar: string;
      coll: Expr;
      keyExpr?: Expr;
      valExpr: Expr;
      cond?: Expr;
      group: boolean;
      line: number;
    };

/** Binary operators by HCL precedence groups. */
export type BinaryOp =
  "||" | "&&" | "==" | "!=" | "<" | ">" | "<=" | ">=" | "+" | "-" | "*" | "/" | "%";

/** One `key = value` item of an object constructor; a bare identifier key is a literal. */
export interface ObjectItem {
  key: Expr;
  value: Expr;
}

/** `name = expr` inside a body. */
export interface Attribute {
  kind: "attribute";
  name: string;
  expr: Expr;
  line: number;
  endLine: number;
}

/** `type "label" ... { body }`. */
export interface Block {
  kind: "block";
  type: string;
  labels: string[];
  body: Body;
  line: number;
  endLine: number;
}

/** Attributes and nested blocks of a file or a block, in source order. */
export interface Body {
  attributes: Attribute[];
  blocks: Block[];
}

/** A comment with its line span; used for suppressions. */
export interface Comment {
  text: string;
  line: number;
  endLine: number;
}

/** A parsed HCL file: its body, its comments and the syntax errors met (parsing recovers). */
export interface HclFile {
  path: string;
  body: Body;
  comments: Comment[];
  errors: { line: number; message: string }[];
}
