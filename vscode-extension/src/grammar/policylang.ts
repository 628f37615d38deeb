// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The TextMate grammar of PolicyLang, generated into syntaxes/policylang.tmLanguage.json by `npm run build`.
// It mirrors grammar/PolicyLangLexer.g4 (the only definition of the syntax): test/unit/grammar-coverage.test.ts
// checks that every keyword and operator of the lexer appears in the tables below. The language server's
// semantic tokens refine this lexical colouring (e.g. which identifiers are rules or built-ins).

import { type BeginEndRule, type Grammar, type IncludeRule, type MatchRule, type PatternsRule, type Rule, include, literals, words } from "./textmate";

/** The repository's entries: `ref` accepts only these, and the repository must define each of them. */
type RepositoryName =
  | "code"
  | "comments"
  | "escapes"
  | "inner-string"
  | "interpolation"
  | "nested-braces"
  | "strings"
  | "numbers"
  | "type-ref"
  | "annotation"
  | "package-declaration"
  | "import-declaration"
  | "rule-declaration"
  | "scope-clause"
  | "except-clause"
  | "func-declaration"
  | "list-declaration"
  | "const-declaration"
  | "param-declaration"
  | "let-statement"
  | "for-header"
  | "quantifier"
  | "mutate-statement"
  | "given-statement"
  | "with-statement"
  | "expect-statement"
  | "expect-option"
  | "member"
  | "keywords"
  | "call"
  | "identifiers"
  | "operators"
  | "punctuation"
  | "invalid-character"
  | "expression";

const ref = (name: RepositoryName): IncludeRule => include(name);

const scope = (name: string): string => `${name}.policylang`;

/** Hard keywords (never identifiers), by the scope they get wherever no context rule claims them first. */
export const hardKeywords = {
  declaration: ["package", "import", "rule", "func", "list", "const", "param", "test", "let"],
  control: ["for", "where", "if", "then", "else", "when"],
  clause: ["on", "at", "given", "expect"],
  action: ["deny", "warn", "audit", "alert", "mutate"],
  logical: ["and", "or", "not"],
  membership: ["in"],
  constant: ["true", "false", "null"],
} as const;

/** Soft keywords: keywords only in their clause (identifiers elsewhere), each with the rule that claims it. */
export const softKeywords = {
  as: "import-declaration",
  match: "scope-clause",
  exclude: "scope-clause",
  except: "except-clause",
  because: "except-clause",
  from: "given-statement",
  with: "with-statement",
  no: "expect-statement",
  any: "quantifier",
  all: "quantifier",
  count: "quantifier",
  set: "mutate-statement",
  remove: "mutate-statement",
  message: "expect-option",
} as const satisfies Record<string, RepositoryName>;

/** The lexer's operators and punctuation, by the scope they get. */
export const operators = {
  comparison: ["==", "!=", "<=", ">=", "<", ">"],
  default: ["??"],
  arithmetic: ["+", "-", "*", "/", "%"],
  assignment: ["="],
} as const;

export const punctuation = {
  accessor: ["."],
  separator: [","],
  colon: [":"],
  terminator: [";"],
  parens: ["(", ")"],
  brackets: ["[", "]"],
  braces: ["{", "}"],
  annotation: ["@"],
} as const;

/** Subject kinds after `on` and `given` (docs/subjects.md). */
export const subjects = ["manifest", "workload", "admission", "image", "event", "host"] as const;
/** Names after `match`/`exclude` (Binder.Rules ScopeNames). */
export const scopeNames = ["kinds", "namespaces", "names", "labels", "operations"] as const;
/** Annotations the binder knows (Binder.Rules AnnotationNames). */
export const annotations = ["id", "title", "severity", "tags", "remediation", "overrides"] as const;
export const severities = ["info", "low", "medium", "high", "critical"] as const;
/** What `expect` may name besides the actions. */
export const expectKinds = ["deny", "warn", "audit", "alert", "mutate", "error", "finding"] as const;
/** Built-in type names of type references (docs/language.md, Types). */
export const primitiveTypes = ["bool", "int", "float", "string", "quantity", "duration", "timestamp", "list", "set", "map", "dynamic"] as const;

