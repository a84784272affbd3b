// Unit tests for the settings mapping, run with Node's test runner.

import { strict as assert } from "node:assert";
import { test } from "node:test";

import { findExecutable, serverCommand, startFailedMessage, toServerSettings } from "../src/settings";

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

test("a name is looked up on PATH, in order", () => {
  const files = new Set(["/opt/b/cm-lint", "/usr/bin/cm-lint"]);
  const exists = (p: string) => files.has(p);
  assert.equal(findExecutable("cm-lint", { PATH: "/opt/a:/opt/b:/usr/bin" }, "linux", exists), "/opt/b/cm-lint");
  assert.equal(findExecutable("cm-lint", { PATH: "/opt/a/:/usr/bin/" }, "linux", exists), "/usr/bin/cm-lint");
  assert.equal(findExecutable("cm-lint", { PATH: "/opt/a" }, "linux", exists), undefined);
  assert.equal(findExecutable("cm-lint", {}, "linux", exists), undefined);
});

test("an absolute path is checked as it is; a relative one is left to the server's folder", () => {
  const exists = (p: string) => p === "/home/me/.cargo/bin/cm-lint";
  assert.equal(findExecutable("/home/me/.cargo/bin/cm-lint", {}, "linux", exists), "/home/me/.cargo/bin/cm-lint");
  assert.equal(findExecutable("/nonexistent/cm-lint", {}, "linux", exists), undefined);
  assert.equal(findExecutable("./bin/cm-lint", {}, "linux", exists), "./bin/cm-lint");
});

test("on Windows, PATHEXT and Path are used", () => {
  const exists = (p: string) => p === "C:\\tools\\cm-lint.EXE";
  const env = { Path: "C:\\other;C:\\tools", PATHEXT: ".COM;.EXE" };
  assert.equal(findExecutable("cm-lint", env, "win32", exists), "C:\\tools\\cm-lint.EXE");
  assert.equal(findExecutable("C:\\tools\\cm-lint", {}, "win32", exists), "C:\\tools\\cm-lint.EXE");
});

test("the start-failure message says how to install cm-lint and how to set cmLint.path", () => {
  for (const message of [
    startFailedMessage("cm-lint", "missing"),
    startFailedMessage("/bin/false", "failed", "Connection to server got closed"),
  ]) {
    assert.ok(message.includes("`cargo install --locked --git https://github.com/cm-lint/cm-lint cm-lint`"), message);
    assert.ok(message.includes("cmLint.path"), message);
  }
  assert.match(startFailedMessage("cm-lint", "missing"), /^cm-lint could not find 'cm-lint'\./);
  assert.match(startFailedMessage("/bin/false", "failed", "closed"), /^cm-lint could not start '\/bin\/false' \(closed\)\./);
});
