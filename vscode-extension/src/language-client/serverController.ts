// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// Owns the language client: starts `policylang lsp` over stdio, restarts it (with the settings of the moment),
// and hands the running client to the commands.

import { statSync } from "node:fs";
import * as vscode from "vscode";
import { ExecuteCommandRequest, LanguageClient, type LanguageClientOptions, type ServerOptions, State } from "vscode-languageclient/node";
import { type ServerCommand, displayCommand, resolveServerCommand } from "./serverCommand";
import { commandsForClientToRegister } from "./serverCommands";

export const clientId = "policylang";

function fileExists(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private starting: Promise<LanguageClient> | undefined;
  private readonly outputChannel: vscode.LogOutputChannel;

  constructor(private readonly extensionCommands: ReadonlySet<string>) {
    this.outputChannel = vscode.window.createOutputChannel("PolicyLang Language Server", { log: true });
  }

  private serverCommand(): ServerCommand {
    const setting = vscode.workspace.getConfiguration("policylang").get<string>("server.path");
    return resolveServerCommand(setting, { workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath, fileExists });
  }

  private createClient(command: ServerCommand): LanguageClient {
    this.watcher = vscode.workspace.createFileSystemWatcher("**/*.policy");
    // The server speaks LSP on its stdin/stdout. No `transport`, so that the command line runs exactly as configured
    // (TransportKind.stdio would append `--stdio`).
    const serverOptions: ServerOptions = {
      command: command.command,
      args: [...command.args],
      options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: "file", language: "policylang" },
        { scheme: "untitled", language: "policylang" },
      ],
      // Changes to policies on disk (imports of open files) reach the server; the watcher lives as long as the client.
      synchronize: { fileEvents: this.watcher },
      outputChannel: this.outputChannel,
    };
    // The client id makes vscode-languageclient read the `policylang.trace.server` setting itself.
    const client = new LanguageClient(clientId, "PolicyLang Language Server", serverOptions, clientOptions);
    const executeCommand = client.getFeature(ExecuteCommandRequest.method);
    const register = executeCommand.register.bind(executeCommand);
    executeCommand.register = (data) =>
      register({
        ...data,
        registerOptions: { ...data.registerOptions, commands: commandsForClientToRegister(data.registerOptions.commands, this.extensionCommands) },
      });
    return client;
  }

  /** The running client, starting the server first when it is not running. */
  async ready(): Promise<LanguageClient> {
    if (this.client !== undefined && this.client.state === State.Running) {
      return this.client;
    }
    if (this.starting === undefined) {
      this.starting = this.start().finally(() => {
        this.starting = undefined;
      });
    }
    return this.starting;
  }

  private async start(): Promise<LanguageClient> {
    await this.stop();
    let command: ServerCommand;
    try {
      command = this.serverCommand();
    } catch (error) {
      throw await this.reportStartFailure(error instanceof Error ? error.message : String(error));
    }
    const client = this.createClient(command);
    this.outputChannel.info(`Starting ${displayCommand(command)}`);
    try {
      await client.start();
    } catch (error) {
      await client.dispose().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw await this.reportStartFailure(`could not start \`${displayCommand(command)}\`: ${reason}`);
    }
    this.client = client;
    return client;
  }

  private async reportStartFailure(message: string): Promise<Error> {
    this.outputChannel.error(message);
    const openSettings = "Open Settings";
    void vscode.window
      .showErrorMessage(`PolicyLang language server: ${message}. Set policylang.server.path to the policylang executable.`, openSettings)
      .then((choice) => {
        if (choice === openSettings) {
          void vscode.commands.executeCommand("workbench.action.openSettings", "policylang.server.path");
        }
      });
    return new Error(message);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.ready();
  }

  async stop(): Promise<void> {
    const client = this.client;
    const watcher = this.watcher;
    this.client = undefined;
    this.watcher = undefined;
    if (client !== undefined) {
      await client.dispose().catch((error: unknown) => this.outputChannel.warn(`stopping the server: ${String(error)}`));
    }
    watcher?.dispose();
  }

  dispose(): void {
    void this.stop();
    this.outputChannel.dispose();
  }
}
