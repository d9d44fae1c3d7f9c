//! The template worker: a second WebAssembly module, run in a web worker the page starts
//! the first time a template is imported or exported (src/ui/iac_worker.rs). It holds
//! the YAML reader, the importer and the exporter, which the page's first download then
//! leaves out. Each message is one numbered request as JSON; each answer one reply
//! (`decouple_lab::iac::remote`).

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let request = e.data().as_string().unwrap_or_default();
        let reply = decouple_lab::iac::remote::answer(&request);
        let _ = replies.post_message(&JsValue::from_str(&reply));
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(decouple_lab::iac::remote::READY));
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The template worker runs in the browser, started by the page; the command line is `dlab`.");
    std::process::exit(2);
}
