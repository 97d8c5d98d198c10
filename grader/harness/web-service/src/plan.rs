//! The requests, all drawn from the run's seed: the correctness sequence (every endpoint, every
//! error, writes that must show in the next read), and each load round's lists.

use crate::catalog::{Catalog, TOP_LIMIT};
use crate::client::Call;
use fastrand::Rng;

/// Requests in each round's mixed workload (the throughput phase).
pub const MIXED_REQUESTS: usize = 60;

/// Light requests in each round's responsiveness phase, one every [`LIGHT_INTERVAL_MS`].
pub const LIGHT_REQUESTS: usize = 40;

/// The open-loop schedule of light requests, in milliseconds.
pub const LIGHT_INTERVAL_MS: u64 = 10;

/// Heavy requests queued for each round's responsiveness phase (connections take the next one
/// until the light schedule has run).
pub const HEAVY_REQUESTS: usize = 3000;

/// The first `placed_at` of the load's orders, after every seeded and sequence order.
const LOAD_EPOCH: i64 = 1_900_000_000;

/// The class of a request, for the per-endpoint figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Health,
    Product,
    CustomerOrders,
    Search,
    TopSellers,
    PlaceOrder,
    SetPrice,
}

impl Class {
    /// Method and route, as a report shows it.
    pub fn route(self) -> &'static str {
        match self {
            Class::Health => "GET /health",
            Class::Product => "GET /products/{id}",
            Class::CustomerOrders => "GET /customers/{id}/orders",
            Class::Search => "GET /search",
            Class::TopSellers => "GET /top-sellers",
            Class::PlaceOrder => "POST /orders",
            Class::SetPrice => "PUT /products/{id}/price",
        }
    }
}

/// A request with its class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub class: Class,
    pub call: Call,
}

fn planned(class: Class, call: Call) -> Planned {
    Planned { class, call }
}

/// A freshness probe: set a product's price, then read the product.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    pub product: u32,
    pub price_cents: i64,
}

impl Probe {
    pub fn write(&self) -> Call {
        set_price(self.product, self.price_cents)
    }

    pub fn read(&self) -> Call {
        product(self.product)
    }
}

/// One round's lists.
#[derive(Debug, Clone)]
pub struct Round {
    /// The mixed workload, taken in order by the connections of the throughput phase.
    pub mixed: Vec<Planned>,
    /// Heavy requests for the responsiveness phase.
    pub heavy: Vec<Planned>,
    /// The light schedule: a light read, or a probe, per slot.
    pub light: Vec<Slot>,
}

/// One slot of the light schedule.
#[derive(Debug, Clone)]
pub enum Slot {
    Light(Planned),
    Probe(Probe),
}

fn product(id: u32) -> Call {
    Call::get(format!("/products/{id}"))
}

