// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { displayCommand, resolveServerCommand, splitCommandLine, traceLevel } from "../../src/language-client/serverCommand";

const noFiles = { fileExists: () => false, workspaceFolder: "/work/repo", homeDirectory: "/home/me" };

describe("the server's command line from policylang.server.path", () => {
  it("runs policylang lsp from the PATH by default", () => {
    for (const setting of [undefined, "", "   "]) {
      assert.deepEqual(resolveServerCommand(setting, noFiles), { command: "policylang", args: ["lsp"] });
    }
  });

  it("runs a named executable from the PATH as it is", () => {
    assert.deepEqual(resolveServerCommand("policylang-dev", noFiles), { command: "policylang-dev", args: ["lsp"] });
  });

  it("runs an absolute path as it is", () => {
    assert.deepEqual(resolveServerCommand("/opt/policylang/policylang", noFiles), { command: "/opt/policylang/policylang", args: ["lsp"] });
  });

  it("resolves a relative path against the workspace folder", () => {
    assert.deepEqual(resolveServerCommand("runtime/PolicyLang.Cli/bin/Debug/net10.0/policylang", noFiles), {
      command: "/work/repo/runtime/PolicyLang.Cli/bin/Debug/net10.0/policylang",
      args: ["lsp"],
    });
    assert.deepEqual(resolveServerCommand("./policylang", noFiles).command, "/work/repo/policylang");
  });

  it("keeps a relative path when no folder is open", () => {
    assert.deepEqual(resolveServerCommand("bin/policylang", { fileExists: () => false }).command, "bin/policylang");
  });

  it("expands ~ to the home directory", () => {
    assert.deepEqual(resolveServerCommand("~/.dotnet/tools/policylang", noFiles).command, "/home/me/.dotnet/tools/policylang");
  });

  it("runs `dotnet <dll>` with the dll and lsp", () => {
    assert.deepEqual(resolveServerCommand("dotnet /src/pl/policylang.dll", noFiles), {
      command: "dotnet",
      args: ["/src/pl/policylang.dll", "lsp"],
    });
    assert.deepEqual(resolveServerCommand("/usr/share/dotnet/dotnet runtime/policylang.dll", noFiles), {
      command: "/usr/share/dotnet/dotnet",
      args: ["/work/repo/runtime/policylang.dll", "lsp"],
    });
  });

  it("runs a bare dll through dotnet", () => {
    assert.deepEqual(resolveServerCommand("/src/pl/policylang.dll", noFiles), { command: "dotnet", args: ["/src/pl/policylang.dll", "lsp"] });
  });

  it("takes quoted paths with spaces as one word", () => {
    assert.deepEqual(resolveServerCommand('dotnet "/My Tools/policylang.dll"', noFiles), {
      command: "dotnet",
      args: ["/My Tools/policylang.dll", "lsp"],
    });
    assert.deepEqual(resolveServerCommand("'/My Tools/policylang'", noFiles), { command: "/My Tools/policylang", args: ["lsp"] });
  });

  it("takes an unquoted path with spaces whole when that file exists", () => {
    const exists = (path: string): boolean => path === "/My Tools/policylang";
    assert.deepEqual(resolveServerCommand("/My Tools/policylang", { fileExists: exists }), { command: "/My Tools/policylang", args: ["lsp"] });
  });

  it("passes extra words before lsp", () => {
    assert.deepEqual(resolveServerCommand("policylang --no-cache", noFiles), { command: "policylang", args: ["--no-cache", "lsp"] });
  });

  it("refuses dotnet without a dll and an unclosed quote, naming the setting", () => {
    assert.throws(() => resolveServerCommand("dotnet", noFiles), /policylang\.server\.path names dotnet without the policylang\.dll/);
    assert.throws(() => resolveServerCommand('dotnet "/x/policylang.dll', noFiles), /policylang\.server\.path has an unclosed "/);
  });

  it("splits command lines on whitespace, grouping quotes", () => {
    assert.deepEqual(splitCommandLine(`  a  "b c"  'd "e"' f""g `), ["a", "b c", 'd "e"', "fg"]);
    assert.deepEqual(splitCommandLine('""'), [""]);
  });

  it("shows the command line with quotes where needed", () => {
    assert.equal(displayCommand({ command: "dotnet", args: ["/My Tools/policylang.dll", "lsp"] }), 'dotnet "/My Tools/policylang.dll" lsp');
  });

  it("reads the trace level, defaulting to off", () => {
    assert.equal(traceLevel("verbose"), "verbose");
    assert.equal(traceLevel("messages"), "messages");
    assert.equal(traceLevel("loud"), "off");
    assert.equal(traceLevel(undefined), "off");
  });
});
