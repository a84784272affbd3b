#!/usr/bin/env bash
# The mutation tier (#14): cargo-mutants (from the Rust package registry) breaks the code on
# purpose, one change at a time, and runs the tests of the crate it changed; a change no test
# notices is a survivor.
#
#   .ci/mutants.sh            the code that edits a user's text: the fix and report writers
#                             (crates/cli/fix.rs) and the engine's applying of fixes
#                             (apply_fixes, apply_tracked, Linter::fix). Every mutant must be
#                             caught: a survivor fails the run.
#   .ci/mutants.sh --report   also the front ends' conversions and code actions (crates/lsp) and
#                             the output formats (crates/cli/output), listing their survivors
#                             without failing.
#
# Not part of .ci/run: it rebuilds the crate for every mutant (about 10 minutes for the strict
# scope on 2 cores, an hour or more with --report). It runs weekly and by hand in CI
# (.github/workflows/mutants.yml). Results: target/mutants/<scope>/mutants.out.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v cargo-mutants >/dev/null 2>&1; then
  cargo install --quiet --locked cargo-mutants@27.1.0
fi
out=target/mutants
mkdir -p "$out"
status=0
strict() {
  local name=$1
  shift
  if ! cargo mutants --no-shuffle -j1 --timeout 300 -o "$out/$name" "$@"; then
    echo "mutants: $name: survivors (must be none):" >&2
    cat "$out/$name/mutants.out/missed.txt" >&2 || true
    status=1
  fi
}
# The fix and report writers; same_file_elsewhere is compiled only where there is no inode.
strict writers --file crates/cli/fix.rs --exclude-re 'same_file_elsewhere'
strict engine-fixes --workspace --file crates/lint/src/lib.rs --re 'apply_fixes|apply_tracked|Linter::fix'
if [ "${1:-}" = "--report" ]; then
  cargo mutants --no-shuffle -j1 --timeout 300 -o "$out/front-ends" --workspace \
    --file crates/lsp/src/convert.rs --file 'crates/cli/output/*.rs' \
    --file crates/lsp/src/server.rs --re 'code_action|quick_fix|fix_all|disable|TextEdit|to_lsp' || true
  echo "mutants: front ends: survivors (reported, not failing):"
  cat "$out/front-ends/mutants.out/missed.txt" 2>/dev/null || true
fi
exit "$status"
