// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import * as vscode from "vscode";
import { ExecuteCommandRequest } from "vscode-languageclient/node";
import { documentReference } from "../common/commandArguments";
import { type ServerController } from "../language-client/serverController";

/**
 * Runs one of the server's workspace/executeCommand commands on a policy and returns its raw answer. The server
 * answers only for documents it has been sent, so the policy is opened first (a no-op when it already is).
 */
export async function executeServerCommand(controller: ServerController, command: string, policy: vscode.Uri, args: unknown[]): Promise<unknown> {
  const client = await controller.ready();
  await vscode.workspace.openTextDocument(policy);
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args });
}

/** The policy a command is about: its argument (code lens, context menu) or else the active PolicyLang editor. */
export function policyDocumentUri(argument: unknown): vscode.Uri | undefined {
  if (argument instanceof vscode.Uri) {
    return argument;
  }
  const reference = documentReference(argument);
  if (reference !== undefined) {
    return reference.kind === "uri" ? vscode.Uri.parse(reference.text, true) : vscode.Uri.file(reference.text);
  }
  const document = vscode.window.activeTextEditor?.document;
  return document?.languageId === "policylang" ? document.uri : undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
