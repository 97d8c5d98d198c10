//! Calibrates a day of raw counts from every sensor of the plant and prints how many of each
//! sensor's readings were above the alarm temperature.
//!
//! `cargo run -p everyday-speed --release`, then with the lab's profiles (see the book's
//! "Build profiles" page): `cargo build -p everyday-speed --profile lab-lto` and so on.

use everyday_speed::calibration::{Calibration, raw_day};

/// Sensors in the plant.
const SENSORS: u32 = 48;
/// Raw samples per sensor and day.
const SAMPLES: usize = 25_000;
/// Times the day is replayed, once per alarm temperature tried.
const ALARMS: [f32; 12] = [
    20.0, 22.0, 24.0, 26.0, 28.0, 30.0, 32.0, 34.0, 36.0, 38.0, 40.0, 42.0,
];

fn main() {
    let mut total = 0u64;
    for sensor in 0..SENSORS {
        let calibration = Calibration::of_sensor(sensor);
        let day = raw_day(sensor, SAMPLES);
        let mut line = format!("sensor {sensor:>2}:");
        for alarm in ALARMS {
            let above = day
                .iter()
                .filter(|&&raw| calibration.celsius(raw) > alarm)
                .count();
            total += above as u64;
            line.push_str(&format!(" {above:>6}"));
        }
        println!("{line}");
    }
    println!("readings above an alarm: {total}");
}
