//! Inline SVG icons: one pictogram per component kind, coloured as AWS colours its
//! service families, and the run controls.

use crate::model::ComponentKind;
use yew::prelude::*;

/// The kind's tile colour (AWS's family colours).
pub fn kind_colour(kind: ComponentKind) -> &'static str {
    use ComponentKind::*;
    match kind {
        Client => "#232f3e",
        EventSource => "#2e73b8",
        ApiGateway | Stream | DeliveryStream | SearchIndex | Analytics => "#8c4fff",
        Queue | Topic | EventBus | StateMachine => "#e7157b",
        Function | WorkerGroup | Service => "#ed7100",
        Database => "#c925d1",
        ObjectStorage => "#7aa116",
        Notification => "#dd344c",
    }
}

/// White strokes on a 24 × 24 grid.
fn glyph(kind: ComponentKind) -> &'static str {
    use ComponentKind::*;
    match kind {
        Client => "M12 12a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM5 20c.8-3.6 3.6-5.5 7-5.5s6.2 1.9 7 5.5",
        ApiGateway => "M9 7l-5 5 5 5M15 7l5 5-5 5M13.5 6l-3 12",
        EventSource => "M13 3L6 13h5l-1 8 7-10h-5l1-8z",
        Queue => "M3 9h4v6H3zM10 9h4v6h-4zM17 9h4v6h-4z",
        Topic => "M5 12h4M9 12l9-6M9 12h10M9 12l9 6M4 12a1 1 0 1 0 2 0 1 1 0 0 0-2 0",
        EventBus => "M3 12h18M7 12V6M12 12v6M17 12V6M5.5 6h3M10.5 18h3M15.5 6h3",
        Stream => "M3 8c3-2 6 2 9 0s6-2 9 0M3 12c3-2 6 2 9 0s6-2 9 0M3 16c3-2 6 2 9 0s6-2 9 0",
        DeliveryStream => "M4 5h16l-6 7v6l-4 2v-8z",
        Function => "M7 4h3l7 16M11.5 11L7 20",
        WorkerGroup => "M3 7h7v5H3zM14 7h7v5h-7zM8.5 15h7v5h-7z",
        Service => "M12 3l7.5 4.5v9L12 21l-7.5-4.5v-9zM12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6",
        StateMachine => "M4 4h6v5H4zM14 15h6v5h-6zM7 9v4h10v2M17 9V4",
        Database => "M5 6c0-1.7 3.1-3 7-3s7 1.3 7 3v12c0 1.7-3.1 3-7 3s-7-1.3-7-3zM5 6c0 1.7 3.1 3 7 3s7-1.3 7-3M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3",
        ObjectStorage => "M4 6h16l-2 14H6zM4 6c0-1.2 3.6-2 8-2s8 .8 8 2",
        SearchIndex => "M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L21 21",
        Analytics => "M4 20V10M10 20V4M16 20v-7M21 20H3",
        Notification => "M3 6h18v12H3zM3 6l9 7 9-7",
    }
}

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
