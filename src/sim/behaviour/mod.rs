//! What each kind of component does with the messages that reach it.

pub(crate) mod compute;
pub(crate) mod delivery;
pub(crate) mod fanout;
pub(crate) mod gateway;
pub(crate) mod kafka;
pub(crate) mod queue;
pub(crate) mod read;
pub(crate) mod source;
pub(crate) mod stepfn;
pub(crate) mod storage;
pub(crate) mod stream;
