//! Smoothing a sensor's signal.

// ANCHOR: smooth
/// Smooths a signal with a weighted moving sum: entry `i` of the result is
/// `samples[i] * weights[0] + samples[i + 1] * weights[1] + …`, one term per weight, added in
/// that order to a total that starts at `0.0`.
///
/// The result has `samples.len() - weights.len() + 1` entries: none without weights, or with
/// fewer samples than weights.
///
/// Weight by weight, one pass adds that weight's term to every entry: the pass zips the
/// entries with a slice of the samples cut to the same length, so no index is checked inside
/// it, and its entries are independent, so the compiler computes several at a time in vector
/// registers. Each entry still gets its terms in the order of the weights, starting from
/// `0.0`: the answers are the same, bit for bit.
pub fn smooth(samples: &[f32], weights: &[f32]) -> Vec<f32> {
    if weights.is_empty() || samples.len() < weights.len() {
        return Vec::new();
    }
    let n = samples.len() - weights.len() + 1;
    let mut smoothed = vec![0.0; n];
    for (j, &weight) in weights.iter().enumerate() {
        for (total, &sample) in smoothed.iter_mut().zip(&samples[j..j + n]) {
            *total += sample * weight;
        }
    }
    smoothed
}
// ANCHOR_END: smooth
