//! The page's frame: header, toolbar, palette, canvas, inspector and footer, around
//! one editor store. Keyboard shortcuts and autosave live here.

use super::i18n::t;
use super::browser;
use super::i18n::{self, Lang};
use super::canvas::{canvas_size, Canvas};
use super::dialog::Dialog;
use super::inspector::Inspector;
use super::lesson_panels::{open_pattern, ExercisesPanel, PatternCard, PatternMenu};
use super::palette::Palette;
use super::playback::{use_player, LiveBadges, RunTick};
use super::run_dock::RunDock;
use super::library_dialog::LibraryDialog;
use super::share_dialog::ShareDialog;
use super::store::{self, Editor};
use super::toolbar::Toolbar;
use crate::model::Diagram;
use crate::share;
use crate::editor::geometry::GRID;
use crate::editor::{Action, EditorState, Notice, NoticeLevel};
use crate::model::ComponentKind;
use crate::text::{Message, Text};
use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let editor: Editor = use_reducer(store::restore);
    let player = use_player(editor.clone());
    let lang = use_state(i18n::initial);
    // Set before the children render, so every `t(...)` below speaks this language.
    i18n::set_current(*lang);
    // The editor names new components in it; the change also re-renders every panel
    // that reads the editor.
    {
        let editor = editor.clone();
        use_effect_with(*lang, move |lang| editor.dispatch(Action::SetLanguage(*lang)));
    }
    let placing = use_state(|| None::<ComponentKind>);
    let show_help = use_state(|| false);
    let overlay = use_state(|| Overlay::None);
    let pattern_card = use_state(|| None::<AttrValue>);
    let exercises_open = use_state(|| false);
    // A diagram from a link or file waiting for the learner to agree to replace theirs.
    let pending = use_state(|| None::<Pending>);

    // Open a diagram from the link: at start, and when the fragment changes in an open tab.
    {
        let editor = editor.clone();
        let pending = pending.clone();
        use_effect_with((), move |_| {
            let open = move || {
                if let Some(fragment) = browser::diagram_fragment() {
                    browser::clear_fragment();
                    offer(&editor, &pending, share::from_link(&fragment), Source::Link);
                }
            };
            open();
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| open());
            move || drop(listener)
        });
    }

    // Autosave on every change to the diagram, but not on each step of a drag (its end
    // saves); a refusal is said once, and the work stays in memory.
    {
        let editor = editor.clone();
        let warned = use_mut_ref(|| false);
        use_effect_with(editor.revision, move |revision| {
            if *revision > 0 && !editor.is_dragging() {
                match store::save(&editor) {
                    Ok(()) => *warned.borrow_mut() = false,
                    Err(why) if !*warned.borrow() => {
                        *warned.borrow_mut() = true;
                        let (en, vi) = (why.en, why.vi);
                        editor.dispatch(Action::Notify(Notice::warning(msg!(
                            "{en}: your work stays in this tab, but it is not saved.",
                            "{vi}: bài của bạn vẫn còn trong tab này, nhưng chưa được lưu."
                        ))));
                    }
                    Err(_) => {}
                }
            }
        });
    }

    // Information fades after a few seconds; warnings and errors stay until dismissed.
    {
        let editor = editor.clone();
        use_effect_with(editor.notice.clone(), move |notice| {
            let timer = notice.as_ref().filter(|n| n.level == NoticeLevel::Info).map(|_| {
                gloo::timers::callback::Timeout::new(6_000, move || editor.dispatch(Action::DismissNotice))
            });
            move || drop(timer)
        });
    }

    // Keyboard shortcuts, unless the learner is typing in a field.
    {
        let editor = editor.clone();
        let show_help = show_help.clone();
        let placing = placing.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::document(), "keydown", move |event| {
                let Some(e) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                if typing_in_field(e) {
                    return;
                }
                if let Some(action) = shortcut(e) {
                    e.prevent_default();
                    editor.dispatch(action);
                } else if e.key() == " " {
                    e.prevent_default();
                    // The play button is found by its label, in the page's language.
                    let selector = format!(".tool-group [aria-label='{}'], .tool-group [aria-label='{}']", t("Play (Space)"), t("Pause (Space)"));
                    if let Some(button) = gloo::utils::document().query_selector(&selector).ok().flatten() {
                        if let Some(button) = button.dyn_ref::<web_sys::HtmlElement>() {
                            button.click();
                        }
                    }
                } else if e.key() == "?" {
                    show_help.set(!*show_help);
                } else if e.key() == "Escape" {
                    show_help.set(false);
                    placing.set(None);
                    editor.dispatch(Action::ClearSelection);
                } else if e.key() == "f" && !(e.ctrl_key() || e.meta_key()) {
                    let (width, height) = canvas_size();
                    editor.dispatch(Action::FitToView { width, height });
                }
            });
            move || drop(listener)
        });
    }

    // A palette drag released anywhere but the canvas places nothing.
    {
        let placing = placing.clone();
        use_effect_with(placing.is_some(), move |active| {
            let listener = active.then(|| {
                EventListener::new(&gloo::utils::window(), "pointerup", move |_| {
                    let placing = placing.clone();
                    // After the canvas has seen the same release.
                    gloo::timers::callback::Timeout::new(0, move || placing.set(None)).forget();
                })
            });
            move || drop(listener)
        });
    }

    // Stable callbacks, so the palette does not re-render with every edit.
    let on_pick = use_callback(placing.setter(), |kind, set| set.set(Some(kind)));
    let on_placed = use_callback(placing.setter(), |_, set| set.set(None));
    // A press on a moving dot follows that message (the player knows where dots are).
    let on_dot = {
        let player = player.clone();
        Callback::from(move |at: crate::model::Point| player.pick_dot(at))
    };
    let on_add = use_callback(editor.dispatcher(), |kind, dispatch| {
        let (width, height) = canvas_size();
        dispatch.dispatch(Action::AddInView { kind, width, height });
    });
    let on_open_pattern = {
        let editor = editor.clone();
        let overlay = overlay.clone();
        let pattern_card = pattern_card.clone();
        Callback::from(move |id: &'static str| {
            overlay.set(Overlay::None);
            open_pattern(&editor, id);
            pattern_card.set(Some(AttrValue::from(id)));
            let (width, height) = canvas_size();
            editor.dispatch(Action::FitToView { width, height });
        })
    };
    let on_file = {
        let editor = editor.clone();
        let pending = pending.clone();
        Callback::from(move |file: web_sys::File| read_diagram_file(file, editor.clone(), pending.clone()))
    };
    let toggle_help = {
        let show_help = show_help.clone();
        Callback::from(move |_| show_help.set(!*show_help))
    };

    html! {
        <ContextProvider<Editor> context={editor.clone()}>
        <ContextProvider<RunTick> context={RunTick(player.snapshot().tick)}>
        <ContextProvider<LiveBadges> context={LiveBadges(player.snapshot().badges.clone())}>
            <div class="app">
                <header class="app-header">
                    <a class="brand" href="./" aria-label={t("Decouple Lab home")}>
                        { brand_mark() }
                        <span class="brand-name">{ "Decouple Lab" }</span>
                    </a>
                    <span class="brand-tagline">{ t("Build a decoupled architecture, press play, then break it.") }</span>
                    <nav class="header-actions" aria-label={t("Lesson and sharing")}>
                        <button type="button" class="header-button" aria-haspopup="menu" data-action="patterns"
                                onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Patterns)) }}>{ t("Patterns") }</button>
                        <button type="button" class={classes!("header-button", exercises_open.then_some("active"))} aria-pressed={exercises_open.to_string()} data-action="exercises"
                                onclick={{ let e = exercises_open.clone(); Callback::from(move |_: MouseEvent| e.set(!*e)) }}>{ t("Exercises") }</button>
                        <button type="button" class="header-button" data-action="library"
                                onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Library)) }}>{ t("My diagrams") }</button>
                        <label class="header-button file-button">
                            { t("Open file") }
                            <input type="file" accept=".json,application/json,.yaml,.yml,.template" class="visually-hidden"
                                   onchange={{
                                       let on_file = on_file.clone();
                                       Callback::from(move |e: Event| {
                                           if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                                               if let Some(file) = input.files().and_then(|f| f.get(0)) {
                                                   on_file.emit(file);
                                               }
                                               input.set_value("");
                                           }
                                       })
                                   }} />
                        </label>
                        <div class="lang-switch" role="group" aria-label="Language / Ngôn ngữ">
                            { for Lang::ALL.into_iter().map(|l| {
                                let active = *lang == l;
                                let setter = lang.setter();
                                let onclick = Callback::from(move |_: MouseEvent| {
                                    i18n::remember(l);
                                    setter.set(l);
                                });
                                html! {
                                    <button type="button" class={classes!("lang-button", active.then_some("active"))}
                                            aria-pressed={active.to_string()} lang={l.code()} {onclick}>
                                        { l.code().to_uppercase() }
                                    </button>
                                }
                            }) }
                        </div>
                        <button type="button" class="header-button primary" data-action="share"
                                onclick={{ let o = overlay.clone(); Callback::from(move |_: MouseEvent| o.set(Overlay::Share)) }}>{ t("Share") }</button>
                    </nav>
                </header>
                <Toolbar on_help={toggle_help.clone()} player={player.clone()} tick={player.snapshot().tick} />
                <main class="workspace">
                    <Palette {on_pick} {on_add} lang={*lang} />
                    <div class="stage">
                        <Canvas placing={*placing} {on_placed} on_file={on_file.clone()}
                                live_down={player.snapshot().live_down.clone()} {on_dot} />
                        <RunDock player={player.clone()} tick={player.snapshot().tick} />
                    </div>
                    if *exercises_open {
                        <ExercisesPanel on_close={{ let e = exercises_open.clone(); Callback::from(move |_| e.set(false)) }}
                                        on_open_pattern={on_open_pattern.clone()} />
                    } else {
                        <Inspector player={player.clone()}>
                            if let Some(id) = (*pattern_card).clone() {
                                <PatternCard {id} player={player.clone()} on_close={{ let p = pattern_card.clone(); Callback::from(move |_| p.set(None)) }} />
                            }
                        </Inspector>
                    }
                </main>
                <footer class="app-footer">
                    <span>{ format!("Decouple Lab {}", crate::VERSION) }</span>
                    <span class="footer-note">{ t("A simulation for learning: timings and limits follow AWS's documentation, simplified.") }</span>
                </footer>
                { notice_view(&editor) }
                if *show_help {
                    { shortcuts_dialog(toggle_help) }
                }
                { match *overlay {
                    Overlay::Patterns => html! { <PatternMenu on_open={on_open_pattern} on_close={{ let o = overlay.clone(); Callback::from(move |_| o.set(Overlay::None)) }} /> },
                    Overlay::Share => html! { <ShareDialog on_close={{ let o = overlay.clone(); Callback::from(move |_| o.set(Overlay::None)) }} /> },
                    Overlay::Library => {
                        let on_open = {
                            let editor = editor.clone();
                            let pending = pending.clone();
                            let overlay = overlay.clone();
                            Callback::from(move |json: String| {
                                overlay.set(Overlay::None);
                                offer(&editor, &pending, share::from_json(&json), Source::Saved);
                            })
                        };
                        html! { <LibraryDialog {on_open} on_close={{ let o = overlay.clone(); Callback::from(move |_| o.set(Overlay::None)) }} /> }
                    }
                    Overlay::None => Html::default(),
                } }
                { pending_dialog(&editor, &pending) }
            </div>
        </ContextProvider<LiveBadges>>
        </ContextProvider<RunTick>>
        </ContextProvider<Editor>>
    }
}

