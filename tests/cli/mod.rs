//! Running the `dlab` binary from tests, with optional standard input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub fn dlab(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dlab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dlab runs");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        // dlab may exit before reading (an unknown exercise): a broken pipe is fine.
        let _ = input.write_all(text.as_bytes());
    }
    drop(input);
    child.wait_with_output().expect("finished")
}
