// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// Reads JSON answers from the language server into typed values, naming the place of anything malformed
// (e.g. `results[0].findings[2].location.line is a string, expected a number`), so that a broken answer is
// reported clearly instead of surfacing as `undefined` somewhere in the UI.

export class JsonShapeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path === "" ? "the answer" : path} ${problem}`);
    this.name = "JsonShapeError";
  }
}

function describe(value: unknown): string {
  if (value === undefined) {
    return "missing";
  }
  if (value === null) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "an array";
  }
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A JSON value at a known path. */
export class JsonNode {
  constructor(
    readonly value: unknown,
    readonly path: string = "",
  ) {}

  private fail(expected: string): never {
    const actual = describe(this.value);
    throw new JsonShapeError(this.path, actual === "missing" ? `is missing (expected ${expected})` : `is ${actual}, expected ${expected}`);
  }

  private childPath(key: string | number): string {
    if (typeof key === "number") {
      return `${this.path}[${key}]`;
    }
    return this.path === "" ? key : `${this.path}.${key}`;
  }

  isAbsent(): boolean {
    return this.value === undefined || this.value === null;
  }

  /** The member `key` of an object (absent members read as undefined). */
  get(key: string): JsonNode {
    if (typeof this.value !== "object" || this.value === null || Array.isArray(this.value)) {
      this.fail("an object");
    }
    return new JsonNode((this.value as Record<string, unknown>)[key], this.childPath(key));
  }

  items(): JsonNode[] {
    if (!Array.isArray(this.value)) {
      this.fail("an array");
    }
    return this.value.map((item, index) => new JsonNode(item, this.childPath(index)));
  }

  /** The elements of an array, or none when the member is absent. */
  optionalItems(): JsonNode[] {
    return this.isAbsent() ? [] : this.items();
  }

  string(): string {
    if (typeof this.value !== "string") {
      this.fail("a string");
    }
    return this.value;
  }

  optionalString(): string | undefined {
    return this.isAbsent() ? undefined : this.string();
  }

  number(): number {
    if (typeof this.value !== "number" || !Number.isFinite(this.value)) {
      this.fail("a number");
    }
    return this.value;
  }

  optionalNumber(): number | undefined {
    return this.isAbsent() ? undefined : this.number();
  }

  boolean(): boolean {
    if (typeof this.value !== "boolean") {
      this.fail("a boolean");
    }
    return this.value;
  }
}

/**
 * The server's answer as a JSON node: an object as sent, or a string holding JSON (a server may pass the CLI's
 * output through unchanged).
 */
export function answerNode(answer: unknown): JsonNode {
  if (typeof answer === "string") {
    try {
      return new JsonNode(JSON.parse(answer) as unknown);
    } catch (error) {
      throw new JsonShapeError("", `is a string that is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return new JsonNode(answer);
}
