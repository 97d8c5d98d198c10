//! Creates the shop's SQLite database: the schema and deterministic, seeded data.

use std::path::Path;

use rusqlite::{Connection, params};

/// Number of products (ids `1..=PRODUCTS`).
pub const PRODUCTS: u32 = 20_000;
/// Number of customers (ids `1..=CUSTOMERS`).
pub const CUSTOMERS: u32 = 10_000;
/// Number of orders (ids `1..=ORDERS`).
pub const ORDERS: u32 = 50_000;
/// Number of reviews (ids `1..=REVIEWS`).
pub const REVIEWS: u32 = 100_000;
/// Each order has between 1 and this many distinct products.
pub const MAX_ITEMS_PER_ORDER: u32 = 5;
/// The `placed_at` of order `i` (1-based) is `FIRST_PLACED_AT + (i - 1) * 60`.
pub const FIRST_PLACED_AT: i64 = 1_700_000_000;

/// The schema, exactly as the service expects it.
pub const SCHEMA: &str = "
CREATE TABLE products   (id INTEGER PRIMARY KEY, name TEXT NOT NULL, category TEXT NOT NULL,
                         description TEXT NOT NULL, price_cents INTEGER NOT NULL, stock INTEGER NOT NULL);
CREATE TABLE customers  (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, city TEXT NOT NULL);
CREATE TABLE orders     (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, placed_at INTEGER NOT NULL,
                         total_cents INTEGER NOT NULL);
CREATE INDEX orders_by_customer ON orders(customer_id);
CREATE TABLE order_items(order_id INTEGER NOT NULL, product_id INTEGER NOT NULL, quantity INTEGER NOT NULL,
                         unit_price_cents INTEGER NOT NULL, PRIMARY KEY (order_id, product_id));
CREATE TABLE reviews    (id INTEGER PRIMARY KEY, product_id INTEGER NOT NULL, customer_id INTEGER NOT NULL,
                         rating INTEGER NOT NULL, body TEXT NOT NULL);
";

const ADJECTIVES: &[&str] = &[
    "Sturdy",
    "Classic",
    "Modern",
    "Rustic",
    "Compact",
    "Deluxe",
    "Elegant",
    "Vintage",
    "Portable",
    "Quiet",
    "Bright",
    "Smart",
    "Cozy",
    "Sleek",
    "Rugged",
    "Handmade",
    "Premium",
    "Simple",
    "Bold",
    "Gentle",
    "Swift",
    "Mighty",
    "Tiny",
    "Grand",
    "Urban",
    "Nordic",
    "Golden",
    "Silver",
    "Crimson",
    "Azure",
    "Velvet",
    "Frosted",
    "Polished",
    "Woven",
    "Stackable",
    "Foldable",
];

const MATERIALS: &[&str] = &[
    "Oak", "Walnut", "Bamboo", "Steel", "Copper", "Brass", "Leather", "Linen", "Cotton", "Wool", "Glass",
    "Ceramic", "Marble", "Granite", "Cedar", "Maple", "Aluminum", "Silk", "Canvas", "Concrete", "Cork",
    "Rattan", "Pine", "Birch", "Teak", "Iron",
];

const NOUNS: &[&str] = &[
    "Lamp",
    "Chair",
    "Table",
    "Desk",
    "Shelf",
    "Mug",
    "Bowl",
    "Vase",
    "Clock",
    "Mirror",
    "Rug",
    "Blanket",
    "Pillow",
    "Basket",
    "Kettle",
    "Teapot",
    "Spoon",
    "Knife",
    "Board",
    "Tray",
    "Stool",
    "Bench",
    "Cabinet",
    "Drawer",
    "Frame",
    "Candle",
    "Planter",
    "Jar",
    "Bottle",
    "Backpack",
    "Wallet",
    "Notebook",
    "Pen",
    "Speaker",
    "Headphones",
    "Keyboard",
    "Mouse",
    "Charger",
    "Umbrella",
    "Jacket",
    "Scarf",
    "Hat",
    "Boots",
    "Sneakers",
    "Watch",
    "Bracelet",
    "Necklace",
    "Towel",
    "Apron",
    "Skillet",
];

