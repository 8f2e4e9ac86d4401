//! What one evaluation may cost. Values are shared (`Arc`), so a few lines can describe
//! collections exponentially larger than the text (`concat(local.a, local.a)` thirty times over
//! is 2^30 elements); strings are already capped ([`super::eval::MAX_STRING`]). Here:
//!
//! - every list or object built holds at most [`MAX_ELEMENTS`] elements;
//! - one evaluation (an attribute, a local, a variable's value, from the outside in) does at most
//!   [`MAX_WORK`] steps — elements built, visited by a splat, a type or an object lookup,
//!   compared for equality — which bounds what sharing makes deep rather than long.
//!
//! Past a cap the value is unknown (so no finding depends on it), and the cap is remembered
//! with where it was hit, for an AKS002.

use super::value::Origin;
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;

/// Elements of one list or object.
pub const MAX_ELEMENTS: usize = 10_000;
/// Steps of one evaluation.
pub const MAX_WORK: u64 = 1_000_000;

/// Which cap a value hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cap {
    /// A list or object over [`MAX_ELEMENTS`].
    Elements,
    /// A string over [`super::eval::MAX_STRING`] bytes.
    String,
    /// An evaluation over [`MAX_WORK`] steps.
    Work,
}

/// The running cost of the current evaluation, and the caps hit so far.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    spent: Cell<u64>,
    /// The current evaluation ran out (reported once, where it did).
    out: Cell<bool>,
    hit: RefCell<BTreeSet<(Origin, Cap)>>,
}

impl Budget {
    /// A new evaluation from the outside: its own steps.
    pub fn start(&self) {
        self.spent.set(0);
        self.out.set(false);
    }

    /// Takes `steps`; `false` once the evaluation is over its budget (remembered at `at` the
    /// first time).
    pub fn spend(&self, steps: usize, at: impl FnOnce() -> Origin) -> bool {
        let spent = self.spent.get().saturating_add(steps as u64);
        self.spent.set(spent);
        if spent <= MAX_WORK {
            return true;
        }
        if !self.out.replace(true) {
            self.record(at(), Cap::Work);
        }
        false
    }

    /// Where the current evaluation stands, to resume it after a nested one that started its
    /// own ([`Budget::resume`]).
    pub fn saved(&self) -> (u64, bool) {
        (self.spent.get(), self.out.get())
    }

    /// Resumes an evaluation where [`Budget::saved`] left it.
    pub fn resume(&self, (spent, out): (u64, bool)) {
        self.spent.set(spent);
        self.out.set(out);
    }

    /// The steps the current evaluation took.
    pub fn spent(&self) -> u64 {
        self.spent.get()
    }

    pub fn record(&self, at: Origin, cap: Cap) {
        self.hit.borrow_mut().insert((at, cap));
    }

    /// Every cap hit, in order.
    pub fn hit(&self) -> Vec<(Origin, Cap)> {
        self.hit.borrow().iter().cloned().collect()
    }
}
