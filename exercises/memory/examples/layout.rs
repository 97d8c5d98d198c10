//! What values cost in bytes: the sizes the Memory management chapter teaches with.
//!
//! ```console
//! cargo run -p memory --example layout
//! ```
//!
//! Every figure printed is `std::mem::size_of` on this machine (a 64-bit target), and every one
//! is also checked by an assertion, so the book's tables cannot drift from the compiler. Test
//! them with `cargo test -p memory --example layout`.

use std::mem::{align_of, size_of};
use std::num::NonZeroU32;

// ANCHOR: strings
/// The handles of text and lists: what sits inline (in a struct, on the stack, in a `Vec`'s
/// buffer). The characters or elements themselves are on the heap, or borrowed.
fn handle_sizes() -> Vec<(&'static str, usize)> {
    vec![
        ("String (pointer, capacity, length)", size_of::<String>()),
        ("Vec<u64> (pointer, capacity, length)", size_of::<Vec<u64>>()),
        ("Box<str> (pointer, length)", size_of::<Box<str>>()),
        ("Box<[u64]> (pointer, length)", size_of::<Box<[u64]>>()),
        ("&str (pointer, length)", size_of::<&str>()),
        ("Box<u64> (pointer)", size_of::<Box<u64>>()),
    ]
}
// ANCHOR_END: strings

// ANCHOR: niches
/// `Option` costs nothing when the value has a bit pattern it never uses (a *niche*): a `Box`,
/// a reference or a `NonZeroU32` is never 0, so `None` is stored as 0. A `u32` uses all of its
/// patterns, so its `Option` needs a separate tag, padded to the `u32`'s alignment.
fn option_sizes() -> Vec<(&'static str, usize, usize)> {
    vec![
        ("Box<u64>", size_of::<Box<u64>>(), size_of::<Option<Box<u64>>>()),
        ("&str", size_of::<&str>(), size_of::<Option<&str>>()),
        ("String", size_of::<String>(), size_of::<Option<String>>()),
        (
            "NonZeroU32",
            size_of::<NonZeroU32>(),
            size_of::<Option<NonZeroU32>>(),
        ),
        ("u32", size_of::<u32>(), size_of::<Option<u32>>()),
        ("u64", size_of::<u64>(), size_of::<Option<u64>>()),
        ("char", size_of::<char>(), size_of::<Option<char>>()),
    ]
}
// ANCHOR_END: niches

// ANCHOR: enums
/// A status with no payload: one byte, whatever its name's length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Status {
    Ok,
    Warn,
    Alarm,
}

/// What a crash event carries: 60 bytes of data, 64 with padding.
#[allow(dead_code)] // only measured, never built
struct CrashReport {
    code: u32,
    address: u64,
    registers: [u64; 6],
}

/// An enum is as large as its largest variant, plus a tag (which hides in a niche of a payload
/// when it can). Every event pays for the rare crash report: 72 bytes, even for a `Tick`.
#[allow(dead_code)]
enum Event {
    Tick,
    Click { x: u16, y: u16 },
    Key(char),
    Crash(CrashReport),
}

/// The same events with the rare large payload boxed: every event shrinks to 16 bytes, and only
/// a crash pays for a heap block.
#[allow(dead_code)]
enum SmallEvent {
    Tick,
    Click { x: u16, y: u16 },
    Key(char),
    Crash(Box<CrashReport>),
}
// ANCHOR_END: enums

// ANCHOR: reordering
/// Rust may reorder a struct's fields; it puts them largest alignment first, so only the end
/// needs padding: 8 + 4 + 1 + 1, padded to 16.
#[allow(dead_code)] // only measured, never read
struct Reordered {
    flag: bool,
    id: u64,
    kind: u8,
    count: u32,
}

/// `#[repr(C)]` keeps the declared order, as C would: 1 + 7 (padding) + 8 + 1 + 3 (padding) + 4,
/// which is 24 bytes for the same 14 bytes of data.
#[allow(dead_code)]
#[repr(C)]
struct DeclaredOrder {
    flag: bool,
    id: u64,
    kind: u8,
    count: u32,
}
// ANCHOR_END: reordering

// ANCHOR: readings
/// A sensor reading as a first draft writes it: 64 bytes inline, plus two heap blocks.
#[allow(dead_code)]
struct LooseReading {
    sensor: String,
    timestamp: u64,
    celsius: f64,
    status: String,
}

/// The same facts, compact: the sensor as an index into a table of names stored once, the
/// temperature in whole tenths of a degree, the status in one byte. No heap block of its own.
#[allow(dead_code)]
struct CompactReading {
    timestamp: u64,
    sensor: u32,
    tenths: i16,
    status: Status,
}

/// Struct of arrays: one `Vec` per field. No padding between readings (15 bytes each), and a
/// loop over one field reads only that field's memory.
#[derive(Debug, Default)]
struct Readings {
    timestamps: Vec<u64>,
    sensors: Vec<u32>,
    tenths: Vec<i16>,
    statuses: Vec<Status>,
}

impl Readings {
    fn push(&mut self, timestamp: u64, sensor: u32, tenths: i16, status: Status) {
        self.timestamps.push(timestamp);
        self.sensors.push(sensor);
        self.tenths.push(tenths);
        self.statuses.push(status);
    }

    /// The highest temperature, in tenths: reads 2 bytes per reading, not 16.
    fn highest(&self) -> Option<i16> {
        self.tenths.iter().copied().max()
    }

    /// Bytes of heap per reading, when every `Vec` is exactly full.
    const BYTES_PER_READING: usize =
        size_of::<u64>() + size_of::<u32>() + size_of::<i16>() + size_of::<Status>();
}
// ANCHOR_END: readings