const allHardKeywords: readonly string[] = Object.values(hardKeywords).flat();

const ident = "[A-Za-z_][A-Za-z0-9_]*";
const quotedIdent = "`[^`\\r\\n]+`";
/** An identifier or a backquoted one, as the parser's `identifier` (soft keywords included). */
const name = `(?:${ident}|${quotedIdent})`;
/** An identifier that is not a hard keyword. */
const plainName = `(?:(?!${words(allHardKeywords)})${ident}|${quotedIdent})`;
const qualifiedName = `${name}(?:\\s*\\.\\s*${name})*`;

const comments: PatternsRule = {
  patterns: [
    {
      comment: "/// attaches to the next declaration as its documentation",
      name: scope("comment.line.documentation"),
      match: "(///).*$",
      captures: { "1": { name: scope("punctuation.definition.comment") } },
    },
    {
      comment: "// policylang:disable-next-line PL0300 [PL0301…] silences warnings on the next line",
      name: scope("comment.line.double-slash"),
      match: "(//)\\s*(policylang:disable-next-line)\\b(.*)$",
      captures: {
        "1": { name: scope("punctuation.definition.comment") },
        "2": { name: scope("keyword.other.directive") },
        "3": { patterns: [{ name: scope("constant.other.diagnostic-code"), match: "\\bPL[0-9]{4}\\b" }] },
      },
    },
    {
      name: scope("comment.line.double-slash"),
      match: "(//).*$",
      captures: { "1": { name: scope("punctuation.definition.comment") } },
    },
    {
      name: scope("comment.block"),
      begin: "/\\*",
      end: "\\*/",
      beginCaptures: { "0": { name: scope("punctuation.definition.comment.begin") } },
      endCaptures: { "0": { name: scope("punctuation.definition.comment.end") } },
    },
  ],
};

const escapes: PatternsRule = {
  patterns: [
    { name: scope("constant.character.escape"), match: '\\\\(?:["\\\\/{}nrtbf0]|u[0-9a-fA-F]{4})' },
    { comment: "the compiler reports any other escape (PL0005)", name: scope("invalid.illegal.escape"), match: "\\\\." },
  ],
};

/** A string inside an interpolation: the lexer allows escapes but no further interpolation there. */
const innerString: BeginEndRule = {
  name: scope("string.quoted.double"),
  begin: '"',
  end: '"|$',
  beginCaptures: { "0": { name: scope("punctuation.definition.string.begin") } },
  endCaptures: { "0": { name: scope("punctuation.definition.string.end") } },
  patterns: [ref("escapes")],
};

const interpolation: BeginEndRule = {
  comment: "{expr} inside a string; it cannot span lines",
  name: scope("meta.interpolation"),
  contentName: scope("meta.embedded.expression"),
  begin: "\\{",
  end: "(\\})|(?=$)",
  beginCaptures: { "0": { name: scope("punctuation.section.interpolation.begin") } },
  endCaptures: { "1": { name: scope("punctuation.section.interpolation.end") } },
  patterns: [ref("inner-string"), ref("nested-braces"), ref("expression")],
};

/** Braces inside an interpolation (a map or set literal), so that their `}` does not end it. */
const nestedBraces: BeginEndRule = {
  begin: "\\{",
  end: "(\\})|(?=$)",
  beginCaptures: { "0": { name: scope("punctuation.section.braces.begin") } },
  endCaptures: { "1": { name: scope("punctuation.section.braces.end") } },
  patterns: [ref("inner-string"), ref("nested-braces"), ref("expression")],
};

