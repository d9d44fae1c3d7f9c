//! The live figures under each box while a run plays: the few that matter most for each
//! kind, each written whole in both languages, and whether they are bad news. A queue
//! shows its two numbers apart, with a tooltip saying what "in flight" means, because
//! an outage reads through them: a failing consumer hides the messages (in flight), a
//! stopped one leaves them waiting.

use crate::model::spec::Spec;
use crate::model::{Component, ComponentKind};
use crate::sim::ComponentReport;
use crate::text::{Lang, Message};

/// A live figure under a box.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub text: Message,
    pub alert: bool,
    /// What the figures mean, for the tooltip (and its accessible text).
    pub title: Option<Message>,
}

/// How long a badge stays red after its last failure (simulated seconds): long enough to
/// see, short enough that a component that recovered no longer looks broken.
pub const ALERT_AFTER_FAILURE_S: f64 = 10.0;

/// The failures a badge counts: a client's failed calls, anything else's errors and
/// throttles. The player notes when this last grew (`failed_s_ago` below).
pub fn failures(r: &ComponentReport) -> u64 {
    match &r.client {
        Some(c) => c.timeouts + c.server_errors + c.throttled_429,
        None => r.errors + r.throttles,
    }
}

/// A component's badge from the engine's report (None: a client the report says
/// nothing about). `resumed_s_ago`: for a queue, how long ago a consumer that was
/// failing came back, if it did; `failed_s_ago`: how long ago `failures` last grew. The
/// count stays, but is red only while failures are recent (or messages sit in a DLQ).
pub fn badge(c: &Component, r: &ComponentReport, resumed_s_ago: Option<f64>, failed_s_ago: Option<f64>) -> Option<Badge> {
    use ComponentKind::*;
    let (errors, in_dlq) = (r.errors + r.throttles, r.dead_letter_depth);
    let failing = failed_s_ago.is_some_and(|ago| ago < ALERT_AFTER_FAILURE_S);
    let mut figures = Vec::new();
    let mut title = None;
    match c.kind() {
        Queue => {
            let (depth, in_flight) = (r.depth, r.in_flight);
            figures.push(msg!("{depth} waiting", "{depth} đang chờ"));
            figures.push(msg!("{in_flight} in flight", "{in_flight} in flight"));
            let timeout = match &c.spec {
                Spec::Queue(q) => q.visibility_timeout_s,
                _ => 0,
            };
            let mut words = vec![
                msg!("Waiting: visible, ready for a consumer to receive.", "Đang chờ: visible, sẵn sàng cho consumer nhận."),
                msg!(
                    "In flight: received by a consumer and hidden for the visibility timeout ({timeout} s); if not deleted by then it becomes visible again.",
                    "In flight: consumer đã nhận và bị ẩn trong visibility timeout ({timeout} s); nếu chưa bị xoá thì hết thời gian đó nó visible trở lại."
                ),
            ];
            // A consumer back from failing: what it received while failing stays hidden.
            let left = resumed_s_ago.map(|ago| (f64::from(timeout) - ago).ceil()).filter(|&left| left > 0.0 && in_flight > 0);
            if let Some(left) = left {
                let left = left as u64;
                figures.push(msg!("visible again in ≤ {left} s", "visible lại sau ≤ {left} s"));
                words.push(msg!(
                    "The consumer is back, but the messages it received while failing stay hidden for up to {left} s more: nothing drains until then.",
                    "Consumer đã chạy lại, nhưng các message nó nhận khi đang lỗi còn bị ẩn thêm tối đa {left} s: đến lúc đó mới bắt đầu rút."
                ));
            }
            title = Some(sentences(&words));
        }
        Client => {
            let c = r.client.as_ref()?;
            let (sent, failed) = (c.sent, failures(r));
            let text = figures_text(&[msg!("{sent} sent", "{sent} đã gửi"), msg!("{failed} failed", "{failed} lỗi")]);
            return Some(Badge { text, alert: failing, title: None });
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
    Some(Badge { text: figures_text(&figures), alert: failing || in_dlq > 0, title })
}

/// Figures side by side, " · " between them, in each language.
fn figures_text(figures: &[Message]) -> Message {
    joined(figures, " · ")
}

/// Sentences one after another.
fn sentences(words: &[Message]) -> Message {
    joined(words, " ")
}

fn joined(parts: &[Message], between: &str) -> Message {
    let join = |lang| parts.iter().map(|f| f.get(lang)).collect::<Vec<_>>().join(between);
    Message { en: join(Lang::En), vi: join(Lang::Vi) }
}
