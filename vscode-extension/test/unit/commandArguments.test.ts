// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentReference } from "../../src/common/commandArguments";
import { commandsForClientToRegister } from "../../src/language-client/serverCommands";

describe("command arguments", () => {
  it("reads the code lens's document URI", () => {
    assert.deepEqual(documentReference("file:///work/p/a.policy"), { kind: "uri", text: "file:///work/p/a.policy" });
    assert.deepEqual(documentReference("untitled:Untitled-1"), { kind: "uri", text: "untitled:Untitled-1" });
  });

  it("reads file paths, Windows drives included, as paths", () => {
    assert.deepEqual(documentReference("/work/p/a.policy"), { kind: "path", text: "/work/p/a.policy" });
    assert.deepEqual(documentReference("C:\\work\\a.policy"), { kind: "path", text: "C:\\work\\a.policy" });
  });

  it("ignores anything else (the command then uses the active editor)", () => {
    for (const argument of [undefined, null, "", "  ", 42, {}, ["file:///a.policy"]]) {
      assert.equal(documentReference(argument), undefined);
    }
  });
});

describe("server commands the client registers", () => {
  it("leaves the commands the extension contributes to the extension", () => {
    const own = new Set(["policylang.evaluatePolicy", "policylang.runTests", "policylang.restartServer"]);
    assert.deepEqual(commandsForClientToRegister(["policylang.evaluateFile", "policylang.runTests", "policylang.applyFix"], own), [
      "policylang.evaluateFile",
      "policylang.applyFix",
    ]);
    assert.deepEqual(commandsForClientToRegister([], own), []);
  });
});