const strings: PatternsRule = {
  patterns: [
    {
      comment: '"""…""": raw and multi-line, no escapes, no interpolation',
      name: scope("string.quoted.triple"),
      begin: '"""',
      end: '"""',
      beginCaptures: { "0": { name: scope("punctuation.definition.string.begin") } },
      endCaptures: { "0": { name: scope("punctuation.definition.string.end") } },
    },
    {
      comment: "a string ends at its line's end when it is not closed (the compiler reports it)",
      name: scope("string.quoted.double"),
      begin: '"',
      end: '"|$',
      beginCaptures: { "0": { name: scope("punctuation.definition.string.begin") } },
      endCaptures: { "0": { name: scope("punctuation.definition.string.end") } },
      patterns: [ref("escapes"), ref("interpolation")],
    },
  ],
};

const numbers: PatternsRule = {
  patterns: [
    {
      name: scope("constant.numeric.float"),
      match: "\\b[0-9]+(?:_[0-9]+)*(?:\\.[0-9]+(?:_[0-9]+)*(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)\\b",
    },
    { name: scope("constant.numeric.integer"), match: "\\b[0-9]+(?:_[0-9]+)*\\b" },
  ],
};

const typeRef: PatternsRule = {
  patterns: [
    ref("comments"),
    { name: scope("support.type.primitive"), match: words(primitiveTypes) },
    { name: scope("entity.name.type"), match: plainName },
    { name: scope("punctuation.definition.typeparameters.begin"), match: "<" },
    { name: scope("punctuation.definition.typeparameters.end"), match: ">" },
    { name: scope("punctuation.separator.comma"), match: "," },
  ],
};

const annotation: PatternsRule = {
  patterns: [
    {
      comment: "@severity(high): the level is a word, not a name in scope",
      begin: "(@)\\s*(severity)\\s*(\\()",
      end: "\\)",
      beginCaptures: {
        "1": { name: scope("punctuation.definition.annotation") },
        "2": { name: scope("storage.type.annotation") },
        "3": { name: scope("punctuation.section.parens.begin") },
      },
      endCaptures: { "0": { name: scope("punctuation.section.parens.end") } },
      patterns: [{ name: scope("constant.language.severity"), match: words(severities) }, ref("expression")],
    },
    {
      match: `(@)\\s*(${words(annotations)})`,
      captures: {
        "1": { name: scope("punctuation.definition.annotation") },
        "2": { name: scope("storage.type.annotation") },
      },
    },
    {
      comment: "an annotation the compiler does not know (it reports it)",
      match: `(@)\\s*(${name})`,
      captures: {
        "1": { name: scope("punctuation.definition.annotation") },
        "2": { name: scope("storage.type.annotation.unknown") },
      },
    },
  ],
};

const packageDeclaration: MatchRule = {
  match: `\\b(package)\\s+(${qualifiedName})`,
  captures: {
    "1": { name: scope("keyword.declaration.package") },
    "2": { name: scope("entity.name.namespace") },
  },
};

const importDeclaration: MatchRule = {
  match: `\\b(import)\\s+(${qualifiedName})(?:\\s+(as)\\s+(${name}))?`,
  captures: {
    "1": { name: scope("keyword.declaration.import") },
    "2": { name: scope("entity.name.namespace") },
    "3": { name: scope("keyword.other.as") },
    "4": { name: scope("entity.name.namespace.alias") },
  },
};

const ruleDeclaration: MatchRule = {
  comment: "rule <name> on <subject> <variable>",
  match: `\\b(rule)\\s+(${plainName})(?:\\s+(on)(?:\\s+(?:(${words(subjects)})|(${plainName}))(?:\\s+(${plainName}))?)?)?`,
  captures: {
    "1": { name: scope("keyword.declaration.rule") },
    "2": { name: scope("entity.name.function.rule") },
    "3": { name: scope("keyword.other.on") },
    "4": { name: scope("support.type.subject") },
    "5": { name: scope("entity.name.type.subject") },
    "6": { name: scope("variable.parameter.subject") },
  },
};

