//! The sizes the exercise's benchmarks measure (its `benches/inputs/mod.rs`, frozen in the
//! starter) are the sizes the manifest grades.

#[path = "../../../starters/memory/benches/inputs/mod.rs"]
mod inputs;

/// The manifest, read as text: the harness has no TOML parser.
const MANIFEST: &str = include_str!("../../../workbook.toml");

/// Every sized check of `chapter`'s tasks in the manifest, as (task, kind, sizes): the check's
/// `n`, or its list of `sizes`. Checks are inline tables, one per line or all on one line.
fn graded_sizes(chapter: &str) -> Vec<(String, String, Vec<usize>)> {
    let (mut section, mut in_chapter, mut task) = ("", false, String::new());
    let mut checks = Vec::new();
    for line in MANIFEST.lines().map(str::trim) {
        if line.starts_with("[[") {
            section = line;
        } else if let Some(name) = line.strip_prefix("name = \"").and_then(|l| l.strip_suffix('"')) {
            match section {
                "[[chapters]]" => in_chapter = name == chapter,
                "[[chapters.tasks]]" => task = name.to_string(),
                _ => {}
            }
        } else if in_chapter && (line.starts_with('{') || line.starts_with("checks = [{")) {
            let table = line.split(['{', '}']).nth(1).unwrap_or_default();
            // `key = value` pairs split at commas; a piece without `=` continues a list.
            let mut fields: Vec<(&str, String)> = Vec::new();
            for piece in table.split(',') {
                match (piece.split_once(" = "), fields.last_mut()) {
                    (Some((key, value)), _) => fields.push((key.trim(), value.trim().to_string())),
                    (None, Some((_, value))) => *value += piece,
                    (None, None) => {}
                }
            }
            let field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str());
            let list = field("n").or(field("sizes")).unwrap_or_default();
            let sizes: Vec<usize> = list
                .trim_matches(['[', ']'])
                .split_whitespace()
                .map(|size| size.parse().expect("a size is a whole number"))
                .collect();
            if !sizes.is_empty() {
                let kind = field("kind").unwrap_or_default().trim_matches('"');
                checks.push((task.clone(), kind.to_string(), sizes));
            }
        }
    }
    checks
}

#[test]
fn the_benchmarked_sizes_are_the_graded_sizes() {
    let expected = |task: &str, kind: &str| match (task, kind) {
        ("log-summary", "no-slower") => inputs::LOG_LINES_TIMED,
        ("log-summary", _) => inputs::LOG_LINES,
        ("word-frequencies", _) => inputs::PROSE_WORDS,
        ("org-chart", _) => inputs::EMPLOYEES,
        ("sensor-log", "no-slower") => inputs::READINGS_TIMED,
        ("sensor-log", _) => inputs::READINGS,
        _ => panic!("{task}: a task the inputs module does not know"),
    };
    let checks = graded_sizes("memory");
    assert_eq!(
        checks.len(),
        11,
        "heap checks and a time guard per task: {checks:?}"
    );
    for (task, kind, sizes) in checks {
        assert_eq!(sizes, [expected(&task, &kind)], "{task}'s {kind} check");
    }
}
