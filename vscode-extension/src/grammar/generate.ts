// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// Writes syntaxes/policylang.tmLanguage.json from src/grammar/policylang.ts (`npm run build`), or with --check
// fails when the committed file differs from what the source generates (`npm test`).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { grammar } from "./policylang";
import { type Grammar } from "./textmate";

/** The file's exact text: two-space indented JSON with a final newline, as the repository's .editorconfig asks. */
export function serializeGrammar(value: Grammar): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** The extension's root folder, from out/src/grammar/ where the compiled script runs. */
export const extensionRoot = join(__dirname, "..", "..", "..");
export const grammarPath = join(extensionRoot, "syntaxes", "policylang.tmLanguage.json");

function main(args: readonly string[]): number {
  const expected = serializeGrammar(grammar);
  if (args.includes("--check")) {
    let actual: string;
    try {
      actual = readFileSync(grammarPath, "utf8");
    } catch {
      actual = "";
    }
    if (actual !== expected) {
      console.error(`${grammarPath} is out of date with src/grammar/policylang.ts: run \`npm run build\` and commit the result.`);
      return 1;
    }
    console.log(`${grammarPath} is up to date.`);
    return 0;
  }
  writeFileSync(grammarPath, expected);
  console.log(`wrote ${grammarPath}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
