//! The size the exercise's benchmark measures (its `benches/inputs/mod.rs`, frozen in the
//! starter) is the size the manifest grades.

#[path = "../../../starters/profiling/benches/inputs/mod.rs"]
mod inputs;

#[test]
fn the_benchmarked_size_is_the_graded_size() {
    let manifest: toml::Table =
        toml::from_str(include_str!("../../../workbook.toml")).expect("the manifest parses");
    let chapters = manifest["chapters"].as_array().expect("chapters");
    let profiling = chapters
        .iter()
        .find(|c| c["name"].as_str() == Some("profiling"))
        .expect("the chapter");
    let mut sized = Vec::new();
    for task in profiling["tasks"].as_array().expect("tasks") {
        for check in task["checks"].as_array().expect("checks") {
            if let Some(n) = check.get("n").and_then(toml::Value::as_integer) {
                sized.push((task["name"].as_str().expect("a name"), n));
            }
        }
    }
    let lines = i64::try_from(inputs::LOG_LINES).expect("a size");
    assert_eq!(sized, [("pipeline", lines)]);
}
