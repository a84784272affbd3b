// Unit tests for the extension's lifecycle: activate() runs against the stand-ins in test/fake
// (esbuild aliases `vscode` and `vscode-languageclient` to them; see the "test" script).

import { strict as assert } from "node:assert";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, test } from "node:test";

import type * as vscode from "vscode";

import { activate, deactivate } from "../src/extension";
import { clients, CloseAction, notServers, State } from "./fake/languageclient/node";
import * as fake from "./fake/vscode";

// A program that exists (the fake client "starts" any existing file), one that exists but is not a
// language server (its start fails, as /bin/false's would), and a path that does not exist.
const REAL = process.execPath;
const BROKEN = join(mkdtempSync(join(tmpdir(), "cm-lint-test-")), "not-a-server");
writeFileSync(BROKEN, "");
notServers.add(BROKEN);
const MISSING = "/nonexistent/bin/cm-lint";
const INSTALL = "cargo install --locked --git https://github.com/cm-lint/cm-lint cm-lint";

let context: { subscriptions: { dispose(): unknown }[] };

beforeEach(() => {
  fake.reset();
  clients.length = 0;
  context = { subscriptions: [] };
});

afterEach(async () => {
  // What VS Code does on shutdown: deactivate, then dispose every subscription. Nothing may throw.
  await deactivate();
  for (const subscription of context.subscriptions) {
    await subscription.dispose();
  }
});

async function start(path: string): Promise<void> {
  fake.settings.set("cmLint.path", path);
  await activate(context as unknown as vscode.ExtensionContext);
}

test("a missing cm-lint says how to install it and how to set cmLint.path", async () => {
  await start(MISSING);
  assert.equal(clients.length, 0, "no client is started for a program that is not there");
  assert.equal(fake.messages.length, 1);
  const message = fake.messages[0].text;
  assert.ok(message.includes(`could not find '${MISSING}'`), message);
  assert.ok(message.includes(INSTALL), message);
  assert.match(message, /set the setting cmLint\.path to the full path of the cm-lint executable/);
  assert.deepEqual(fake.messages[0].items, ["Open Settings", "Show Output"]);
  const output = fake.channels.find((c) => c.name === "cm-lint");
  assert.ok(output?.lines.some((line) => line.includes(INSTALL)), "the install hint is in the output channel");
  assert.match(fake.statusItems[0].text, /warning/);
});

test("a failed start says what failed, how to install cm-lint and how to set cmLint.path", async () => {
  await start(BROKEN);
  assert.equal(clients.length, 1);
  assert.equal(clients[0].state, State.StartFailed);
  assert.equal(fake.messages.length, 1);
  const message = fake.messages[0].text;
  assert.ok(message.includes(`could not start '${BROKEN}' (Connection to server got closed.`), message);
  assert.ok(message.includes(INSTALL), message);
  assert.match(message, /cmLint\.path/);
});

test("changing cmLint.path after a failed start starts the server anew", async () => {
  await start(BROKEN);
  assert.equal(clients[0].state, State.StartFailed);
  // Before the fix this threw "Client is not running and can't be stopped" and never restarted.
  await fake.changeSettings({ "cmLint.path": REAL });
  assert.equal(clients.length, 2);
  assert.equal(clients[1].serverOptions.command, REAL);
  assert.deepEqual(clients[1].serverOptions.args, ["server"]);
  assert.equal(clients[1].state, State.Running);
  assert.equal(clients[0].started, 1, "the failed client is not started again");
});

test("changing cmLint.path stops the running server, then starts one with the new path", async () => {
  await start(REAL);
  assert.equal(clients[0].state, State.Running);
  await fake.changeSettings({ "cmLint.path": BROKEN });
  assert.equal(clients[0].stopped, 1);
  assert.equal(clients.length, 2);
  await fake.changeSettings({ "cmLint.path": MISSING });
  assert.equal(clients.length, 2);
  await fake.changeSettings({ "cmLint.path": REAL });
  assert.equal(clients.length, 3);
  // The old clients are not restarted; only the newest runs.
  assert.deepEqual(
    clients.map((c) => c.state),
    [State.Stopped, State.StartFailed, State.Running],
  );
  assert.equal(fake.messages.length, 2, "one warning for the broken program, one for the missing one");
});

test("quick successive path changes leave exactly one server, with the last path", async () => {
  await start(REAL);
  await Promise.all([
    fake.changeSettings({ "cmLint.path": BROKEN }),
    fake.changeSettings({ "cmLint.path": REAL }),
    fake.changeSettings({ "cmLint.path": BROKEN }),
    fake.changeSettings({ "cmLint.path": REAL }),
  ]);
  const running = clients.filter((c) => c.state === State.Running);
  assert.equal(running.length, 1);
  assert.equal(running[0], clients[clients.length - 1]);
  assert.equal(running[0].serverOptions.command, REAL);
});

test("other settings reach the running server without a restart", async () => {
  await start(REAL);
  await fake.changeSettings({ "cmLint.rules.ignore": ["CM005"] });
  assert.equal(clients.length, 1);
  assert.deepEqual(clients[0].notifications, [
    {
      method: "workspace/didChangeConfiguration",
      params: { settings: { cmLint: { ignore: ["CM005"], severity: {} } } },
    },
  ]);
});

test("other settings after a failed start do not throw", async () => {
  await start(BROKEN);
  await fake.changeSettings({ "cmLint.rules.ignore": ["CM005"] });
  assert.equal(clients.length, 1);
  assert.deepEqual(clients[0].notifications, []);
});

test("the status-bar item opens cm-lint's own output channel", async () => {
  await start(REAL);
  assert.equal(fake.statusItems.length, 1);
  const item = fake.statusItems[0];
  assert.match(item.text, /cm-lint/);
  assert.ok(item.command, "the status-bar item has a command");
  const command = typeof item.command === "string" ? { command: item.command, arguments: [] } : item.command;
  await fake.commands.executeCommand(command.command, ...(command.arguments ?? []));
  // Before the fix the item ran workbench.action.output.toggleOutput, which shows whichever
  // channel was open last, not cm-lint's.
  assert.deepEqual(fake.externalCommands, []);
  const output = fake.channels.find((c) => c.name === "cm-lint");
  assert.equal(output?.shown, 1);
});

test("the status bar says whether the server runs", async () => {
  await start(BROKEN);
  assert.match(fake.statusItems[0].text, /warning/);
  await fake.changeSettings({ "cmLint.path": REAL });
  assert.match(fake.statusItems[0].text, /check/);
});

test("a server that closes before it ever ran is not restarted; one that crashes later is", async () => {
  await start(BROKEN);
  const failed = clients[0].clientOptions.errorHandler;
  assert.ok(failed, "the client has an error handler");
  assert.deepEqual(failed.closed(), { action: CloseAction.DoNotRestart, handled: true });
  assert.equal(clients[0].clientOptions.initializationFailedHandler?.(new Error("no")), false);
  await fake.changeSettings({ "cmLint.path": REAL });
  assert.deepEqual(clients[1].clientOptions.errorHandler?.closed(), { action: CloseAction.Restart });
});
