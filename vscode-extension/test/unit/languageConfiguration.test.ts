// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { extensionRoot } from "../helpers/paths";

interface OnEnterRule {
  beforeText: string;
  afterText?: string;
  action: { indent: string; appendText?: string };
}

interface LanguageConfiguration {
  comments: { lineComment: string; blockComment: [string, string] };
  brackets: [string, string][];
  autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
  surroundingPairs: [string, string][];
  wordPattern: string;
  indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  onEnterRules: OnEnterRule[];
}

const configuration = JSON.parse(readFileSync(join(extensionRoot, "language-configuration.json"), "utf8")) as LanguageConfiguration;
const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
const decrease = new RegExp(configuration.indentationRules.decreaseIndentPattern);
const word = new RegExp(`^(?:${configuration.wordPattern})$`);

/** The action of the first on-enter rule that applies, as VS Code picks it. */
function onEnter(before: string, after = ""): OnEnterRule["action"] | undefined {
  return configuration.onEnterRules.find((r) => new RegExp(r.beforeText).test(before) && (r.afterText === undefined || new RegExp(r.afterText).test(after)))?.action;
}

describe("the language configuration", () => {
  it("uses the language's comments", () => {
    assert.equal(configuration.comments.lineComment, "//");
    assert.deepEqual(configuration.comments.blockComment, ["/*", "*/"]);
  });

  it("pairs every bracket of the lexer, and closes quotes outside strings and comments", () => {
    assert.deepEqual(configuration.brackets, [["{", "}"], ["[", "]"], ["(", ")"]]);
    for (const [open, close] of configuration.brackets) {
      assert.ok(configuration.autoClosingPairs.some((p) => p.open === open && p.close === close), open);
      assert.ok(configuration.surroundingPairs.some(([o, c]) => o === open && c === close), open);
    }
    for (const quote of ['"', "`"]) {
      assert.deepEqual(configuration.autoClosingPairs.find((p) => p.open === quote)?.notIn, ["string", "comment"]);
    }
  });

  it("indents after an opening brace, bracket, parenthesis or raw string, not in comments", () => {
    for (const line of ["rule r on workload w {", "  for c in w.allContainers {", "let xs = [", "f(", '  given manifest """', "rule r on workload w { // note"]) {
      assert.ok(increase.test(line), line);
    }
    for (const line of ["rule r on workload w { }", "let xs = [1, 2]", "// {", '    """', 'deny "{c.name}"']) {
      assert.ok(!increase.test(line), line);
    }
  });

  it("outdents closing brackets and the end of a raw string", () => {
    for (const line of ["}", "  ]", ")", '    """']) {
      assert.ok(decrease.test(line), line);
    }
    assert.ok(!decrease.test("  deny x"));
  });

  it("continues doc comments and block comments on Enter", () => {
    assert.deepEqual(onEnter("/// Containers must"), { indent: "none", appendText: "/// " });
    assert.deepEqual(onEnter("/* text", " */"), { indent: "indentOutdent", appendText: " * " });
    assert.deepEqual(onEnter("/* text"), { indent: "none", appendText: " * " });
    assert.equal(onEnter("// plain comment"), undefined);
  });

  it("indents the clauses of a rule header and a one-statement body", () => {
    assert.deepEqual(onEnter("rule r on workload w"), { indent: "indent" });
    assert.deepEqual(onEnter("  for c in w.allContainers"), { indent: "indent" });
    assert.equal(onEnter("rule r on workload w {"), undefined);
  });

  it("selects identifiers, backquoted names and numbers as words", () => {
    for (const text of ["allowPrivilegeEscalation", "_x1", "`kubernetes.io/hostname`", "1_000", "2.5e-3", "-4"]) {
      assert.ok(word.test(text), text);
    }
    for (const text of ["a.b", "a b", "`open"]) {
      assert.ok(!word.test(text), text);
    }
  });
});
