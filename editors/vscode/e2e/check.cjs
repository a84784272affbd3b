// The extension's end-to-end checks in a real VS Code (code-server in headless Chromium, driven by
// playwright-core). .ci/vscode-e2e.sh installs everything, starts code-server on a workspace holding
// doc.md, and runs this with:
//   CS_URL       the workbench URL (with ?folder=)
//   SETTINGS     the user settings.json (rewritten here to change cmLint.path)
//   CM_LINT_BIN  the cm-lint binary the settings point at
//   SHOTS        a folder for screenshots
//   CHROMIUM     the browser binary
// Prints one line per check and exits non-zero when any failed.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { chromium } = require("playwright-core");

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const URL = env("CS_URL");
const SETTINGS = env("SETTINGS");
const BINARY = env("CM_LINT_BIN");
const SHOTS = env("SHOTS");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const MISSING = "/nonexistent/cm-lint";
const INSTALL = "cargo install --locked --git https://github.com/cm-lint/cm-lint cm-lint";

const results = [];
let page;

/** Runs one named check; a failure is recorded (with a screenshot) and the run goes on. */
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${error && error.message ? error.message.split("\n")[0] : error}`);
    const file = `fail-${results.length}-${name.replace(/[^a-z0-9]+/gi, "-")}.png`;
    await page.screenshot({ path: path.join(SHOTS, file) }).catch(() => {});
  }
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Polls `probe` until `accept` takes its value, or throws with the last value seen. */
async function until(what, probe, accept, timeout = 20000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await probe();
    if (accept(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(`${what}; last seen: ${JSON.stringify(last).slice(0, 600)}`);
    }
    await page.waitForTimeout(250);
  }
}

/** The Problems panel's rows: accessible label (severity, message, line, source) || visible text. */
function problems() {
  return page.$$eval(".markers-panel .monaco-list-row", (rows) =>
    rows.map((row) => `${row.getAttribute("aria-label") || ""} || ${row.textContent.replace(/\s+/g, " ")}`),
  );
}

const fromCmLint = (rows) => rows.filter((row) => /CM0\d\d/.test(row));

/** The editor's text lines, in order (the view reuses its line elements, so sort by position). */
function editorLines() {
  return page.$$eval(".part.editor .editor-instance .view-lines .view-line", (lines) =>
    lines
      .map((line) => ({ top: parseFloat(line.style.top) || 0, text: line.textContent.replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text),
  );
}

function squiggles() {
  return page.locator(".part.editor .squiggly-warning, .part.editor .squiggly-error, .part.editor .squiggly-info").count();
}

/** The channel the Output panel shows (undefined while the panel is hidden). */
function selectedChannel() {
  return page.$$eval(".part.panel select.monaco-select-box", (boxes) => {
    const box = boxes.find((b) => b.offsetParent !== null);
    return box ? box.options[box.selectedIndex]?.textContent : undefined;
  });
}

function statusItem() {
  return page.locator(".statusbar-item", { hasText: /^\s*cm-lint\s*$/ }).first();
}

async function statusIcon() {
  const classes = await statusItem().locator(".codicon").first().getAttribute("class").catch(() => "");
  return /codicon-check/.test(classes) ? "running" : /codicon-warning/.test(classes) ? "warning" : classes;
}

/** The messages of the notifications, in the toasts and in the notification centre. */
function notifications() {
  return page.$$eval(".notification-list-item-message", (items) => items.map((item) => item.textContent.replace(/\s+/g, " ").trim()));
}

async function clearNotifications() {
  await runCommand("Notifications: Clear All Notifications");
}

/** Runs a command from the command palette by its exact title. */
async function runCommand(title) {
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+Shift+P");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 10000 });
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-widget .monaco-list-row").filter({
    has: page.locator(".label-name", { hasText: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }),
  });
  try {
    await row.first().click({ timeout: 10000 });
  } catch {
    const seen = await page.locator(".quick-input-widget .monaco-list-row .label-name").allTextContents();
    throw new Error(`no command '${title}' in the palette; it lists ${JSON.stringify(seen)}`);
  }
}

/** Opens doc.md (again) in the editor. */
async function openDoc() {
  await page.keyboard.press("Escape");
  const tab = page.locator(".tabs-container .tab", { hasText: "doc.md" });
  if ((await tab.count()) > 0) {
    await tab.first().click();
    await until("doc.md is the active editor", () => page.locator(".tabs-container .tab.active", { hasText: "doc.md" }).count(), (n) => n > 0, 5000);
    return;
  }
  await page.keyboard.press("Control+P");
  await page.locator(".quick-input-widget input").waitFor({ state: "visible" });
  await page.keyboard.type("doc.md");
  await page.locator(".quick-input-widget .monaco-list-row", { hasText: "doc.md" }).first().waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".part.editor .editor-instance .view-lines").first().waitFor();
}

/** Puts the cursor at line:column (1-based) in the open editor. */
async function goTo(line, column) {
  await page.locator(".part.editor .editor-instance .view-lines").first().click();
  await page.keyboard.press("Control+G");
  await page.locator(".quick-input-widget input").waitFor({ state: "visible", timeout: 10000 });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
}

/** Sets cmLint.path as a user does: in the Settings editor, which writes the user settings.json. */
async function setPath(value) {
  await runCommand("Preferences: Open User Settings");
  const editor = page.locator(".settings-editor");
  await editor.waitFor({ state: "visible", timeout: 15000 });
  await page.waitForTimeout(500);
  await page.locator(".settings-editor .settings-header .monaco-editor textarea").first().focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("cmLint.path");
  const input = page.locator('.settings-editor .setting-item-contents:has(.setting-item-label:text-is("Path")) input').first();
  await input.waitFor({ state: "visible", timeout: 15000 });
  await input.fill(value);
  // The Settings editor writes after a short pause; wait until the file says so.
  await until(`settings.json sets cmLint.path to ${value}`, () => readPath(), (path) => path === value, 10000);
  await openDoc();
  await runCommand("Notifications: Show Notifications");
}

function readPath() {
  try {
    return JSON.parse(fs.readFileSync(SETTINGS, "utf8"))["cmLint.path"];
  } catch {
    return undefined;
  }
}

async function showProblems() {
  await runCommand("Problems: Focus on Problems View");
  // (A busy machine can take longer than ten seconds to open a panel.)
  await page.locator(".markers-panel").waitFor({ state: "visible", timeout: 30000 });
}

async function main() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] });
  try {
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(20000);
    await page.goto(URL);
    await page.waitForSelector(".monaco-workbench", { timeout: 90000 });
    await page.waitForSelector(".explorer-folders-view .monaco-list-row", { timeout: 90000 });

    await check("diagnostics on open", async () => {
      await openDoc();
      await until("squiggles under 'coaching' (line 3) and 'mentoring' (line 5)", squiggles, (n) => n >= 2, 60000);
      await showProblems();
      const rows = await until(
        "CM003, CM004 and CM005 in the Problems panel",
        problems,
        (rows) => ["CM003", "CM004", "CM005"].every((code) => rows.some((row) => row.includes(code))),
      );
      console.log(`     problems: ${fromCmLint(rows).length} from cm-lint`);
      await page.screenshot({ path: path.join(SHOTS, "1-open.png") });
    });

    await check("the status bar shows cm-lint running", async () => {
      await until("a cm-lint status-bar item with a check mark", statusIcon, (icon) => icon === "running");
    });

    await check("diagnostics after an edit", async () => {
      await page.locator(".part.editor .editor-instance .view-lines").first().click();
      await page.keyboard.press("Control+End");
      await page.keyboard.press("Enter");
      // A point line 3 does not make (a duration, not a method): its own finding. The same
      // point again would be listed under line 3's finding as a repeat.
      await page.keyboard.type("A coach stays with you for years.");
      await until("line 7 holds the typed sentence", editorLines, (lines) => lines[6] === "A coach stays with you for years.");
      await until(
        "a CM003 for 'coach' on line 7 in the Problems panel",
        problems,
        (rows) => rows.some((row) => row.includes("'coach' is described as mentoring") && row.includes("at line 7 ")),
      );
    });

    await check("hover", async () => {
      await page.mouse.move(5, 5);
      // The squiggle under 'coaching' on line 3 (the view orders its decorations freely).
      const box = await page.evaluate(() => {
        const lines = [...document.querySelectorAll(".part.editor .editor-instance .view-lines .view-line")]
          .map((line) => line.getBoundingClientRect())
          .sort((a, b) => a.top - b.top);
        const line3 = lines[2];
        const squiggle = [...document.querySelectorAll(".part.editor .squiggly-warning")]
          .map((s) => s.getBoundingClientRect())
          .find((r) => line3 && r.top + r.height / 2 > line3.top && r.top + r.height / 2 < line3.bottom);
        return squiggle ? { x: squiggle.x, y: squiggle.y, width: squiggle.width, height: squiggle.height } : null;
      });
      expect(box, "no squiggle on line 3 to hover");
      await page.mouse.move(box.x + 2, box.y + box.height / 2);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const hover = page.locator(".monaco-hover:visible", { hasText: "cm-lint explain" }).first();
      await hover.waitFor({ timeout: 15000 });
      const text = (await hover.innerText()).replace(/\s+/g, " ");
      console.log(`     hover: ${text.slice(0, 160)}...`);
      expect(/CM003 coaching-described-as-mentoring/.test(text), `the hover lacks the CM003 rule: ${text}`);
      expect(/cm-lint explain CM003/.test(text), `the hover lacks 'cm-lint explain CM003': ${text}`);
      expect(text.includes("'coaching' is described as mentoring"), `the hover is not about line 3's 'coaching': ${text}`);
      await page.screenshot({ path: path.join(SHOTS, "2-hover.png") });
      await page.mouse.move(5, 5);
      await page.keyboard.press("Escape");
    });

    await check("quick fix", async () => {
      await goTo(3, 6);
      await page.keyboard.press("Control+Period");
      const menu = page.locator(".action-widget .monaco-list-row");
      await menu.first().waitFor({ timeout: 15000 });
      const wanted = /Replace 'coaching' with 'mentoring'/;
      const titles = await until("the quick fix 'Replace 'coaching' with 'mentoring''", () => menu.allInnerTexts(), (t) =>
        t.some((title) => wanted.test(title)),
      );
      console.log(`     offered: ${JSON.stringify(titles)}`);
      await page.screenshot({ path: path.join(SHOTS, "3-quick-fix.png") });
      // The menu takes the keyboard: move the focus to the fix, then apply it.
      for (let i = 0; i < titles.length; i++) {
        const focused = await page.locator(".action-widget .monaco-list-row.focused").innerText().catch(() => "");
        if (wanted.test(focused)) break;
        await page.keyboard.press("ArrowDown");
      }
      await page.keyboard.press("Enter");
      const lines = await until(
        "line 3 reads 'Our mentoring programme ...' and nothing else changed",
        editorLines,
        (lines) => lines[2] === "Our mentoring programme pairs each new hire with a senior leader who shares advice from their own career.",
      );
      expect(lines[4] === "Join the mentoring programme: a structured 12-week engagement with fixed goals.", `line 5 changed: ${lines[4]}`);
      expect(lines[6] === "A coach stays with you for years.", `line 7 changed: ${lines[6]}`);
      await until(
        "the fixed finding leaves the Problems panel, the one on line 7 stays",
        problems,
        (rows) => !rows.some((row) => row.includes("'coaching' is described as mentoring")) && rows.some((row) => row.includes("'coach' is described as mentoring")),
      );
      await page.screenshot({ path: path.join(SHOTS, "4-fixed.png") });
    });

    await check("the status-bar item opens cm-lint's output", async () => {
      // Show another channel first, then hide the panel: the item must bring back cm-lint's, not
      // whichever channel was open last.
      await runCommand("Output: Focus on Output View");
      const select = page.locator(".part.panel select.monaco-select-box").first();
      await select.waitFor({ state: "attached", timeout: 10000 });
      const channels = await select.locator("option").allTextContents();
      const other = channels.find((name) => name !== "" && !/cm-lint/.test(name) && !/^[─-]+$/.test(name));
      expect(other, `no other output channel to switch to: ${JSON.stringify(channels)}`);
      await select.selectOption({ label: other });
      await until(`the Output panel shows '${other}'`, () => selectedChannel(), (name) => name === other, 5000);
      await runCommand("View: Toggle Panel Visibility");
      await until("the panel is hidden", () => selectedChannel(), (name) => name === undefined, 5000);
      await statusItem().click();
      await until("the Output panel shows the 'cm-lint' channel", () => selectedChannel(), (name) => name === "cm-lint", 10000);
      console.log(`     output: switched from '${other}' to 'cm-lint'`);
      await page.screenshot({ path: path.join(SHOTS, "5-output.png") });
    });

    await check("cmLint.path set to a missing file: a warning that says how to install", async () => {
      await clearNotifications();
      await setPath(MISSING);
      const shown = await until(
        "a warning naming the path and the install command",
        notifications,
        (items) => items.some((item) => item.includes(MISSING) && item.includes(INSTALL) && item.includes("cmLint.path")),
      );
      console.log(`     warning: ${shown.find((item) => item.includes(INSTALL))}`);
      await until("the status bar shows a warning", statusIcon, (icon) => icon === "warning");
      await showProblems();
      await until("the stopped server's findings are cleared", problems, (rows) => fromCmLint(rows).length === 0);
      await page.screenshot({ path: path.join(SHOTS, "6-missing.png") });
    });

    await check("cmLint.path set to a program that is not a server: a failed start, reported", async () => {
      await clearNotifications();
      await setPath("/bin/false");
      await until(
        "a warning that cm-lint could not start '/bin/false'",
        notifications,
        (items) => items.some((item) => item.includes("could not start '/bin/false'") && item.includes(INSTALL)),
        30000,
      );
      await until("the status bar shows a warning", statusIcon, (icon) => icon === "warning");
    });

    await check("cmLint.path set back to cm-lint: the server restarts and diagnostics come back", async () => {
      await setPath(BINARY);
      await showProblems();
      const rows = await until(
        "cm-lint's findings back in the Problems panel",
        problems,
        (rows) => rows.some((row) => row.includes("'coach' is described as mentoring")),
        30000,
      );
      console.log(`     problems: ${fromCmLint(rows).length} from cm-lint`);
      await until("the status bar shows cm-lint running", statusIcon, (icon) => icon === "running");
      await openDoc();
      await until("squiggles again", squiggles, (n) => n >= 1);
      await page.screenshot({ path: path.join(SHOTS, "7-restarted.png") });
    });
  } finally {
    await browser.close();
  }
  const failed = results.filter((r) => !r.ok);
  console.log(`vscode e2e checks: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exitCode = failed.length === 0 && results.length > 0 ? 0 : 1;
}

main().catch((error) => {
  console.error(`vscode e2e: ${error && error.stack ? error.stack : error}`);
  process.exit(1);
});
