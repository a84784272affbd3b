// The mapping from VS Code settings to what the cm-lint server receives. No `vscode` import
// here, so that it can be unit-tested with Node's own test runner.

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
