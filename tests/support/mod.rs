//! Shared harness for the WebDriver tests: serves the release build from `dist/` on a
//! free loopback port, starts Debian's chromedriver, and opens headless Chromium.

#![allow(dead_code)]

use decouple_lab::model::spec::Spec;
use decouple_lab::model::{ComponentKind, Diagram, Point};
use fantoccini::{Client, ClientBuilder};
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::{Path, PathBuf};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A browser session on the served app; chromedriver is stopped on drop.
pub struct Browser {
    pub client: Client,
    pub base_url: String,
    chromedriver: Child,
    _profile: TempDir,
}

impl Drop for Browser {
    // Killing chromedriver alone leaves its Chromium running, orphaned and still
    // animating the page: stop the whole process group chromedriver leads.
    fn drop(&mut self) {
        let group = format!("-{}", self.chromedriver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.chromedriver.kill();
        let _ = self.chromedriver.wait();
    }
}

/// A fresh, empty browser profile folder, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let path = std::env::temp_dir().join(format!("dlab-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create a temporary folder");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free loopback port")
}

pub fn dist_dir() -> PathBuf {
    let dir = PathBuf::from(std::env::var("DLAB_DIST").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/dist").into()));
    assert!(dir.join("index.html").is_file(), "no release build in {}: run `make build` first (`make test` does)", dir.display());
    dir
}

/// Serves `dist/` on a free loopback port for as long as the test runs.
pub async fn serve_dist() -> String {
    serve_dist_until_offline().await.0
}

/// As [`serve_dist`], with a switch: once it is set, every connection is closed
/// unanswered, as if the network were gone.
pub async fn serve_dist_until_offline() -> (String, Arc<AtomicBool>) {
    serve_folder_until_offline(dist_dir()).await
}

/// As [`serve_dist_until_offline`], for a copy of the build in `dir`.
pub async fn serve_folder_until_offline(dir: PathBuf) -> (String, Arc<AtomicBool>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind a loopback port");
    let addr: SocketAddr = listener.local_addr().expect("local address");
    let offline = Arc::new(AtomicBool::new(false));
    let switch = offline.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            if offline.load(Ordering::SeqCst) {
                continue;
            }
            let dir = dir.clone();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 8192];
                let n = stream.read(&mut buffer).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buffer[..n]);
                let path = request.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split(['?', '#']).next().unwrap_or("/");
                let (status, body, kind) = match file_for(&dir, path) {
                    Some((body, kind)) => ("200 OK", body, kind),
                    None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
                };
                let head = format!("HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = stream.write_all(head.as_bytes()).await;
                let _ = stream.write_all(&body).await;
            });
        }
    });
    (format!("http://{addr}/"), switch)
}

fn file_for(dir: &Path, path: &str) -> Option<(Vec<u8>, &'static str)> {
    let relative = path.trim_start_matches('/');
    if relative.split('/').any(|part| part == "..") {
        return None;
    }
    let file = if relative.is_empty() { dir.join("index.html") } else { dir.join(relative) };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    };
    std::fs::read(file).ok().map(|body| (body, kind))
}

/// Starts chromedriver and a headless Chromium with a new empty profile, opened on the app.
pub async fn open_app() -> Browser {
    let base_url = serve_dist().await;
    open_browser(base_url).await
}

pub async fn open_browser(base_url: String) -> Browser {
    open_browser_with(base_url, &[]).await
}

/// As [`open_browser`], with more Chromium flags (benchmarks: `--enable-precise-memory-info`).
pub async fn open_browser_with(base_url: String, extra_args: &[&str]) -> Browser {
    open_browser_as(base_url, extra_args, serde_json::json!({})).await
}

/// As [`open_browser`], as a 390 × 844 phone with a touch screen (Chromium's mobile
/// emulation: viewport, device pixel ratio, touch events, a phone's user agent).
pub async fn open_phone(base_url: String) -> Browser {
    let phone = serde_json::json!({
        "mobileEmulation": {
            "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 3.0, "touch": true, "mobile": true },
            "userAgent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
        }
    });
    open_browser_as(base_url, &[], phone).await
}

/// As [`open_app`], with downloads saved into `dir` without asking (Chromium's
/// download preferences), so a test can read the file the page offered.
pub async fn open_app_downloading_to(dir: &Path) -> Browser {
    let prefs = serde_json::json!({
        "prefs": { "download.default_directory": dir.display().to_string(), "download.prompt_for_download": false }
    });
    open_browser_as(serve_dist().await, &[], prefs).await
}

