//! The page's frame: header (`header.rs`), toolbar, palette, canvas, inspector and
//! footer, around one editor store and one player, and the language handed down to
//! them all as a context. What is not drawing (language, autosave, the keyboard,
//! opening links and files, ending a palette drag) is in `hooks`.

use crate::lessons::ui_strings as words;
use super::i18n::Lang;
use super::canvas::{canvas_size, Canvas};
use super::header::{AppHeader, Overlay};
use super::hooks::{offer, offer_opened, pending_dialog, read_diagram_file, shortcuts_dialog, use_autosave, use_language, use_notice_fade, use_open_link, use_release_placing, use_shortcuts, Pending, Source};
use super::lesson_panel::LessonPanel;
use super::lesson_panels::{open_pattern, PatternMenu};
use super::library_dialog::LibraryDialog;
use super::palette::Palette;
use super::phone_tabs::{PhoneTabs, Sheet};
use super::playback::{use_player, LiveBadges, RunTick};
use super::run_dock::RunDock;
use super::paste_dialog::PasteDialog;
use super::share_dialog::ShareDialog;
use super::side_panel::{SidePanel, Tab as SideTab};
use super::store::{self, Editor};
use super::toolbar::Toolbar;
use crate::editor::{Action, EditorState, NoticeLevel};
use crate::model::ComponentKind;
use crate::share;
use yew::prelude::*;

