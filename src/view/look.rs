//! How kinds look: AWS's family colours and a pictogram per kind, shared by the page
//! and the SVG export.

use crate::model::ComponentKind;

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
pub fn glyph(kind: ComponentKind) -> &'static str {
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

