//! Page order: Dash's sort key exactly (SEMANTICS §8, POLICY D10).

use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;

use crate::page::Page;

/// A page's `order`: an integer, a float or text, as Dash accepts.
///
/// Pages sort by `(no order, numeric value, str(order), module)`: numbers first (integers
/// and floats compared exactly), then text orders by their text, then pages without an
/// order; every tie is broken by Python's `str(order)` and then the module path.
///
/// ```
/// use folio_core::Order;
/// assert!(Order::Int(1) < Order::Float(1.5));
/// assert!(Order::Float(2.0) < Order::Text("1".into()));
/// assert_eq!(Order::Float(1e16).to_string(), "1e+16");
/// ```
#[derive(Debug, Clone)]
pub enum Order {
    /// An integer order.
    Int(i64),
    /// A float order (NaN is refused when the registry is built).
    Float(f64),
    /// A text order: sorts after every number, by its text.
    Text(String),
}

impl Order {
    fn numeric_cmp(&self, other: &Order) -> Ordering {
        match (self, other) {
            (Order::Int(a), Order::Int(b)) => a.cmp(b),
            (Order::Int(a), Order::Float(b)) => cmp_int_float(*a, *b),
            (Order::Float(a), Order::Int(b)) => cmp_int_float(*b, *a).reverse(),
            (Order::Float(a), Order::Float(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
            // Python compares a number with `inf` (the key of a text order).
            (Order::Text(_), Order::Text(_)) => Ordering::Equal,
            (Order::Text(_), Order::Float(b)) => cmp_inf(*b).reverse(),
            (Order::Float(a), Order::Text(_)) => cmp_inf(*a),
            (Order::Text(_), Order::Int(_)) => Ordering::Greater,
            (Order::Int(_), Order::Text(_)) => Ordering::Less,
        }
    }

    pub(crate) fn is_nan(&self) -> bool {
        matches!(self, Order::Float(f) if f.is_nan())
    }
}

fn cmp_inf(x: f64) -> Ordering {
    if x == f64::INFINITY {
        Ordering::Equal
    } else {
        Ordering::Less
    }
}

/// Exact comparison of an integer with a float, as Python does it.
fn cmp_int_float(i: i64, f: f64) -> Ordering {
    if f.is_nan() {
        return Ordering::Equal;
    }
    // 2^63 is exactly representable; every i64 is below it and at or above -2^63.
    if f >= 9_223_372_036_854_775_808.0 {
        return Ordering::Less;
    }
    if f < -9_223_372_036_854_775_808.0 {
        return Ordering::Greater;
    }
    let whole = floor(f);
    // In range, so the conversion is exact.
    let w = whole as i64;
    match i.cmp(&w) {
        Ordering::Equal if f > whole => Ordering::Less,
        other => other,
    }
}

fn floor(f: f64) -> f64 {
    // core has no f64::floor without std; truncation then correction is exact for |f| < 2^63.
    let t = f as i64 as f64;
    if t > f { t - 1.0 } else { t }
}

impl PartialEq for Order {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Order {}

impl PartialOrd for Order {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Dash's key without the module: the number, then `str(order)`.
impl Ord for Order {
    fn cmp(&self, other: &Self) -> Ordering {
        self.numeric_cmp(other).then_with(|| self.text_cmp(other))
    }
}

impl Order {
    /// `str(self)` against `str(other)` for two orders that are numerically equal (or both
    /// text), decided without formatting floats: formatting code is large and this runs
    /// in every registry build, in the browser too.
    fn text_cmp(&self, other: &Order) -> Ordering {
        match (self, other) {
            (Order::Text(a), Order::Text(b)) => a.as_bytes().cmp(b.as_bytes()),
            (Order::Int(_), Order::Int(_)) => Ordering::Equal,
            // Equal floats print the same, except 0.0 and -0.0 ("-0.0" < "0.0").
            (Order::Float(a), Order::Float(b)) => b.is_sign_negative().cmp(&a.is_sign_negative()),
            (Order::Int(_), Order::Float(f)) => int_vs_equal_float(*f),
            (Order::Float(f), Order::Int(_)) => int_vs_equal_float(*f).reverse(),
            // Numbers never tie with text (numeric_cmp already ordered them).
            (Order::Text(_), _) => Ordering::Greater,
            (_, Order::Text(_)) => Ordering::Less,
        }
    }
}

/// `str(i)` against `repr(f)` for an integer `i` equal to `f`. Below 1e16 the float prints as the integer's
/// digits plus `.0`, so the integer (a prefix) sorts first; `-0.0` against `0` starts with
/// `-`. From 1e16 on the float prints as `d.ddde+XX` (`.` sorts before the integer's second
/// digit) or, when one digit suffices, `de+XX` (`e` sorts after it).
fn int_vs_equal_float(f: f64) -> Ordering {
    if f == 0.0 {
        return if f.is_sign_negative() {
            Ordering::Greater
        } else {
            Ordering::Less
        };
    }
    let magnitude = if f < 0.0 { -f } else { f };
    if magnitude < 1e16 {
        return Ordering::Less;
    }
    let single_digit = [1e16, 1e17, 1e18]
        .iter()
        .any(|power| (1..10).any(|d| f64::from(d) * power == magnitude));
    if single_digit {
        Ordering::Less
    } else {
        Ordering::Greater
    }
}

/// Python's `str(order)`: integers in decimal, floats as `repr` (`1.0`, `1e+16`, `-0.0`).
impl core::fmt::Display for Order {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Order::Int(i) => write!(f, "{i}"),
            Order::Float(x) => f.write_str(&python_float_repr(*x)),
            Order::Text(t) => f.write_str(t),
        }
    }
}

/// `repr(float)` of CPython: the shortest round-trip digits, in fixed notation when the
/// decimal exponent is in -4..16, otherwise `d.ddde±XX`.
pub(crate) fn python_float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    // `{:e}` gives the shortest round-trip digits: "-1.2345e3".
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let n = digits.len() as i32;
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        if point <= 0 {
            let zeros: String = core::iter::repeat_n('0', (-point) as usize).collect();
            format!("{sign}0.{zeros}{digits}")
        } else if point >= n {
            let zeros: String = core::iter::repeat_n('0', (point - n) as usize).collect();
            format!("{sign}{digits}{zeros}.0")
        } else {
            let (a, b) = digits.split_at(point as usize);
            format!("{sign}{a}.{b}")
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    }
}

/// Dash's full sort key for one page: `(order is None, number, str(order), module)`.
pub(crate) fn compare_pages(a: (Option<&Order>, &str), b: (Option<&Order>, &str)) -> Ordering {
    let by_order = match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_order.then_with(|| a.1.cmp(b.1))
}

/// Dash's registry order (POLICY D10): the pages (by registration index) sorted by
/// `(order, module)`. Modules are unique, so no two pages tie. Pages without an order
/// (usually all but the home page) sort as integers: twelve bytes of the module, taken
/// after the bytes that every such module starts with, above the registration index; then
/// pages whose twelve bytes agree sort on the whole module.
pub(crate) fn registry_order<T>(pages: &[Page<T>]) -> Box<[u32]> {
    // The bytes every module without an order starts with: those that the first and the
    // last such module share, when every other one starts with them too (checked as the
    // keys are made, in the same pass); else found by a pass of their own, and the keys
    // made again. (Browser bundles, which count bytes and register few pages, take the
    // pass.)
    let unordered = |p: &&Page<T>| p.order().is_none();
    let guessed = match (pages.iter().find(unordered), pages.iter().rfind(unordered)) {
        (Some(a), Some(b)) if cfg!(not(target_arch = "wasm32")) => {
            let (a, b) = (a.module_bytes(), b.module_bytes());
            let shared = a.get(..common_prefix(a, b)).unwrap_or_default();
            Some(unordered_keys(pages, shared)).filter(|(_, strays)| !strays)
        }
        _ => None,
    };
    let (made, _) = guessed.unwrap_or_else(|| {
        let mut shared: Option<&[u8]> = None;
        for module in pages.iter().filter(unordered).map(Page::module_bytes) {
            let same = shared.map_or(module.len(), |s| common_prefix(s, module));
            shared = module.get(..same);
        }
        unordered_keys(pages, shared.unwrap_or_default())
    });
    let Unordered {
        mut ordered,
        keys,
        runs,
        skip,
    } = made;
    let page = |i: u32| &pages[i as usize];
    crate::sort::sort_by(&mut ordered, |&a, &b| {
        let (x, y) = (page(a), page(b));
        compare_pages((x.order(), x.module()), (y.order(), y.module()))
    });
    #[cfg(not(target_arch = "wasm32"))]
    {
        let first = ordered.len();
        if runs.sort_into(keys, &mut ordered) {
            // Runs of equal windows (modules alike in those bytes) by the whole module.
            let window_of = |i: u32| window(page(i).module_bytes().get(skip..).unwrap_or_default());
            let unordered = &mut ordered[first..];
            let (mut run, mut run_window) = (0, None);
            for end in 0..=unordered.len() {
                let this = unordered.get(end).map(|&i| window_of(i));
                if this == run_window {
                    continue;
                }
                if end - run > 1 {
                    let by_module =
                        |a: &u32, b: &u32| page(*a).module_bytes().cmp(page(*b).module_bytes());
                    crate::sort::sort_by(&mut unordered[run..end], by_module);
                }
                (run, run_window) = (end, this);
            }
        }
    }
    // Browser bundles, which count bytes and register few pages, sort the keys every time
    // and find the runs of equal windows among them.
    #[cfg(target_arch = "wasm32")]
    {
        let (_, _, mut keys) = (runs, skip, keys);
        crate::sort::sort_keys(&mut keys, 4);
        let mut run = 0;
        for end in 1..=keys.len() {
            if keys.get(end).is_some_and(|k| k >> 32 == keys[run] >> 32) {
                continue;
            }
            if end - run > 1 {
                let by_module = |a: &u128, b: &u128| {
                    page(*a as u32)
                        .module_bytes()
                        .cmp(page(*b as u32).module_bytes())
                };
                crate::sort::sort_by(&mut keys[run..end], by_module);
            }
            run = end;
        }
        ordered.reserve_exact(keys.len());
        ordered.extend(keys.iter().map(|&k| k as u32));
    }
    ordered.into_boxed_slice()
}

/// What [`unordered_keys`] makes for [`registry_order`].
struct Unordered {
    /// The pages with an order, by registration index.
    ordered: Vec<u32>,
    /// The key of each other page, in registration order.
    keys: Vec<u128>,
    runs: Runs,
    /// The length of the bytes every key skipped.
    skip: usize,
}

/// The pages with an order, and the keys of the others (their modules' windows after
/// `shared`, above the registration index), with their runs; and whether a module without
/// an order does not start with `shared` (then the keys are not those).
fn unordered_keys<T>(pages: &[Page<T>], shared: &[u8]) -> (Unordered, bool) {
    let skip = shared.len();
    let mut ordered: Vec<u32> = Vec::new();
    let mut keys: Vec<u128> = Vec::with_capacity(pages.len());
    // Where each run of ascending keys after the first starts: pages registered in module
    // order (a pages folder walked by name) are one run, numbered modules a run for each
    // count of digits. A key below the one before starts a run (equal windows ascend by
    // registration index).
    let mut runs = Runs::default();
    let (mut last, mut strays) = (0, false);
    for (i, p) in pages.iter().enumerate() {
        if p.order().is_some() {
            ordered.push(i as u32);
            continue;
        }
        let module = p.module_bytes();
        strays |= common_prefix(shared, module) != skip;
        let rest = module.get(skip..).unwrap_or_default();
        let key = window(rest) | i as u128;
        // (Browser bundles always sort: they count bytes and register few pages.)
        if key < last && cfg!(not(target_arch = "wasm32")) {
            runs.start(keys.len());
        }
        last = key;
        keys.push(key);
    }
    let made = Unordered {
        ordered,
        keys,
        runs,
        skip,
    };
    (made, strays)
}

/// The runs of ascending keys [`registry_order`] found, while they are few enough to merge
/// (each merge level takes about half what a radix pass does).
#[derive(Default)]
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
struct Runs {
    /// Where the runs after the first start, ascending.
    starts: [usize; MERGED_RUNS - 1],
    /// How many runs start after the first (past `MERGED_RUNS - 1`: too many to merge).
    more: usize,
}

/// Up to this many runs are merged (four levels); more are radix-sorted.
const MERGED_RUNS: usize = 16;

#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
impl Runs {
    #[inline]
    fn start(&mut self, at: usize) {
        if let Some(slot) = self.starts.get_mut(self.more) {
            *slot = at;
        }
        self.more += 1;
    }

