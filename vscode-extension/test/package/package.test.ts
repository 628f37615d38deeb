// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// `vsce package` builds a .vsix that holds what VS Code runs, and nothing of the sources or tests.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as yauzl from "yauzl";
import { extensionRoot } from "../helpers/paths";

/** The names of the entries of a zip file, and the text of some of them. */
async function readZip(path: string, textOf: readonly string[]): Promise<{ names: string[]; texts: Map<string, string> }> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true });
  const names: string[] = [];
  const texts = new Map<string, string>();
  try {
    for await (const entry of zip.eachEntry()) {
      names.push(entry.fileName);
      if (textOf.includes(entry.fileName)) {
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.openReadStreamPromise(entry)) {
          chunks.push(chunk as Buffer);
        }
        texts.set(entry.fileName, Buffer.concat(chunks).toString("utf8"));
      }
    }
  } finally {
    zip.close();
  }
  return { names, texts };
}

describe("the packaged extension", () => {
  const directory = mkdtempSync(join(tmpdir(), "policylang-vsix-"));
  const vsix = join(directory, "policylang.vsix");
  let names: string[] = [];
  let texts = new Map<string, string>();

  before(async () => {
    const vsce = join(extensionRoot, "node_modules", "@vscode", "vsce", "vsce");
    const run = spawnSync(process.execPath, [vsce, "package", "--allow-missing-repository", "--out", vsix], {
      cwd: extensionRoot,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 240_000,
    });
    if (run.status !== 0) {
      throw new Error(`vsce package failed (${run.error?.message ?? `exit ${String(run.status ?? run.signal)}`}):\n${run.stdout}\n${run.stderr}`);
    }
    ({ names, texts } = await readZip(vsix, ["extension/package.json", "extension/syntaxes/policylang.tmLanguage.json", "extension/out/extension.js"]));
  });

  after(() => rmSync(directory, { recursive: true, force: true }));

  it("holds the manifest, grammar, configuration, snippets and compiled code", () => {
    for (const name of [
      "extension.vsixmanifest",
      "extension/package.json",
      "extension/readme.md",
      "extension/LICENSE.txt",
      "extension/syntaxes/policylang.tmLanguage.json",
      "extension/language-configuration.json",
      "extension/snippets/policylang.json",
      "extension/out/extension.js",
    ]) {
      assert.ok(names.includes(name), `${name} missing from the .vsix`);
    }
  });

  it("bundles the language client into out/extension.js, which needs only VS Code and Node's modules", () => {
    const bundle = texts.get("extension/out/extension.js") ?? "";
    assert.ok(bundle.includes("workspace/executeCommand"), "the language client's protocol is not in the bundle");
    const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? ""));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    assert.deepEqual([...required].filter((m) => m !== "vscode" && !builtins.has(m)), []);
  });

  it("leaves out sources, tests, source maps and development tools", () => {
    const unwanted = names.filter((n) => /^extension\/(src|test|node_modules|out\/test|out\/src)\//.test(n) || n.endsWith(".map") || n.endsWith(".ts"));
    assert.deepEqual(unwanted, []);
  });

  it("packages the manifest and grammar as they are in the repository", () => {
    const manifest = JSON.parse(texts.get("extension/package.json") ?? "{}") as { name: string; main: string; contributes: { grammars: { path: string }[] } };
    assert.equal(manifest.name, "policylang");
    assert.ok(names.includes(`extension/${manifest.main.replace(/^\.\//, "")}`), manifest.main);
    const grammar = JSON.parse(texts.get("extension/syntaxes/policylang.tmLanguage.json") ?? "{}") as { scopeName: string };
    assert.equal(grammar.scopeName, "source.policylang");
  });
});