/// Opens the app with more Chromium flags and more `goog:chromeOptions` entries.
async fn open_browser_as(base_url: String, extra_args: &[&str], chrome_options: serde_json::Value) -> Browser {
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let port = free_port();
    let chromedriver = Command::new(&driver)
        .arg(format!("--port={port}"))
        .process_group(0)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {driver}: {e} (make setup installs it)"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start listening on port {port}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let profile = TempDir::new("profile");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut args: Vec<String> = [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1440,900",
    ]
    .iter()
    .chain(extra_args)
    .map(|a| a.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.0.display()));
    let mut options = serde_json::json!({ "binary": chromium, "args": args });
    if let (Some(options), Some(more)) = (options.as_object_mut(), chrome_options.as_object()) {
        options.extend(more.clone());
    }
    let capabilities = serde_json::json!({ "goog:chromeOptions": options });
    let capabilities = match capabilities {
        serde_json::Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    };
    let client = ClientBuilder::rustls()
        .expect("TLS set-up for the WebDriver client")
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a WebDriver session in headless Chromium");
    client.goto(&base_url).await.expect("open the app");
    Browser { client, base_url, chromedriver, _profile: profile }
}

use fantoccini::actions::{InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
use fantoccini::elements::Element;
use fantoccini::key::Key;
use fantoccini::Locator;

/// Presses on `from` and releases at `(dx, dy)` from the centre of `to`, in small steps
/// like a hand would.
pub async fn drag(client: &Client, from: &Element, to: &Element, dx: f64, dy: f64) {
    let step = Some(Duration::from_millis(60));
    let actions = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: from.clone(), duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: step, x: 12.0, y: 6.0 })
        .then(PointerAction::MoveToElement { element: to.clone(), duration: step, x: dx, y: dy })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    client.perform_actions(actions).await.expect("a pointer drag");
    client.release_actions().await.expect("release the pointer");
}

/// Types a key with Control held (Ctrl+Z and the like).
pub async fn ctrl_key(client: &Client, key: char, shift: bool) {
    let mut keys = KeyActions::new("keys".into()).then(KeyAction::Down { value: Key::Control.into() });
    if shift {
        keys = keys.then(KeyAction::Down { value: Key::Shift.into() });
    }
    keys = keys.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
    if shift {
        keys = keys.then(KeyAction::Up { value: Key::Shift.into() });
    }
    keys = keys.then(KeyAction::Up { value: Key::Control.into() });
    client.perform_actions(keys).await.expect("a key chord");
}

/// Adds the element `selector` matches to the selection, as a Shift+click on it would.
pub async fn shift_click(client: &Client, selector: &str) {
    client
        .execute(
            "const el = document.querySelector(arguments[0]); const r = el.getBoundingClientRect();\n\
             const at = { bubbles: true, cancelable: true, clientX: r.left + 20, clientY: r.top + 20, button: 0, buttons: 1,\n\
                          pointerId: 1, pointerType: 'mouse', isPrimary: true, shiftKey: true };\n\
             el.dispatchEvent(new PointerEvent('pointerdown', at));\n\
             document.getElementById('canvas-svg').dispatchEvent(new PointerEvent('pointerup', at));",
            vec![selector.into()],
        )
        .await
        .expect("shift+click");
}