const CATEGORIES: &[&str] = &[
    "Home",
    "Kitchen",
    "Office",
    "Garden",
    "Outdoors",
    "Electronics",
    "Fashion",
    "Accessories",
    "Bath",
    "Decor",
    "Lighting",
    "Furniture",
];

const TEXT_WORDS: &[&str] = &[
    "quality",
    "design",
    "crafted",
    "durable",
    "everyday",
    "comfort",
    "perfect",
    "gift",
    "easy",
    "clean",
    "materials",
    "finish",
    "size",
    "color",
    "warm",
    "light",
    "heavy",
    "soft",
    "solid",
    "great",
    "value",
    "works",
    "well",
    "looks",
    "nice",
    "would",
    "buy",
    "again",
    "shipping",
    "fast",
    "package",
    "arrived",
    "on",
    "time",
    "and",
    "the",
    "with",
    "for",
    "a",
    "of",
    "is",
    "this",
    "it",
    "very",
    "not",
    "too",
    "small",
    "large",
    "fits",
    "room",
    "kitchen",
    "desk",
    "family",
    "friends",
    "love",
    "sturdy",
    "simple",
    "modern",
    "classic",
    "price",
    "recommend",
    "product",
    "made",
    "from",
    "natural",
    "hand",
    "finished",
    "detail",
    "careful",
    "packaging",
];

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Alan",
    "Grace",
    "Linus",
    "Ken",
    "Dennis",
    "Barbara",
    "Donald",
    "Edsger",
    "Frances",
    "John",
    "Margaret",
    "Niklaus",
    "Radia",
    "Tim",
    "Vint",
    "Bjarne",
    "Guido",
    "James",
    "Hedy",
    "Katherine",
    "Leslie",
    "Shafi",
    "Sophie",
    "Yukihiro",
    "Anders",
    "Rob",
    "Brian",
    "Ada",
    "Karen",
];

const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Turing",
    "Hopper",
    "Torvalds",
    "Thompson",
    "Ritchie",
    "Liskov",
    "Knuth",
    "Dijkstra",
    "Allen",
    "McCarthy",
    "Hamilton",
    "Wirth",
    "Perlman",
    "Lee",
    "Cerf",
    "Stroustrup",
    "Rossum",
    "Gosling",
    "Lamarr",
    "Johnson",
    "Lamport",
    "Goldwasser",
    "Wilson",
    "Matsumoto",
    "Hejlsberg",
    "Pike",
    "Kernighan",
    "Jones",
    "Spark",
];

const CITIES: &[&str] = &[
    "Lisbon",
    "Oslo",
    "Berlin",
    "Paris",
    "Madrid",
    "Rome",
    "Vienna",
    "Prague",
    "Warsaw",
    "Dublin",
    "Amsterdam",
    "Brussels",
    "Zurich",
    "Stockholm",
    "Helsinki",
    "Copenhagen",
    "Athens",
    "Porto",
];

/// The 10 best-selling products (by popularity rank) receive this share of all order items.
const BESTSELLER_SHARE: f64 = 0.25;
/// How many products are best sellers.
const BESTSELLERS: usize = 10;