fn set_price(id: u32, price_cents: i64) -> Call {
    Call::with_body(
        "PUT",
        format!("/products/{id}/price"),
        format!(r#"{{"price_cents":{price_cents}}}"#),
    )
}

fn customer_orders(id: u32) -> Call {
    Call::get(format!("/customers/{id}/orders"))
}

fn top_sellers(limit: Option<i64>) -> Call {
    match limit {
        Some(limit) => Call::get(format!("/top-sellers?limit={limit}")),
        None => Call::get("/top-sellers"),
    }
}

fn search(query: &str, limit: Option<i64>) -> Call {
    let q: String = query
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    match limit {
        Some(limit) => Call::get(format!("/search?q={q}&limit={limit}")),
        None => Call::get(format!("/search?q={q}")),
    }
}

fn order(customer: u32, placed_at: i64, items: &[(u32, u32)]) -> Call {
    let items: Vec<String> = items
        .iter()
        .map(|(p, q)| format!(r#"{{"product_id":{p},"quantity":{q}}}"#))
        .collect();
    Call::with_body(
        "POST",
        "/orders",
        format!(
            r#"{{"customer_id":{customer},"placed_at":{placed_at},"items":[{}]}}"#,
            items.join(",")
        ),
    )
}

/// A word of a product name, perhaps with a typo: what a visitor types.
fn query(rng: &mut Rng, catalog: &Catalog) -> String {
    let mut word: Vec<char> = catalog.words[rng.usize(..catalog.words.len())].chars().collect();
    match rng.u8(..4) {
        0 if word.len() > 3 => {
            word.remove(rng.usize(..word.len()));
        }
        1 => {
            let at = rng.usize(..word.len());
            word[at] = rng.lowercase();
        }
        2 => word.insert(rng.usize(..=word.len()), rng.lowercase()),
        _ => {}
    }
    word.into_iter().collect()
}

/// The correctness sequence: every endpoint and error, and writes followed by the reads that
/// must show them. Sent one request at a time to each server.
pub fn sequence(rng: &mut Rng, catalog: &Catalog) -> Vec<Planned> {
    let mut out = vec![planned(Class::Health, Call::get("/health"))];
    let any_product = |rng: &mut Rng| rng.u32(1..=catalog.products);
    let any_customer = |rng: &mut Rng| rng.u32(1..=catalog.customers);
    for _ in 0..12 {
        out.push(planned(Class::Product, product(any_product(rng))));
    }
    for id in [0, catalog.products + 1] {
        out.push(planned(Class::Product, product(id)));
    }
    for _ in 0..10 {
        out.push(planned(Class::CustomerOrders, customer_orders(any_customer(rng))));
    }
    out.push(planned(
        Class::CustomerOrders,
        customer_orders(catalog.customers + 7),
    ));
    for limit in [None, Some(1), Some(5), Some(50)] {
        out.push(planned(Class::Search, search(&query(rng, catalog), limit)));
    }
    for bad in [
        search("", None),
        search(&"x".repeat(33), None),
        search("lamp", Some(0)),
        search("lamp", Some(51)),
    ] {
        out.push(planned(Class::Search, bad));
    }
    for limit in [None, Some(1), Some(50)] {
        out.push(planned(Class::TopSellers, top_sellers(limit)));
    }
    for bad in [0, 51] {
        out.push(planned(Class::TopSellers, top_sellers(Some(bad))));
    }
    let mut placed_at = 1_800_000_000;
    let mut next_order = |rng: &mut Rng, items: &[(u32, u32)]| {
        placed_at += 60 + rng.i64(0..60);
        order(any_customer(rng), placed_at, items)
    };
    // Ordinary orders, each followed by its customer's history and a product page.
    for _ in 0..8 {
        let n = rng.usize(1..=4);
        let items: Vec<(u32, u32)> = distinct_products(rng, catalog, n)
            .into_iter()
            .map(|p| (p, rng.u32(1..=5)))
            .collect();
        let call = next_order(rng, &items);
        let customer = customer_of(&call);
        out.push(planned(Class::PlaceOrder, call));
        out.push(planned(Class::CustomerOrders, customer_orders(customer)));
        out.push(planned(Class::Product, product(items[0].0)));
    }
    // A product from just below the top ten climbs into it: the ranking must show it at once.
    out.push(planned(Class::TopSellers, top_sellers(None)));
    let climber = catalog.ranking[12].0;
    for _ in 0..8 {
        out.push(planned(Class::PlaceOrder, next_order(rng, &[(climber, 100)])));
        out.push(planned(Class::TopSellers, top_sellers(None)));
    }
    // Price changes show on the product page and in search results at once.
    for _ in 0..4 {
        let id = any_product(rng);
        out.push(planned(Class::Product, product(id)));
        out.push(planned(Class::SetPrice, set_price(id, rng.i64(1..=10_000_000))));
        out.push(planned(Class::Product, product(id)));
        out.push(planned(
            Class::Search,
            search(&name_word(catalog, id, rng), Some(50)),
        ));
    }
    for bad in [0, 10_000_001] {
        out.push(planned(Class::SetPrice, set_price(any_product(rng), bad)));
    }
    out.push(planned(Class::SetPrice, set_price(catalog.products + 1, 500)));
    // Errors: nothing may be written.
    let p = any_product(rng);
    let q = any_product(rng);
    for items in [
        vec![],
        vec![(p, 1), (p, 2)],
        vec![(p, 0)],
        vec![(p, 101)],
        vec![(p, 1), (catalog.products + 3, 1)],
    ] {
        out.push(planned(Class::PlaceOrder, next_order(rng, &items)));
    }
    out.push(planned(
        Class::PlaceOrder,
        order(catalog.customers + 1, 1_850_000_000, &[(p, 1)]),
    ));
    out.push(planned(
        Class::PlaceOrder,
        Call::with_body("POST", "/orders", r#"{"customer_id":1,"items":"#.into()),
    ));
    // The scarcest product sells out: the order that would oversell it fails whole.
    let (scarce, stock) = catalog.scarcest;
    let mut left = stock;
    while left >= 100 {
        out.push(planned(Class::PlaceOrder, next_order(rng, &[(scarce, 100)])));
        left -= 100;
    }
    out.push(planned(
        Class::PlaceOrder,
        next_order(rng, &[(q, 1), (scarce, 100)]),
    ));
    out.push(planned(Class::Product, product(scarce)));
    out.push(planned(Class::Product, product(q)));
    out.push(planned(Class::TopSellers, top_sellers(Some(50))));
    out.push(planned(Class::Health, Call::get("/nowhere")));
    out
}

/// `n` distinct random products.
fn distinct_products(rng: &mut Rng, catalog: &Catalog, n: usize) -> Vec<u32> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let p = rng.u32(1..=catalog.products);
        if !out.contains(&p) {
            out.push(p);
        }
    }
    out
}

/// The customer of an order call.
fn customer_of(call: &Call) -> u32 {
    call.body
        .as_deref()
        .and_then(|b| serde_json::from_str::<serde_json::Value>(b).ok())
        .and_then(|v| v["customer_id"].as_u64())
        .map_or(1, |c| c as u32)
}

/// A word of product `id`'s name: a search for it finds the product at distance 0.
fn name_word(catalog: &Catalog, id: u32, rng: &mut Rng) -> String {
    let words: Vec<&str> = catalog.names[id as usize - 1].split_whitespace().collect();
    words[rng.usize(..words.len())].to_lowercase()
}

/// Round `index`'s lists, with `probes` freshness probes (a price change, then a read) spread
/// over the light schedule. Orders go only to the ordering customers and ordered products, prices
/// change only on probed products: every other answer is the same on both servers.
pub fn round(rng: &mut Rng, catalog: &Catalog, index: usize, probes: usize) -> Round {
    let probe_every = (LIGHT_REQUESTS / probes.clamp(1, LIGHT_REQUESTS / 2)).max(2);
    let readers = catalog.reading_customers();
    let readable_product = |rng: &mut Rng| loop {
        let p = rng.u32(1..=catalog.products);
        if !catalog.written.contains(&p) {
            return p;
        }
    };
    let mut placed_at = LOAD_EPOCH + (index as i64) * 10_000;
    let mut load_order = |rng: &mut Rng| {
        placed_at += 1;
        let n = rng.usize(1..=3);
        let mut items: Vec<(u32, u32)> = Vec::new();
        while items.len() < n {
            let p = catalog.ordered[rng.usize(..catalog.ordered.len())];
            if !items.iter().any(|(q, _)| *q == p) {
                items.push((p, rng.u32(1..=3)));
            }
        }
        let customer = readers + 1 + rng.u32(..catalog.customers - readers);
        planned(Class::PlaceOrder, order(customer, placed_at, &items))
    };
    let heavy_one = |rng: &mut Rng| {
        if rng.bool() {
            planned(Class::Search, search(&query(rng, catalog), Some(10)))
        } else {
            planned(
                Class::TopSellers,
                top_sellers(Some(rng.i64(1..=TOP_LIMIT as i64))),
            )
        }
    };
    let mut mixed = Vec::with_capacity(MIXED_REQUESTS);
    for i in 0..MIXED_REQUESTS {
        mixed.push(match i % 10 {
            0..=4 => planned(Class::Product, product(readable_product(rng))),
            5 => planned(Class::CustomerOrders, customer_orders(rng.u32(1..=readers))),
            6 => heavy_one(rng),
            7 => load_order(rng),
            8 => planned(Class::CustomerOrders, customer_orders(rng.u32(1..=readers))),
            _ => planned(Class::Product, product(readable_product(rng))),
        });
    }
    rng.shuffle(&mut mixed);
    let heavy = (0..HEAVY_REQUESTS).map(|_| heavy_one(rng)).collect();
    // Each probe of a round changes a product of its own: two probes of one product could
    // overlap when a server queues them, and the read would see the other probe's price.
    let mut probed = catalog.probed.clone();
    rng.shuffle(&mut probed);
    let mut probed = probed.into_iter();
    let light = (0..LIGHT_REQUESTS)
        .map(|slot| {
            let probe_here = slot % probe_every == probe_every - 1;
            if let Some(product) = probe_here.then(|| probed.next()).flatten() {
                Slot::Probe(Probe {
                    product,
                    price_cents: 100_000 + (index * LIGHT_REQUESTS + slot) as i64,
                })
            } else {
                Slot::Light(planned(Class::Product, product(readable_product(rng))))
            }
        })
        .collect();
    Round { mixed, heavy, light }
}

/// The most units one ordered product can gain before and during the load: the sequence's
/// ordinary orders buy at most 5 of a product each (8 of them), the load's at most 3 of a
/// product per order.
pub fn most_units_per_product(rounds: usize) -> i64 {
    (8 * 5 + rounds * MIXED_REQUESTS / 10 * 3) as i64
}
