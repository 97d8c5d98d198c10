//! What the harness is doing now, for the report when learner code panics: the checks and
//! measurements record their phase here, and the harness reads it after a panic.

use std::sync::Mutex;

/// What the harness is doing, for the report when learner code panics.
static PHASE: Mutex<String> = Mutex::new(String::new());

/// Records what the harness is doing now.
pub fn set_phase(phase: String) {
    *PHASE.lock().unwrap_or_else(|e| e.into_inner()) = phase;
}

/// What the harness was last recorded doing.
pub fn current() -> String {
    PHASE.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
