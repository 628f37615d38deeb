// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// The answer of the server's `policylang.runTests` command and its report in the output channel.

import { answerNode } from "../../common/jsonReader";

export interface TestOutcome {
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed (expected versus actual findings); may be empty for a passing test. */
  readonly message: string;
}

export interface TestRun {
  readonly tests: readonly TestOutcome[];
  /** Rules that no test exercises. */
  readonly uncoveredRules: readonly string[];
}

/** Reads the server's answer; throws an error naming the malformed place. */
export function parseTestRun(answer: unknown): TestRun {
  const root = answerNode(answer);
  return {
    tests: root.get("tests").items().map((test) => ({
      name: test.get("name").string(),
      passed: test.get("passed").boolean(),
      message: test.get("message").optionalString() ?? "",
    })),
    uncoveredRules: root.get("uncoveredRules").optionalItems().map((rule) => rule.string()),
  };
}

export function countOutcomes(run: TestRun): { passed: number; failed: number } {
  const passed = run.tests.filter((t) => t.passed).length;
  return { passed, failed: run.tests.length - passed };
}

/** `✓ name` / `✗ name` with the failure's message indented under it, then untested rules and the totals. */
export function formatTestRun(run: TestRun, policy: string): string[] {
  const lines: string[] = [`Tests of ${policy}`, ""];
  if (run.tests.length === 0) {
    lines.push("  no tests in this file");
  }
  for (const test of run.tests) {
    lines.push(`  ${test.passed ? "✓" : "✗"} ${test.name}`);
    if (!test.passed && test.message !== "") {
      lines.push(...test.message.split(/\r?\n/).map((line) => `      ${line}`));
    }
  }
  if (run.uncoveredRules.length > 0) {
    lines.push("", `Rules no test exercises (${run.uncoveredRules.length}):`, ...run.uncoveredRules.map((rule) => `  ${rule}`));
  }
  const { passed, failed } = countOutcomes(run);
  lines.push("", `${failed === 0 ? "PASSED" : "FAILED"}: ${passed} passed, ${failed} failed`);
  return lines;
}