/// Which header overlay is open.
#[derive(Clone, Copy, PartialEq)]
enum Overlay {
    None,
    Patterns,
    Share,
    Library,
}

/// Where a diagram to open came from.
#[derive(Clone, Copy, PartialEq)]
enum Source {
    Link,
    File,
    Saved,
}

impl Source {
    fn opened(self) -> Text {
        match self {
            Source::Link => Text::new("Opened the diagram from the link.", "Đã mở sơ đồ từ liên kết."),
            Source::File => Text::new("Opened the diagram from the file.", "Đã mở sơ đồ từ tệp."),
            Source::Saved => Text::new("Opened the saved diagram.", "Đã mở sơ đồ đã lưu."),
        }
    }
    fn opened_over_work(self) -> Text {
        match self {
            Source::Link => Text::new(
                "Opened the diagram from the link. Undo brings back your previous diagram.",
                "Đã mở sơ đồ từ liên kết. Bấm Hoàn tác để lấy lại sơ đồ trước đó.",
            ),
            Source::File => Text::new(
                "Opened the diagram from the file. Undo brings back your previous diagram.",
                "Đã mở sơ đồ từ tệp. Bấm Hoàn tác để lấy lại sơ đồ trước đó.",
            ),
            Source::Saved => Text::new(
                "Opened the saved diagram. Undo brings back your previous diagram.",
                "Đã mở sơ đồ đã lưu. Bấm Hoàn tác để lấy lại sơ đồ trước đó.",
            ),
        }
    }
    fn question(self) -> Text {
        match self {
            Source::Link => Text::new("Open the diagram from this link?", "Mở sơ đồ từ liên kết này?"),
            Source::File => Text::new("Open the diagram from this file?", "Mở sơ đồ từ tệp này?"),
            Source::Saved => Text::new("Open this saved diagram?", "Mở sơ đồ đã lưu này?"),
        }
    }
    fn refused(self, why: &share::ShareError) -> Message {
        self.refused_because(why.message())
    }
    fn refused_because(self, why: Message) -> Message {
        let Message { en, vi } = why;
        match self {
            Source::Link => msg!(
                "This link could not be opened: {en} Your diagram is unchanged.",
                "Không mở được liên kết này: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
            Source::File => msg!(
                "This file could not be opened: {en} Your diagram is unchanged.",
                "Không mở được tệp này: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
            Source::Saved => msg!(
                "This saved diagram could not be opened: {en} Your diagram is unchanged.",
                "Không mở được sơ đồ đã lưu này: {vi} Sơ đồ của bạn vẫn giữ nguyên."
            ),
        }
    }
}

/// A diagram read from a link or a file, with where it came from.
#[derive(Clone, PartialEq)]
struct Pending {
    diagram: Box<Diagram>,
    source: Source,
}

/// Opens a diagram from a link or file: at once on an empty canvas, after asking when
/// there is work to replace; a broken one is refused in a sentence and changes nothing.
fn offer(editor: &Editor, pending: &UseStateHandle<Option<Pending>>, result: Result<Diagram, share::ShareError>, source: Source) {
    match result {
        Ok(diagram) if editor.diagram().component_count() == 0 => load_and_fit(editor, diagram, source.opened().into()),
        Ok(diagram) => pending.set(Some(Pending { diagram: Box::new(diagram), source })),
        Err(why) => editor.dispatch(Action::Notify(Notice::error(source.refused(&why)))),
    }
}

/// Replaces the diagram (one undo step) and frames it in the view.
fn load_and_fit(editor: &Editor, diagram: Diagram, notice: Message) {
    editor.dispatch(Action::Load { diagram: Box::new(diagram), notice });
    let (width, height) = canvas_size();
    editor.dispatch(Action::FitToView { width, height });
}

fn read_diagram_file(file: web_sys::File, editor: Editor, pending: UseStateHandle<Option<Pending>>) {
    let file = gloo::file::File::from(file);
    if file.size() > crate::share::MAX_JSON_BYTES as u64 {
        editor.dispatch(Action::Notify(Notice::error(Text::new(
            "This file is larger than 1 MB, too large for a diagram. Your diagram is unchanged.",
            "Tệp này lớn hơn 1 MB, quá lớn đối với một sơ đồ. Sơ đồ của bạn vẫn giữ nguyên.",
        ))));
        return;
    }
    let reader = gloo::file::callbacks::read_as_text(&file, move |text| match text {
        // A diagram file, or a SAM/CloudFormation template with the sentence on what it left out.
        Ok(text) => match crate::iac::open_text(&text) {
            Ok((diagram, summary)) => {
                offer(&editor, &pending, Ok(diagram), Source::File);
                if let Some(summary) = summary {
                    editor.dispatch(Action::Notify(Notice::info(summary.message())));
                }
            }
            Err(why) => editor.dispatch(Action::Notify(Notice::error(Source::File.refused_because(why)))),
        },
        Err(_) => editor.dispatch(Action::Notify(Notice::error(Text::new(
            "The browser could not read this file. Your diagram is unchanged.",
            "Trình duyệt không đọc được tệp này. Sơ đồ của bạn vẫn giữ nguyên.",
        )))),
    });
    // The read finishes on its own; keep the reader alive until then.
    std::mem::forget(reader);
}

fn pending_dialog(editor: &Editor, pending: &UseStateHandle<Option<Pending>>) -> Html {
    let Some(p) = (**pending).clone() else { return Html::default() };
    let open = {
        let editor = editor.clone();
        let pending = pending.clone();
        let p = p.clone();
        Callback::from(move |_: MouseEvent| {
            pending.set(None);
            load_and_fit(&editor, (*p.diagram).clone(), p.source.opened_over_work().into());
        })
    };
    let keep = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="replace-title">
                <h2 id="replace-title">{ p.source.question().get(i18n::current()) }</h2>
                <p class="dialog-text">{ replace_question(p.diagram.component_count()) }</p>
                <div class="inspector-actions">
                    <button type="button" class="button primary" data-action="open-it" onclick={open}>{ t("Open it") }</button>
                    <button type="button" class="button" onclick={keep}>{ t("Keep mine") }</button>
                </div>
            </div>
        </div>
    }
}

/// What opening a diagram over the learner's work does, written whole in each language.
fn replace_question(components: usize) -> String {
    match i18n::current() {
        Lang::En => format!("It has {components} components. It replaces what is on your canvas now; Undo brings your diagram back."),
        Lang::Vi => format!("Sơ đồ này có {components} thành phần. Nó sẽ thay cho những gì đang có trên khung vẽ; bấm Hoàn tác để lấy lại sơ đồ của bạn."),
    }
}

fn typing_in_field(e: &web_sys::KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().to_ascii_lowercase().as_str(), "input" | "textarea" | "select") || el.has_attribute("contenteditable"))
        .unwrap_or(false)
}