// ANCHOR: heap_bytes
/// The bytes `names` take stored as `String`s and as `Box<str>`s (handles plus heap): the same
/// characters, but a `Box<str>` has no spare capacity and its handle is a word smaller.
fn name_table_bytes(names: &[&str]) -> (usize, usize) {
    let strings: Vec<String> = names
        .iter()
        .map(|name| {
            // Built a character at a time, as a parser builds text: the capacity doubles
            // (8, 16, 32) and is usually larger than the length.
            let mut s = String::new();
            for c in name.chars() {
                s.push(c);
            }
            s
        })
        .collect();
    let boxed: Vec<Box<str>> = strings.iter().map(|s| Box::from(s.as_str())).collect();
    let string_bytes =
        strings.len() * size_of::<String>() + strings.iter().map(String::capacity).sum::<usize>();
    let boxed_bytes = boxed.len() * size_of::<Box<str>>() + boxed.iter().map(|b| b.len()).sum::<usize>();
    (string_bytes, boxed_bytes)
}
// ANCHOR_END: heap_bytes

fn main() {
    println!("Handles (inline bytes; the contents live elsewhere):");
    for (what, size) in handle_sizes() {
        println!("  {what:<40} {size:>3}");
    }

    println!("\nOption<T> (niches):");
    println!("  {:<12} {:>9} {:>10}", "T", "size of T", "Option<T>");
    for (what, size, option) in option_sizes() {
        println!("  {what:<12} {size:>9} {option:>10}");
    }

    println!("\nEnums:");
    println!(
        "  {:<40} {:>3}",
        "Status (3 variants, no payload)",
        size_of::<Status>()
    );
    println!("  {:<40} {:>3}", "Option<Status>", size_of::<Option<Status>>());
    println!(
        "  {:<40} {:>3}",
        "Event (largest payload: 64 bytes)",
        size_of::<Event>()
    );
    println!(
        "  {:<40} {:>3}",
        "SmallEvent (that payload boxed)",
        size_of::<SmallEvent>()
    );

    println!("\nField order:");
    println!(
        "  {:<40} {:>3}",
        "Reordered (Rust's layout)",
        size_of::<Reordered>()
    );
    println!(
        "  {:<40} {:>3}",
        "DeclaredOrder (#[repr(C)])",
        size_of::<DeclaredOrder>()
    );

    println!("\nA sensor reading, three ways (bytes per reading):");
    println!(
        "  {:<40} {:>3}  + two heap blocks",
        "LooseReading",
        size_of::<LooseReading>()
    );
    println!("  {:<40} {:>3}", "CompactReading", size_of::<CompactReading>());
    println!(
        "  {:<40} {:>3}",
        "Readings (struct of arrays)",
        Readings::BYTES_PER_READING
    );
    println!(
        "  {:<40} {:>3}",
        "memory::Reading (yours, in src/lib.rs)",
        size_of::<memory::Reading>()
    );

    let names = [
        "boiler-room-3",
        "freezer-1",
        "server-rack-12",
        "office-4",
        "roof-north",
    ];
    let (strings, boxed) = name_table_bytes(&names);
    println!(
        "\n{} sensor names: {strings} bytes as String, {boxed} bytes as Box<str>",
        names.len()
    );

    let mut log = Readings::default();
    log.push(1_764_460_800, 0, 215, Status::Ok);
    log.push(1_764_460_860, 1, -185, Status::Alarm);
    log.push(1_764_460_920, 0, 230, Status::Warn);
    println!(
        "highest of {} readings: {:?} tenths",
        log.timestamps.len(),
        log.highest()
    );
    println!("({:?} and {:?} are kept too)", log.sensors, log.statuses);
    println!(
        "a u64 is aligned to {} bytes, a u16 to {}",
        align_of::<u64>(),
        align_of::<u16>()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles() {
        let sizes: Vec<usize> = handle_sizes().into_iter().map(|(_, s)| s).collect();
        assert_eq!(sizes, [24, 24, 16, 16, 16, 8]);
    }

    #[test]
    fn niches_make_options_free() {
        let sizes: Vec<(usize, usize)> = option_sizes().into_iter().map(|(_, s, o)| (s, o)).collect();
        assert_eq!(
            sizes,
            [(8, 8), (16, 16), (24, 24), (4, 4), (4, 8), (8, 16), (4, 4)]
        );
    }

    #[test]
    fn enums() {
        assert_eq!(size_of::<Status>(), 1);
        assert_eq!(size_of::<Option<Status>>(), 1);
        assert_eq!(size_of::<CrashReport>(), 64);
        assert_eq!(size_of::<Event>(), 72);
        assert_eq!(size_of::<SmallEvent>(), 16);
    }

    #[test]
    fn fields_are_reordered_unless_repr_c() {
        assert_eq!(size_of::<Reordered>(), 16);
        assert_eq!(size_of::<DeclaredOrder>(), 24);
    }

    #[test]
    fn readings() {
        assert_eq!(size_of::<LooseReading>(), 64);
        assert_eq!(size_of::<CompactReading>(), 16);
        assert_eq!(Readings::BYTES_PER_READING, 15);
        let mut log = Readings::default();
        assert_eq!(log.highest(), None);
        log.push(1, 0, -5, Status::Ok);
        log.push(2, 0, -15, Status::Warn);
        assert_eq!(log.highest(), Some(-5));
    }

    #[test]
    fn boxed_names_are_smaller() {
        let (strings, boxed) = name_table_bytes(&["a", "bb", "ccc"]);
        assert_eq!(boxed, 3 * 16 + 6);
        assert_eq!(strings, 3 * 24 + 3 * 8, "each String's capacity is 8");
        assert_eq!(name_table_bytes(&[]), (0, 0));
    }
}
