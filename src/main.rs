//! The web app's entry point. Trunk compiles this binary to WebAssembly.

#[cfg(target_arch = "wasm32")]
fn main() {
    decouple_lab::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Decouple Lab runs in the browser: `make serve` builds and serves it. The command line is `dlab`.");
    std::process::exit(2);
}
