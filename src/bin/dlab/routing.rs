//! `dlab events|sns|asl ...`: JSON Lines in, one JSON line out per input.
//! (Filled in by the routing work.)

pub fn events_match() -> i32 { unimplemented_group("events match") }
pub fn events_validate() -> i32 { unimplemented_group("events validate") }
pub fn sns_match() -> i32 { unimplemented_group("sns match") }
pub fn sns_validate() -> i32 { unimplemented_group("sns validate") }
pub fn asl_validate() -> i32 { unimplemented_group("asl validate") }
pub fn asl_choice() -> i32 { unimplemented_group("asl choice") }

fn unimplemented_group(name: &str) -> i32 {
    eprintln!("dlab {name}: not available yet");
    2
}
