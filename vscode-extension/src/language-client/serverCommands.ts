// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// vscode-languageclient registers a VS Code command for every command the server lists in its
// executeCommandProvider. Commands the extension contributes itself under the same name (policylang.runTests,
// policylang.evaluatePolicy) would then be registered twice, which VS Code refuses; the extension keeps them and
// calls the server with workspace/executeCommand instead.

/** The server's commands that the client may register as VS Code commands: those the extension does not own. */
export function commandsForClientToRegister(serverCommands: readonly string[], extensionCommands: ReadonlySet<string>): string[] {
  return serverCommands.filter((command) => !extensionCommands.has(command));
}
