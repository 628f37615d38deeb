// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The shape of a TextMate grammar (the subset VS Code's vscode-textmate reads), so that the PolicyLang grammar is
// written as checked TypeScript rather than as hand-edited JSON with regular expressions in strings.

/** Scopes given to the groups of a match (key: group number as a string, "0" for the whole match). */
export type Captures = Readonly<Record<string, { readonly name?: string; readonly patterns?: readonly Rule[] }>>;

/** `{ include: "#name" }`, `{ include: "$self" }` or another grammar's scope. */
export interface IncludeRule {
  readonly include: string;
}

/** A single regular expression, matched within one line. */
export interface MatchRule {
  readonly comment?: string;
  readonly name?: string;
  readonly match: string;
  readonly captures?: Captures;
}

/** A region from `begin` to `end`, which may span lines; `patterns` apply inside it. */
export interface BeginEndRule {
  readonly comment?: string;
  readonly name?: string;
  readonly contentName?: string;
  readonly begin: string;
  readonly end: string;
  readonly beginCaptures?: Captures;
  readonly endCaptures?: Captures;
  readonly patterns?: readonly Rule[];
}

/** A list of alternatives, tried in order. */
export interface PatternsRule {
  readonly comment?: string;
  readonly patterns: readonly Rule[];
}

export type Rule = IncludeRule | MatchRule | BeginEndRule | PatternsRule;

export interface Grammar {
  readonly name: string;
  readonly scopeName: string;
  readonly fileTypes: readonly string[];
  readonly patterns: readonly Rule[];
  readonly repository: Readonly<Record<string, Rule>>;
}

/** A reference to a repository entry; typed by the repository's keys so that a misspelt name fails to compile. */
export function include<K extends string>(name: K): IncludeRule {
  return { include: `#${name}` };
}

/** Escapes the characters that are special in an Oniguruma regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => `\\${c}`);
}

/** `\b(?:a|b|c)\b` for a list of words, longest first so that no word shadows a longer one. */
export function words(list: readonly string[]): string {
  const sorted = [...list].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `\\b(?:${sorted.map(escapeRegex).join("|")})\\b`;
}

/** `(?:a|b)` for a list of literal operators, longest first (`==` before `=`). */
export function literals(list: readonly string[]): string {
  const sorted = [...list].sort((a, b) => b.length - a.length || a.localeCompare(b));
  return `(?:${sorted.map(escapeRegex).join("|")})`;
}
