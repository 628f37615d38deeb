// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// Tokenizes PolicyLang text with the generated grammar through vscode-textmate and Oniguruma, the engine VS Code uses.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { extensionRoot, grammarPath } from "./paths";

export interface Token {
  readonly text: string;
  /** Scopes without the root `source.policylang`, outermost first. */
  readonly scopes: readonly string[];
}

let grammar: Promise<textmate.IGrammar> | undefined;

async function load(): Promise<textmate.IGrammar> {
  const wasm = readFileSync(join(extensionRoot, "node_modules", "vscode-oniguruma", "release", "onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === "source.policylang" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const loaded = await registry.loadGrammar("source.policylang");
  if (loaded === null) {
    throw new Error(`could not load ${grammarPath}`);
  }
  return loaded;
}

export function policyGrammar(): Promise<textmate.IGrammar> {
  grammar ??= load();
  return grammar;
}

/** The tokens of each line of `text` (whitespace-only tokens dropped). */
export async function tokenize(text: string): Promise<Token[][]> {
  const g = await policyGrammar();
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = g.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens
      .map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) }))
      .filter((t) => t.text.trim() !== "");
  });
}

/** The innermost scope of the token that is exactly `text` on the given line (0-based), or of the first match. */
export async function scopeOf(source: string, text: string, line?: number): Promise<string> {
  const lines = await tokenize(source);
  const candidates = line !== undefined ? (lines[line] ?? []) : lines.flat();
  const token = candidates.find((t) => t.text === text);
  if (token === undefined) {
    const seen = candidates.map((t) => JSON.stringify(t.text)).join(" ");
    throw new Error(`no token ${JSON.stringify(text)} in ${JSON.stringify(source)}; tokens: ${seen}`);
  }
  return token.scopes.at(-1) ?? "source.policylang";
}
