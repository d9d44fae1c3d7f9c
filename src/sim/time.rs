//! Simulated time: integer microseconds since the start of a run, never wall time.

/// A point or a stretch of simulated time, in microseconds.
pub type Micros = u64;

pub const MICROS_PER_MS: Micros = 1_000;
pub const MICROS_PER_S: Micros = 1_000_000;

/// Milliseconds to microseconds.
pub fn ms(value: u32) -> Micros {
    Micros::from(value) * MICROS_PER_MS
}

/// Seconds to microseconds.
pub fn secs(value: u32) -> Micros {
    Micros::from(value) * MICROS_PER_S
}

/// Seconds as a float (user input) to microseconds, rounded, never negative.
pub fn secs_f64(value: f64) -> Micros {
    if value.is_finite() && value > 0.0 {
        // + 0.5 then truncation: rounding without a libm call on the hot path.
        let us = value * 1e6 + 0.5;
        if us >= u64::MAX as f64 {
            u64::MAX
        } else {
            us as u64
        }
    } else {
        0
    }
}

/// Microseconds to seconds, for reports.
pub fn to_secs(value: Micros) -> f64 {
    value as f64 / 1e6
}