    /// Sorts `keys` (made in registration order, with these runs) and appends their
    /// registration indices to `ordered`; whether two keys have the same window.
    #[cfg(not(target_arch = "wasm32"))]
    fn sort_into(self, mut keys: Vec<u128>, ordered: &mut Vec<u32>) -> bool {
        ordered.reserve_exact(keys.len());
        if let Some(starts) = self.starts.get(..self.more) {
            return merge_runs(keys, starts, ordered);
        }
        crate::sort::sort_keys(&mut keys, 4);
        let mut tied = false;
        let mut before = u128::MAX;
        for &key in &keys {
            tied |= (key ^ before) >> 32 == 0;
            before = key;
            ordered.push(key as u32);
        }
        tied
    }
}

/// Merges the ascending runs of `keys` (the first at 0, the others at `starts`), the two
/// neighbours shortest together first (through `spare` and back) until two are left, and
/// those straight into `ordered` as registration indices; whether two keys have the same
/// window. (Numbered modules make runs each about ten times as long as the one before:
/// merged shortest first, most keys are merged once, not once a level.)
#[cfg(not(target_arch = "wasm32"))]
fn merge_runs(mut keys: Vec<u128>, starts: &[usize], ordered: &mut Vec<u32>) -> bool {
    let len = keys.len();
    let mut bounds = [len; MERGED_RUNS + 1];
    bounds[0] = 0;
    bounds[1..=starts.len()].copy_from_slice(starts);
    let mut runs = starts.len() + 1;
    let mut spare: Vec<u128> = Vec::new();
    while runs > 2 {
        let shortest = (0..runs - 1).min_by_key(|&k| bounds[k + 2] - bounds[k]);
        let k = shortest.unwrap_or(0);
        let (start, middle, end) = (bounds[k], bounds[k + 1], bounds[k + 2]);
        if spare.len() < end - start {
            // (Filled with a key: a buffer of zeros is `calloc`ed, and one of a repeated
            // byte `memset`, both a byte at a time when the memory was freed before.)
            spare = alloc::vec![keys[0]; end - start];
        }
        let merged = &mut spare[..end - start];
        merge(&keys[start..middle], &keys[middle..end], merged, |key| key);
        keys[start..end].copy_from_slice(merged);
        bounds.copy_within(k + 2..=runs, k + 1);
        runs -= 1;
    }
    let at = ordered.len();
    // (Filled with a value the compiler cannot tell is a repeated byte, as above.)
    ordered.resize(at + len, len as u32);
    let (a, b) = keys.split_at(bounds[1]);
    let mut tied = false;
    let mut before = u128::MAX;
    merge(a, b, &mut ordered[at..], |key| {
        // (Keys whose first eight bytes differ, the most, are told apart by one compare.)
        if (key >> 64) as u64 == (before >> 64) as u64 {
            tied |= (key as u64 ^ before as u64) >> 32 == 0;
        }
        before = key;
        key as u32
    });
    tied
}

/// Merges the ascending `a` and `b` into `out` (as long as both), each key through `emit`.
#[cfg(not(target_arch = "wasm32"))]
#[inline(always)]
fn merge<O>(a: &[u128], b: &[u128], out: &mut [O], mut emit: impl FnMut(u128) -> O) {
    let mut out = out.iter_mut();
    let (mut i, mut j) = (0, 0);
    // The next key of each run held while the other run's keys go out.
    if let (Some(&first_a), Some(&first_b)) = (a.first(), b.first()) {
        let (mut x, mut y) = (first_a, first_b);
        for slot in out.by_ref() {
            // (Keys are unique: no two are equal.)
            if x < y {
                *slot = emit(x);
                i += 1;
                let Some(&next) = a.get(i) else { break };
                x = next;
            } else {
                *slot = emit(y);
                j += 1;
                let Some(&next) = b.get(j) else { break };
                y = next;
            }
        }
    }
    let rest = a.get(i..).unwrap_or_default().iter();
    for (slot, &key) in out.zip(rest.chain(b.get(j..).unwrap_or_default())) {
        *slot = emit(key);
    }
}

/// How many bytes `a` and `b` start with alike, compared eight at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    // Browser bundles, which count bytes and register few pages, keep the byte loop.
    if cfg!(target_arch = "wasm32") {
        return a.iter().zip(b).take_while(|(x, y)| x == y).count();
    }
    let n = a.len().min(b.len());
    let mut at = 0;
    while at + 8 <= n {
        let differ = word(a, at) ^ word(b, at);
        if differ != 0 {
            // Little-endian words: the first differing byte is the lowest.
            return at + (differ.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < n && a[at] == b[at] {
        at += 1;
    }
    at
}

/// The eight bytes of `s` from `at` (which has at least eight), little-endian.
fn word(s: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&s[at..at + 8]);
    u64::from_le_bytes(w)
}

/// The first twelve bytes of `rest` (zeros after its end) in the top twelve bytes of an
/// integer, first byte highest: it orders as the bytes do. Read as whole words (a
/// `copy_from_slice` of a length known only at run time calls `memcpy`).
#[inline(always)]
fn window(rest: &[u8]) -> u128 {
    let n = rest.len();
    if cfg!(target_arch = "wasm32") {
        let mut window = [0u8; 16];
        window[..n.min(12)].copy_from_slice(&rest[..n.min(12)]);
        return u128::from_be_bytes(window);
    }
    let be4 = |at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&rest[at..at + 4]);
        u64::from(u32::from_be_bytes(w))
    };
    // The first up to eight bytes, first byte highest: two overlapping four-byte reads
    // for four to eight bytes (the bytes they share are the same).
    let high = match n {
        8.. => u64::from_be_bytes({
            let mut w = [0u8; 8];
            w.copy_from_slice(&rest[..8]);
            w
        }),
        4..8 => be4(0) << 32 | be4(n - 4) << (8 * (8 - n)),
        _ => rest
            .iter()
            .enumerate()
            .fold(0, |w, (i, &b)| w | u64::from(b) << (56 - 8 * i)),
    };
    // Bytes 8 to 11, the same way.
    let low = match n {
        12.. => be4(8) << 32,
        9..12 => rest[8..]
            .iter()
            .enumerate()
            .fold(0, |w, (i, &b)| w | u64::from(b) << (56 - 8 * i)),
        _ => 0,
    };
    u128::from(high) << 64 | u128::from(low)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    #[test]
    fn window_is_the_first_twelve_bytes_zero_padded() {
        let text = b"abcdefghijklmnop";
        for n in 0..=text.len() {
            let mut want = [0u8; 16];
            let k = n.min(12);
            want[..k].copy_from_slice(&text[..k]);
            assert_eq!(window(&text[..n]), u128::from_be_bytes(want), "{n} bytes");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn runs_of_any_lengths_merge_in_order() {
        // Runs each longer than the one before (as numbered modules make them), each
        // shorter, and of random lengths, up to `MERGED_RUNS`: the shortest neighbours are
        // merged first, wherever they are. Keys as `registry_order` makes them: a window
        // above the position, unique; some windows repeated.
        let mut next = crate::test_rng::xorshift(0x9e37_79b9_7f4a_7c15u64);
        for runs in 1..=MERGED_RUNS {
            for shape in 0..3 {
                let length = |r: usize, next: &mut dyn FnMut() -> u64| match shape {
                    0 => 3usize.pow(r.min(7) as u32),
                    1 => 3usize.pow((runs - r).min(7) as u32),
                    _ => 1 + (next() % 40) as usize,
                };
                let mut keys: Vec<u128> = Vec::new();
                let mut starts = Vec::new();
                for r in 0..runs {
                    if r > 0 {
                        starts.push(keys.len());
                    }
                    let len = length(r, &mut next);
                    let mut run: Vec<u128> = (0..len).map(|_| u128::from(next() % 50)).collect();
                    run.sort_unstable();
                    keys.extend(run.iter().map(|w| w << 64));
                }
                for (i, key) in keys.iter_mut().enumerate() {
                    *key |= i as u128;
                }
                let mut sorted = keys.clone();
                sorted.sort_unstable();
                let tied = sorted.windows(2).any(|w| w[0] >> 32 == w[1] >> 32);
                let mut ordered = alloc::vec![u32::MAX];
                let said = merge_runs(keys, &starts, &mut ordered);
                let want: Vec<u32> = core::iter::once(u32::MAX)
                    .chain(sorted.iter().map(|&k| k as u32))
                    .collect();
                assert_eq!(ordered, want, "{runs} runs, shape {shape}");
                assert_eq!(said, tied, "{runs} runs, shape {shape}");
            }
        }
    }

    #[test]
    fn modules_sort_whole_whichever_prefix_the_first_and_last_share() {
        // The first and last modules without an order share more than the others do (the
        // keys are made again), or exactly what all of them share; a home page between.
        let tables: [&[&str]; 5] = [
            &["pages.a", "other.b", "pages.c"],
            &["pages.ab", "pages.b", "pages.ac"],
            &["pages.a", "pages.c", "pages.b"],
            &["p.x", "pages.home", "q", "p.y"],
            &["app.z", "app.y", "ap", "app.x"],
        ];
        for modules in tables {
            let mut builder = crate::RegistryBuilder::new(crate::Config::new());
            for (i, module) in modules.iter().enumerate() {
                let path = if *module == "pages.home" {
                    String::from("/")
                } else {
                    format!("/p{i}")
                };
                builder.page(
                    crate::PageSpec::new(*module)
                        .path(path)
                        .name("page")
                        .layout(i),
                );
            }
            let registry = builder.build().unwrap();
            let got: Vec<&str> = registry.pages().map(|p| p.module()).collect();
            // The home page first (its order is 0), then the others by module.
            let mut want: Vec<&str> = modules.to_vec();
            want.sort_by_key(|m| (*m != "pages.home", *m));
            assert_eq!(got, want, "{modules:?}");
        }
    }

    #[test]
    fn common_prefix_counts_the_bytes_alike() {
        let a = b"app.pages.reports.weekly";
        for n in 0..=a.len() {
            for at in 0..n {
                let mut b = a[..n].to_vec();
                b[at] ^= 1;
                assert_eq!(common_prefix(a, &b), at);
                assert_eq!(common_prefix(&b, a), at);
            }
            assert_eq!(common_prefix(a, &a[..n]), n);
        }
    }

    #[test]
    fn float_repr_matches_python() {
        for (x, s) in [
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1234.5, "1234.5"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e-7, "1.5e-07"),
            (123456789012345.6, "123456789012345.6"),
            (2.5e22, "2.5e+22"),
        ] {
            assert_eq!(python_float_repr(x), s);
        }
    }

    #[test]
    fn ties_break_on_python_str() {
        assert!(Order::Int(1) < Order::Float(1.0)); // "1" < "1.0"
        assert!(Order::Float(-0.0) < Order::Int(0)); // "-0.0" < "0"
        assert!(Order::Text("10".into()) < Order::Text("2".into()));
        assert!(Order::Int(i64::MAX) < Order::Float(9.3e18));
        assert!(Order::Float(2.5) > Order::Int(2));
        assert!(Order::Float(-2.5) < Order::Int(-2));
        assert_eq!(Order::Int(3).to_string(), "3");
    }
}

#[cfg(test)]
mod text_order {
    use super::*;
    use alloc::string::ToString;

    /// The shortcut agrees with comparing the formatted strings, on the tricky values.
    #[test]
    fn text_cmp_matches_python_str() {
        let values = [
            Order::Int(0),
            Order::Int(1),
            Order::Int(-1),
            Order::Float(0.0),
            Order::Float(-0.0),
            Order::Float(1.0),
            Order::Float(-1.0),
            Order::Int(10_000_000_000_000_000),
            Order::Float(1e16),
            Order::Int(20_000_000_000_000_000),
            Order::Float(2e16),
            Order::Int(12_345_678_901_234_568),
            Order::Float(12_345_678_901_234_568.0),
            Order::Int(-20_000_000_000_000_000),
            Order::Float(-2e16),
            Order::Int(1_000_000_000_000_000_000),
            Order::Float(1e18),
            Order::Float(1.5e18),
            Order::Int(1_500_000_000_000_000_000),
        ];
        for a in &values {
            for b in &values {
                if a.numeric_cmp(b) == Ordering::Equal {
                    assert_eq!(
                        a.text_cmp(b),
                        a.to_string().cmp(&b.to_string()),
                        "{a} vs {b}"
                    );
                }
            }
        }
    }
}
