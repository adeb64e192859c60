//! The root's literal children by first byte (feature `first-byte-index`): every walk starts
//! at the root, and a root with only literal children (a table of route prefixes such as
//! `/repos`, `/users`, …) is where a plain walk pays most for finding a segment's end and
//! hashing it. Here the first segment is compared where it lies with the few literals that
//! start with its first byte; a request whose first byte starts none of them is a miss at
//! once, without reading the rest of the segment.

use alloc::boxed::Box;
use alloc::vec::Vec;

use super::Key;
use crate::index::Segments;

/// Where the first segment of a walk leads ([`FirstBytes::step`]).
pub(super) enum First {
    /// To this child of the root; the next segment is at this position.
    Child(u32, usize),
    /// Nowhere: no literal of the root can be spelled, even once decoded.
    Miss,
    /// Not decided here: the walk from the root decides.
    Walk,
}

/// A literal child of the root: its key, and the child.
#[derive(Debug, Clone, Copy)]
struct RootLiteral {
    key: Key,
    child: u32,
}

#[derive(Debug)]
pub(super) struct FirstBytes {
    /// The root's literals sorted by first byte. A literal that a raw segment cannot spell
    /// byte for byte (over 16 bytes, or holding a decoded `/` or `%`) keeps its place with
    /// [`Key::NONE`], so that its first byte still sends the request to the walk.
    slots: Vec<RootLiteral>,
    /// The literals starting with byte `b` are `slots[starts[b]..starts[b + 1]]`.
    starts: Box<[u16; 257]>,
    /// A bit per first byte whose run holds a literal that [`Key::NONE`] stands for.
    unspelled: [u64; 4],
}

impl FirstBytes {
    /// From the root's literal children as `(text, key, child)`; `None` when there are
    /// more than a `u16` can count.
    pub(super) fn new<'a>(root: impl Iterator<Item = (&'a [u8], Key, u32)>) -> Option<FirstBytes> {
        let mut firsts: Vec<(u8, RootLiteral)> = root
            .filter_map(|(text, key, child)| {
                // An empty literal has no first byte: an empty segment goes to the walk.
                let &first = text.first()?;
                let spellable = key.len <= 16 && !text.iter().any(|&b| b == b'/' || b == b'%');
                let key = if spellable { key } else { Key::NONE };
                Some((first, RootLiteral { key, child }))
            })
            .collect();
        if firsts.len() > usize::from(u16::MAX) {
            return None;
        }
        crate::sort::sort_by(&mut firsts, |a, b| (a.0, a.1.child).cmp(&(b.0, b.1.child)));
        // Counted, then summed: entry `b` becomes where the run of byte `b` begins.
        let mut starts = Box::new([0u16; 257]);
        for &(first, _) in &firsts {
            starts[usize::from(first) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut unspelled = [0u64; 4];
        for &(first, slot) in &firsts {
            if slot.key.len > 16 {
                unspelled[usize::from(first / 64)] |= 1 << (first % 64);
            }
        }
        Some(FirstBytes {
            slots: firsts.into_iter().map(|(_, slot)| slot).collect(),
            starts,
            unspelled,
        })
    }

    /// The first segment (at `pos`, not past the end) against the literals that start with
    /// its first byte. A byte other than `%` also starts the segment's decoding, so when no
    /// literal starts with it, none can match.
    #[inline(always)]
    pub(super) fn step<'t, P: Segments<'t>>(&self, path: P, pos: usize) -> First {
        let Some(first) = path.byte(pos) else {
            return First::Walk;
        };
        let b = usize::from(first);
        let (start, end) = (self.starts[b], self.starts[b + 1]);
        if start == end {
            // An empty segment (`/`), or one that may decode to anything (`%`).
            return match first {
                b'%' | b'/' => First::Walk,
                _ => First::Miss,
            };
        }
        let run = self
            .slots
            .get(usize::from(start)..usize::from(end))
            .unwrap_or_default();
        for slot in run {
            // Up to 16 bytes a key is its text; `Key::NONE` is never spelled.
            if slot.key.len > 16 {
                continue;
            }
            if let Some((text, next)) = path.spelled(pos, slot.key.len as usize) {
                if Key::of(text) == slot.key {
                    return First::Child(slot.child, next);
                }
            }
        }
        // Not spelled as it lies: only a segment holding `%` can still decode to one of
        // them, which the walk finds.
        match self.unspelled[b / 64] & 1 << (b % 64) != 0 || path.escaped(pos) {
            true => First::Walk,
            false => First::Miss,
        }
    }
}
