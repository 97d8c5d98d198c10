//! mdbook reports what goes wrong during a build (an include it cannot read, unbalanced HTML, a
//! footnote defined twice) through `tracing`, and carries on. Without a subscriber those reports
//! vanish, so this module collects them while a build runs: the build can then show them, and
//! fail on them.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use tracing::field::{Field, Visit};
use tracing::level_filters::LevelFilter;
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};

/// A warning or an error that mdbook logged during a build.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// `WARN` or `ERROR`.
    pub level: Level,
    /// The message, followed by any other fields of the event.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "mdbook {}: {}", self.level, self.message)
    }
}

/// Runs `f` with a subscriber that records every warning and error logged on this thread, and
/// returns its result with what was recorded.
pub fn capture<T>(f: impl FnOnce() -> T) -> (T, Vec<Diagnostic>) {
    let recorded = Arc::new(Mutex::new(Vec::new()));
    let collector = Collector {
        recorded: Arc::clone(&recorded),
    };
    let result = tracing::subscriber::with_default(collector, f);
    let diagnostics = std::mem::take(&mut *recorded.lock().unwrap_or_else(PoisonError::into_inner));
    (result, diagnostics)
}

/// A subscriber that keeps warnings and errors and ignores everything else, spans included.
#[derive(Debug)]
struct Collector {
    recorded: Arc<Mutex<Vec<Diagnostic>>>,
}

impl Subscriber for Collector {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        // "Sometimes", not "always": callsite interest is cached process-wide, and other threads
        // may run with no collector at all.
        if self.enabled(metadata) {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        // Levels compare by verbosity: WARN and ERROR are the ones at most as verbose as WARN.
        metadata.is_event() && *metadata.level() <= Level::WARN
    }

    fn max_level_hint(&self) -> Option<LevelFilter> {
        Some(LevelFilter::WARN)
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        // Spans are never enabled, so this is never called with one that matters.
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut message = Message::default();
        event.record(&mut message);
        self.recorded
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(Diagnostic {
                level: *event.metadata().level(),
                message: message.into_string(),
            });
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Formats an event's fields: the `message` field first, then any other as `name=value`.
#[derive(Debug, Default)]
struct Message {
    text: String,
    fields: String,
}

impl Message {
    fn push(&mut self, field: &Field, value: &dyn fmt::Display) {
        use fmt::Write as _;
        // Writing to a String cannot fail.
        let _ = if field.name() == "message" {
            write!(self.text, "{value}")
        } else {
            write!(self.fields, " {}={value}", field.name())
        };
    }

    fn into_string(self) -> String {
        self.text + &self.fields
    }
}

impl Visit for Message {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.push(field, &value);
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.push(field, &format_args!("{value:?}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_warnings_and_errors_only() {
        let ((), diagnostics) = capture(|| {
            tracing::info!("not kept");
            tracing::warn!("kept: {}", 1);
            tracing::error!(path = "a.md", "also kept");
        });
        let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            ["mdbook WARN: kept: 1", "mdbook ERROR: also kept path=a.md"]
        );
    }

    #[test]
    fn nothing_is_kept_outside_the_capture() {
        tracing::warn!("before");
        let ((), diagnostics) = capture(|| {});
        assert!(diagnostics.is_empty());
    }
}
