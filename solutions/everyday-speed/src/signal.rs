//! Calibrating a sensor's signal.

/// Calibrates a signal: entry `i` of the result is the sum of the three samples from `i` on
/// (`samples[i] + samples[i + 1] + samples[i + 2]`, added in that order), times `gains[i]`,
/// plus `offsets[i]`.
///
/// The result has `samples.len() - 2` entries (none for fewer than three samples).
///
/// Three shifted views of the samples, zipped with the gains and offsets cut to the result's
/// length, leave no index to check inside the loop, and `collect` knows the length up front:
/// the compiler turns the loop into vector instructions, several entries at a time.
///
/// # Panics
///
/// If `gains` or `offsets` has fewer entries than the result.
pub fn calibrate(samples: &[f32], gains: &[f32], offsets: &[f32]) -> Vec<f32> {
    if samples.len() < 3 {
        return Vec::new();
    }
    let n = samples.len() - 2;
    let (gains, offsets) = (&gains[..n], &offsets[..n]);
    samples
        .iter()
        .zip(&samples[1..])
        .zip(&samples[2..])
        .zip(gains.iter().zip(offsets))
        .map(|(((a, b), c), (gain, offset))| (0.0 + a + b + c) * gain + offset)
        .collect()
}