/// Writes a new database at `path` (an error if the file exists) with the schema and the seeded
/// data. The same `seed` always gives the same database.
pub fn create(path: &Path, seed: u64) -> rusqlite::Result<()> {
    if path.exists() {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(format!("{} already exists", path.display())),
        ));
    }
    let mut conn = Connection::open(path)?;
    conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;")?;
    let mut rng = fastrand::Rng::with_seed(seed);

    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;

    let mut prices = Vec::with_capacity(PRODUCTS as usize);
    {
        let mut insert = tx.prepare(
            "INSERT INTO products (id, name, category, description, price_cents, stock)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        let mut description = String::with_capacity(2_100);
        for id in 1..=PRODUCTS {
            let name = product_name(&mut rng);
            let category = pick(&mut rng, CATEGORIES);
            let len = rng.usize(1_000..=2_000);
            words_of_length(&mut rng, len, &mut description);
            let price: i64 = rng.i64(199..=99_999);
            let stock: i64 = rng.i64(1_000..=5_000);
            insert.execute(params![id, name, category, description, price, stock])?;
            prices.push(price);
        }
    }

    {
        let mut insert =
            tx.prepare("INSERT INTO customers (id, name, email, city) VALUES (?1, ?2, ?3, ?4)")?;
        for id in 1..=CUSTOMERS {
            let first = pick(&mut rng, FIRST_NAMES);
            let last = pick(&mut rng, LAST_NAMES);
            let name = format!("{first} {last}");
            let email = format!("{}.{}{id}@example.com", first.to_lowercase(), last.to_lowercase());
            let city = pick(&mut rng, CITIES);
            insert.execute(params![id, name, email, city])?;
        }
    }

    // Popularity rank -> product id: a shuffled permutation, so best sellers are spread out.
    let mut by_rank: Vec<u32> = (1..=PRODUCTS).collect();
    rng.shuffle(&mut by_rank);
    {
        let mut insert_order = tx.prepare(
            "INSERT INTO orders (id, customer_id, placed_at, total_cents) VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut insert_item = tx.prepare(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_price_cents)
             VALUES (?1, ?2, ?3, ?4)",
        )?;
        let mut items: Vec<(u32, i64)> = Vec::with_capacity(MAX_ITEMS_PER_ORDER as usize);
        for id in 1..=ORDERS {
            let customer = rng.u32(1..=CUSTOMERS);
            let placed_at = FIRST_PLACED_AT + i64::from(id - 1) * 60;
            let count = rng.u32(1..=MAX_ITEMS_PER_ORDER);
            items.clear();
            while items.len() < count as usize {
                let product = by_rank[popular_rank(&mut rng)];
                if items.iter().all(|&(p, _)| p != product) {
                    items.push((product, rng.i64(1..=4)));
                }
            }
            let total: i64 = items.iter().map(|&(p, q)| q * prices[(p - 1) as usize]).sum();
            insert_order.execute(params![id, customer, placed_at, total])?;
            for &(product, quantity) in &items {
                insert_item.execute(params![id, product, quantity, prices[(product - 1) as usize]])?;
            }
        }
    }

    {
        let mut insert = tx.prepare(
            "INSERT INTO reviews (id, product_id, customer_id, rating, body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut body = String::with_capacity(256);
        for id in 1..=REVIEWS {
            let product = rng.u32(1..=PRODUCTS);
            let customer = rng.u32(1..=CUSTOMERS);
            let rating = rng.u8(1..=5);
            let len = rng.usize(50..=200);
            words_of_length(&mut rng, len, &mut body);
            insert.execute(params![id, product, customer, rating, body])?;
        }
    }
    tx.commit()?;

    conn.execute_batch("PRAGMA synchronous = FULL;")?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    conn.close().map_err(|(_, e)| e)
}

/// A product name of 2 or 3 words, such as "Sturdy Oak Lamp" or "Compact Kettle".
fn product_name(rng: &mut fastrand::Rng) -> String {
    let adjective = pick(rng, ADJECTIVES);
    let noun = pick(rng, NOUNS);
    if rng.bool() {
        format!("{adjective} {} {noun}", pick(rng, MATERIALS))
    } else {
        format!("{adjective} {noun}")
    }
}

/// A 0-based popularity rank: the best sellers take a fixed share, the rest follow a long tail.
fn popular_rank(rng: &mut fastrand::Rng) -> usize {
    if rng.f64() < BESTSELLER_SHARE {
        // Skewed within the best sellers too, so they have a clear order.
        return (rng.f64().powf(1.5) * BESTSELLERS as f64) as usize;
    }
    // Log-uniform over [OFFSET, OFFSET + tail): weight ~ 1 / (rank + OFFSET).
    const OFFSET: f64 = 50.0;
    let tail = PRODUCTS as usize - BESTSELLERS;
    let (lo, hi) = (OFFSET.ln(), (OFFSET + tail as f64).ln());
    let x = (lo + rng.f64() * (hi - lo)).exp() - OFFSET;
    BESTSELLERS + (x as usize).min(tail - 1)
}

fn pick<'a>(rng: &mut fastrand::Rng, words: &[&'a str]) -> &'a str {
    words[rng.usize(..words.len())]
}

/// Fills `out` with words separated by spaces, exactly `len` bytes long.
fn words_of_length(rng: &mut fastrand::Rng, len: usize, out: &mut String) {
    out.clear();
    while out.len() < len {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(pick(rng, TEXT_WORDS));
    }
    out.truncate(len);
}
