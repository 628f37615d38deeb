// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The command line that starts the language server, from the `policylang.server.path` setting:
//   "policylang"                        → policylang lsp            (found on the PATH)
//   "/opt/pl/policylang", "~/bin/pl"    → that file, lsp
//   "bin/policylang" (relative)         → resolved against the first workspace folder
//   "dotnet /x/policylang.dll"      → dotnet /x/policylang.dll lsp
//   "/x/policylang.dll"             → dotnet /x/policylang.dll lsp
// Paths with spaces may be quoted; an unquoted path that names an existing file is taken whole.

import { homedir } from "node:os";
import { isAbsolute, resolve } from "node:path";

export const defaultServerPath = "policylang";

export interface ServerCommand {
  readonly command: string;
  readonly args: readonly string[];
}

export interface ResolveOptions {
  /** The first workspace folder, against which relative paths are resolved; none without a folder open. */
  readonly workspaceFolder?: string | undefined;
  /** Whether a file exists at an absolute path (injected so that the logic is testable without a disk). */
  readonly fileExists: (path: string) => boolean;
  readonly homeDirectory?: string;
}

/** Splits a command line into words: whitespace separates, double or single quotes group, no other escapes. */
export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let current = "";
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const ch of text) {
    if (quote !== undefined) {
      if (ch === quote) {
        quote = undefined;
      } else {
        current += ch;
      }
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) {
        words.push(current);
        current = "";
        inWord = false;
      }
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (quote !== undefined) {
    throw new Error(`policylang.server.path has an unclosed ${quote}: ${text}`);
  }
  if (inWord) {
    words.push(current);
  }
  return words;
}

/** A bare name (no separator) is looked up on the PATH by the operating system; anything else is a path. */
function isBareName(word: string): boolean {
  return !word.includes("/") && !word.includes("\\");
}

function expandPath(word: string, options: ResolveOptions): string {
  if (word === "~" || word.startsWith("~/")) {
    return resolve(options.homeDirectory ?? homedir(), word.slice(2));
  }
  if (isBareName(word) || isAbsolute(word) || options.workspaceFolder === undefined) {
    return word;
  }
  return resolve(options.workspaceFolder, word);
}

function isDotnetHost(word: string): boolean {
  return /(^|[/\\])dotnet(\.exe)?$/i.test(word);
}

/** The server's command line for the setting's value (empty or missing means `policylang` on the PATH). */
export function resolveServerCommand(setting: string | undefined, options: ResolveOptions): ServerCommand {
  const text = setting?.trim() ?? "";
  if (text === "") {
    return { command: defaultServerPath, args: ["lsp"] };
  }
  const whole = expandPath(text, options);
  const words = !/[\s"']/.test(text) || options.fileExists(whole) ? [whole] : splitCommandLine(text).map((w) => expandPath(w, options));
  const [first, ...rest] = words;
  if (first === undefined) {
    return { command: defaultServerPath, args: ["lsp"] };
  }
  if (first.toLowerCase().endsWith(".dll")) {
    return { command: "dotnet", args: [first, ...rest, "lsp"] };
  }
  if (isDotnetHost(first) && rest.length === 0) {
    throw new Error("policylang.server.path names dotnet without the policylang.dll to run: use `dotnet <path to policylang.dll>`");
  }
  return { command: first, args: [...rest, "lsp"] };
}

/** The command line as a person would type it, for messages (`dotnet "/a b/policylang.dll" lsp`). */
export function displayCommand(command: ServerCommand): string {
  const quote = (word: string): string => (/[\s"']/.test(word) ? `"${word}"` : word);
  return [command.command, ...command.args].map(quote).join(" ");
}

export type TraceLevel = "off" | "messages" | "verbose";

/** The `policylang.trace.server` setting, with anything unknown read as off. */
export function traceLevel(setting: unknown): TraceLevel {
  return setting === "messages" || setting === "verbose" ? setting : "off";
}
