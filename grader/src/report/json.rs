//! The `--json` document.

use crate::result::Report;

/// The report as one pretty-printed JSON document.
pub fn render(report: &Report) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(report).expect("the report serializes")
}
