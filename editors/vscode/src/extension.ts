// The VS Code extension: starts `cm-lint server` for Markdown, plain text and HTML, passes the
// settings on, and shows the server's state in the status bar.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State } from "vscode-languageclient/node";

import { LANGUAGES, RawSettings, serverCommand, toServerSettings } from "./settings";

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem | undefined;

function readSettings(): RawSettings {
  const config = vscode.workspace.getConfiguration("cmLint");
  return {
    path: config.get("path"),
    rules: { select: config.get("rules.select"), ignore: config.get("rules.ignore"), severity: config.get("rules.severity") },
  };
}

async function start(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
  const settings = readSettings();
  const { command, args } = serverCommand(settings);
  const serverOptions: ServerOptions = { command, args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: toServerSettings(settings),
    outputChannel: output,
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher("**/{cm-lint,.cm-lint}.toml") },
  };
  client = new LanguageClient("cmLint", "cm-lint", serverOptions, clientOptions);
  client.onDidChangeState((event) => {
    if (status) {
      status.text = event.newState === State.Running ? "$(check) cm-lint" : "$(warning) cm-lint";
      status.tooltip = event.newState === State.Running ? "cm-lint is running" : "cm-lint is not running";
    }
  });
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`cm-lint could not start '${command}': ${String(error)}`);
    void vscode.window.showWarningMessage(`cm-lint could not start '${command}'. Set cmLint.path to the cm-lint executable.`);
  }
  context.subscriptions.push(client);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("cm-lint", { log: true });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.text = "$(sync~spin) cm-lint";
  status.command = "workbench.action.output.toggleOutput";
  status.show();
  context.subscriptions.push(output, status);
  await start(context, output);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration("cmLint") || !client) {
        return;
      }
      if (event.affectsConfiguration("cmLint.path")) {
        await client.stop();
        await start(context, output);
        return;
      }
      await client.sendNotification("workspace/didChangeConfiguration", {
        settings: { cmLint: toServerSettings(readSettings()) },
      });
    }),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
