//! A token bucket: tokens per second, refilled continuously, full at the start.
//! Databases' writes and stores' reads are throttled with one each, and Lambda's
//! concurrency scaling rate (new execution environments) is one too.

use super::time::Micros;

#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct TokenBucket {
    tokens: f64,
    refilled_at: Micros,
    started: bool,
    /// From when the bucket is surely full again (spares hot paths the arithmetic).
    full_at: Micros,
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
        let refill = ((burst - self.tokens) / per_s.max(1e-9) * 1e6).ceil();
        self.full_at = now.saturating_add(if refill < 1e15 { refill as Micros } else { Micros::MAX / 2 });
        true
    }

    /// Is the bucket full at `now` (no arithmetic: hot paths ask this first)?
    #[inline]
    pub fn full(&self, now: Micros) -> bool {
        !self.started || now >= self.full_at
    }

    /// How many tokens there are at `now` (without taking any).
    pub fn available(&self, now: Micros, per_s: f64, burst: f64) -> f64 {
        if self.full(now) {
            return burst;
        }
        let elapsed = now.saturating_sub(self.refilled_at) as f64 / 1e6;
        (self.tokens + elapsed * per_s).min(burst)
    }
}
