// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countOutcomes, formatTestRun, parseTestRun } from "../../src/features/tests/testResults";

const answer = {
  tests: [
    { name: "privileged containers are denied", passed: true, message: "" },
    { name: "the registry list is a parameter", passed: false, message: "expected deny allowed_registry\nactual: no findings" },
    { name: "no message", passed: true },
  ],
  uncoveredRules: ["examples.workloads.memory_limits"],
};

describe("the runTests answer", () => {
  it("reads tests and untested rules", () => {
    const run = parseTestRun(answer);
    assert.equal(run.tests.length, 3);
    assert.deepEqual(run.tests[1], { name: "the registry list is a parameter", passed: false, message: "expected deny allowed_registry\nactual: no findings" });
    assert.equal(run.tests[2]?.message, "");
    assert.deepEqual(run.uncoveredRules, ["examples.workloads.memory_limits"]);
    assert.deepEqual(countOutcomes(run), { passed: 2, failed: 1 });
  });

  it("reads the answer as JSON text too, and without uncoveredRules", () => {
    assert.deepEqual(parseTestRun(JSON.stringify(answer)), parseTestRun(answer));
    assert.deepEqual(parseTestRun({ tests: [] }).uncoveredRules, []);
  });

  it("names the malformed place", () => {
    assert.throws(() => parseTestRun({ tests: [{ name: "t", passed: "yes" }] }), { message: "tests[0].passed is a string, expected a boolean" });
    assert.throws(() => parseTestRun({}), { message: "tests is missing (expected an array)" });
    assert.throws(() => parseTestRun({ tests: [], uncoveredRules: [1] }), { message: "uncoveredRules[0] is a number, expected a string" });
  });

  it("reports each test, failures with their message, untested rules and the totals", () => {
    assert.deepEqual(formatTestRun(parseTestRun(answer), "/p/workloads.policy"), [
      "Tests of /p/workloads.policy",
      "",
      "  ✓ privileged containers are denied",
      "  ✗ the registry list is a parameter",
      "      expected deny allowed_registry",
      "      actual: no findings",
      "  ✓ no message",
      "",
      "Rules no test exercises (1):",
      "  examples.workloads.memory_limits",
      "",
      "FAILED: 2 passed, 1 failed",
    ]);
  });

  it("says when a file has no tests", () => {
    assert.deepEqual(formatTestRun({ tests: [], uncoveredRules: [] }, "p"), ["Tests of p", "", "  no tests in this file", "", "PASSED: 0 passed, 0 failed"]);
  });
});