/// Waits up to five seconds for `selector` to match exactly `count` elements.
pub async fn wait_for_count(client: &Client, selector: &str, count: usize) -> Vec<Element> {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let found = client.find_all(Locator::Css(selector)).await.unwrap_or_default();
        if found.len() == count {
            return found;
        }
        assert!(Instant::now() < deadline, "expected {count} of {selector}, found {}", found.len());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The diagram the page autosaved, as JSON.
pub async fn autosaved(client: &Client) -> serde_json::Value {
    let text = client
        .execute("return localStorage.getItem('decouple-lab.autosave');", vec![])
        .await
        .expect("read LocalStorage");
    text.as_str().and_then(|t| serde_json::from_str(t).ok()).unwrap_or(serde_json::Value::Null)
}

/// Opens a diagram from a link, agreeing to replace what is there, and waits for its boxes.
pub async fn open_link(c: &Client, diagram: &Diagram, base_url: &str) {
    c.goto(&decouple_lab::share::link_for(diagram, base_url).url).await.expect("open the link");
    c.wait().at_most(Duration::from_secs(20)).for_element(Locator::Css("#canvas-svg")).await.expect("the canvas");
    if let Ok(button) = c.find(Locator::Css(r#"[data-action="open-it"]"#)).await {
        button.click().await.expect("open it");
    }
    wait_for_count(c, ".node", diagram.component_count()).await;
}

/// Shop (a client, 20 orders a second) → Orders (a queue) → Worker (a function).
pub fn queue_and_function() -> Diagram {
    let mut d = Diagram::new();
    let shop = d.add_component(ComponentKind::Client, "Shop", Point { x: 0.0, y: 0.0 });
    let orders = d.add_component(ComponentKind::Queue, "Orders", Point { x: 280.0, y: 0.0 });
    let worker = d.add_component(ComponentKind::Function, "Worker", Point { x: 560.0, y: 0.0 });
    if let Some(Spec::Client(c)) = d.component_mut(shop).map(|c| &mut c.spec) {
        c.rate_per_s = 20.0;
    }
    d.connect(shop, orders).expect("client to queue");
    d.connect(orders, worker).expect("queue to function");
    d
}

/// The simulated clock, in seconds (the toolbar's `data-now`).
pub async fn clock(c: &Client) -> f64 {
    let el = c.find(Locator::Css(".clock-value")).await.expect("clock");
    el.attr("data-now").await.expect("attr").and_then(|v| v.parse().ok()).unwrap_or(0.0)
}

/// Waits (up to 30 s of wall time) until the simulated clock reaches `seconds`.
pub async fn wait_until_clock(c: &Client, seconds: f64) {
    for _ in 0..600 {
        if clock(c).await >= seconds {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the simulated clock did not reach {seconds} s");
}

/// Saves a screenshot when DLAB_SCREENSHOTS names a folder (for looking at the page).
/// Makes the page itself 1440 × 900 for the screenshots (the window's size includes its
/// frame, so the page would be shorter).
pub async fn page_1440x900(c: &Client) {
    page_size(c, 1440, 900).await;
}

/// Makes the page itself `width` × `height` (the window's size includes its frame), then
/// gives the layout a moment to follow.
pub async fn page_size(c: &Client, width: u32, height: u32) {
    let frame = c.execute("return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];", vec![]).await.expect("run a script");
    let frame_size = |i: usize| frame[i].as_u64().map(|v| v as u32).expect("the window's frame size");
    c.set_window_size(width + frame_size(0), height + frame_size(1)).await.expect("resize the window");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
}

pub async fn screenshot(client: &Client, name: &str) {
    if let Ok(dir) = std::env::var("DLAB_SCREENSHOTS") {
        if let Ok(png) = client.screenshot().await {
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(Path::new(&dir).join(format!("{name}.png")), png);
        }
    }
}

// Silence "unused" in test crates that use only part of the harness.
#[allow(unused_imports)]
use InputSource as _;

/// A Chrome DevTools Protocol command sent through chromedriver (the offline switch,
/// network and CPU throttling).
#[derive(Debug)]
pub struct DevTools {
    cmd: &'static str,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevTools {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(serde_json::json!({ "cmd": self.cmd, "params": self.params }).to_string()))
    }
}

pub async fn devtools(c: &Client, cmd: &'static str, params: serde_json::Value) {
    c.issue_cmd(DevTools { cmd, params }).await.unwrap_or_else(|e| panic!("DevTools {cmd}: {e}"));
}

/// Clicks the button whose accessible label or tooltip starts with `label_start`.
pub async fn click_button(c: &Client, label_start: &str) {
    c.find(Locator::Css(&format!(r#"button[aria-label^="{label_start}"], button[title^="{label_start}"]"#)))
        .await
        .unwrap_or_else(|_| panic!("a {label_start} button"))
        .click()
        .await
        .expect("click");
}

/// What `script` returns in the page (a failing script fails the test, naming it).
pub async fn js(c: &Client, script: &str) -> serde_json::Value {
    c.execute(script, vec![]).await.unwrap_or_else(|e| panic!("{script}: {e}"))
}

/// The text of the element `selector` matches, once it shows.
pub async fn text_of(c: &Client, selector: &str) -> String {
    c.wait().for_element(fantoccini::Locator::Css(selector)).await.unwrap_or_else(|_| panic!("{selector} shows")).text().await.expect("text")
}

/// The violations axe-core (npm, installed by `make setup` under .tools/) finds on the
/// page as it is now against WCAG 2.1 A and AA and its best practices, one line each.
pub async fn axe_violations(c: &Client) -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/.tools/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e} (make setup installs axe-core)"));
    c.execute(&format!("if (!window.axe) {{ {axe} }} return true;"), vec![]).await.expect("load axe-core");
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];\n\
             axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })\n\
               .then((r) => done(r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)))\n\
               .catch((e) => done([`axe failed: ${e}`]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    serde_json::from_value(found).expect("a list of violations")
}

/// What the copy of a built file holds.
pub enum Served {
    AsBuilt,
    Bytes(Vec<u8>),
    Missing,
}

/// A copy of the release build without its service worker (it would keep a broken file
/// for the next load), each file as `serve` says.
pub fn copy_of_the_build(label: &str, serve: impl Fn(&str) -> Served) -> TempDir {
    let site = TempDir::new(label);
    for entry in std::fs::read_dir(dist_dir()).expect("dist") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().expect("a name").to_string_lossy().to_string();
        if !path.is_file() || name == "sw.js" {
            continue;
        }
        match serve(&name) {
            Served::AsBuilt => {
                std::fs::copy(&path, site.0.join(&name)).expect("copy the build");
            }
            Served::Bytes(bytes) => std::fs::write(site.0.join(&name), bytes).expect("write the copy"),
            Served::Missing => {}
        }
    }
    site
}
