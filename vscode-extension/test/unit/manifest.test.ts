// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// package.json, the code and the files it names agree; the logic that the unit tests cover imports no `vscode`.

import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, it } from "node:test";
import { extensionRoot } from "../helpers/paths";

interface Manifest {
  main: string;
  engines: { vscode: string };
  activationEvents: string[];
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  contributes: {
    languages: { id: string; extensions: string[]; configuration: string }[];
    grammars: { language: string; scopeName: string; path: string }[];
    snippets: { language: string; path: string }[];
    configuration: { properties: Record<string, { default: unknown; enum?: string[] }> };
    commands: { command: string; title: string }[];
    menus: Record<string, { command: string }[]>;
  };
}

const manifest = JSON.parse(readFileSync(join(extensionRoot, "package.json"), "utf8")) as Manifest;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

const sourceFiles = sources(join(extensionRoot, "src"));
const allSource = sourceFiles.map((f) => readFileSync(f, "utf8")).join("\n");

describe("package.json", () => {
  it("contributes the policylang language for .policy files with its grammar, configuration and snippets", () => {
    const [language] = manifest.contributes.languages;
    assert.equal(language?.id, "policylang");
    assert.deepEqual(language?.extensions, [".policy"]);
    assert.deepEqual(manifest.contributes.grammars, [{ language: "policylang", scopeName: "source.policylang", path: "./syntaxes/policylang.tmLanguage.json" }]);
    for (const path of [language?.configuration ?? "", manifest.contributes.grammars[0]?.path ?? "", manifest.contributes.snippets[0]?.path ?? ""]) {
      assert.ok(existsSync(join(extensionRoot, path)), path);
    }
  });

  it("names the bundle of src/extension.ts as entry point, with every dependency inside it", () => {
    assert.equal(manifest.main, "./out/extension.js");
    assert.deepEqual(manifest.dependencies ?? {}, {}, "runtime dependencies would be packaged beside the bundle");
    assert.ok(existsSync(join(extensionRoot, "src", "extension.ts")));
  });

  it("contributes the server path and trace settings, and the code reads the path setting", () => {
    const properties = manifest.contributes.configuration.properties;
    assert.equal(properties["policylang.server.path"]?.default, "policylang");
    assert.deepEqual(properties["policylang.trace.server"]?.enum, ["off", "messages", "verbose"]);
    assert.match(allSource, /get<string>\("server\.path"\)/);
    // vscode-languageclient reads `<client id>.trace.server`: the client's id must be policylang.
    assert.match(allSource, /clientId = "policylang"/);
  });

  it("contributes exactly the commands the extension registers", () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(contributed, ["policylang.evaluatePolicy", "policylang.restartServer", "policylang.runTests"]);
    for (const command of contributed) {
      assert.ok(allSource.includes(`"${command}"`), `${command} is not named in src/`);
    }
    for (const entries of Object.values(manifest.contributes.menus)) {
      for (const entry of entries) {
        assert.ok(contributed.includes(entry.command), entry.command);
      }
    }
  });

  it("pins every dependency to an exact version (package-lock.json holds the rest)", () => {
    for (const [name, version] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies })) {
      assert.match(version, /^\d+\.\d+\.\d+$/, name);
    }
    const lock = JSON.parse(readFileSync(join(extensionRoot, "package-lock.json"), "utf8")) as { lockfileVersion: number };
    assert.ok(lock.lockfileVersion >= 2);
  });

  it("types the VS Code API no newer than the engine it declares", () => {
    const engine = manifest.engines.vscode.replace(/^\^/, "");
    assert.equal(manifest.devDependencies["@types/vscode"], engine);
  });
});

describe("modules without VS Code", () => {
  // Only these talk to the editor; everything else is plain logic, unit-tested with node:test.
  const editorModules = new Set([
    "src/extension.ts",
    "src/language-client/serverController.ts",
    "src/features/serverRequests.ts",
    "src/features/evaluate/evaluateCommand.ts",
    "src/features/tests/runTestsCommand.ts",
  ]);

  it("do not import vscode or the language client", () => {
    const offenders = sourceFiles
      .map((file) => relative(extensionRoot, file).replace(/\\/g, "/"))
      .filter((file) => !editorModules.has(file))
      .filter((file) => /from\s+"(vscode|vscode-languageclient[^"]*)"/.test(readFileSync(join(extensionRoot, file), "utf8")));
    assert.deepEqual(offenders, []);
  });
});
