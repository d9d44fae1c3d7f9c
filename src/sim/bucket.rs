//! A token bucket: capacity per second, refilled continuously, full at the start.
//! Databases' writes and stores' reads are throttled with one each.

use super::time::Micros;

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenBucket {
    tokens: f64,
    refilled_at: Micros,
    started: bool,
}

impl TokenBucket {
    /// Takes one token at `now` if there is one, with `per_s` tokens a second (and at
    /// most that many saved up); false when the caller is throttled.
    pub fn take(&mut self, now: Micros, per_s: f64) -> bool {
        if !self.started {
            *self = TokenBucket { tokens: per_s, refilled_at: now, started: true };
        }
        let elapsed = now.saturating_sub(self.refilled_at) as f64 / 1e6;
        self.tokens = (self.tokens + elapsed * per_s).min(per_s);
        self.refilled_at = now;
        if self.tokens < 1.0 {
            return false;
        }
        self.tokens -= 1.0;
        true
    }
}
