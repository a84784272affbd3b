// The VS Code extension: starts `cm-lint server` for Markdown, plain text and HTML, passes the
// settings on, restarts the server when cmLint.path changes, and shows the server's state in the
// status bar (a click shows cm-lint's output).

import * as vscode from "vscode";
import {
  CloseAction,
  ErrorHandler,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from "vscode-languageclient/node";

import { findExecutable, LANGUAGES, RawSettings, serverCommand, startFailedMessage, toServerSettings } from "./settings";

/** Shows cm-lint's output channel; the status-bar item runs it. */
export const SHOW_OUTPUT_COMMAND = "cmLint.showOutput";
/** Stops the server and starts it again with the current settings. */
export const RESTART_COMMAND = "cmLint.restart";
/** A server that has not answered `initialize` by then counts as failed. */
const START_TIMEOUT_MS = 30_000;

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;
let output: vscode.LogOutputChannel | undefined;
let watcher: vscode.FileSystemWatcher | undefined;
// Starts and stops run one at a time, in the order asked: a second change of cmLint.path waits
// for the first restart instead of meeting a client that is still starting.
let queue: Promise<void> = Promise.resolve();

function serialized(task: () => Promise<void>): Promise<void> {
  queue = queue.then(task).catch((error: unknown) => output?.error(`cm-lint: ${String(error)}`));
  return queue;
}

function readSettings(): RawSettings {
  const config = vscode.workspace.getConfiguration("cmLint");
  return {
    path: config.get("path"),
    rules: { select: config.get("rules.select"), ignore: config.get("rules.ignore"), severity: config.get("rules.severity") },
  };
}

function showState(running: boolean, problem?: string): void {
  if (!status) {
    return;
  }
  status.text = running ? "$(check) cm-lint" : "$(warning) cm-lint";
  status.tooltip = `${running ? "cm-lint is running" : (problem ?? "cm-lint is not running")}. Click to show its output.`;
}

/** Says why the server is not running, in the output channel and in a warning with two buttons. */
function reportStartFailure(message: string): void {
  output?.error(message);
  showState(false, message);
  void vscode.window.showWarningMessage(message, "Open Settings", "Show Output").then((choice) => {
    if (choice === "Open Settings") {
      void vscode.commands.executeCommand("workbench.action.openSettings", "cmLint.path");
    } else if (choice === "Show Output") {
      output?.show(true);
    }
  });
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function stopClient(): Promise<void> {
  const old = client;
  client = undefined;
  // Only a running client can be stopped: vscode-languageclient throws "Client is not running and
  // can't be stopped" for one whose start failed, and such a client has nothing left to stop.
  if (old?.isRunning()) {
    try {
      await old.stop();
    } catch (error) {
      output?.warn(`cm-lint: stopping the server failed: ${errorText(error)}`);
    }
  }
}

/** Always a new client: vscode-languageclient does not start a client again after a failed start. */
async function startClient(): Promise<void> {
  const settings = readSettings();
  const { command, args } = serverCommand(settings);
  if (findExecutable(command) === undefined) {
    reportStartFailure(startFailedMessage(command, "missing"));
    return;
  }
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: toServerSettings(settings),
    outputChannel: output,
    synchronize: watcher ? { fileEvents: watcher } : undefined,
    // A start that fails is reported once, by reportStartFailure, and not retried: the library
    // would otherwise restart a program that is not a server four times, with a notification each.
    initializationFailedHandler: (error) => {
      output?.error(`cm-lint: the server did not initialize: ${errorText(error)}`);
      return false;
    },
    errorHandler: {
      error: (error, message, count) => fallback().error(error, message, count),
      closed: () => (ran ? fallback().closed() : { action: CloseAction.DoNotRestart, handled: true }),
    },
  };
  // After a first successful start, a crash restarts the server as the library does by default.
  let ran = false;
  let defaultHandler: ErrorHandler | undefined;
  const fallback = () => (defaultHandler ??= next.createDefaultErrorHandler());
  const next = new LanguageClient("cmLint", "cm-lint", serverOptions, clientOptions);
  client = next;
  next.onDidChangeState((event) => {
    ran ||= event.newState === State.Running;
    if (client === next) {
      showState(event.newState === State.Running);
    }
  });
  const starting = next.start();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
  });
  try {
    await Promise.race([starting, timeout]);
  } catch (error) {
    // A server that answers after all, once it has been replaced, is stopped.
    void starting
      .then(async () => {
        if (client !== next && next.isRunning()) {
          await next.stop();
        }
      })
      .catch(() => undefined);
    if (client === next) {
      reportStartFailure(startFailedMessage(command, "failed", errorText(error)));
    }
  } finally {
    clearTimeout(timer);
  }
}

function restart(): Promise<void> {
  return serialized(async () => {
    await stopClient();
    await startClient();
  });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  queue = Promise.resolve();
  output = vscode.window.createOutputChannel("cm-lint", { log: true });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = "cm-lint";
  status.text = "$(sync~spin) cm-lint";
  status.command = SHOW_OUTPUT_COMMAND;
  status.show();
  watcher = vscode.workspace.createFileSystemWatcher("**/{cm-lint,.cm-lint}.toml");
  const shown = output;
  context.subscriptions.push(
    output,
    status,
    watcher,
    vscode.commands.registerCommand(SHOW_OUTPUT_COMMAND, () => shown.show(true)),
    vscode.commands.registerCommand(RESTART_COMMAND, () => restart()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration("cmLint")) {
        return undefined;
      }
      if (event.affectsConfiguration("cmLint.path")) {
        return restart();
      }
      return serialized(async () => {
        if (client?.isRunning()) {
          await client.sendNotification("workspace/didChangeConfiguration", {
            settings: { cmLint: toServerSettings(readSettings()) },
          });
        }
      });
    }),
  );
  await restart();
}

export function deactivate(): Promise<void> {
  return serialized(stopClient);
}
