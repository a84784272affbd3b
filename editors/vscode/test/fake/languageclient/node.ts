// A stand-in for `vscode-languageclient/node` with the real client's state rules (version 11,
// lib/common/client.js): start() on a missing executable rejects and leaves the client in
// StartFailed; stop() returns at once on a stopped client and throws "Client is not running and
// can't be stopped" unless it is Running; dispose() stops. The unit tests alias `vscode-languageclient` to this folder.

import { existsSync } from "node:fs";

export enum State {
  Stopped = 1,
  Running = 2,
  Starting = 3,
  StartFailed = 4,
}

export enum ErrorAction {
  Continue = 1,
  Shutdown = 2,
}

export enum CloseAction {
  DoNotRestart = 1,
  Restart = 2,
}

export interface ErrorHandler {
  error(error: Error, message: unknown, count: number | undefined): { action: ErrorAction; handled?: boolean };
  closed(): { action: CloseAction; handled?: boolean };
}

export interface ServerOptions {
  command: string;
  args?: string[];
}

export interface LanguageClientOptions {
  errorHandler?: ErrorHandler;
  initializationFailedHandler?: (error: unknown) => boolean;
  [option: string]: unknown;
}

/** Programs that exist but are not language servers: starting them fails. */
export const notServers = new Set<string>();

/** Every client the extension created, oldest first. */
export const clients: LanguageClient[] = [];

export class LanguageClient {
  state: State = State.Stopped;
  started = 0;
  stopped = 0;
  readonly notifications: { method: string; params: unknown }[] = [];
  private readonly listeners: ((event: { oldState: State; newState: State }) => void)[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: ServerOptions,
    readonly clientOptions: LanguageClientOptions,
  ) {
    clients.push(this);
  }

  private setState(newState: State): void {
    const oldState = this.state;
    this.state = newState;
    for (const listener of this.listeners) listener({ oldState, newState });
  }

  onDidChangeState(listener: (event: { oldState: State; newState: State }) => void) {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  }

  isRunning(): boolean {
    return this.state === State.Running;
  }

  async start(): Promise<void> {
    this.started += 1;
    this.setState(State.Starting);
    await Promise.resolve();
    // The real client spawns the command: a path that does not exist fails the start, and so
    // does a program that is not a language server (it exits, or never answers `initialize`).
    const command = this.serverOptions.command;
    if (!existsSync(command)) {
      this.setState(State.StartFailed);
      throw new Error(`spawn ${command} ENOENT`);
    }
    if (notServers.has(command)) {
      this.setState(State.StartFailed);
      throw new Error("Connection to server got closed. Server will not be restarted.");
    }
    this.setState(State.Running);
  }

  async stop(): Promise<void> {
    if (this.state === State.Stopped) {
      return;
    }
    if (this.state !== State.Running) {
      throw new Error(`Client is not running and can't be stopped. It's current state is: ${State[this.state]}`);
    }
    this.stopped += 1;
    this.setState(State.Stopped);
  }

  createDefaultErrorHandler(): ErrorHandler {
    return {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => ({ action: CloseAction.Restart }),
    };
  }

  dispose(): Promise<void> {
    return this.stop();
  }

  async sendNotification(method: string, params: unknown): Promise<void> {
    if (this.state !== State.Running) {
      throw new Error("Client is not running");
    }
    this.notifications.push({ method, params });
  }
}
