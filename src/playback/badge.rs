//! The live figures under each box while a run plays: the few that matter most for each
//! kind, each written whole in both languages, and whether they are bad news.

use crate::model::ComponentKind;
use crate::sim::ComponentReport;
use crate::text::{Lang, Message};

/// A live figure under a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub text: Message,
    pub alert: bool,
}

/// A component's badge from the engine's report (None: a client the report says
/// nothing about).
pub fn badge(kind: ComponentKind, r: &ComponentReport) -> Option<Badge> {
    use ComponentKind::*;
    let (errors, in_dlq) = (r.errors + r.throttles, r.dead_letter_depth);
    let mut figures = Vec::new();
    match kind {
        Queue => {
            let (depth, in_flight) = (r.depth, r.in_flight);
            figures.push(msg!("{depth} waiting", "{depth} đang chờ"));
            if in_flight > 0 {
                figures.push(msg!("{in_flight} in flight", "{in_flight} đang xử lý"));
            }
        }
        Client => {
            let c = r.client.as_ref()?;
            let (sent, failed) = (c.sent, c.timeouts + c.server_errors + c.throttled_429);
            let text = figures_text(&[msg!("{sent} sent", "{sent} đã gửi"), msg!("{failed} failed", "{failed} lỗi")]);
            return Some(Badge { text, alert: failed > 0 });
        }
        Function | Service | StateMachine => {
            let busy = r.concurrency;
            figures.push(msg!("{busy} busy", "{busy} đang bận"));
        }
        WorkerGroup => {
            let (instances, busy) = (r.instances, r.concurrency);
            figures.push(msg!("{instances} instances", "{instances} instance"));
            figures.push(msg!("{busy} busy", "{busy} đang bận"));
        }
        Topic | EventBus | Stream | DeliveryStream | ApiGateway | EventSource => {
            let passed = r.processed;
            figures.push(msg!("{passed} passed", "{passed} đã chuyển"));
        }
        Database | ObjectStorage | SearchIndex | Analytics | Notification => {
            let stored = r.processed.max(r.received);
            figures.push(msg!("{stored} stored", "{stored} đã lưu"));
        }
    }
    if errors > 0 {
        figures.push(msg!("{errors} errors", "{errors} lỗi"));
    }
    if in_dlq > 0 {
        figures.push(msg!("{in_dlq} in DLQ", "{in_dlq} trong DLQ"));
    }
    Some(Badge { text: figures_text(&figures), alert: errors > 0 || in_dlq > 0 })
}

/// Figures side by side, " · " between them, in each language.
fn figures_text(figures: &[Message]) -> Message {
    let join = |lang| figures.iter().map(|f| f.get(lang)).collect::<Vec<_>>().join(" · ");
    Message { en: join(Lang::En), vi: join(Lang::Vi) }
}
