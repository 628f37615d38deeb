// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// "Run tests of current file": the server's policylang.runTests runs the file's test blocks.

import * as vscode from "vscode";
import { errorMessage, executeServerCommand, policyDocumentUri } from "../serverRequests";
import { type ServerController } from "../../language-client/serverController";
import { countOutcomes, formatTestRun, parseTestRun } from "./testResults";

export class RunTestsCommand {
  static readonly id = "policylang.runTests";
  static readonly serverCommand = "policylang.runTests";

  constructor(
    private readonly controller: ServerController,
    private readonly results: vscode.OutputChannel,
  ) {}

  async run(argument?: unknown): Promise<void> {
    const policy = policyDocumentUri(argument);
    if (policy === undefined) {
      void vscode.window.showErrorMessage("PolicyLang: open a .policy file to run its tests.");
      return;
    }
    let answer: unknown;
    try {
      answer = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `PolicyLang: running the tests of ${vscode.workspace.asRelativePath(policy)}` },
        () => executeServerCommand(this.controller, RunTestsCommand.serverCommand, policy, [policy.toString()]),
      );
    } catch (error) {
      void vscode.window.showErrorMessage(`PolicyLang: running the tests failed: ${errorMessage(error)}`);
      return;
    }
    let run;
    try {
      run = parseTestRun(answer);
    } catch (error) {
      void vscode.window.showErrorMessage(`PolicyLang: the server's test result is malformed: ${errorMessage(error)}`);
      return;
    }
    this.results.clear();
    for (const line of formatTestRun(run, policy.fsPath)) {
      this.results.appendLine(line);
    }
    this.results.show(true);
    const { passed, failed } = countOutcomes(run);
    const summary = `PolicyLang tests: ${passed} passed, ${failed} failed`;
    if (failed === 0) {
      void vscode.window.showInformationMessage(summary);
    } else {
      void vscode.window.showErrorMessage(summary);
    }
  }
}
