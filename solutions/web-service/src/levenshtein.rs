//! Edit distance with reused buffers and an early exit.

/// Computes Levenshtein distances (in chars) from one query to many words, reusing its buffers.
pub struct Levenshtein {
    query: Vec<char>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

impl Levenshtein {
    /// `query` must already be lowercase.
    pub fn new(query: &str) -> Self {
        let query: Vec<char> = query.chars().collect();
        let len = query.len() + 1;
        Self {
            query,
            previous: vec![0; len],
            current: vec![0; len],
        }
    }

    /// The query's length in chars.
    pub fn query_len(&self) -> usize {
        self.query.len()
    }

    // ANCHOR: bounded
    /// The distance between the query and `word` if it is at most `bound`, else `None`.
    /// Two rows instead of a matrix, and an exit as soon as a whole row exceeds `bound`
    /// (row minima never decrease, so the distance cannot come back under it).
    pub fn distance_at_most(&mut self, word: &[char], bound: usize) -> Option<usize> {
        let n = self.query.len();
        if word.len().abs_diff(n) > bound {
            return None;
        }
        for (j, cell) in self.previous.iter_mut().enumerate() {
            *cell = j;
        }
        for (i, &wc) in word.iter().enumerate() {
            self.current[0] = i + 1;
            let mut row_min = i + 1;
            for j in 1..=n {
                let substitution = self.previous[j - 1] + usize::from(self.query[j - 1] != wc);
                let deletion = self.previous[j] + 1;
                let insertion = self.current[j - 1] + 1;
                let d = substitution.min(deletion).min(insertion);
                self.current[j] = d;
                row_min = row_min.min(d);
            }
            if row_min > bound {
                return None;
            }
            std::mem::swap(&mut self.previous, &mut self.current);
        }
        let d = self.previous[n];
        (d <= bound).then_some(d)
    }
    // ANCHOR_END: bounded
}

#[cfg(test)]
mod tests {
    use super::Levenshtein;

    fn distance(a: &str, b: &str) -> usize {
        let word: Vec<char> = b.chars().collect();
        Levenshtein::new(a).distance_at_most(&word, usize::MAX).unwrap()
    }

    #[test]
    fn known_distances() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("lamp", ""), 4);
        assert_eq!(distance("", "lamp"), 4);
        assert_eq!(distance("lamp", "lamp"), 0);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("flaw", "lawn"), 2);
        assert_eq!(distance("chaír", "chair"), 1);
    }

    #[test]
    fn bound_cuts_off_exactly() {
        let word: Vec<char> = "sitting".chars().collect();
        let mut lev = Levenshtein::new("kitten");
        assert_eq!(lev.distance_at_most(&word, 3), Some(3));
        assert_eq!(lev.distance_at_most(&word, 2), None);
        assert_eq!(lev.distance_at_most(&word, 0), None);
    }

    #[test]
    fn agrees_with_the_full_matrix_on_random_words() {
        let mut rng = fastrand::Rng::with_seed(5);
        let alphabet = ['a', 'b', 'c', 'é'];
        for _ in 0..2_000 {
            let a: String = (0..rng.usize(0..8)).map(|_| alphabet[rng.usize(..4)]).collect();
            let b: String = (0..rng.usize(0..8)).map(|_| alphabet[rng.usize(..4)]).collect();
            let full = full_matrix(&a, &b);
            let word: Vec<char> = b.chars().collect();
            let mut lev = Levenshtein::new(&a);
            for bound in 0..10 {
                let expected = (full <= bound).then_some(full);
                assert_eq!(lev.distance_at_most(&word, bound), expected, "{a} {b} {bound}");
            }
        }
    }

    fn full_matrix(a: &str, b: &str) -> usize {
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
                d[i][j] = (d[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]))
                    .min(d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1);
            }
        }
        d[a.len()][b.len()]
    }
}
