// What the .vsix holds, and that its licence is the workspace's (run by `npm test`).

import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

// The tests run from editors/vscode (npm test's folder).
const extension = process.cwd();
const workspace = join(extension, "..", "..");

test("the .vsix holds the bundle, the readme and the licences, and nothing else", () => {
  const vsce = join(extension, "node_modules", "@vscode", "vsce", "vsce");
  const listed = execFileSync(process.execPath, [vsce, "ls", "--no-dependencies"], { cwd: extension, encoding: "utf8" });
  const files = listed.split("\n").map((line) => line.trim()).filter((line) => line !== "").sort();
  assert.deepEqual(files, ["LICENSE", "LICENSE-APACHE", "LICENSE-MIT", "README.md", "dist/extension.js", "package.json"]);
  assert.ok(!files.includes(".gitignore"));
});

test("the extension's licence is the workspace's", () => {
  const manifest = JSON.parse(readFileSync(join(extension, "package.json"), "utf8")) as { license: string };
  const cargo = readFileSync(join(workspace, "Cargo.toml"), "utf8");
  const workspaceLicence = /\[workspace\.package\][^[]*?\nlicense = "([^"]+)"/.exec(cargo)?.[1];
  assert.equal(workspaceLicence, "MIT OR Apache-2.0");
  assert.equal(manifest.license, workspaceLicence);
  for (const file of ["LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.equal(readFileSync(join(extension, file), "utf8"), readFileSync(join(workspace, file), "utf8"), file);
  }
});
