// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The TextMate grammar covers every token of grammar/PolicyLangLexer.g4: a token added to the lexer fails here
// until the grammar (and the samples below) know it.

import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { hardKeywords, operators, punctuation, softKeywords } from "../../src/grammar/policylang";
import { lexerGrammarPath, repositoryRoot } from "../helpers/paths";
import { scopeOf, tokenize } from "../helpers/tokenizer";

interface LexerToken {
  readonly name: string;
  /** The literal text for tokens defined by one literal (keywords, operators); undefined otherwise. */
  readonly literal: string | undefined;
}

function lexerTokens(): LexerToken[] {
  const text = readFileSync(lexerGrammarPath, "utf8");
  const tokens: LexerToken[] = [];
  for (const match of text.matchAll(/^(fragment\s+)?([A-Z][A-Z0-9_]*)\s*:\s*(.*?)\s*;\s*$/gm)) {
    const [, fragment, name, body] = match;
    if (fragment !== undefined || name === undefined || body === undefined) {
      continue;
    }
    const literal = /^'((?:[^'\\]|\\.)*)'$/.exec(body)?.[1];
    tokens.push({ name, literal });
  }
  return tokens;
}

const tokens = lexerTokens();
const literalTokens = tokens.filter((t) => t.literal !== undefined);
const wordLiterals = literalTokens.map((t) => t.literal as string).filter((l) => /^[a-z]+$/.test(l));
const symbolLiterals = literalTokens.map((t) => t.literal as string).filter((l) => !/^[a-z]+$/.test(l));

/** The tokens not defined by one literal, each with a sample and the scope it must get. */
const patternTokens: Record<string, { sample: string; text: string; scope: RegExp } | "trivia"> = {
  DOC_COMMENT: { sample: "/// docs", text: " docs", scope: /^comment\.line\.documentation/ },
  LINE_COMMENT: { sample: "// note", text: " note", scope: /^comment\.line\.double-slash/ },
  BLOCK_COMMENT: { sample: "/* note */", text: " note ", scope: /^comment\.block/ },
  NEWLINE: "trivia",
  WS: "trivia",
  FLOAT: { sample: "let x = 1_000.5e-3", text: "1_000.5e-3", scope: /^constant\.numeric\.float/ },
  INT: { sample: "let x = 1_000", text: "1_000", scope: /^constant\.numeric\.integer/ },
  RAW_STRING: { sample: 'let x = """raw {x} \\q"""', text: "raw {x} \\q", scope: /^string\.quoted\.triple/ },
  STRING: { sample: 'let x = "text {y}"', text: "text ", scope: /^string\.quoted\.double/ },
  UNTERMINATED_STRING: { sample: 'let x = "open', text: "open", scope: /^string\.quoted\.double/ },
  IDENT: { sample: "let x = y", text: "y", scope: /^variable\.other/ },
  QUOTED_IDENT: { sample: "let x = `a.b/c`", text: "`a.b/c`", scope: /^variable\.other\.quoted/ },
  ERROR_CHAR: { sample: "let x = #", text: "#", scope: /^invalid\.illegal\.character/ },
};

/** A sample per soft keyword where it is a keyword (its clause), and the keyword's text in it. */
const softKeywordSamples: Record<keyof typeof softKeywords, string> = {
  as: "import a.b as c",
  match: 'rule r on workload w match kinds ["Pod"] { }',
  exclude: 'rule r on workload w exclude namespaces ["x"] { }',
  except: 'rule r on workload w except when true because "r" { }',
  because: 'rule r on workload w except when true because "r" { }',
  from: 'given manifest from "f.yaml"',
  with: "with p = 1",
  no: "expect no deny",
  any: "let b = any(x in xs: x)",
  all: "let b = all(x in xs: x)",
  count: "let n = count(x in xs: x)",
  set: "mutate set w.a = 1",
  remove: "mutate remove w.a",
  message: 'expect deny r message "m"',
};

describe("the TextMate grammar covers the lexer", () => {
  it("finds the lexer's tokens", () => {
    assert.ok(tokens.length > 60, `only ${tokens.length} tokens read from ${lexerGrammarPath}`);
  });

  it("lists every keyword of the lexer, hard or soft, and no other", () => {
    const listed = [...Object.values(hardKeywords).flat(), ...Object.keys(softKeywords)].sort();
    assert.deepEqual(listed, [...wordLiterals].sort());
  });

  it("lists every operator and punctuation of the lexer, and no other", () => {
    const listed = [...Object.values(operators).flat(), ...Object.values(punctuation).flat()].sort();
    assert.deepEqual(listed, [...symbolLiterals].sort());
  });

  it("has a sample for every token that is not a literal", () => {
    const names = tokens.filter((t) => t.literal === undefined).map((t) => t.name).sort();
    assert.deepEqual(names, Object.keys(patternTokens).sort());
  });

  for (const [group, list] of Object.entries(hardKeywords)) {
    for (const word of list) {
      it(`colours the hard keyword ${word} as a ${group} keyword anywhere`, async () => {
        const scope = await scopeOf(`${word}`, word);
        assert.match(scope, group === "constant" ? /^constant\.language\./ : /^keyword\./);
      });
    }
  }

  for (const [word, sample] of Object.entries(softKeywordSamples)) {
    it(`colours the soft keyword ${word} as a keyword in its clause and as a name elsewhere`, async () => {
      assert.match(await scopeOf(sample, word), /^keyword\./);
      assert.equal(await scopeOf(`let v = ${word} + 1`, word), "variable.other.policylang");
      assert.equal(await scopeOf(`f(w.${word})`, word), "variable.other.property.policylang");
    });
  }

  for (const symbol of symbolLiterals) {
    it(`colours ${symbol} as an operator or punctuation`, async () => {
      const scope = await scopeOf(`let v = a ${symbol} b`, symbol);
      assert.match(scope, /^(keyword\.operator|punctuation)\./);
    });
  }

  for (const [name, sample] of Object.entries(patternTokens)) {
    if (sample === "trivia") {
      continue;
    }
    it(`colours ${name} tokens`, async () => {
      assert.match(await scopeOf(sample.sample, sample.text), sample.scope);
    });
  }

  it("colours every keyword after '.' as a field name (Kubernetes has fields called from, not, in…)", async () => {
    for (const word of [...Object.values(hardKeywords).flat(), ...Object.keys(softKeywords)]) {
      assert.equal(await scopeOf(`f(w.${word})`, word), "variable.other.property.policylang", word);
    }
  });

  it("leaves no character of the standard library's policies unrecognised", async () => {
    // Any character of valid policies that the grammar marks invalid is a gap in the grammar.
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
          walk(path);
        } else if (entry.name.endsWith(".policy")) {
          files.push(path);
        }
      }
    };
    walk(join(repositoryRoot, "policies-stdlib"));
    walk(join(repositoryRoot, "examples"));
    assert.ok(files.length > 10, `only ${files.length} policies found`);
    for (const file of files) {
      const lines = await tokenize(readFileSync(file, "utf8"));
      lines.forEach((line, index) => {
        for (const token of line) {
          assert.ok(!token.scopes.some((s) => s.startsWith("invalid.")), `${file}:${index + 1}: ${JSON.stringify(token.text)} is ${token.scopes.join(" ")}`);
        }
      });
    }
  });
});
