// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// Commands are invoked from the palette (no argument), from an editor's context menu (a vscode.Uri) and from the
// server's code lens (the document's URI as a string, since LSP arguments are JSON). This reads the string form.

export type DocumentReference = { readonly kind: "uri"; readonly text: string } | { readonly kind: "path"; readonly text: string };

/** A URI (`file:///x/a.policy`, `untitled:Untitled-1`) or a file path; a Windows drive (`C:\x`) is a path. */
export function documentReference(argument: unknown): DocumentReference | undefined {
  if (typeof argument !== "string" || argument.trim() === "") {
    return undefined;
  }
  const text = argument.trim();
  return /^[A-Za-z][A-Za-z0-9+.-]+:/.test(text) ? { kind: "uri", text } : { kind: "path", text };
}