const scopeClause: MatchRule = {
  comment: "match kinds […] / exclude namespaces […]: `match` and `exclude` are keywords only here",
  match: `\\b(match|exclude)\\s+(?:(${words(scopeNames)})|(${plainName}))(?!\\s*[.(=!<>?+*/%-])`,
  captures: {
    "1": { name: scope("keyword.other.scope") },
    "2": { name: scope("support.constant.scope") },
    "3": { name: scope("variable.other.scope") },
  },
};

const exceptClause: BeginEndRule = {
  comment: "except when <condition> because <reason>",
  begin: "\\b(except)\\s+(when)\\b",
  end: "\\b(because)\\b",
  beginCaptures: {
    "1": { name: scope("keyword.control.except") },
    "2": { name: scope("keyword.control.when") },
  },
  endCaptures: { "1": { name: scope("keyword.control.because") } },
  patterns: [ref("code")],
};

const funcDeclaration: BeginEndRule = {
  comment: "func <name>(<param>: <type>, …): <type> — the header ends where the body starts (= or {)",
  begin: `\\b(func)\\s+(${plainName})`,
  end: "(?=[={])",
  beginCaptures: {
    "1": { name: scope("keyword.declaration.func") },
    "2": { name: scope("entity.name.function") },
  },
  patterns: [
    ref("comments"),
    {
      begin: "\\(",
      end: "\\)",
      beginCaptures: { "0": { name: scope("punctuation.section.parens.begin") } },
      endCaptures: { "0": { name: scope("punctuation.section.parens.end") } },
      patterns: [
        ref("comments"),
        {
          match: `(${plainName})\\s*(:)`,
          captures: {
            "1": { name: scope("variable.parameter") },
            "2": { name: scope("punctuation.separator.colon") },
          },
        },
        ref("type-ref"),
      ],
    },
    { name: scope("punctuation.separator.colon"), match: ":" },
    ref("type-ref"),
  ],
};

/** `list`, `const` and `param` declarations: a name, an optional (for param: required) type, then `=`. */
function valueDeclaration(keyword: "list" | "const" | "param", nameScope: string): BeginEndRule {
  return {
    begin: `\\b(${keyword})\\s+(${plainName})`,
    end: "(?==)|$",
    beginCaptures: {
      "1": { name: scope(`keyword.declaration.${keyword}`) },
      "2": { name: scope(nameScope) },
    },
    patterns: [{ name: scope("punctuation.separator.colon"), match: ":" }, ref("type-ref")],
  };
}

const letStatement: MatchRule = {
  match: `\\b(let)\\s+(${plainName})`,
  captures: {
    "1": { name: scope("keyword.declaration.let") },
    "2": { name: scope("variable.other.declaration") },
  },
};

const forHeader: MatchRule = {
  comment: "for x in …, for i, x in …, for k, v in … (statements and comprehensions)",
  match: `\\b(for)\\s+(${plainName})(?:\\s*(,)\\s*(${plainName}))?\\s+(in)\\b`,
  captures: {
    "1": { name: scope("keyword.control.for") },
    "2": { name: scope("variable.other.declaration") },
    "3": { name: scope("punctuation.separator.comma") },
    "4": { name: scope("variable.other.declaration") },
    "5": { name: scope("keyword.control.in") },
  },
};

const quantifier: MatchRule = {
  comment: "any(x in c: p), all(…), count(…): keywords only in this form; count(xs) is a call",
  match: `\\b(any|all|count)\\s*(\\()\\s*(${plainName})(?:\\s*(,)\\s*(${plainName}))?\\s+(in)\\b`,
  captures: {
    "1": { name: scope("keyword.control.quantifier") },
    "2": { name: scope("punctuation.section.parens.begin") },
    "3": { name: scope("variable.other.declaration") },
    "4": { name: scope("punctuation.separator.comma") },
    "5": { name: scope("variable.other.declaration") },
    "6": { name: scope("keyword.control.in") },
  },
};

