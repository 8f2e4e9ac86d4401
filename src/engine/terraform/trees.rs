//! The parsed modules a run holds at once: a cache of syntax trees within a budget.
//!
//! The project is kept as [`Outline`]s (texts, no trees). Loading parses each module and offers
//! its trees here; evaluating a root's tree of instances takes each module it reaches from here,
//! parsing it again from its outline when it is no longer held. One parse is shared by every
//! instance and every root that holds it at the same time (an `Arc`, never a copy). Modules no
//! task holds are dropped, least recently used first, while the texts of those held are over
//! [`BUDGET`]: a project smaller than that is parsed once, a larger one costs a parse per pass
//! for what did not stay, and memory stays bounded by the budget plus the trees being
//! evaluated, whatever the number of files. Which modules stay depends on the threads' timing,
//! what they parse to does not.

use crate::terraform::{Module, Outline};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// Bytes of source text whose trees are kept when no task holds them: about 40 MB of trees.
pub const BUDGET: usize = 2 << 20;

/// One held module: its trees, the bytes of its texts, when it was last taken.
struct Held {
    module: Arc<Module>,
    size: usize,
    used: u64,
}

/// What the cache holds.
#[derive(Default)]
struct Shelf {
    modules: HashMap<PathBuf, Held>,
    /// The bytes of the held modules' texts.
    size: usize,
    clock: u64,
}

/// The cache (shared by the threads of a run).
pub(super) struct Trees {
    held: Mutex<Shelf>,
    budget: usize,
}

impl Trees {
    pub fn new(budget: usize) -> Trees {
        Trees {
            held: Mutex::new(Shelf::default()),
            budget,
        }
    }

    /// The module of `outline` (loaded from `dir`), parsed: held, or parsed again.
    pub fn get(&self, dir: &Path, outline: &Outline) -> Arc<Module> {
        {
            let mut held = self.lock();
            held.clock += 1;
            let now = held.clock;
            if let Some(h) = held.modules.get_mut(dir)
                && same_texts(&h.module, outline)
            {
                h.used = now;
                return h.module.clone();
            }
        }
        let module = Arc::new(outline.parse());
        self.offer(dir, module.clone(), outline.size());
        module
    }

    /// Holds a module just parsed (loaded from `dir`; its texts are `size` bytes), in place of
    /// what was held for `dir` (a module loaded again with var files replaces the first load).
    pub fn offer(&self, dir: &Path, module: Arc<Module>, size: usize) {
        let mut held = self.lock();
        held.clock += 1;
        let used = held.clock;
        let h = Held { module, size, used };
        // What goes is dropped once the lock is released: freeing trees takes time.
        let mut gone = Vec::new();
        if let Some(old) = held.modules.insert(dir.to_path_buf(), h) {
            held.size -= old.size;
            gone.push(old);
        }
        held.size += size;
        while held.size > self.budget {
            // The least recently used module no task holds.
            let Some(dir) = held
                .modules
                .iter()
                .filter(|(_, h)| Arc::strong_count(&h.module) == 1)
                .min_by_key(|(_, h)| h.used)
                .map(|(d, _)| d.clone())
            else {
                break;
            };
            if let Some(old) = held.modules.remove(&dir) {
                held.size -= old.size;
                gone.push(old);
            }
        }
        drop(held);
        drop(gone);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shelf> {
        // Nothing panics while holding the lock; a poisoned cache is still consistent.
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether `m` was parsed from the texts of `outline` (a directory loaded twice, as a caller's
/// child and again for context, is kept as it was first loaded).
fn same_texts(m: &Module, outline: &Outline) -> bool {
    m.files.len() == outline.files.len()
        && m.files
            .iter()
            .zip(&outline.files)
            .all(|(a, b)| Arc::ptr_eq(&a.text, &b.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::terraform::{SourceKind, TfLimits};

    /// A module of one `main.tf` of `n` bytes, and its outline.
    fn module(n: usize) -> (Arc<Module>, Outline) {
        let text = format!("locals {{\n  x = \"{}\"\n}}\n", "a".repeat(n - 20));
        assert_eq!(text.len(), n);
        let texts = vec![(PathBuf::from("main.tf"), SourceKind::Config, text)];
        let m = Module::from_texts(Path::new("."), texts, &TfLimits::default());
        let o = Outline::of(&m, TfLimits::default());
        (Arc::new(m), o)
    }

    fn held(t: &Trees) -> Vec<String> {
        let mut dirs: Vec<String> = t
            .lock()
            .modules
            .keys()
            .map(|d| d.display().to_string())
            .collect();
        dirs.sort();
        dirs
    }

    #[test]
    fn within_the_budget_a_module_is_parsed_once() {
        let t = Trees::new(100);
        let (m, o) = module(50);
        t.offer(Path::new("a"), m.clone(), o.size());
        assert!(Arc::ptr_eq(&t.get(Path::new("a"), &o), &m));
    }

    #[test]
    fn over_the_budget_the_least_recently_used_idle_module_goes() {
        let t = Trees::new(100);
        let (a, oa) = module(40);
        let (b, ob) = module(40);
        t.offer(Path::new("a"), a, oa.size());
        t.offer(Path::new("b"), b, ob.size());
        let _a = t.get(Path::new("a"), &oa); // a is used after b
        let (c, oc) = module(40);
        t.offer(Path::new("c"), c, oc.size());
        assert_eq!(held(&t), ["a", "c"], "b was the least recently used");
        // Held by a task, a module stays over the budget; once let go, it may go.
        let (d, od) = module(40);
        t.offer(Path::new("d"), d, od.size());
        assert_eq!(held(&t), ["a", "d"], "c went, a is held");
        drop(_a);
        let again = t.get(Path::new("c"), &oc);
        assert_eq!(again.files[0].text, oc.files[0].text, "c is parsed again");
        assert_eq!(held(&t), ["c", "d"]);
    }

    #[test]
    fn a_module_loaded_again_is_not_taken_for_the_first_load() {
        let t = Trees::new(1000);
        let (first, _) = module(50);
        t.offer(Path::new("a"), first.clone(), 50);
        let (_, other) = module(50);
        let got = t.get(Path::new("a"), &other);
        assert!(!Arc::ptr_eq(&got, &first));
        assert!(Arc::ptr_eq(&got.files[0].text, &other.files[0].text));
    }
}
