//! The toolbar's run summary: a compact line that fits beside the controls at 1024 px
//! ("12 sent · 10 done · 2 under way · 0 failed · 0 DLQ"), and the full sentence for its
//! tooltip. The compact one leaves out the rarer endings while they are zero, so the line
//! stays short without hiding a number that matters.

use crate::sim::Books;
use crate::text::Message;

/// The short line shown in the toolbar. Every part is one whole figure in each language.
pub fn compact(b: &Books) -> Message {
    let (created, consumed, in_flight, failed, dead) = (b.created, b.consumed, b.in_flight, b.failed, b.dead_lettered);
    let mut parts = vec![
        msg!("{created} sent", "{created} đã gửi"),
        msg!("{consumed} done", "{consumed} xong"),
        msg!("{in_flight} under way", "{in_flight} chưa xong"),
        msg!("{failed} failed", "{failed} lỗi"),
        msg!("{dead} DLQ", "{dead} DLQ"),
    ];
    let (returned, rejected, expired) = (b.returned, b.rejected(), b.expired);
    if returned > 0 {
        parts.push(msg!("{returned} returned", "{returned} trả lại"));
    }
    if rejected > 0 {
        parts.push(msg!("{rejected} rejected", "{rejected} bị từ chối"));
    }
    if expired > 0 {
        parts.push(msg!("{expired} expired", "{expired} hết hạn"));
    }
    let join = |pick: fn(&Message) -> &str| parts.iter().map(pick).collect::<Vec<_>>().join(" · ");
    Message::new(join(|m| m.en.as_str()), join(|m| m.vi.as_str()))
}

/// Every ending in words, for the tooltip and for screen readers.
pub fn full(b: &Books) -> Message {
    let (created, consumed, in_flight, failed, dead, rejected, expired, returned) =
        (b.created, b.consumed, b.in_flight, b.failed, b.dead_lettered, b.rejected(), b.expired, b.returned);
    msg!(
        "{created} created · {consumed} consumed · {in_flight} under way · {failed} failed · {returned} returned to their caller · {dead} dead-lettered · {rejected} rejected · {expired} expired",
        "{created} đã tạo · {consumed} đã tiêu thụ · {in_flight} chưa xong · {failed} lỗi · {returned} trả lại nơi gọi · {dead} vào DLQ · {rejected} bị từ chối · {expired} hết hạn"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn the_compact_line_is_short_and_shows_rare_endings_only_when_they_happen() {
        let mut b = Books { created: 1200, consumed: 1198, in_flight: 2, ..Books::default() };
        assert_eq!(compact(&b).get(Lang::En), "1200 sent · 1198 done · 2 under way · 0 failed · 0 DLQ");
        assert_eq!(compact(&b).get(Lang::Vi), "1200 đã gửi · 1198 xong · 2 chưa xong · 0 lỗi · 0 DLQ");
        assert!(full(&b).get(Lang::En).contains("0 dead-lettered · 0 rejected · 0 expired"));
        b.expired = 3;
        b.throttled = 4;
        assert_eq!(compact(&b).get(Lang::En), "1200 sent · 1198 done · 2 under way · 0 failed · 0 DLQ · 4 rejected · 3 expired");
        // Half the full sentence's length: it fits where the full one was cut.
        assert!(compact(&b).get(Lang::En).chars().count() * 3 < full(&b).get(Lang::En).chars().count() * 2);
    }
}