const mutateStatement: MatchRule = {
  match: "\\b(mutate)\\s+(set|remove)\\b",
  captures: {
    "1": { name: scope("keyword.other.action.mutate") },
    "2": { name: scope("keyword.other.action.mutate-operation") },
  },
};

const givenStatement: MatchRule = {
  comment: "given <subject> from \"file\" | given <subject> \"\"\"inline\"\"\"",
  match: `\\b(given)\\s+(?:(${words(subjects)})|(${plainName}))(?:\\s+(from)\\b)?`,
  captures: {
    "1": { name: scope("keyword.other.given") },
    "2": { name: scope("support.type.subject") },
    "3": { name: scope("entity.name.type.subject") },
    "4": { name: scope("keyword.other.from") },
  },
};

const withStatement: MatchRule = {
  comment: "with <param> = <value> in tests: `with` is a keyword only when an assignment follows",
  match: `\\b(with)\\s+(${qualifiedName})\\s*(?==(?!=))`,
  captures: {
    "1": { name: scope("keyword.other.with") },
    "2": { name: scope("variable.other.parameter") },
  },
};

const expectStatement: MatchRule = {
  comment: "expect [no] [N] <kind> [rule]",
  match: `\\b(expect)(?:\\s+(no)\\b)?(?:\\s+([0-9]+(?:_[0-9]+)*)\\b)?(?:\\s+(?:(${words(expectKinds)})|(${plainName})))?(?:\\s+(?!(?:message|at)\\b)(${qualifiedName}))?`,
  captures: {
    "1": { name: scope("keyword.other.expect") },
    "2": { name: scope("keyword.other.no") },
    "3": { name: scope("constant.numeric.integer") },
    "4": { name: scope("keyword.other.expect-kind") },
    "5": { name: scope("keyword.other.expect-kind.unknown") },
    "6": { name: scope("entity.name.function.rule") },
  },
};

const expectOption: MatchRule = {
  comment: "expect … message \"text\"",
  match: '\\b(message)(?=\\s*")',
  captures: { "1": { name: scope("keyword.other.message") } },
};

const member: PatternsRule = {
  comment: "after '.' every word names a field or method, keywords included (Kubernetes has fields called from, not, …)",
  patterns: [
    {
      match: `(\\.)\\s*(${name})(?=\\s*\\()`,
      captures: {
        "1": { name: scope("punctuation.accessor") },
        "2": { name: scope("entity.name.function.member") },
      },
    },
    {
      match: `(\\.)\\s*(${name})`,
      captures: {
        "1": { name: scope("punctuation.accessor") },
        "2": { name: scope("variable.other.property") },
      },
    },
  ],
};

const keywordScopes: Record<keyof typeof hardKeywords, (word: string) => string> = {
  declaration: (w) => `keyword.declaration.${w}`,
  control: (w) => `keyword.control.${w}`,
  clause: (w) => `keyword.other.${w}`,
  action: (w) => `keyword.other.action.${w}`,
  logical: (w) => `keyword.operator.logical.${w}`,
  membership: (w) => `keyword.operator.${w}`,
  constant: (w) => (w === "null" ? "constant.language.null" : "constant.language.boolean"),
};

const keywords: PatternsRule = {
  comment: "hard keywords wherever no context rule claimed them",
  patterns: (Object.keys(hardKeywords) as (keyof typeof hardKeywords)[]).flatMap((group) =>
    hardKeywords[group].map((word): MatchRule => ({ name: scope(keywordScopes[group](word)), match: words([word]) })),
  ),
};

const call: MatchRule = {
  match: `(${plainName})\\s*(?=\\()`,
  captures: { "1": { name: scope("entity.name.function.call") } },
};

const identifiers: PatternsRule = {
  patterns: [
    { name: scope("variable.other.quoted"), match: quotedIdent },
    { name: scope("variable.other"), match: ident },
  ],
};

