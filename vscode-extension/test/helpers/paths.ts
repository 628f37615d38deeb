// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import { join } from "node:path";

/** vscode-extension/, from out/test/helpers/ where the compiled tests run. */
export const extensionRoot = join(__dirname, "..", "..", "..");
export const repositoryRoot = join(extensionRoot, "..");
export const lexerGrammarPath = join(repositoryRoot, "grammar", "PolicyLangLexer.g4");
export const grammarPath = join(extensionRoot, "syntaxes", "policylang.tmLanguage.json");
