//! A request to stop a run over many stories between two of them: the first Ctrl-C (or
//! SIGTERM) during `segment` or `merge` of a folder lets the stories under way finish, starts
//! no other, and the run reports what it wrote. Stories under way that do not finish within
//! the handler's grace (a FIFO nothing writes to) are not waited for: the run is then ended as
//! by a second signal. The signal handler asks ([`request`]) only
//! while such a run says it can stop this way ([`Between`]); otherwise it ends the process as
//! it always has, after the save under way.
//!
//! It holds two numbers and never prints, reads or writes anything.

use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

/// The signal that asked the run to stop, or 0.
static SIGNAL: AtomicI32 = AtomicI32::new(0);

/// Runs under way that stop between stories.
static BETWEEN: AtomicUsize = AtomicUsize::new(0);

/// Asks the runs under way to stop between stories, for `signal`.
pub fn request(signal: i32) {
    SIGNAL.store(signal, Ordering::SeqCst);
}

/// The signal that asked the run to stop, if one did.
pub fn requested() -> Option<i32> {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Whether a run under way stops between stories (so a signal is to ask it, not to end the
/// process).
pub fn between_stories() -> bool {
    BETWEEN.load(Ordering::SeqCst) > 0
}

/// Held by a run over many stories while it can stop between two of them.
#[derive(Debug)]
pub struct Between(());

impl Between {
    /// Says that the run stops between stories from now until the value is dropped.
    pub fn begin() -> Between {
        BETWEEN.fetch_add(1, Ordering::SeqCst);
        Between(())
    }
}

impl Drop for Between {
    fn drop(&mut self) {
        BETWEEN.fetch_sub(1, Ordering::SeqCst);
    }
}
