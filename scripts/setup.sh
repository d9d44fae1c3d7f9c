#!/usr/bin/env bash
# Installs everything building, serving and testing Decouple Lab needs, and skips
# what is already there. Safe to run again and again; `make serve` and `make test`
# call it first.
#
#   - the wasm32 target: `rustup target add` where it works; else (machines whose
#     rustup cannot download) Debian's rustc-web, cargo-web and rust-web-src, with the
#     standard library built from source (see scripts/env.sh)
#   - trunk 0.21.14, wasm-bindgen-cli at exactly the version in Cargo.lock
#   - wasm-opt (npm binaryen), Lighthouse and axe-core, under .tools/; Chromium and chromedriver
#   - cfn-lint (PyPI), which checks the SAM templates `dlab export cfn` writes
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TRUNK_VERSION=0.21.14
CFN_LINT_VERSION=1.51.0
BINARYEN_VERSION=132
LIGHTHOUSE_VERSION=12.8.2
AXE_VERSION=4.11.0
mkdir -p .tools
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=
apt_install() {
    if ! command -v apt-get >/dev/null; then
        say "please install these with your package manager: $*"
        exit 1
    fi
    if [ -z "$APT_UPDATED" ]; then
        as_root apt-get update -qq
        APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- the wasm32 target ---------------------------------------------------------
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    echo rustup > .tools/wasm-route
elif [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ] && /usr/bin/rustc --print target-list | grep -qx wasm32-unknown-unknown; then
    echo debian > .tools/wasm-route
else
    say "adding the wasm32 target with rustup (60 s limit: on some machines it cannot download)"
    if timeout 60 rustup target add wasm32-unknown-unknown; then
        echo rustup > .tools/wasm-route
    else
        say "rustup could not add wasm32; using Debian's rustc-web with the standard library built from source"
        apt_install rustc-web cargo-web rust-web-src
        echo debian > .tools/wasm-route
    fi
fi

# --- browser and driver ----------------------------------------------------------
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and chromedriver"
    apt_install chromium chromium-driver
fi

# --- trunk -------------------------------------------------------------------------
if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen CLI, the same version as the wasm-bindgen crate in Cargo.lock --------
WBG_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$WBG_VERSION" ]; then
    say "cannot find wasm-bindgen in Cargo.lock"
    exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WBG_VERSION"; then
    say "installing wasm-bindgen-cli $WBG_VERSION (about 3 minutes)"
    # --locked fails on a yanked dependency of this release.
    cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
fi

# --- npm tools under .tools/: wasm-opt (binaryen: Debian's is too old for what LLVM
# emits), Lighthouse 12 (`make lighthouse`) and axe-core (the accessibility e2e test) ---
npm_installed() { # name version
    node -e 'process.exit(require(process.argv[1]).version === process.argv[2] ? 0 : 1)' \
        "$ROOT/.tools/node_modules/$1/package.json" "$2" 2>/dev/null
}
NPM_TOOLS=("binaryen@$BINARYEN_VERSION.0.0" "lighthouse@$LIGHTHOUSE_VERSION" "axe-core@$AXE_VERSION")
missing=()
for tool in "${NPM_TOOLS[@]}"; do
    npm_installed "${tool%@*}" "${tool##*@}" || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    if ! command -v npm >/dev/null; then
        say "installing Node.js and npm for ${missing[*]}"
        apt_install nodejs npm
    fi
    say "installing ${missing[*]} (npm) under .tools/"
    npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "${missing[@]}" >/dev/null
fi

# --- cfn-lint (PyPI): the iac tests lint every exported template ----------------------
if ! cfn-lint --version 2>/dev/null | grep -q "cfn-lint $CFN_LINT_VERSION"; then
    if ! command -v python3 >/dev/null || ! python3 -m pip --version >/dev/null 2>&1; then
        say "installing Python's pip for cfn-lint"
        apt_install python3-pip
    fi
    say "installing cfn-lint $CFN_LINT_VERSION from PyPI"
    python3 -m pip install --quiet "cfn-lint==$CFN_LINT_VERSION" \
        || python3 -m pip install --quiet --break-system-packages "cfn-lint==$CFN_LINT_VERSION"
fi

say "ready (wasm32 route: $(cat .tools/wasm-route))"
