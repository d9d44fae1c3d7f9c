// The template worker's entry (src/ui/iac_worker.rs starts it): loads the wasm-bindgen
// glue, then the wasm. A failure to load is thrown outside the promise, so that it
// reaches the page as the worker's `error` event (a rejected promise would not), and
// the page answers the waiting request with a sentence instead of waiting forever.
importScripts("./iac_worker.js");
wasm_bindgen("./iac_worker_bg.wasm").catch((e) => setTimeout(() => { throw e; }));
