//! Small wrappers over browser APIs the app uses: the URL fragment, the clipboard,
//! downloads and reading dropped or chosen files.

use crate::text::Message;
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
pub fn download(filename: &str, mime: &str, contents: &str) -> Result<(), Message> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| no_file())?;
    download_blob(filename, &blob)
}

/// Said when the browser will not make a file to download.
fn no_file() -> Message {
    msg!("The browser could not make the file.", "Trình duyệt không tạo được tệp.")
}

pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), Message> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(|_| no_file())?;
    let document = gloo::utils::document();
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| no_file())?.unchecked_into();
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

/// Draws an SVG picture into a canvas at twice its size and offers it as a PNG file.
pub fn download_svg_as_png(svg: &str, filename: &str) -> Result<(), Message> {
    use wasm_bindgen::closure::Closure;
    let fail = || msg!("The browser could not make the picture.", "Trình duyệt không tạo được hình ảnh.");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|_| fail())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail())?;
    let image = web_sys::HtmlImageElement::new().map_err(|_| fail())?;
    let filename = filename.to_string();
    let loaded = image.clone();
    let source = url.clone();
    let onload = Closure::once(move || {
        let _ = web_sys::Url::revoke_object_url(&source);
        let scale = 2.0;
        let (w, h) = (f64::from(loaded.natural_width()), f64::from(loaded.natural_height()));
        let Ok(canvas) = gloo::utils::document().create_element("canvas") else { return };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width((w * scale) as u32);
        canvas.set_height((h * scale) as u32);
        let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()) else { return };
        let _ = ctx.scale(scale, scale);
        let _ = ctx.draw_image_with_html_image_element(&loaded, 0.0, 0.0);
        let done = Closure::once(move |blob: Option<web_sys::Blob>| {
            if let Some(blob) = blob {
                let _ = download_blob(&filename, &blob);
            }
        });
        let _ = canvas.to_blob(done.as_ref().unchecked_ref());
        done.forget();
    });
    image.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    image.set_src(&url);
    Ok(())
}

/// Milliseconds since 1970 by the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// A date and time as the learner's browser writes them.
pub fn local_time(ms: f64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
