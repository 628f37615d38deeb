// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The generated grammar is well formed: every include names a repository entry, every entry is used, and every
// regular expression compiles in Oniguruma (the engine VS Code uses, stricter than JavaScript's in places).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import * as oniguruma from "vscode-oniguruma";
import { serializeGrammar } from "../../src/grammar/generate";
import { grammar } from "../../src/grammar/policylang";
import { type Rule } from "../../src/grammar/textmate";
import { grammarPath } from "../helpers/paths";
import { policyGrammar } from "../helpers/tokenizer";

function* rules(rule: Rule): Generator<Rule> {
  yield rule;
  const nested: Rule[] = [];
  if ("patterns" in rule && rule.patterns !== undefined) {
    nested.push(...rule.patterns);
  }
  for (const key of ["captures", "beginCaptures", "endCaptures"] as const) {
    const captures = key in rule ? (rule as Partial<Record<typeof key, Record<string, { patterns?: readonly Rule[] }>>>)[key] : undefined;
    for (const capture of Object.values(captures ?? {})) {
      nested.push(...(capture.patterns ?? []));
    }
  }
  for (const child of nested) {
    yield* rules(child);
  }
}

const allRules = [...grammar.patterns, ...Object.values(grammar.repository)].flatMap((r) => [...rules(r)]);

describe("the generated grammar", () => {
  it("is the committed syntaxes/policylang.tmLanguage.json", () => {
    assert.equal(readFileSync(grammarPath, "utf8"), serializeGrammar(grammar), "run `npm run build` and commit syntaxes/policylang.tmLanguage.json");
  });

  it("includes only repository entries that exist, and uses every entry", () => {
    const names = new Set(Object.keys(grammar.repository));
    const used = new Set<string>();
    for (const rule of allRules) {
      if ("include" in rule) {
        assert.ok(rule.include.startsWith("#"), `unexpected include ${rule.include}`);
        const name = rule.include.slice(1);
        assert.ok(names.has(name), `include of missing entry ${name}`);
        used.add(name);
      }
    }
    assert.deepEqual([...names].filter((n) => !used.has(n)), []);
  });

  it("has only regular expressions that Oniguruma compiles", async () => {
    await policyGrammar(); // loads the WASM engine
    let count = 0;
    for (const rule of allRules) {
      for (const key of ["match", "begin", "end"] as const) {
        const source = key in rule ? (rule as Partial<Record<typeof key, string>>)[key] : undefined;
        if (source !== undefined) {
          assert.doesNotThrow(() => new oniguruma.OnigScanner([source]).dispose(), `${key}: ${source}`);
          count++;
        }
      }
    }
    assert.ok(count > 50, `only ${count} expressions found`);
  });

  it("gives every scope the .policylang suffix", () => {
    for (const rule of allRules) {
      for (const name of [("name" in rule ? rule.name : undefined), ("contentName" in rule ? rule.contentName : undefined)]) {
        if (name !== undefined) {
          assert.match(name, /\.policylang$/);
        }
      }
    }
  });
});
