// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import * as vscode from "vscode";
import { EvaluateCommand } from "./features/evaluate/evaluateCommand";
import { errorMessage } from "./features/serverRequests";
import { RunTestsCommand } from "./features/tests/runTestsCommand";
import { ServerController } from "./language-client/serverController";

const restartCommand = "policylang.restartServer";

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // The commands the extension contributes itself, so that the client does not register them again for the server.
  const ownCommands = new Set([EvaluateCommand.id, RunTestsCommand.id, restartCommand]);
  controller = new ServerController(ownCommands);
  const server = controller;
  const results = vscode.window.createOutputChannel("PolicyLang");
  const evaluate = new EvaluateCommand(server, results, context.workspaceState);
  const runTests = new RunTestsCommand(server, results);

  context.subscriptions.push(
    server,
    results,
    evaluate,
    vscode.commands.registerCommand(EvaluateCommand.id, (uri?: unknown) => evaluate.run(uri)),
    vscode.commands.registerCommand(RunTestsCommand.id, (uri?: unknown) => runTests.run(uri)),
    vscode.commands.registerCommand(restartCommand, async () => {
      try {
        await server.restart();
        void vscode.window.setStatusBarMessage("PolicyLang language server restarted", 3000);
      } catch (error) {
        results.appendLine(`Restarting the language server failed: ${errorMessage(error)}`);
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("policylang.server.path")) {
        void server.restart().catch(() => undefined);
      }
    }),
  );

  // A server that cannot start is reported (with a way to the setting); the editor keeps its highlighting.
  await server.ready().catch(() => undefined);
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
