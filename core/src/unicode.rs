//! Python's `str.capitalize`: the first character titlecased (full mapping), the rest
//! lower-cased with the final-sigma rule. Rust's standard library has upper and lower case
//! but no titlecase, so the characters whose titlecase differs from their uppercase are
//! listed here (UnicodeData.txt and SpecialCasing.txt).

use alloc::string::String;

/// `text.capitalize()` exactly as CPython 3.11 computes it.
pub(crate) fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(text.len());
    push_titlecase(&mut out, first);
    // Lower-case the whole string so that a final sigma sees its left context, then drop
    // what the first character became (a sigma at position 0 is never final).
    let lower = text.to_lowercase();
    let skip = first.to_lowercase().count();
    out.extend(lower.chars().skip(skip));
    out
}

fn push_titlecase(out: &mut String, c: char) {
    match titlecase_exception(c) {
        Some(mapped) => out.push_str(mapped),
        None => out.extend(c.to_uppercase()),
    }
}

fn titlecase_exception(c: char) -> Option<&'static str> {
    let u = c as u32;
    Some(match u {
        // Digraphs: the titlecase form is the mixed-case letter.
        0x01C4..=0x01C6 => "\u{01C5}",
        0x01C7..=0x01C9 => "\u{01C8}",
        0x01CA..=0x01CC => "\u{01CB}",
        0x01F1..=0x01F3 => "\u{01F2}",
        // Georgian Mkhedruli titlecases to itself (its uppercase is Mtavruli).
        0x10D0..=0x10FA | 0x10FD..=0x10FF => return Some(georgian(c)),
        0x00DF => "Ss",
        0xFB00 => "Ff",
        0xFB01 => "Fi",
        0xFB02 => "Fl",
        0xFB03 => "Ffi",
        0xFB04 => "Ffl",
        0xFB05 | 0xFB06 => "St",
        0x0587 => "\u{0535}\u{0582}",
        0xFB13 => "\u{0544}\u{0576}",
        0xFB14 => "\u{0544}\u{0565}",
        0xFB15 => "\u{0544}\u{056B}",
        0xFB16 => "\u{054E}\u{0576}",
        0xFB17 => "\u{0544}\u{056D}",
        // Greek with ypogegrammeni / prosgegrammeni: titlecase keeps the iota subscript.
        0x1F80..=0x1FAF => return Some(greek_iota(u)),
        0x1FB3 | 0x1FBC => "\u{1FBC}",
        0x1FC3 | 0x1FCC => "\u{1FCC}",
        0x1FF3 | 0x1FFC => "\u{1FFC}",
        0x1FB2 => "\u{1FBA}\u{0345}",
        0x1FB4 => "\u{0386}\u{0345}",
        0x1FC2 => "\u{1FCA}\u{0345}",
        0x1FC4 => "\u{0389}\u{0345}",
        0x1FF2 => "\u{1FFA}\u{0345}",
        0x1FF4 => "\u{038F}\u{0345}",
        0x1FB7 => "\u{0391}\u{0342}\u{0345}",
        0x1FC7 => "\u{0397}\u{0342}\u{0345}",
        0x1FF7 => "\u{03A9}\u{0342}\u{0345}",
        _ => return None,
    })
}

/// U+1F80..U+1FAF come in blocks of 16: eight lower-case letters, then their eight
/// titlecase forms.
fn greek_iota(u: u32) -> &'static str {
    const TITLE: [&str; 24] = [
        "\u{1F88}", "\u{1F89}", "\u{1F8A}", "\u{1F8B}", "\u{1F8C}", "\u{1F8D}", "\u{1F8E}",
        "\u{1F8F}", "\u{1F98}", "\u{1F99}", "\u{1F9A}", "\u{1F9B}", "\u{1F9C}", "\u{1F9D}",
        "\u{1F9E}", "\u{1F9F}", "\u{1FA8}", "\u{1FA9}", "\u{1FAA}", "\u{1FAB}", "\u{1FAC}",
        "\u{1FAD}", "\u{1FAE}", "\u{1FAF}",
    ];
    let offset = u - 0x1F80;
    TITLE[((offset / 16) * 8 + offset % 8) as usize]
}

/// Mkhedruli letters are their own titlecase. Each is returned as a static one-character
/// string from a table built at compile time.
fn georgian(c: char) -> &'static str {
    const fn table() -> [[u8; 3]; 48] {
        let mut t = [[0u8; 3]; 48];
        let mut i = 0;
        while i < 48 {
            let u = 0x10D0 + i as u32;
            t[i] = [
                0xE0 | (u >> 12) as u8,
                0x80 | ((u >> 6) & 0x3F) as u8,
                0x80 | (u & 0x3F) as u8,
            ];
            i += 1;
        }
        t
    }
    static TABLE: [[u8; 3]; 48] = table();
    let bytes = &TABLE[(c as u32 - 0x10D0) as usize];
    // The table holds the UTF-8 encoding of U+10D0..U+10FF, three bytes each.
    core::str::from_utf8(bytes).unwrap_or("\u{FFFD}")
}

#[cfg(test)]
mod tests {
    use super::capitalize;

    #[test]
    fn matches_python() {
        for (input, want) in [
            ("http status", "Http status"),
            ("ǆemal", "ǅemal"),
            ("ßa", "Ssa"),
            ("ŉx", "ʼNx"),
            ("ﬁle", "File"),
            (" private", " private"),
            ("", ""),
            ("ΑΣ", "Ας"),
            ("σς", "Σς"),
            ("ᾳx", "ᾼx"),
            ("ვ", "ვ"),
            ("İx", "İx"),
            ("xİ", "Xi\u{307}"),
        ] {
            assert_eq!(capitalize(input), want, "{input:?}");
        }
    }
}
