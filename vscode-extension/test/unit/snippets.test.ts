// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { extensionRoot } from "../helpers/paths";
import { tokenize } from "../helpers/tokenizer";

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

const snippets = JSON.parse(readFileSync(join(extensionRoot, "snippets", "policylang.json"), "utf8")) as Record<string, Snippet>;

/**
 * The text a snippet inserts when every placeholder keeps its default: `${1:x}` → x, `${1|a,b|}` → a, `$1` and
 * `${1}` → the text of placeholder 1, `$0` → nothing, `\}` `\$` `\\` → the character.
 */
export function expandSnippet(body: string): string {
  const values = new Map<string, string>();
  let index = 0;
  const parse = (stopAt: string | undefined): string => {
    let out = "";
    while (index < body.length) {
      const ch = body[index] ?? "";
      if (ch === "\\" && index + 1 < body.length && "$}\\,|".includes(body[index + 1] ?? "")) {
        out += body[index + 1];
        index += 2;
      } else if (stopAt !== undefined && ch === stopAt) {
        return out;
      } else if (ch === "$") {
        const rest = body.slice(index);
        const simple = /^\$(\d+)|^\$\{(\d+)\}/.exec(rest);
        const choice = /^\$\{(\d+)\|([^|]*)\|\}/.exec(rest);
        const placeholder = /^\$\{(\d+):/.exec(rest);
        if (simple !== null) {
          const id = simple[1] ?? simple[2] ?? "";
          out += values.get(id) ?? "";
          index += simple[0].length;
        } else if (choice !== null) {
          const first = (choice[2] ?? "").split(",")[0] ?? "";
          values.set(choice[1] ?? "", first);
          out += first;
          index += choice[0].length;
        } else if (placeholder !== null) {
          index += placeholder[0].length;
          const value = parse("}");
          index++; // the closing }
          values.set(placeholder[1] ?? "", value);
          out += value;
        } else {
          throw new Error(`unsupported snippet syntax at ${rest.slice(0, 20)}`);
        }
      } else {
        out += ch;
        index++;
      }
    }
    if (stopAt !== undefined) {
      throw new Error(`unclosed placeholder in ${body}`);
    }
    return out;
  };
  return parse(undefined);
}

describe("the snippets", () => {
  it("offer a rule, test, policy, func, list and param", () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    for (const required of ["rule", "test", "policy", "func", "list", "param"]) {
      assert.ok(prefixes.includes(required), required);
    }
    assert.equal(new Set(prefixes).size, prefixes.length, "prefixes are unique");
  });

  it("each have a description and a body", () => {
    for (const [name, snippet] of Object.entries(snippets)) {
      assert.ok(snippet.description.length > 10, name);
      assert.ok(snippet.body.length > 0, name);
    }
  });

  it("expand snippet syntax as VS Code does", () => {
    assert.equal(expandSnippet('rule ${1:r} on ${2|workload,host|} ${3:w} { deny "{c.name\\}" $0} $1'), 'rule r on workload w { deny "{c.name}" } r');
    assert.equal(expandSnippet("${1:a ${2:b}} $2"), "a b b");
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`"${name}" inserts text with no character the grammar marks invalid`, async () => {
      const text = expandSnippet(snippet.body.join("\n"));
      const lines = await tokenize(text);
      const invalid = lines.flat().filter((t) => t.scopes.some((s) => s.startsWith("invalid.")));
      assert.deepEqual(invalid, [], text);
    });
  }
});