/// The editing shortcuts, the same on every platform (Ctrl or Cmd).
fn shortcut(e: &web_sys::KeyboardEvent) -> Option<Action> {
    let command = e.ctrl_key() || e.meta_key();
    let key = e.key();
    let step = if e.shift_key() { 1.0 } else { GRID };
    Some(match (command, key.as_str()) {
        (true, "z" | "Z") if e.shift_key() => Action::Redo,
        (true, "z" | "Z") => Action::Undo,
        (true, "y" | "Y") => Action::Redo,
        (true, "c" | "C") => Action::Copy,
        (true, "v" | "V") => Action::Paste,
        (true, "d" | "D") => Action::Duplicate,
        (true, "a" | "A") => Action::SelectAll,
        (false, "Delete" | "Backspace") => Action::DeleteSelection,
        (false, "ArrowLeft") => Action::Nudge { dx: -step, dy: 0.0 },
        (false, "ArrowRight") => Action::Nudge { dx: step, dy: 0.0 },
        (false, "ArrowUp") => Action::Nudge { dx: 0.0, dy: -step },
        (false, "ArrowDown") => Action::Nudge { dx: 0.0, dy: step },
        _ => return None,
    })
}

fn notice_view(editor: &UseReducerHandle<EditorState>) -> Html {
    let Some(notice) = editor.notice.clone() else { return Html::default() };
    let dismiss = {
        let editor = editor.clone();
        Callback::from(move |_| editor.dispatch(Action::DismissNotice))
    };
    let (class, role) = match notice.level {
        NoticeLevel::Info => ("notice info", "status"),
        NoticeLevel::Warning => ("notice warning", "alert"),
        NoticeLevel::Error => ("notice error", "alert"),
    };
    html! {
        <div class={class} role={role}>
            <span class="notice-text">{ notice.text.get(i18n::current()).to_string() }</span>
            <button type="button" class="notice-close" aria-label={t("Dismiss")} onclick={dismiss}>{ "×" }</button>
        </div>
    }
}

