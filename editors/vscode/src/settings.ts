// The mapping from VS Code settings to what the cm-lint server receives. No `vscode` import
// here, so that it can be unit-tested with Node's own test runner.

import { statSync } from "node:fs";

/** The settings under `cmLint` as VS Code returns them (any may be missing). */
export interface RawSettings {
  path?: unknown;
  rules?: { select?: unknown; ignore?: unknown; severity?: unknown };
}

/** What the server reads from initializationOptions and workspace/didChangeConfiguration. */
export interface ServerSettings {
  select?: string[];
  ignore: string[];
  severity: Record<string, string>;
}

const SEVERITIES = new Set(["error", "warning", "info"]);

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) {
    return [];
  }
  return value.filter((v): v is string => typeof v === "string" && v.trim() !== "").map((v) => v.trim());
}

/** The server settings for the user's settings; bad values are dropped, not sent. */
export function toServerSettings(raw: RawSettings | undefined): ServerSettings {
  const select = stringList(raw?.rules?.select);
  const severity: Record<string, string> = {};
  const rawSeverity = raw?.rules?.severity;
  if (rawSeverity && typeof rawSeverity === "object" && !Array.isArray(rawSeverity)) {
    for (const [code, level] of Object.entries(rawSeverity as Record<string, unknown>)) {
      if (typeof level === "string" && SEVERITIES.has(level.toLowerCase())) {
        severity[code.toUpperCase()] = level.toLowerCase();
      }
    }
  }
  return {
    ...(select.length > 0 ? { select } : {}),
    ignore: stringList(raw?.rules?.ignore),
    severity,
  };
}

/** The command that starts the server. */
export function serverCommand(raw: RawSettings | undefined): { command: string; args: string[] } {
  const path = typeof raw?.path === "string" && raw.path.trim() !== "" ? raw.path.trim() : "cm-lint";
  return { command: path, args: ["server"] };
}

/** The languages the extension lints. */
export const LANGUAGES = ["markdown", "plaintext", "html"] as const;

/** How to install cm-lint until a release is published (the README says the same). */
export const INSTALL_COMMAND = "cargo install --locked --git https://github.com/cm-lint/cm-lint cm-lint";

/**
 * Where `command` runs from: a name is looked up on PATH (with PATHEXT on Windows), an absolute
 * path is checked as it is. Undefined when it is not there. A relative path with a folder in it is
 * returned unchecked: it depends on the server's working folder.
 */
export function findExecutable(
  command: string,
  env: Record<string, string | undefined> = process.env,
  platform: string = process.platform,
  exists: (path: string) => boolean = isFile,
): string | undefined {
  const windows = platform === "win32";
  const separator = windows ? ";" : ":";
  const extensions = windows ? ["", ...(env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";").filter((e) => e !== "")] : [""];
  const hasFolder = command.includes("/") || (windows && command.includes("\\"));
  if (isAbsolute(command, windows)) {
    return extensions.map((ext) => command + ext).find(exists);
  }
  if (hasFolder) {
    return command;
  }
  const path = (windows ? (env.Path ?? env.PATH) : env.PATH) ?? "";
  for (const folder of path.split(separator)) {
    if (folder === "") {
      continue;
    }
    const joined = folder.endsWith("/") || folder.endsWith("\\") ? folder + command : `${folder}${windows ? "\\" : "/"}${command}`;
    const found = extensions.map((ext) => joined + ext).find(exists);
    if (found) {
      return found;
    }
  }
  return undefined;
}

function isAbsolute(path: string, windows: boolean): boolean {
  return path.startsWith("/") || (windows && (/^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\\\")));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** What the user reads when the server cannot start: what failed, how to install, what to set. */
export function startFailedMessage(command: string, reason: "missing" | "failed", detail?: string): string {
  const what =
    reason === "missing"
      ? `cm-lint could not find '${command}'`
      : `cm-lint could not start '${command}'${detail ? ` (${detail})` : ""}`;
  return (
    `${what}. Install cm-lint with \`${INSTALL_COMMAND}\`, ` +
    "or set the setting cmLint.path to the full path of the cm-lint executable."
  );
}
