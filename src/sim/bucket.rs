//! A token bucket: tokens per second, refilled continuously, full at the start.
//! Databases' writes and stores' reads are throttled with one each, and Lambda's
//! concurrency scaling rate (new execution environments) is one too.

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
        self.take_burst(now, per_s, per_s)
    }

    /// The same with at most `burst` tokens saved up.
    pub fn take_burst(&mut self, now: Micros, per_s: f64, burst: f64) -> bool {
        self.tokens = self.available(now, per_s, burst);
        self.refilled_at = now;
        self.started = true;
        if self.tokens < 1.0 {
            return false;
        }
        self.tokens -= 1.0;
        true
    }

    /// How many tokens there are at `now` (without taking any).
    pub fn available(&self, now: Micros, per_s: f64, burst: f64) -> f64 {
        if !self.started {
            return burst;
        }
        let elapsed = now.saturating_sub(self.refilled_at) as f64 / 1e6;
        (self.tokens + elapsed * per_s).min(burst)
    }
}
