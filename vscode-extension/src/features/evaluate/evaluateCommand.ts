// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// "Evaluate current policy against a file…": the server's policylang.evaluateFile runs the policy's package on
// the chosen input; findings go to the output channel and onto the input file as diagnostics.

import { dirname } from "node:path";
import * as vscode from "vscode";
import { errorMessage, executeServerCommand, policyDocumentUri } from "../serverRequests";
import { type ServerController } from "../../language-client/serverController";
import { parseEvalOutput } from "./evalOutput";
import { type DiagnosticData, type DiagnosticSeverity, diagnosticsByFile, formatEvalReport, formatSummary } from "./findingReport";

const severities: Record<DiagnosticSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function toDiagnostic(data: DiagnosticData): vscode.Diagnostic {
  const position = new vscode.Position(data.line, data.character);
  const diagnostic = new vscode.Diagnostic(new vscode.Range(position, position), data.message, severities[data.severity]);
  diagnostic.source = "policylang eval";
  diagnostic.code = data.code;
  if (data.unnecessary) {
    diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  }
  return diagnostic;
}

const lastInputKey = "policylang.lastEvaluatedInput";

export class EvaluateCommand implements vscode.Disposable {
  static readonly id = "policylang.evaluatePolicy";
  static readonly serverCommand = "policylang.evaluateFile";

  private readonly diagnostics = vscode.languages.createDiagnosticCollection("policylang-eval");
  private readonly staleOnEdit: vscode.Disposable;

  constructor(
    private readonly controller: ServerController,
    private readonly results: vscode.OutputChannel,
    private readonly state: vscode.Memento,
  ) {
    // Findings point into the input as it was evaluated; once it is edited they no longer line up.
    this.staleOnEdit = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && this.diagnostics.has(event.document.uri)) {
        this.diagnostics.delete(event.document.uri);
      }
    });
  }

  async run(argument?: unknown): Promise<void> {
    const policy = policyDocumentUri(argument);
    if (policy === undefined) {
      void vscode.window.showErrorMessage("PolicyLang: open a .policy file to evaluate.");
      return;
    }
    const lastInput = this.state.get<string>(lastInputKey);
    const picked = await vscode.window.showOpenDialog({
      title: "Evaluate the policy against…",
      openLabel: "Evaluate",
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      defaultUri: lastInput !== undefined ? vscode.Uri.file(dirname(lastInput)) : vscode.Uri.joinPath(policy, ".."),
      filters: { "Inputs (YAML, JSON, JSON lines)": ["yaml", "yml", "json", "jsonl"], "All files": ["*"] },
    });
    const input = picked?.[0];
    if (input === undefined) {
      return;
    }
    await this.state.update(lastInputKey, input.fsPath);
    await this.evaluate(policy, input.fsPath);
  }

  private async evaluate(policy: vscode.Uri, inputPath: string): Promise<void> {
    let answer: unknown;
    try {
      answer = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `PolicyLang: evaluating against ${vscode.workspace.asRelativePath(inputPath)}` },
        () => executeServerCommand(this.controller, EvaluateCommand.serverCommand, policy, [policy.toString(), inputPath]),
      );
    } catch (error) {
      void vscode.window.showErrorMessage(`PolicyLang: evaluation failed: ${errorMessage(error)}`);
      return;
    }
    let output;
    try {
      output = parseEvalOutput(answer);
    } catch (error) {
      this.results.appendLine(`The server's answer to ${EvaluateCommand.serverCommand} is malformed: ${errorMessage(error)}`);
      this.results.show(true);
      void vscode.window.showErrorMessage(`PolicyLang: the server's evaluation result is malformed: ${errorMessage(error)}`);
      return;
    }

    this.results.clear();
    for (const line of formatEvalReport(output, policy.fsPath, inputPath)) {
      this.results.appendLine(line);
    }
    this.results.show(true);

    this.diagnostics.clear();
    for (const [file, list] of diagnosticsByFile(output, dirname(inputPath))) {
      this.diagnostics.set(vscode.Uri.file(file), list.map(toDiagnostic));
    }
    const summary = formatSummary(output);
    if (output.summary.passed) {
      void vscode.window.showInformationMessage(`PolicyLang: ${summary}`);
    } else {
      void vscode.window.showWarningMessage(`PolicyLang: ${summary}`);
    }
  }

  dispose(): void {
    this.staleOnEdit.dispose();
    this.diagnostics.dispose();
  }
}
