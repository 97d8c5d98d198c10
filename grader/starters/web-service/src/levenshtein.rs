//! Edit distance between two strings.

/// The Levenshtein distance between `a` and `b`, counted in chars: the fewest single-char
/// insertions, deletions and substitutions that turn one into the other.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let deletion = d[i - 1][j] + 1;
            let insertion = d[i][j - 1] + 1;
            d[i][j] = substitution.min(deletion).min(insertion);
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::levenshtein;

    #[test]
    fn known_distances() {
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("lamp", ""), 4);
        assert_eq!(levenshtein("", "lamp"), 4);
        assert_eq!(levenshtein("lamp", "lamp"), 0);
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("flaw", "lawn"), 2);
        assert_eq!(levenshtein("chaír", "chair"), 1);
    }
}
