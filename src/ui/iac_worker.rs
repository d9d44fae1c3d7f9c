//! The page's side of the template worker (src/bin/iac_worker.rs): started the first
//! time a template is imported or exported, then kept; each request is numbered and its
//! reply handed to the caller's callback. A worker that cannot start (its files missing,
//! say) answers every waiting caller with a sentence saying so.

use crate::iac::remote::{self, Numbered, Reply, Request};
use crate::model::Diagram;
use crate::text::Message;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The worker's entry (static/iac_worker_loader.js): unhashed, beside index.html.
const WORKER_URL: &str = "./iac_worker_loader.js";

type Waiting = HashMap<u64, Box<dyn FnOnce(Reply)>>;

struct Client {
    worker: web_sys::Worker,
    next_id: u64,
    waiting: Rc<RefCell<Waiting>>,
    /// Set when the worker failed: the next request starts a new one.
    failed: Rc<Cell<bool>>,
    /// Requests posted before the worker said it listens (`remote::READY`); None after.
    held: Rc<RefCell<Option<Vec<String>>>>,
    _on_message: Closure<dyn Fn(web_sys::MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
}

fn could_not_start(detail: &str) -> Message {
    msg!(
        "The template reader could not start ({detail}). Reload the page and try again.",
        "Không khởi động được bộ đọc template ({detail}). Hãy tải lại trang rồi thử lại."
    )
}

fn start() -> Result<Client, Message> {
    let worker = web_sys::Worker::new(WORKER_URL).map_err(|e| could_not_start(&format!("{e:?}")))?;
    let waiting: Rc<RefCell<Waiting>> = Default::default();
    let failed: Rc<Cell<bool>> = Default::default();
    let held: Rc<RefCell<Option<Vec<String>>>> = Rc::new(RefCell::new(Some(Vec::new())));
    let on_message = {
        let (waiting, held, worker) = (waiting.clone(), held.clone(), worker.clone());
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let text = e.data().as_string().unwrap_or_default();
            if text == remote::READY {
                for request in held.borrow_mut().take().unwrap_or_default() {
                    let _ = worker.post_message(&JsValue::from_str(&request));
                }
                return;
            }
            let Ok(Numbered { id, body }) = serde_json::from_str::<Numbered<Reply>>(&text) else { return };
            let done = waiting.borrow_mut().remove(&id);
            if let Some(done) = done {
                done(body);
            }
        })
    };
    let on_error = {
        let (waiting, failed) = (waiting.clone(), failed.clone());
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
            failed.set(true);
            let why = could_not_start(&e.message());
            let all: Vec<_> = waiting.borrow_mut().drain().map(|(_, done)| done).collect();
            for done in all {
                done(Reply::Refused { why: why.clone() });
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Client { worker, next_id: 1, waiting, failed, held, _on_message: on_message, _on_error: on_error })
}

/// Sends `request`; `done` gets the reply (or a refusal saying the worker failed).
fn ask(request: Request, done: impl FnOnce(Reply) + 'static) {
    let done: Box<dyn FnOnce(Reply)> = Box::new(done);
    let refused = CLIENT.with(|cell| -> Result<(), (Message, Box<dyn FnOnce(Reply)>)> {
        let mut cell = cell.borrow_mut();
        if let Some(old) = cell.take_if(|c| c.failed.get()) {
            old.worker.terminate();
        }
        if cell.is_none() {
            match start() {
                Ok(client) => *cell = Some(client),
                Err(why) => return Err((why, done)),
            }
        }
        let client = cell.as_mut().expect("started above");
        let id = client.next_id;
        client.next_id += 1;
        let text = serde_json::to_string(&Numbered { id, body: request }).unwrap_or_default();
        let posted = match client.held.borrow_mut().as_mut() {
            Some(held) => {
                held.push(text);
                Ok(())
            }
            None => client.worker.post_message(&JsValue::from_str(&text)),
        };
        match posted {
            Ok(()) => {
                client.waiting.borrow_mut().insert(id, done);
                Ok(())
            }
            Err(e) => Err((could_not_start(&format!("{e:?}")), done)),
        }
    });
    // Outside the borrow: the callback may well ask again.
    if let Err((why, done)) = refused {
        done(Reply::Refused { why });
    }
}

/// Opens text dropped, chosen or pasted: a diagram file at once, a template through the
/// worker; `done` gets the diagram and, for a template, the sentence saying what it held.
pub fn open_text(text: String, done: impl FnOnce(Result<(Diagram, Option<Message>), Message>) + 'static) {
    if let Some(opened) = remote::diagram_file(&text) {
        return done(opened.map(|d| (d, None)));
    }
    ask(Request::Import { text }, move |reply| done(remote::imported(reply).map(|(d, summary)| (d, Some(summary)))));
}

/// The diagram as a SAM template (the same export as `dlab export cfn`).
pub fn export(diagram: &Diagram, done: impl FnOnce(Result<String, Message>) + 'static) {
    ask(Request::Export { diagram: crate::share::to_json(diagram) }, move |reply| done(remote::exported(reply)));
}
