// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// Turns an evaluation's findings into the lines of the output channel and into diagnostics on the input file.
// Plain data only: the command maps DiagnosticData to vscode.Diagnostic.

import { isAbsolute, resolve } from "node:path";
import { type EvalOutput, type Finding, type Problem, type SourceLocation, type Subject } from "./evalOutput";

export type DiagnosticSeverity = "error" | "warning" | "information" | "hint";

export interface DiagnosticData {
  /** 0-based line and character; the range is empty, and VS Code underlines the word there. */
  readonly line: number;
  readonly character: number;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  /** The rule's id, or policy.rule. */
  readonly code: string;
  /** Skipped findings: shown faded, never as problems that fail the run. */
  readonly unnecessary: boolean;
}

/** How each action shows as a diagnostic: refusals and rule failures are errors, the rest milder. */
export function severityOf(finding: Finding): DiagnosticSeverity {
  if (finding.skipped !== undefined) {
    return "hint";
  }
  switch (finding.action) {
    case "deny":
    case "error":
      return "error";
    case "warn":
    case "alert":
      return "warning";
    default:
      return "information";
  }
}

export function ruleCode(finding: Finding): string {
  return finding.id ?? `${finding.policy}.${finding.rule}`;
}

function subjectTitle(subject: Subject): string {
  const parts: string[] = [subject.kind];
  if (subject.objectKind !== undefined) {
    parts.push(subject.objectKind);
  }
  if (subject.name !== undefined) {
    parts.push(subject.namespace !== undefined ? `${subject.namespace}/${subject.name}` : subject.name);
  }
  const where =
    subject.file !== undefined
      ? ` (${subject.file}${subject.line !== undefined ? `:${subject.line}` : ""}${subject.document !== undefined && subject.document > 0 ? `, document ${subject.document}` : ""})`
      : "";
  return `${parts.join(" ")}${where}`;
}

function place(location: SourceLocation | undefined): string {
  return location === undefined ? "" : `${location.file}:${location.line}:${location.column}: `;
}

/** One finding as a line: `file:line:col: deny high PSS-R-002: message (at /spec/...)`. */
export function formatFinding(finding: Finding): string {
  const severity = finding.severity !== undefined ? ` ${finding.severity}` : "";
  const path = finding.path !== undefined && finding.path !== "" ? ` (at ${finding.path})` : "";
  const skipped = finding.skipped !== undefined ? ` — skipped: ${finding.skipped}` : "";
  return `${place(finding.location)}${finding.action}${severity} ${ruleCode(finding)}: ${finding.message}${path}${skipped}`;
}

function formatProblem(kind: string, problem: Problem): string {
  return `${place(problem.location)}${kind}: ${problem.message}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

export function formatSummary(output: EvalOutput): string {
  const s = output.summary;
  const counts = [
    `${s.deny} deny`,
    `${s.warn} warn`,
    `${s.audit} audit`,
    `${s.alert} alert`,
    `${s.mutate} mutate`,
    `${s.error} error`,
    `${s.skipped} skipped`,
  ];
  const inputErrors = s.inputErrors > 0 ? `, ${plural(s.inputErrors, "input error")}` : "";
  return `${s.passed ? "PASSED" : "FAILED"}: ${plural(s.subjects, "subject")}, ${plural(s.findings, "finding")} (${counts.join(", ")})${inputErrors}`;
}

/** The output channel's report of one evaluation, subject by subject. */
export function formatEvalReport(output: EvalOutput, policy: string, input: string): string[] {
  const lines: string[] = [`Evaluated ${policy} against ${input}`];
  for (const result of output.results) {
    lines.push("", subjectTitle(result.subject));
    if (result.findings.length === 0 && result.errors.length === 0) {
      lines.push("  no findings");
    }
    for (const finding of result.findings) {
      lines.push(`  ${formatFinding(finding)}`);
    }
    for (const error of result.errors) {
      lines.push(`  ${formatProblem("error", error)}`);
    }
  }
  if (output.errors.length > 0) {
    lines.push("", "Input errors:", ...output.errors.map((e) => `  ${formatProblem("error", e)}`));
  }
  if (output.notices.length > 0) {
    lines.push("", "Notices:", ...output.notices.map((n) => `  ${formatProblem("notice", n)}`));
  }
  lines.push("", formatSummary(output));
  return lines;
}

/** Absolute, normalised path of a file named in the output (relative names are relative to `baseDirectory`). */
function absolute(file: string, baseDirectory: string): string {
  return isAbsolute(file) ? resolve(file) : resolve(baseDirectory, file);
}

function toDiagnostic(location: { line: number; column: number }, severity: DiagnosticSeverity, message: string, code: string, unnecessary: boolean): DiagnosticData {
  return {
    line: Math.max(0, location.line - 1),
    character: Math.max(0, location.column - 1),
    severity,
    message,
    code,
    unnecessary,
  };
}

/**
 * The findings and errors of an evaluation as diagnostics, by absolute file path. A finding without a location
 * sits on its subject's first line; one whose subject has no place either is left to the report.
 */
export function diagnosticsByFile(output: EvalOutput, baseDirectory: string): Map<string, DiagnosticData[]> {
  const byFile = new Map<string, DiagnosticData[]>();
  const add = (file: string, diagnostic: DiagnosticData): void => {
    const key = absolute(file, baseDirectory);
    const list = byFile.get(key);
    if (list === undefined) {
      byFile.set(key, [diagnostic]);
    } else {
      list.push(diagnostic);
    }
  };
  const fallback = (subject: Subject): SourceLocation | undefined =>
    subject.file !== undefined ? { file: subject.file, line: subject.line ?? 1, column: 1 } : undefined;

  for (const result of output.results) {
    for (const finding of result.findings) {
      const location = finding.location ?? fallback(result.subject);
      if (location !== undefined) {
        const skipped = finding.skipped !== undefined ? ` (skipped: ${finding.skipped})` : "";
        add(location.file, toDiagnostic(location, severityOf(finding), `${finding.message}${skipped}`, ruleCode(finding), finding.skipped !== undefined));
      }
    }
    for (const error of result.errors) {
      const location = error.location ?? fallback(result.subject);
      if (location !== undefined) {
        add(location.file, toDiagnostic(location, "error", error.message, "input", false));
      }
    }
  }
  for (const error of output.errors) {
    if (error.location !== undefined) {
      add(error.location.file, toDiagnostic(error.location, "error", error.message, "input", false));
    }
  }
  return byFile;
}
