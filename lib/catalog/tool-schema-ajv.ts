import { Ajv, type Options } from "ajv";
import { Ajv2020 } from "ajv/dist/2020";
import { compileLinear } from "../linear-regexp";

// The one place an Ajv for tool schemas is made. A tool's `pattern` comes
// from whoever wrote the tool: ajv's default engine (JavaScript's RegExp)
// backtracks, and `^(a+)+$` against forty "a"s and a "!" would hold the
// process for hours. Validators match with RE2 (re2js), which is linear in
// the input; a pattern RE2 cannot run (lookaround, backreferences) makes the
// schema fail to compile, which every caller already treats as "cannot check".

type RegExpEngine = NonNullable<NonNullable<Options["code"]>["regExp"]>;

const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    const re = compileLinear(pattern);
    return { test: (s: string) => re.test(s), toString: () => pattern };
  },
  { code: "linearRegExp" },
);

// For checking that a schema is well formed without validating anything with
// it: a pattern only has to be a valid ECMA-262 regular expression, as JSON
// Schema says. Nothing is ever matched, so nothing can backtrack.
const syntaxOnlyRegExp: RegExpEngine = Object.assign(
  (pattern: string, u: string) => {
    new RegExp(pattern, u);
    return {
      test: () => {
        throw new Error("this Ajv checks schemas and validates nothing");
      },
      toString: () => pattern,
    };
  },
  { code: "syntaxOnlyRegExp" },
);

export type ToolSchemaAjvOptions = {
  /** report every error (validators) or stop at the first (schema checks) */
  allErrors?: boolean;
  dialect?: "draft-07" | "2020-12";
  /** "validate" matches patterns with RE2; "check-schemas" only checks their syntax and must never validate data */
  use?: "validate" | "check-schemas";
};

/**
 * An Ajv for tool schemas. Not strict (tools use keywords of every draft),
 * formats not checked (ajv-formats is not loaded for tools and an unknown
 * format must not make a valid call look invalid), nothing logged.
 */
export function toolSchemaAjv({ allErrors = false, dialect = "draft-07", use = "validate" }: ToolSchemaAjvOptions = {}): Ajv | Ajv2020 {
  const options: Options = {
    strict: false,
    validateFormats: false,
    logger: false,
    allErrors,
    code: { regExp: use === "validate" ? linearRegExp : syntaxOnlyRegExp },
  };
  return dialect === "2020-12" ? new Ajv2020(options) : new Ajv(options);
}
