#!/usr/bin/env bash
# End-to-end test of the VS Code extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3,
# the last release whose engines accept Node 20) from the npm registry, driven by Debian's headless
# Chromium through playwright-core. The checks are in editors/vscode/e2e/check.cjs.
#
# Needs only the package registries (apt, npm). The installs are cached under target/ci-tools: the
# first run takes 2.5 to 5 minutes (code-server compiles native modules), later ones about 40 s
# plus the cm-lint build. Every step has a time limit, so it cannot hang CI.
# Prints one closing line, "vscode e2e: PASS ..." or "vscode e2e: FAIL ...", and exits non-zero on
# failure.
#
# Environment:
#   CM_LINT_BIN      the cm-lint the extension starts (default: a fresh debug build, target/debug/cm-lint)
#   CM_LINT_VSIX     an already packaged .vsix (default: package editors/vscode now)
#   CM_LINT_E2E_KEEP=1  keep the scratch folder (screenshots, code-server's log) after a pass too
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
t0=$(date +%s)

code_server_version=4.100.3
playwright_version=1.65.1
# code-server 4.100.3 pins @vscode/ripgrep 1.15.11, whose postinstall downloads ripgrep v13.0.0-10
# from GitHub unless the archive is already in its cache folder under $TMPDIR.
ripgrep_package_version=1.15.11
ripgrep_version=v13.0.0-10

tools=$root/target/ci-tools
cs_dir=$tools/code-server-$code_server_version
pw_dir=$tools/playwright-core-$playwright_version
work=$(mktemp -d "${TMPDIR:-/tmp}/cm-lint-vscode-e2e.XXXXXX")
cs_pid=

step() { echo "vscode e2e [$(($(date +%s) - t0))s] $*"; }

finish() {
  local status=$?
  if [ -n "$cs_pid" ]; then
    # code-server runs in its own session (setsid): end its whole process group, which we started.
    kill -TERM -- "-$cs_pid" 2>/dev/null || true
    sleep 1
    kill -KILL -- "-$cs_pid" 2>/dev/null || true
  fi
  local took=$(($(date +%s) - t0))
  if [ "$status" -eq 0 ]; then
    echo "vscode e2e: PASS in ${took}s (code-server $code_server_version)"
    [ "${CM_LINT_E2E_KEEP:-}" = 1 ] && echo "vscode e2e: kept $work" || rm -rf "$work"
  else
    echo "vscode e2e: FAIL (exit $status) after ${took}s; screenshots and logs in $work"
  fi
  exit "$status"
}
trap finish EXIT

# 1. System packages: Chromium, ripgrep (to seed the cache above), and what code-server's native
#    modules (node-pty, kerberos, @vscode/spdlog, native-keymap) compile against.
packages=(chromium ripgrep build-essential pkg-config python3 curl libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  step "apt-get install ${missing[*]}"
  sudo=()
  [ "$(id -u)" -ne 0 ] && sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  timeout 600 "${sudo[@]}" apt-get update -qq
  timeout 600 "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
chromium=$(command -v chromium || command -v chromium-browser)

# 2. code-server from the npm registry, built once and cached.
# A marker written after a complete install, so that an interrupted one is redone.
if [ ! -f "$cs_dir/.installed" ]; then
  step "npm install code-server@$code_server_version (compiles native modules; a few minutes, once)"
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64) rg_target=aarch64-unknown-linux-musl ;;
    *) echo "vscode e2e: no ripgrep archive name known for $(uname -m)" >&2; exit 1 ;;
  esac
  rm -rf "$cs_dir" && mkdir -p "$cs_dir" "$work/tmp/vscode-ripgrep-cache-$ripgrep_package_version" "$work/rg"
  cp "$(command -v rg)" "$work/rg/rg"
  tar -czf "$work/tmp/vscode-ripgrep-cache-$ripgrep_package_version/ripgrep-$ripgrep_version-$rg_target.tar.gz" -C "$work/rg" rg
  echo '{"private": true}' >"$cs_dir/package.json"
  # node-gyp uses the local Node headers instead of downloading them; node-pty's postinstall runs
  # `npx node-gyp`, which npm refuses to fetch unless `yes` is set. code-server's own postinstall
  # refuses to run without --unsafe-perm (npm 11 warns that it no longer knows the option, but
  # still passes it on to the script).
  nodedir=()
  [ -f /usr/include/node/node.h ] && nodedir=(--nodedir=/usr)
  if ! (cd "$cs_dir" && TMPDIR="$work/tmp" npm_config_yes=true timeout 1200 nice npm install --unsafe-perm --no-audit --no-fund \
    "${nodedir[@]}" "code-server@$code_server_version" >"$work/code-server-install.log" 2>&1); then
    tail -n 40 "$work/code-server-install.log"
    rm -rf "$cs_dir"
    exit 1
  fi
  touch "$cs_dir/.installed"
