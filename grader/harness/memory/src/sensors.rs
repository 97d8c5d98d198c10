//! `sensor-log`: a compact in-memory log of sensor readings, and its report.

use crate::inputs::{HEADER, celsius, sensor_csv};
use crate::text_of;
use fastrand::Rng;
use grader_kit::correctness::{Case, case};

/// Logs at the edges: empty, a header alone, no final newline, negative and extreme
/// temperatures, malformed lines, CRLF line ends, sensors in byte order, 2,000 sensors, and
/// random logs.
pub(crate) fn edge_cases(rng: &mut Rng) -> Vec<Case<String>> {
    let mut cases = vec![
        case("edge case: an empty file", String::new()),
        case("edge case: a header alone", HEADER.to_string()),
        case("edge case: a header and a newline", format!("{HEADER}\n")),
        case(
            "edge case: one reading, no final newline",
            format!("{HEADER}\nboiler-room-3,1764460800,21.5,OK"),
        ),
        case(
            "edge case: negative temperatures, -0.0, leading zeros, the extremes",
            text_of(&[
                HEADER,
                "a,1,-0.5,OK",
                "a,2,-3.0,OK",
                "b,1,-0.0,OK",
                "b,2,-1.5,ALARM",
                "c,1,007.5,OK",
                "c,2,999.9,OK",
                "d,1,-999.9,ALARM",
                "e,1,0.0,WARN",
                "e,2,-0.0,WARN",
            ]),
        ),
        case(
            "edge case: malformed lines",
            text_of(&[
                HEADER,
                ",1,1.0,OK",
                "x,1,1.0,ok",
                "x,1,1.0,OK,extra",
                "x,1,1.0",
                "x,-1,1.0,OK",
                "x,1,1,OK",
                "x,1,1.25,OK",
                "x,1,1000.0,OK",
                "x,1,+1.0,OK",
                "x,1,1e2,OK",
                "x,1,.5,OK",
                "x,1,5.,OK",
                "x,1,--1.0,OK",
                "x,1, 1.0,OK",
                "x , 1,1.0,OK",
                "x,18446744073709551616,1.0,OK",
                "",
                "x,1,1.0,OK",
            ]),
        ),
        case(
            "edge case: CRLF line ends, u64::MAX timestamp",
            format!("{HEADER}\r\nx,5,1.0,OK\r\ny,18446744073709551615,2.0,ALARM\r\n"),
        ),
        case(
            "edge case: sensors in byte order",
            text_of(&[
                HEADER,
                "b,1,1.0,OK",
                "B,1,1.0,OK",
                "a-1,1,1.0,OK",
                "a,1,1.0,OK",
                "é,1,1.0,OK",
            ]),
        ),
        case(
            "edge case: one sensor, all alarms",
            format!("{HEADER}\n{}", "freezer-1,1764460800,-18.5,ALARM\n".repeat(1000)),
        ),
    ];
    let many: String = std::iter::once(format!("{HEADER}\n"))
        .chain((0..2000).map(|i| format!("sensor-{i},{i},{},WARN\n", celsius(i - 1000))))
        .collect();
    cases.push(case("edge case: 2,000 sensors, one reading each", many));
    for n in [1, 31, 257, 1025] {
        cases.push(case(format!("random log of {n} readings"), sensor_csv(rng, n)));
    }
    cases
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::SENSORS;
    use crate::{Api, Starter};

    #[test]
    fn generated_logs_are_seeded_and_sized() {
        for n in [0, 1, 17, 1000] {
            let csv = sensor_csv(&mut Rng::with_seed(3), n);
            assert_eq!(csv, sensor_csv(&mut Rng::with_seed(3), n));
            assert_eq!(csv.lines().count(), n + 1);
        }
    }

    #[test]
    fn generated_sensor_logs_cover_every_sensor() {
        let n = 50_000;
        let csv = sensor_csv(&mut Rng::with_seed(1), n);
        let mean = csv.len() as f64 / n as f64;
        assert!((25.0..40.0).contains(&mean), "{mean} bytes per line");
        let report = Starter::sensor_summary(&csv);
        assert_eq!(report.lines().count(), SENSORS.len() + 1, "{report}");
        assert!(
            report.contains("freezer-1 ") && report.contains(" max=-"),
            "{report}"
        );
    }

    #[test]
    fn edge_cases_run_on_the_starter() {
        for Case { input, .. } in edge_cases(&mut Rng::with_seed(5)) {
            assert!(Starter::sensor_summary(&input).ends_with('\n'));
        }
    }
}
