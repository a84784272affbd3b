// Unit tests for the settings mapping, run with Node's test runner.

import { strict as assert } from "node:assert";
import { test } from "node:test";

import { serverCommand, toServerSettings } from "../src/settings";

test("empty settings send every rule at default severity", () => {
  assert.deepEqual(toServerSettings(undefined), { ignore: [], severity: {} });
});

test("select, ignore and severity are passed on, cleaned", () => {
  const settings = toServerSettings({
    rules: { select: ["CM001", " CM003 ", "", 7], ignore: ["CM005"], severity: { cm003: "Error", CM001: "fatal" } },
  });
  assert.deepEqual(settings, { select: ["CM001", "CM003"], ignore: ["CM005"], severity: { CM003: "error" } });
});

test("wrong types are dropped", () => {
  assert.deepEqual(toServerSettings({ rules: { select: "CM001", ignore: { a: 1 }, severity: ["x"] } }), {
    ignore: [],
    severity: {},
  });
});

test("the server command defaults to cm-lint on PATH", () => {
  assert.deepEqual(serverCommand({}), { command: "cm-lint", args: ["server"] });
  assert.deepEqual(serverCommand({ path: " /opt/cm-lint " }), { command: "/opt/cm-lint", args: ["server"] });
});