const operatorRules: PatternsRule = {
  patterns: [
    { name: scope("keyword.operator.comparison"), match: literals(operators.comparison) },
    { name: scope("keyword.operator.default"), match: literals(operators.default) },
    { name: scope("keyword.operator.arithmetic"), match: literals(operators.arithmetic) },
    { name: scope("keyword.operator.assignment"), match: literals(operators.assignment) },
  ],
};

const punctuationRules: PatternsRule = {
  patterns: [
    { name: scope("punctuation.accessor"), match: "\\." },
    { name: scope("punctuation.separator.comma"), match: "," },
    { name: scope("punctuation.separator.colon"), match: ":" },
    { name: scope("punctuation.terminator.semicolon"), match: ";" },
    { name: scope("punctuation.section.parens.begin"), match: "\\(" },
    { name: scope("punctuation.section.parens.end"), match: "\\)" },
    { name: scope("punctuation.section.brackets.begin"), match: "\\[" },
    { name: scope("punctuation.section.brackets.end"), match: "\\]" },
    { name: scope("punctuation.section.braces.begin"), match: "\\{" },
    { name: scope("punctuation.section.braces.end"), match: "\\}" },
    { name: scope("punctuation.definition.annotation"), match: "@" },
  ],
};

const invalidCharacter: MatchRule = {
  comment: "a character no token starts with (the lexer's ERROR_CHAR; the compiler reports PL0001)",
  name: scope("invalid.illegal.character"),
  match: "[^ \\t\\f\\r\\nA-Za-z0-9_\"`.,:;()\\[\\]{}@=!<>?+*/%-]|[!?`]",
};

/** Everything an expression may contain; also used inside interpolations and annotation arguments. */
const expression: PatternsRule = {
  patterns: [
    ref("comments"),
    ref("strings"),
    ref("numbers"),
    ref("quantifier"),
    ref("for-header"),
    ref("member"),
    ref("keywords"),
    ref("call"),
    ref("identifiers"),
    ref("operators"),
    ref("punctuation"),
    ref("invalid-character"),
  ],
};

/** Declarations, clauses and statements, then expressions. Order matters where two rules match at one place. */
const code: PatternsRule = {
  patterns: [
    ref("comments"),
    ref("strings"),
    ref("annotation"),
    ref("package-declaration"),
    ref("import-declaration"),
    ref("rule-declaration"),
    ref("scope-clause"),
    ref("except-clause"),
    ref("func-declaration"),
    ref("list-declaration"),
    ref("const-declaration"),
    ref("param-declaration"),
    ref("let-statement"),
    ref("mutate-statement"),
    ref("given-statement"),
    ref("with-statement"),
    ref("expect-statement"),
    ref("expect-option"),
    ref("expression"),
  ],
};

const repository: Readonly<Record<RepositoryName, Rule>> = {
  code,
  comments,
  escapes,
  "inner-string": innerString,
  interpolation,
  "nested-braces": nestedBraces,
  strings,
  numbers,
  "type-ref": typeRef,
  annotation,
  "package-declaration": packageDeclaration,
  "import-declaration": importDeclaration,
  "rule-declaration": ruleDeclaration,
  "scope-clause": scopeClause,
  "except-clause": exceptClause,
  "func-declaration": funcDeclaration,
  "list-declaration": valueDeclaration("list", "entity.name.variable.list"),
  "const-declaration": valueDeclaration("const", "entity.name.constant"),
  "param-declaration": valueDeclaration("param", "entity.name.variable.parameter"),
  "let-statement": letStatement,
  "for-header": forHeader,
  quantifier,
  "mutate-statement": mutateStatement,
  "given-statement": givenStatement,
  "with-statement": withStatement,
  "expect-statement": expectStatement,
  "expect-option": expectOption,
  member,
  keywords,
  call,
  identifiers,
  operators: operatorRules,
  punctuation: punctuationRules,
  "invalid-character": invalidCharacter,
  expression,
};

export const grammar: Grammar = {
  name: "PolicyLang",
  scopeName: "source.policylang",
  fileTypes: ["policy"],
  patterns: [ref("code")],
  repository,
};
