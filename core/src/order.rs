//! Page order: Dash's sort key exactly (SEMANTICS §8, POLICY D10).

use alloc::format;
use alloc::string::String;
use core::cmp::Ordering;

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

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

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
