//! Small wrappers over browser APIs the app uses: the URL fragment, the clipboard,
//! downloads and reading dropped or chosen files.

use wasm_bindgen::JsCast;

/// The page's URL without its fragment: the base of share links.
pub fn base_url() -> String {
    let href = gloo::utils::window().location().href().unwrap_or_default();
    href.split('#').next().unwrap_or_default().to_string()
}

/// The fragment (`#...`), if it holds a diagram.
pub fn diagram_fragment() -> Option<String> {
    let hash = gloo::utils::window().location().hash().ok()?;
    (hash.starts_with("#json=") || hash.starts_with("#z=")).then_some(hash)
}

/// Removes the fragment without reloading, so a reload does not open the link again.
pub fn clear_fragment() {
    let window = gloo::utils::window();
    let location = window.location();
    let clean = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
}

/// Copies text to the clipboard; `Err` when the browser refuses (no permission).
pub async fn copy_text(text: &str) -> Result<(), ()> {
    let clipboard = gloo::utils::window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(|_| ())
}

/// Offers `contents` as a file download.
pub fn download(filename: &str, mime: &str, contents: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| "The browser could not make the file.")?;
    download_blob(filename, &blob)
}

pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| "The browser could not make the file.")?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| "The browser could not make the file.")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// A file name from a diagram's first component or a default, safe on every system.
pub fn file_stem(name: &str) -> String {
    let stem: String = name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    let stem = stem.trim_matches('-').to_lowercase();
    if stem.is_empty() { "diagram".into() } else { stem }
}