fn shortcuts_dialog(close: Callback<()>) -> Html {
    // Key names stay as printed on the keyboard; the rest is translated.
    let rows = [
        (t("Drag from the palette, or click"), t("Add a component")),
        (t("Drag from a box's right dot to another box"), t("Connect")),
        (t("Click, Shift+click, drag on empty canvas"), t("Select one, add to selection, box select")),
        (t("Double-click a box"), t("Rename")),
        (t("Delete or Backspace"), t("Delete the selection")),
        ("Ctrl/Cmd+Z", t("Undo")),
        (t("Ctrl/Cmd+Shift+Z or Ctrl+Y"), t("Redo")),
        ("Ctrl/Cmd+C, Ctrl/Cmd+V", t("Copy, paste")),
        ("Ctrl/Cmd+D", t("Duplicate")),
        ("Ctrl/Cmd+A", t("Select everything")),
        (t("Arrow keys (Shift: fine)"), t("Nudge the selection")),
        (t("Wheel, Alt+drag or middle-drag"), t("Pan")),
        (t("Ctrl+wheel or pinch"), t("Zoom")),
        ("F", t("Fit the diagram to the view")),
        ("Tab, Enter", t("Move between boxes, add from the palette")),
        ("Escape", t("Clear the selection, close this")),
        ("?", t("Show or hide these shortcuts")),
    ];
    html! {
        <Dialog id="shortcuts-title" title={t("Keyboard shortcuts")} on_close={close}>
            <table class="shortcuts">
                { for rows.iter().map(|(keys, what)| html! { <tr><th>{ *keys }</th><td>{ *what }</td></tr> }) }
            </table>
        </Dialog>
    }
}

/// The logo: a producer, a queue and a consumer.
fn brand_mark() -> Html {
    html! {
        <svg class="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="7" fill="#37475a" />
            <circle cx="8" cy="16" r="3.5" fill="#ff9900" />
            <rect x="13" y="11.5" width="9" height="9" rx="2" fill="none" stroke="#ff5ca8" stroke-width="2" />
            <path d="M11.5 16h1.5M22 16h3" stroke="#fff" stroke-width="2" stroke-linecap="round" />
            <circle cx="27" cy="16" r="1.6" fill="#fff" />
        </svg>
    }
}
