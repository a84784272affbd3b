// A small stand-in for the `vscode` module, enough to run the extension's activate() under Node's
// test runner. The unit tests bundle src/extension.ts with esbuild's alias `vscode` -> this file,
// and read the state recorded here. Only what the extension uses is here.

export interface Disposable {
  dispose(): unknown;
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

/** Every output channel the extension made, with how often it was shown. */
export const channels: { name: string; shown: number; lines: string[] }[] = [];
/** Every status-bar item the extension made. */
export const statusItems: { name?: string; text: string; tooltip?: string; command?: string | { command: string; arguments?: unknown[] } }[] = [];
/** Every warning and error message shown, with its buttons. */
export const messages: { text: string; items: string[] }[] = [];
/** Commands run through executeCommand that the extension had not registered. */
export const externalCommands: { id: string; args: unknown[] }[] = [];
/** The user's settings, by full key ("cmLint.path"). */
export const settings = new Map<string, unknown>();

const registered = new Map<string, (...args: unknown[]) => unknown>();
const configListeners: ((event: { affectsConfiguration(section: string): boolean }) => unknown)[] = [];

/** Forgets everything recorded, so that each test starts from a fresh window. */
export function reset(): void {
  channels.length = 0;
  statusItems.length = 0;
  messages.length = 0;
  externalCommands.length = 0;
  settings.clear();
  registered.clear();
  configListeners.length = 0;
}

/** Changes settings as the user would, then fires onDidChangeConfiguration for them. */
export async function changeSettings(changes: Record<string, unknown>): Promise<void> {
  for (const [key, value] of Object.entries(changes)) {
    settings.set(key, value);
  }
  const keys = Object.keys(changes);
  const event = {
    affectsConfiguration: (section: string) => keys.some((key) => key === section || key.startsWith(`${section}.`)),
  };
  for (const listener of [...configListeners]) {
    await listener(event);
  }
}

function disposable(): Disposable {
  return { dispose() {} };
}

export const window = {
  createOutputChannel(name: string, _options?: unknown) {
    const channel = { name, shown: 0, lines: [] as string[] };
    channels.push(channel);
    const log = (message: string) => channel.lines.push(message);
    return {
      name,
      show: () => {
        channel.shown += 1;
      },
      appendLine: log,
      append: log,
      info: log,
      warn: log,
      error: log,
      trace: log,
      debug: log,
      clear() {},
      hide() {},
      dispose() {},
    };
  },
  createStatusBarItem(_alignment?: StatusBarAlignment, _priority?: number) {
    const item = { name: undefined as string | undefined, text: "", tooltip: undefined as string | undefined, command: undefined, show() {}, hide() {}, dispose() {} };
    statusItems.push(item);
    return item;
  },
  showWarningMessage(text: string, ...items: string[]) {
    messages.push({ text, items });
    return Promise.resolve(undefined);
  },
  showErrorMessage(text: string, ...items: string[]) {
    messages.push({ text, items });
    return Promise.resolve(undefined);
  },
};

export const workspace = {
  getConfiguration(section: string) {
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        const full = `${section}.${key}`;
        return settings.has(full) ? (settings.get(full) as T) : fallback;
      },
    };
  },
  onDidChangeConfiguration(listener: (event: { affectsConfiguration(section: string): boolean }) => unknown): Disposable {
    configListeners.push(listener);
    return {
      dispose() {
        const i = configListeners.indexOf(listener);
        if (i >= 0) configListeners.splice(i, 1);
      },
    };
  },
  createFileSystemWatcher(_glob: string) {
    return disposable();
  },
};

export const commands = {
  registerCommand(id: string, callback: (...args: unknown[]) => unknown): Disposable {
    registered.set(id, callback);
    return { dispose: () => registered.delete(id) };
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    const callback = registered.get(id);
    if (callback) {
      return callback(...args);
    }
    externalCommands.push({ id, args });
    return undefined;
  },
};
