//! How a run reports on itself while it goes: progress of the long stages, and the time of
//! each stage. Both are shared by the stages that run in parallel, so both take `&self`.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Receives progress of the long stages (a progress bar on a terminal, nothing in tests).
pub trait Progress: Sync {
    fn start(&self, _stage: &'static str, _total: usize) {}
    fn advance(&self, _n: usize) {}
    fn finish(&self) {}
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// How long each stage took, in the order the stages first ran.
#[derive(Debug, Default)]
pub struct Timings(Mutex<Vec<(&'static str, Duration)>>);

impl Timings {
    /// Runs `f`, adding its duration to `stage` (a stage may be timed in several parts).
    pub(crate) fn time<T>(&self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.add(stage, start.elapsed());
        out
    }

    /// Adds `d` to `stage`.
    pub(crate) fn add(&self, stage: &'static str, d: Duration) {
        let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match all.iter_mut().find(|(s, _)| *s == stage) {
            Some((_, t)) => *t += d,
            None => all.push((stage, d)),
        }
    }

    /// Moves up to `d` of `from`'s time to `to` (for work done inside another stage's pass).
    pub(crate) fn shift(&self, from: &'static str, to: &'static str, d: Duration) {
        let moved = {
            let mut all = self.0.lock().unwrap_or_else(|e| e.into_inner());
            let Some((_, t)) = all.iter_mut().find(|(s, _)| *s == from) else { return };
            let moved = d.min(*t);
            *t -= moved;
            moved
        };
        self.add(to, moved);
    }

    /// Each stage with its time.
    pub fn stages(&self) -> Vec<(&'static str, Duration)> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl Clone for Timings {
    fn clone(&self) -> Self {
        Timings(Mutex::new(self.stages()))
    }
}
