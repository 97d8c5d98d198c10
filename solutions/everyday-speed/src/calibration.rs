//! Turning a sensor's raw counts into temperatures, and the day of raw counts the
//! `everyday-speed` program calibrates.

/// How one sensor's raw counts become degrees Celsius.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// The raw count at 0 °C.
    pub offset: f32,
    /// Degrees per raw count.
    pub scale: f32,
    /// The lowest temperature the sensor can report.
    pub min: f32,
    /// The highest temperature the sensor can report.
    pub max: f32,
}

impl Calibration {
    /// The calibration of sensor number `sensor` in the plant: each one's offset and scale
    /// were measured when it was installed.
    pub fn of_sensor(sensor: u32) -> Self {
        Calibration {
            offset: 2000.0 + (sensor % 17) as f32 * 3.5,
            scale: 0.02 + (sensor % 5) as f32 * 0.0005,
            min: -40.0,
            max: 85.0,
        }
    }

    /// The temperature of one raw count, within the sensor's range.
    pub fn celsius(&self, raw: f32) -> f32 {
        (linearise(raw - self.offset) * self.scale)
            .max(self.min)
            .min(self.max)
    }
}

/// The sensing element's response, corrected: a polynomial fitted to the element's data sheet,
/// lowest power first.
const RESPONSE: [f32; 6] = [0.0, 1.0, 1.5e-4, -6.0e-8, 1.1e-11, -8.0e-16];

/// Raw counts above the offset, corrected for the sensing element's nonlinearity.
fn linearise(counts: f32) -> f32 {
    let mut total = 0.0;
    let mut power = 1.0;
    for coefficient in RESPONSE {
        total += coefficient * power;
        power *= counts;
    }
    total
}

/// A day of raw counts from sensor number `sensor`: `n` samples, the same ones on every run.
pub fn raw_day(sensor: u32, n: usize) -> Vec<f32> {
    let mut state = u64::from(sensor).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|i| {
            // A slow daily swing plus noise, from a linear congruential generator.
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let noise = (state >> 40) as f32 / (1u64 << 24) as f32;
            let swing = (i % 1440) as f32 / 1440.0;
            2000.0 + 1200.0 * swing + 400.0 * noise
        })
        .collect()
}
