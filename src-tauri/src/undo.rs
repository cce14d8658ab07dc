//! The last step the window can take back (Undo in a confirmation, or Ctrl+Z).
//!
//! What a step changed is kept here, in Rust: the window sends back only the step's
//! number, so what is put back never comes from the webview, and a step is taken back
//! at most once.

use std::sync::Mutex;

use majlis_core::inbox;
use majlis_core::posts;
use majlis_core::templates;
use majlis_core::time::{Clock, SystemClock};
use serde::{Deserialize, Serialize};

use crate::state::AppState;

/// A step the window was told it can take back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct StepId(u32);

/// What a step changed, to put back.
pub enum Undo {
    /// A post dragged to another time.
    Moved(posts::Moved),
    /// A post called off.
    CalledOff(posts::CalledOff),
    /// One date of a series moved or called off alone, as a post of its own.
    Detached(posts::Detached),
    /// Messages closed, marked replied or spam, reopened or snoozed.
    Triaged(inbox::Step),
    /// A template deleted.
    Deleted(templates::Template),
}

impl Undo {
    /// Puts back what the step changed, where nothing has changed it again since;
    /// answers how many things (posts or messages) went back.
    pub fn take_back(self, state: &AppState) -> majlis_core::Result<usize> {
        let now = SystemClock.now();
        match self {
            Undo::Moved(moved) => state
                .write_posts(|tx| posts::move_back(tx, &moved, now))
                .map(|_| 1),
            Undo::CalledOff(called_off) => state
                .write_posts(|tx| posts::uncancel(tx, &called_off, now))
                .map(|_| 1),
            Undo::Detached(detached) => state
                .write_posts(|tx| posts::rejoin(tx, &detached, now))
                .map(|_| 1),
            Undo::Triaged(step) => state.write_inbox(|tx| inbox::restore(tx, &step)),
            Undo::Deleted(template) => state
                .store
                .write(|tx| templates::restore(tx, &template, now))
                .map(|_| 1),
        }
    }
}

/// The last step, and the number the next one gets. Only the last is kept: only the
/// last confirmation offers Undo.
#[derive(Default)]
pub struct Journal(Mutex<(u32, Option<(StepId, Undo)>)>);

impl Journal {
    /// The journal, also after a panic elsewhere: what it holds is whole either way.
    fn lock(&self) -> std::sync::MutexGuard<'_, (u32, Option<(StepId, Undo)>)> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Keeps `undo` as the last step, in place of any other, and numbers it.
    pub fn record(&self, undo: Undo) -> StepId {
        let mut journal = self.lock();
        journal.0 = journal.0.wrapping_add(1);
        let step = StepId(journal.0);
        journal.1 = Some((step, undo));
        step
    }

    /// What `step` changed, if it is still the last step and not yet taken back.
    pub fn take(&self, step: StepId) -> Option<Undo> {
        let mut journal = self.lock();
        match journal.1.take() {
            Some((last, undo)) if last == step => Some(undo),
            other => {
                journal.1 = other;
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use majlis_core::inbox::{Status, Step};

    use super::*;

    fn triaged() -> Undo {
        Undo::Triaged(Step {
            to: Status::Closed,
            until: None,
            at: majlis_core::time::Timestamp::from_unix(0).expect("in range"),
            before: Vec::new(),
        })
    }

    #[test]
    fn only_the_last_step_is_taken_back_and_only_once() {
        let journal = Journal::default();
        let first = journal.record(triaged());
        let last = journal.record(triaged());
        assert!(journal.take(first).is_none(), "a step replaced by another");
        assert!(journal.take(last).is_some());
        assert!(journal.take(last).is_none(), "taken back twice");
    }
}
