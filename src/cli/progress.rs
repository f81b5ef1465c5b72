//! Progress on stderr, only when stderr is a terminal and not `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use parallax::pipeline::Observer;
use std::sync::Mutex;

/// Draws one bar per stage with indicatif.
pub struct Bar {
    bar: Mutex<Option<ProgressBar>>,
    enabled: bool,
}

impl Bar {
    /// A bar that draws only when `enabled`.
    pub fn new(enabled: bool) -> Bar {
        Bar { bar: Mutex::new(None), enabled }
    }
}

impl Observer for Bar {
    fn stage(&self, name: &'static str, len: u64) {
        // What the previous stage freed goes back to the system first.
        crate::alloc_tuning::release_free_memory();
        if !self.enabled {
            return;
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{prefix:>16} [{bar:30}] {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_prefix(name);
        if let Ok(mut slot) = self.bar.lock() {
            *slot = Some(bar);
        }
    }

    fn advance(&self, n: u64) {
        if !self.enabled {
            return;
        }
        if let Ok(slot) = self.bar.lock() {
            if let Some(bar) = slot.as_ref() {
                bar.inc(n);
            }
        }
    }

    fn done(&self) {
        // And what the stage's parallel part freed.
        crate::alloc_tuning::release_free_memory();
        if let Ok(mut slot) = self.bar.lock() {
            if let Some(bar) = slot.take() {
                bar.finish_and_clear();
            }
        }
    }
}
