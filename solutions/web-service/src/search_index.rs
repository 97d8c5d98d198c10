//! Product names in memory, for search and for top-sellers' names.

use std::collections::BinaryHeap;
use std::collections::HashMap;

use rusqlite::Connection;

use crate::levenshtein::Levenshtein;

// ANCHOR: search_index
/// Every product's name and the words of its name, loaded once at startup: names never change
/// (prices do, so they are not kept here). Names share few distinct words, so each distinct
/// lowercase word is stored once and each product keeps the indices of its words.
pub struct SearchIndex {
    /// Product ids, ascending.
    ids: Vec<u32>,
    /// `names[i]` is the name of product `ids[i]`.
    names: Vec<String>,
    /// `product_words[i]`: indices into `words` of the words of `names[i]`.
    product_words: Vec<Box<[u32]>>,
    /// The distinct lowercase words, as chars.
    words: Vec<Box<[char]>>,
    /// Product id -> position in `ids`.
    positions: HashMap<u32, usize>,
}
// ANCHOR_END: search_index

/// What a request has learned about one distinct word's distance to the query.
#[derive(Clone, Copy)]
enum Known {
    Nothing,
    Exactly(usize),
    /// The distance is greater than this.
    Above(usize),
}

impl SearchIndex {
    pub fn load(conn: &Connection) -> rusqlite::Result<Self> {
        let mut statement = conn.prepare("SELECT id, name FROM products ORDER BY id")?;
        let mut rows = statement.query([])?;
        let mut index = SearchIndex {
            ids: Vec::new(),
            names: Vec::new(),
            product_words: Vec::new(),
            words: Vec::new(),
            positions: HashMap::new(),
        };
        let mut word_ids: HashMap<String, u32> = HashMap::new();
        while let Some(row) = rows.next()? {
            let id: u32 = row.get(0)?;
            let name: String = row.get(1)?;
            let words: Box<[u32]> = name
                .split_whitespace()
                .map(|word| {
                    let word = word.to_lowercase();
                    *word_ids.entry(word).or_insert_with_key(|word| {
                        index.words.push(word.chars().collect());
                        (index.words.len() - 1) as u32
                    })
                })
                .collect();
            index.positions.insert(id, index.ids.len());
            index.ids.push(id);
            index.names.push(name);
            index.product_words.push(words);
        }
        Ok(index)
    }

    /// The name of product `id`, if it exists.
    pub fn name(&self, id: u32) -> Option<&str> {
        self.positions.get(&id).map(|&i| self.names[i].as_str())
    }

    // ANCHOR: search
    /// The `limit` best products for `query` (lowercase, not empty) as `(distance, id, name)`,
    /// sorted by distance then id. Keeps the best `limit` so far in a max-heap; a product only
    /// matters if it beats the worst of them, so each distance is computed with that bound
    /// (early exit), and each distinct word's distance at most once per request.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(usize, u32, &str)> {
        let mut levenshtein = Levenshtein::new(query);
        let mut known = vec![Known::Nothing; self.words.len()];
        let mut best: BinaryHeap<(usize, usize)> = BinaryHeap::with_capacity(limit + 1);
        for (position, words) in self.product_words.iter().enumerate() {
            // Later products have larger ids: to enter a full heap they must be strictly closer.
            let bound = match best.peek() {
                Some(&(0, _)) if best.len() == limit => break,
                Some(&(worst, _)) if best.len() == limit => worst - 1,
                _ => usize::MAX,
            };
            let distance = if words.is_empty() {
                Some(levenshtein.query_len()).filter(|&d| d <= bound)
            } else {
                let mut min: Option<usize> = None;
                for &word in words.iter() {
                    let word = word as usize;
                    let d = match known[word] {
                        Known::Exactly(d) => (d <= bound).then_some(d),
                        Known::Above(above) if bound <= above => None,
                        _ => {
                            let d = levenshtein.distance_at_most(&self.words[word], bound);
                            known[word] = d.map_or(Known::Above(bound), Known::Exactly);
                            d
                        }
                    };
                    if let Some(d) = d {
                        min = Some(min.map_or(d, |m: usize| m.min(d)));
                    }
                }
                min
            };
            if let Some(distance) = distance {
                best.push((distance, position));
                if best.len() > limit {
                    best.pop();
                }
            }
        }
        best.into_sorted_vec()
            .into_iter()
            .map(|(distance, position)| (distance, self.ids[position], self.names[position].as_str()))
            .collect()
    }
    // ANCHOR_END: search
}
