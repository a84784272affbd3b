#!/usr/bin/env bash
# Downloads the prebuilt cm-lint of the release named by ACTION_REF (a tag such as v0.2.0) from
# ACTION_REPOSITORY, checks its SHA-256, and puts it on the job's CM_LINT. Fails (and the action
# then builds from source) when the release or the runner's asset is missing.
set -euo pipefail
case "${RUNNER_OS}-${RUNNER_ARCH}" in
  Linux-X64) target=x86_64-unknown-linux-gnu ;;
  Linux-ARM64) target=aarch64-unknown-linux-gnu ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
  *) echo "no prebuilt cm-lint for ${RUNNER_OS}-${RUNNER_ARCH}" >&2; exit 1 ;;
esac
case "$target" in
  *windows*) archive="cm-lint-$target.zip"; exe=cm-lint.exe ;;
  *) archive="cm-lint-$target.tar.gz"; exe=cm-lint ;;
esac
dir="$RUNNER_TEMP/cm-lint-$ACTION_REF"
mkdir -p "$dir"
gh release download "$ACTION_REF" --repo "$ACTION_REPOSITORY" --dir "$dir" --clobber \
  --pattern "$archive" --pattern "$archive.sha256"
(cd "$dir" && sha256sum --check "$archive.sha256")
case "$archive" in
  *.zip) unzip -o -q "$dir/$archive" -d "$dir" ;;
  *) tar -xzf "$dir/$archive" -C "$dir" ;;
esac
echo "CM_LINT=$dir/$exe" >> "$GITHUB_ENV"
