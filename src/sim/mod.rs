//! The discrete-event simulation engine.