fi
code_server=$cs_dir/node_modules/.bin/code-server

# 3. playwright-core: only the driver; it downloads no browser and drives Debian's Chromium.
if [ ! -f "$pw_dir/.installed" ]; then
  step "npm install playwright-core@$playwright_version"
  rm -rf "$pw_dir" && mkdir -p "$pw_dir" && echo '{"private": true}' >"$pw_dir/package.json"
  (cd "$pw_dir" && timeout 300 npm install --silent --no-audit --no-fund "playwright-core@$playwright_version" >/dev/null)
  touch "$pw_dir/.installed"
fi

# 4. The cm-lint binary and the extension's .vsix, as a user installs it.
if [ -z "${CM_LINT_BIN:-}" ]; then
  step "cargo build --bin cm-lint"
  timeout 1200 nice cargo build --locked --quiet --bin cm-lint
  CM_LINT_BIN=$root/target/debug/cm-lint
fi
[ -x "$CM_LINT_BIN" ] || { echo "vscode e2e: no cm-lint binary at $CM_LINT_BIN" >&2; exit 1; }
if [ -z "${CM_LINT_VSIX:-}" ]; then
  step "package the extension"
  if ! (cd editors/vscode && timeout 300 npm ci --no-audit --no-fund && timeout 300 npm run package) >"$work/package.log" 2>&1; then
    tail -n 40 "$work/package.log"
    exit 1
  fi
  CM_LINT_VSIX=$root/editors/vscode/cm-lint.vsix
fi

# 5. A fresh profile with the .vsix installed, and a workspace with one document.
mkdir -p "$work/user/User" "$work/extensions" "$work/workspace" "$work/shots"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" >"$work/config.yaml"
cs_args=(--config "$work/config.yaml" --user-data-dir "$work/user" --extensions-dir "$work/extensions")
timeout 120 "$code_server" "${cs_args[@]}" --install-extension "$CM_LINT_VSIX" >"$work/install-extension.log" 2>&1 \
  || { cat "$work/install-extension.log"; exit 1; }
timeout 60 "$code_server" "${cs_args[@]}" --list-extensions --show-versions | grep -q '^cm-lint\.cm-lint@' \
  || { echo "vscode e2e: the .vsix did not install" >&2; exit 1; }
settings=$work/user/User/settings.json
cat >"$settings" <<JSON
{
  "cmLint.path": "$CM_LINT_BIN",
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "workbench.enableExperiments": false,
  "update.mode": "none",
  "workbench.settings.editor": "ui",
  "editor.wordWrap": "off",
  "[markdown]": { "editor.wordWrap": "off", "editor.quickSuggestions": { "other": "off" } },
  "editor.minimap.enabled": false
}
JSON
cat >"$work/workspace/doc.md" <<'MD'
# Programmes

Our coaching programme pairs each new hire with a senior leader who shares advice from their own career.

Join the mentoring programme: a structured 12-week engagement with fixed goals.
MD

# 6. code-server on a free local port, in its own session so that it can be ended as one group.
step "start code-server on 127.0.0.1:$port"
setsid nice "$code_server" "${cs_args[@]}" --disable-telemetry --disable-update-check --disable-workspace-trust \
  --disable-getting-started-override --ignore-last-opened "$work/workspace" >"$work/code-server.log" 2>&1 &
cs_pid=$!
up=
for _ in $(seq 60); do
  curl -fs -m 2 -o /dev/null "http://127.0.0.1:$port/healthz" && { up=1; break; }
  kill -0 "$cs_pid" 2>/dev/null || break
  sleep 1
done
[ -n "$up" ] || { tail -n 40 "$work/code-server.log"; echo "vscode e2e: code-server did not come up" >&2; exit 1; }

# 7. The checks, in headless Chromium.
step "run the checks"
CS_URL="http://127.0.0.1:$port/?folder=$work/workspace" SETTINGS="$settings" CM_LINT_BIN="$CM_LINT_BIN" \
  SHOTS="$work/shots" CHROMIUM="$chromium" NODE_PATH="$pw_dir/node_modules" \
  timeout --kill-after=10 240 node editors/vscode/e2e/check.cjs
