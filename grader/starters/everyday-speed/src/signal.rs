//! Smoothing a sensor's signal.

// ANCHOR: smooth
/// Smooths a signal with a weighted moving sum: entry `i` of the result is
/// `samples[i] * weights[0] + samples[i + 1] * weights[1] + …`, one term per weight, added in
/// that order to a total that starts at `0.0`.
///
/// The result has `samples.len() - weights.len() + 1` entries: none without weights, or with
/// fewer samples than weights.
pub fn smooth(samples: &[f32], weights: &[f32]) -> Vec<f32> {
    let mut smoothed = Vec::new();
    if weights.is_empty() || samples.len() < weights.len() {
        return smoothed;
    }
    for i in 0..samples.len() - weights.len() + 1 {
        let mut total = 0.0;
        for j in 0..weights.len() {
            total += samples[i + j] * weights[j];
        }
        smoothed.push(total);
    }
    smoothed
}
// ANCHOR_END: smooth
