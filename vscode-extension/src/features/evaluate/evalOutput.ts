// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The `policylang eval -o json` document (docs/output-json.md), as the server's `policylang.evaluateFile`
// command returns it. Unknown fields are ignored: the contract allows new ones.

import { JsonNode, answerNode } from "../../common/jsonReader";

/** The actions of docs/output-json.md; a newer engine may add others, which are shown as they come. */
export type KnownAction = "deny" | "warn" | "audit" | "alert" | "mutate" | "error";

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
}

export interface Subject {
  readonly kind: string;
  readonly file?: string;
  readonly document?: number;
  readonly line?: number;
  readonly apiVersion?: string;
  readonly objectKind?: string;
  readonly namespace?: string;
  readonly name?: string;
}

export interface Finding {
  readonly policy: string;
  readonly rule: string;
  readonly id?: string;
  readonly severity?: string;
  readonly action: KnownAction | (string & {});
  readonly message: string;
  readonly path?: string;
  readonly location?: SourceLocation;
  /** The reason of the exception that applied; skipped findings never fail a run. */
  readonly skipped?: string;
}

export interface Problem {
  readonly message: string;
  readonly location?: SourceLocation;
}

export interface SubjectResult {
  readonly subject: Subject;
  readonly findings: readonly Finding[];
  readonly errors: readonly Problem[];
}

export interface Summary {
  readonly subjects: number;
  readonly findings: number;
  readonly deny: number;
  readonly warn: number;
  readonly audit: number;
  readonly alert: number;
  readonly mutate: number;
  readonly error: number;
  readonly skipped: number;
  readonly inputErrors: number;
  readonly passed: boolean;
}

export interface EvalOutput {
  readonly summary: Summary;
  readonly results: readonly SubjectResult[];
  readonly errors: readonly Problem[];
  readonly notices: readonly Problem[];
}

/** Drops the keys whose value is undefined (the types use exactOptionalPropertyTypes). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function readLocation(node: JsonNode): SourceLocation | undefined {
  if (node.isAbsent()) {
    return undefined;
  }
  return { file: node.get("file").string(), line: node.get("line").number(), column: node.get("column").number() };
}

function readProblem(node: JsonNode): Problem {
  return defined({ message: node.get("message").string(), location: readLocation(node.get("location")) });
}

function readFinding(node: JsonNode): Finding {
  return defined({
    policy: node.get("policy").string(),
    rule: node.get("rule").string(),
    id: node.get("id").optionalString(),
    severity: node.get("severity").optionalString(),
    action: node.get("action").string(),
    message: node.get("message").optionalString() ?? "",
    path: node.get("path").optionalString(),
    location: readLocation(node.get("location")),
    skipped: node.get("skipped").optionalString(),
  });
}

function readSubject(node: JsonNode): Subject {
  return defined({
    kind: node.get("kind").string(),
    file: node.get("file").optionalString(),
    document: node.get("document").optionalNumber(),
    line: node.get("line").optionalNumber(),
    apiVersion: node.get("apiVersion").optionalString(),
    objectKind: node.get("objectKind").optionalString(),
    namespace: node.get("namespace").optionalString(),
    name: node.get("name").optionalString(),
  });
}

function readSummary(node: JsonNode): Summary {
  const count = (key: string): number => node.get(key).optionalNumber() ?? 0;
  return {
    subjects: count("subjects"),
    findings: count("findings"),
    deny: count("deny"),
    warn: count("warn"),
    audit: count("audit"),
    alert: count("alert"),
    mutate: count("mutate"),
    error: count("error"),
    skipped: count("skipped"),
    inputErrors: count("inputErrors"),
    passed: node.get("passed").boolean(),
  };
}

/** Reads the server's answer; throws an error naming the malformed place. */
export function parseEvalOutput(answer: unknown): EvalOutput {
  const root = answerNode(answer);
  return {
    summary: readSummary(root.get("summary")),
    results: root.get("results").optionalItems().map((result) => ({
      subject: readSubject(result.get("subject")),
      findings: result.get("findings").optionalItems().map(readFinding),
      errors: result.get("errors").optionalItems().map(readProblem),
    })),
    errors: root.get("errors").optionalItems().map(readProblem),
    notices: root.get("notices").optionalItems().map(readProblem),
  };
}
