# Sourced by the Makefile's wasm steps: puts the tools on PATH and, on machines where
# rustup cannot add the wasm32 target, switches to Debian's compiler with the standard
# library built from source. Native builds never source this.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$ROOT/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
if [ "$(cat "$ROOT/.tools/wasm-route" 2>/dev/null)" = debian ]; then
    export RUSTC_BOOTSTRAP=1
    export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$(rustup run stable rustc --print sysroot)/lib/rustlib/x86_64-unknown-linux-gnu/bin/rust-lld"
    export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER
    # Debian's cargo and rustc first; trunk and wasm-bindgen stay reachable after them.
    export PATH="/usr/bin:$PATH"
fi
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
