//! Calibrating a sensor's signal.

// ANCHOR: calibrate
/// Calibrates a signal: entry `i` of the result is the sum of the three samples from `i` on
/// (`samples[i] + samples[i + 1] + samples[i + 2]`, added in that order), times `gains[i]`,
/// plus `offsets[i]`.
///
/// The result has `samples.len() - 2` entries (none for fewer than three samples).
///
/// # Panics
///
/// If `gains` or `offsets` has fewer entries than the result.
pub fn calibrate(samples: &[f32], gains: &[f32], offsets: &[f32]) -> Vec<f32> {
    let mut calibrated = Vec::new();
    if samples.len() < 3 {
        return calibrated;
    }
    for i in 0..samples.len() - 2 {
        let mut total = 0.0;
        for j in 0..3 {
            total += samples[i + j];
        }
        calibrated.push(total * gains[i] + offsets[i]);
    }
    calibrated
}
// ANCHOR_END: calibrate