#[function_component(App)]
pub fn app() -> Html {
    let editor: Editor = use_reducer(store::restore);
    let player = use_player(editor.clone());
    let lang_choice = use_language(&editor);
    let lang = *lang_choice;
    let placing = use_state(|| None::<ComponentKind>);
    let show_help = use_state(|| false);
    let overlay = use_state(|| Overlay::None);
    let pattern_card = use_state(|| None::<AttrValue>);
    let exercises_open = use_state(|| false);
    let side_tab = use_state(SideTab::default);
    // The exercise to show open when the panel opens from the empty canvas.
    let first_exercise = use_state(|| None::<&'static str>);
    // On a phone, the panel shown over the canvas (ignored on wider screens).
    let sheet = use_state(Sheet::default);
    // A diagram from a link or file waiting for the learner to agree to replace theirs.
    let pending = use_state(|| None::<Pending>);
    use_open_link(&editor, &pending);
    use_autosave(&editor);
    use_notice_fade(&editor);
    use_shortcuts(&editor, &player, &show_help, &placing);

    use_release_placing(&placing);
    // On a phone the exercises open as the side column's sheet, over the canvas.
    use_effect_with((*exercises_open, sheet.setter()), |(open, sheet)| {
        if *open {
            sheet.set(Sheet::Inspector);
        }
    });

    // Stable callbacks, so the palette does not re-render with every edit.
    let on_pick = use_callback(placing.setter(), |kind, set| set.set(Some(kind)));
    let on_placed = use_callback(placing.setter(), |_, set| set.set(None));
    let clear_selection = use_callback(editor.dispatcher(), |_, dispatch| dispatch.dispatch(Action::ClearSelection));
    // A press on a moving dot follows that message (the player knows where dots are).
    let on_dot = use_callback(player.clone(), |at: crate::model::Point, player| player.pick_dot(at));
    let on_add = use_callback((editor.dispatcher(), sheet.setter()), |kind, (dispatch, sheet)| {
        let (width, height) = canvas_size();
        dispatch.dispatch(Action::AddInView { kind, width, height });
        // On a phone the palette covers the canvas: show the box just added.
        sheet.set(Sheet::Canvas);
    });
    // The canvas's callbacks too: a new callback would re-render the whole canvas (every
    // box and arrow) with each of the run's snapshots, a few times a second.
    let on_open_pattern = use_callback((editor.clone(), pending.clone(), overlay.setter(), pattern_card.setter()), |id: &'static str, (editor, pending, overlay, pattern_card)| {
        overlay.set(Overlay::None);
        let pattern_card = pattern_card.clone();
        open_pattern(editor, pending, id, Callback::from(move |_| pattern_card.set(Some(AttrValue::from(id)))));
    });
    let on_open_exercise = use_callback((exercises_open.setter(), first_exercise.setter()), |id: &'static str, (exercises_open, first_exercise)| {
        first_exercise.set(Some(id));
        exercises_open.set(true);
    });
    let on_file = use_callback((editor.clone(), pending.clone()), |file: web_sys::File, (editor, pending)| {
        read_diagram_file(file, editor.clone(), pending.clone())
    });
    let on_show_settings = use_callback(sheet.setter(), |_, sheet| sheet.set(Sheet::Inspector));
    let toggle_help = {
        let show_help = show_help.clone();
        Callback::from(move |_| show_help.set(!*show_help))
    };

    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<Editor> context={editor.clone()}>
        <ContextProvider<RunTick> context={RunTick(player.snapshot().tick)}>
        <ContextProvider<LiveBadges> context={LiveBadges(player.snapshot().badges.clone())}>
            <div class="app">
                <AppHeader overlay={overlay.clone()} exercises_open={exercises_open.clone()} side_tab={side_tab.clone()} {clear_selection} on_file={on_file.clone()} lang={lang_choice.clone()} />
                <Toolbar on_help={toggle_help.clone()} player={player.clone()} tick={player.snapshot().tick} />
                <main class="workspace" data-sheet={sheet.attr()}>
                    <Palette {on_pick} {on_add} lang={lang} />
                    <div class="stage">
                        <Canvas placing={*placing} {on_placed} on_file={on_file.clone()}
                                live_faults={player.snapshot().live_faults.clone()} {on_dot}
                                {on_open_exercise} on_open_pattern={on_open_pattern.clone()}
                                {on_show_settings} />
                        <RunDock player={player.clone()} tick={player.snapshot().tick} />
                    </div>
                    <SidePanel player={player.clone()} exercises_open={exercises_open.clone()} tab={side_tab.clone()} first_exercise={*first_exercise}
                               pattern_card={pattern_card.clone()} on_open_pattern={on_open_pattern.clone()} />
                </main>
                <PhoneTabs sheet={*sheet} on_change={{ let s = sheet.clone(); Callback::from(move |next| s.set(next)) }} />
                <footer class="app-footer">
                    <span>{ format!("Decouple Lab {}", crate::VERSION) }</span>
                    <span class="footer-note">{ words::header::A_SIMULATION_FOR_LEARNING_TIMINGS.get(lang) }</span>
                </footer>
                { notice_view(&editor, lang) }
                if *show_help {
                    { shortcuts_dialog(toggle_help, lang) }
                }
                { match *overlay {
                    Overlay::Lesson => html! { <LessonPanel on_open_pattern={on_open_pattern.clone()} on_close={{ let o = overlay.clone(); Callback::from(move |_| o.set(Overlay::None)) }} /> },
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
                    Overlay::Paste => {
                        let on_open = {
                            let editor = editor.clone();
                            let pending = pending.clone();
                            let overlay = overlay.clone();
                            Callback::from(move |opened| {
                                overlay.set(Overlay::None);
                                offer_opened(&editor, &pending, opened, Source::Pasted);
                            })
                        };
                        html! { <PasteDialog {on_open} on_close={{ let o = overlay.clone(); Callback::from(move |_| o.set(Overlay::None)) }} /> }
                    }
                    Overlay::None => Html::default(),
                } }
                { pending_dialog(&editor, &pending, lang) }
            </div>
        </ContextProvider<LiveBadges>>
        </ContextProvider<RunTick>>
        </ContextProvider<Editor>>
        </ContextProvider<Lang>>
    }
}


fn notice_view(editor: &UseReducerHandle<EditorState>, lang: Lang) -> Html {
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
            <span class="notice-text">{ notice.text.get(lang).to_string() }</span>
            <button type="button" class="notice-close" aria-label={words::frame::DISMISS.get(lang)} onclick={dismiss}>{ "×" }</button>
        </div>
    }
}
