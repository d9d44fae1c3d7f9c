//! A component dragged from the palette: released anywhere but the canvas, it places
//! nothing.

use crate::model::ComponentKind;
use gloo::events::EventListener;
use yew::prelude::*;

/// While a palette drag is under way, a release anywhere ends it (after the canvas has
/// seen the same release and placed the component, if it was over the canvas).
#[hook]
pub fn use_release_placing(placing: &UseStateHandle<Option<ComponentKind>>) {
    let placing = placing.clone();
    use_effect_with(placing.is_some(), move |active| {
        let listener = active.then(|| {
            EventListener::new(&gloo::utils::window(), "pointerup", move |_| {
                let placing = placing.clone();
                gloo::timers::callback::Timeout::new(0, move || placing.set(None)).forget();
            })
        });
        move || drop(listener)
    });
}
