//! Inline SVG icons: one pictogram per component kind, coloured as AWS colours its
//! service families, and the run controls.

use crate::view::look::{glyph, kind_colour};
use crate::model::ComponentKind;
use yew::prelude::*;

/// A kind's tile: the pictogram on its family colour.
pub fn kind_icon(kind: ComponentKind) -> Html {
    html! {
        <svg class="kind-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
            <rect width="24" height="24" rx="5" fill={kind_colour(kind)} />
            <g transform="translate(3 3) scale(0.75)">
                <path d={glyph(kind)} fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
            </g>
        </svg>
    }
}

/// The same tile placed inside the canvas's SVG.
pub fn kind_icon_at(kind: ComponentKind, x: f64, y: f64, size: f64) -> Html {
    let scale = size / 24.0;
    html! {
        <g class="kind-icon" transform={format!("translate({x} {y}) scale({scale})")} aria-hidden="true">
            <rect width="24" height="24" rx="5" fill={kind_colour(kind)} />
            <g transform="translate(3 3) scale(0.75)">
                <path d={glyph(kind)} fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
            </g>
        </g>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Play,
    Pause,
    Step,
    Reset,
    Undo,
    Redo,
    ZoomIn,
    ZoomOut,
    Fit,
    Delete,
    Help,
}

pub fn control_icon(control: Control) -> Html {
    let path = match control {
        Control::Play => "M8 5v14l11-7z",
        Control::Pause => "M7 5h3v14H7zM14 5h3v14h-3z",
        Control::Step => "M6 5v14l9-7zM16 5h2.5v14H16z",
        Control::Reset => "M5 12a7 7 0 1 0 2-4.9M5 4v4h4",
        Control::Undo => "M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3",
        Control::Redo => "M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3",
        Control::ZoomIn => "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4M8 11h6M11 8v6",
        Control::ZoomOut => "M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zM20 20l-4-4M8 11h6",
        Control::Fit => "M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5",
        Control::Delete => "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6",
        Control::Help => "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.5",
    };
    let filled = matches!(control, Control::Play | Control::Pause | Control::Step);
    html! {
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
            if filled {
                <path d={path} fill="currentColor" />
            } else {
                <path d={path} fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
            }
        </svg>
    }
}
