// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The extension's logic against the real `policylang lsp`: the command line built from the setting starts it,
// the server's answers to policylang.evaluateFile and policylang.runTests read as the commands read them, and its
// code lens calls policylang.evaluatePolicy with an argument the command understands.
// POLICYLANG_SERVER holds a policylang.server.path value; `dotnet test` (tests/PolicyLang.Extension.Tests) sets it
// to the CLI it builds. Without it the suite is skipped, and says why.

import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from "vscode-jsonrpc/node";
import { documentReference } from "../../src/common/commandArguments";
import { parseEvalOutput } from "../../src/features/evaluate/evalOutput";
import { diagnosticsByFile } from "../../src/features/evaluate/findingReport";
import { parseTestRun } from "../../src/features/tests/testResults";
import { resolveServerCommand } from "../../src/language-client/serverCommand";
import { commandsForClientToRegister } from "../../src/language-client/serverCommands";
import { repositoryRoot } from "../helpers/paths";

const setting = process.env["POLICYLANG_SERVER"];
const policyPath = join(repositoryRoot, "examples", "policies", "workloads.policy");
const inputPath = join(repositoryRoot, "examples", "inputs", "manifests", "web.yaml");
const policyUri = pathToFileURL(policyPath).toString();
const fileExists = (path: string): boolean => existsSync(path);

describe("against the real language server", { skip: setting === undefined ? "POLICYLANG_SERVER is not set" : false }, () => {
  let server: ChildProcess;
  let connection: MessageConnection;
  let stderr = "";
  let initializeResult: { capabilities: { executeCommandProvider?: { commands: string[] } } };

  before(async () => {
    const command = resolveServerCommand(setting, { workspaceFolder: repositoryRoot, fileExists });
    server = spawn(command.command, [...command.args], { cwd: repositoryRoot, stdio: ["pipe", "pipe", "pipe"] });
    server.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    if (server.stdout === null || server.stdin === null) {
      throw new Error("the server has no stdio");
    }
    const exited = new Promise<never>((_, reject) => {
      server.once("exit", (code, signal) => reject(new Error(`the server (${command.command} ${command.args.join(" ")}) exited with ${String(code ?? signal)}:\n${stderr}`)));
      server.once("error", (error) => reject(new Error(`the server (${command.command}) did not start: ${error.message}`)));
    });
    exited.catch(() => undefined);
    connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
    connection.listen();
    const initialize = connection.sendRequest<typeof initializeResult>("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(repositoryRoot).toString(),
      workspaceFolders: [{ uri: pathToFileURL(repositoryRoot).toString(), name: "repo" }],
      capabilities: { workspace: { executeCommand: { dynamicRegistration: true } }, textDocument: { codeLens: {} } },
    });
    initializeResult = await Promise.race([initialize, exited]);
    await connection.sendNotification("initialized", {});
    await connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri: policyUri, languageId: "policylang", version: 1, text: readFileSync(policyPath, "utf8") },
    });
  });

  after(async () => {
    if (connection !== undefined) {
      await connection.sendRequest("shutdown").catch(() => undefined);
      await connection.sendNotification("exit").catch(() => undefined);
      connection.dispose();
    }
    if (server !== undefined && server.exitCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.kill();
          resolve();
        }, 10_000);
        server.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  });

  it("advertises its commands; the client leaves the extension's own to the extension", () => {
    const commands = initializeResult.capabilities.executeCommandProvider?.commands ?? [];
    assert.ok(commands.includes("policylang.evaluateFile"), `commands: ${commands.join(", ")}`);
    assert.ok(commands.includes("policylang.runTests"), `commands: ${commands.join(", ")}`);
    const own = new Set(["policylang.evaluatePolicy", "policylang.runTests", "policylang.restartServer"]);
    assert.ok(!commandsForClientToRegister(commands, own).includes("policylang.runTests"));
  });

  it("answers policylang.evaluateFile with what `policylang eval -o json` prints, read into findings and diagnostics", async () => {
    const answer = await connection.sendRequest("workspace/executeCommand", { command: "policylang.evaluateFile", arguments: [policyUri, inputPath] });
    const output = parseEvalOutput(answer);
    assert.equal(output.summary.passed, false, stderr);
    const rules = output.results.flatMap((r) => r.findings.map((f) => `${f.action} ${f.rule}`));
    assert.ok(rules.includes("warn no_latest_tag"), rules.join(", "));
    assert.ok(rules.includes("deny allowed_registry"), rules.join(", "));

    // The same document as the CLI prints for the same policy and input.
    const command = resolveServerCommand(setting, { workspaceFolder: repositoryRoot, fileExists });
    const cli = spawnSync(command.command, [...command.args.slice(0, -1), "eval", "-o", "json", "-p", policyPath, inputPath], { cwd: repositoryRoot, encoding: "utf8" });
    assert.equal(cli.status, 1, cli.stderr);
    assert.deepEqual(output, parseEvalOutput(cli.stdout));

    const diagnostics = diagnosticsByFile(output, repositoryRoot).get(inputPath) ?? [];
    assert.ok(diagnostics.length >= 2, JSON.stringify(diagnostics));
    const lines = readFileSync(inputPath, "utf8").split("\n");
    const latest = diagnostics.find((d) => d.message.includes("mutable tag latest"));
    assert.ok(latest !== undefined, JSON.stringify(diagnostics));
    assert.match(lines[latest.line] ?? "", /image:/, "the diagnostic sits on the offending field's line");
  });

  it("answers policylang.runTests with the file's tests, read as the command reads them", async () => {
    const answer = await connection.sendRequest("workspace/executeCommand", { command: "policylang.runTests", arguments: [policyUri] });
    const run = parseTestRun(answer);
    const declared = [...readFileSync(policyPath, "utf8").matchAll(/^test "([^"]+)"/gm)].map((m) => m[1] ?? "");
    assert.equal(run.tests.length, declared.length, JSON.stringify(run.tests));
    for (const name of declared) {
      // The server names tests as `policylang test` prints them: `package: "name"`.
      assert.ok(run.tests.some((t) => t.name === name || t.name.endsWith(`"${name}"`)), `${name} not in ${JSON.stringify(run.tests)}`);
    }
    assert.deepEqual(run.tests.filter((t) => !t.passed), []);
  });

  it("reports an unknown input as an error the command can show", async () => {
    await assert.rejects(
      connection.sendRequest("workspace/executeCommand", { command: "policylang.evaluateFile", arguments: [policyUri, join(repositoryRoot, "no-such-input.yaml")] }),
      (error: Error) => error.message.length > 0,
    );
  });

  it("offers a code lens that runs policylang.evaluatePolicy on the document", async () => {
    const lenses = await connection.sendRequest<{ command?: { command: string; arguments?: unknown[] } }[] | null>("textDocument/codeLens", { textDocument: { uri: policyUri } });
    const evaluate = (lenses ?? []).find((l) => l.command?.command === "policylang.evaluatePolicy");
    assert.ok(evaluate !== undefined, JSON.stringify(lenses));
    assert.deepEqual(documentReference(evaluate.command?.arguments?.[0]), { kind: "uri", text: policyUri });
  });
});
