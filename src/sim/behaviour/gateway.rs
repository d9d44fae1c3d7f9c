//! API Gateway: a token bucket (429), then a synchronous proxy (29 s integration
//! timeout, 504; a Lambda throttle or error is a 5xx) or an asynchronous integration
//! that stores the request and answers 202 (500 when the service refused it).

use crate::model::spec::{ApiGatewaySpec, Integration, Spec};
use crate::sim::engine::{Caller, Reply, Simulation, State};
use crate::sim::metrics::{Fate, Rejection};
use crate::sim::slab::Key;
use crate::sim::time::{ms, Micros};
use crate::sim::trace::HopOutcome;

#[derive(Clone, Debug)]
pub(crate) struct GatewayState {
    pub tokens: f64,
    pub refilled_at: Micros,
    pub next_call: u32,
}

impl GatewayState {
    pub fn new(spec: &ApiGatewaySpec) -> GatewayState {
        GatewayState { tokens: f64::from(spec.throttle_burst), refilled_at: 0, next_call: 0 }
    }
}

impl Simulation {
    pub(crate) fn gateway_arrive(&mut self, g: u32, msg: Key, frame: Key) -> HopOutcome {
        let Some(Spec::ApiGateway(spec)) = self.nodes.get(g as usize).map(|n| n.spec.clone()) else {
            return HopOutcome::Rejected;
        };
        let now = self.now;
        let State::Gateway(state) = &mut self.nodes[g as usize].state else { return HopOutcome::Rejected };
        let elapsed = now.saturating_sub(state.refilled_at) as f64 / 1e6;
        state.tokens = (state.tokens + elapsed * spec.throttle_rate_per_s).min(f64::from(spec.throttle_burst));
        state.refilled_at = now;
        if state.tokens < 1.0 {
            self.nodes[g as usize].totals.throttles += 1;
            self.finish(msg, Fate::Rejected(Rejection::Throttled));
            self.reply(frame, Reply::Throttled);
            return HopOutcome::Throttled;
        }
        state.tokens -= 1.0;
        let calls = self.call_outputs(g);
        if spec.integration == Integration::SyncProxy && !calls.is_empty() {
            let State::Gateway(state) = &mut self.nodes[g as usize].state else { return HopOutcome::Rejected };
            let link = calls[(state.next_call as usize) % calls.len()];
            state.next_call = state.next_call.wrapping_add(1);
            self.nodes[g as usize].totals.processed += 1;
            self.call(link, msg, Caller::Gateway { parent: frame }, ms(spec.integration_timeout_ms));
            return HopOutcome::Delivered;
        }
        let outs = self.async_outputs(g);
        if outs.is_empty() {
            self.nodes[g as usize].totals.errors += 1;
            self.finish(msg, Fate::Rejected(Rejection::NoRoute));
            self.reply(frame, Reply::ServerError);
            return HopOutcome::Rejected;
        }
        self.nodes[g as usize].totals.processed += 1;
        // The service integration's own call (SendMessage, PutRecord, ...) answers the
        // client: 202 once the service took the request, 500 when it failed.
        let (first, rest) = (outs[0], &outs[1..]);
        for &l in rest {
            if let Some(copy) = self.copy_message(msg) {
                self.send(l, copy, Key::NONE);
            }
        }
        self.call(first, msg, Caller::GatewayAsync { parent: frame }, ms(spec.integration_timeout_ms));
        HopOutcome::Delivered
    }
}
