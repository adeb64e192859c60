//! The claims' tables: open addressing with linear probing. A [`ClaimTable`] keeps a
//! claim in twelve bytes: the high half of its shape's hash, which both places it (so the
//! table grows without working a shape's hash out again) and filters the probes, so a shape
//! is compared (`Shape::same`, which reads the pages) almost only when it is the one sought,
//! and the claiming page. [`Tags`] keeps only the high half, in four bytes.

use alloc::vec;
use alloc::vec::Vec;

use super::{Claim, Claimed};

pub(super) struct ClaimTable {
    /// The slots, [`WORDS`] words each: a claim's tag, its page ([`EMPTY`] in a free slot)
    /// and what it claims (words, not slots, so that a table can take over the buffer of
    /// the [`Tags`] it replaces).
    words: Vec<u32>,
    len: usize,
    /// Claims that fit before the table grows (it is kept at most three quarters full).
    room: usize,
}

/// The words of a [`ClaimTable`]'s slot.
const WORDS: usize = 3;

/// A claim with its hash's high half; `page == EMPTY` marks a free slot (registration
/// indices are `u32`s, and no registry holds 2³² pages).
#[derive(Clone, Copy)]
struct Slot {
    tag: u32,
    page: u32,
    /// `Claimed` as one word: 0 a path, 1 a template, 2 + i the page's i-th redirect
    /// source.
    what: u32,
}

const EMPTY: u32 = u32::MAX;

impl ClaimTable {
    /// Room for `claims` claims without growing (at most three quarters full).
    pub(super) fn with_capacity(claims: usize) -> ClaimTable {
        ClaimTable::in_buffer(claims, Vec::new())
    }

    /// [`with_capacity`](Self::with_capacity) in `words`' memory, when it is large enough.
    pub(super) fn in_buffer(claims: usize, mut words: Vec<u32>) -> ClaimTable {
        let slots = slots_for(claims);
        words.clear();
        // (Every word of a free slot `EMPTY`: only its page is read.)
        words.resize(slots * WORDS, EMPTY);
        ClaimTable {
            words,
            len: 0,
            room: slots / 4 * 3,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The buffer (for the tests: that it is the one handed in).
    #[cfg(test)]
    pub(super) fn into_words(self) -> Vec<u32> {
        self.words
    }

    #[inline(always)]
    fn slot(&self, at: usize) -> Option<Slot> {
        match self.words.get(at.wrapping_mul(WORDS)..)? {
            &[tag, page, what, ..] => Some(Slot { tag, page, what }),
            _ => None,
        }
    }

    #[inline(always)]
    fn set(&mut self, at: usize, slot: Slot) {
        if let Some([tag, page, what, ..]) = self.words.get_mut(at.wrapping_mul(WORDS)..) {
            (*tag, *page, *what) = (slot.tag, slot.page, slot.what);
        }
    }

    /// The claim with this hash whose shape `is_same` says is the one sought, or the free
    /// slot where the probe ended (for [`insert_at`](Self::insert_at)).
    #[inline(always)]
    pub(super) fn find(
        &self,
        hash: u64,
        mut is_same: impl FnMut(Claim) -> bool,
    ) -> Result<Claim, usize> {
        let tag = tag(hash);
        // (An empty table's mask is 0: the probe ends at once, at its slot 0.)
        let mask = (self.words.len() / WORDS).saturating_sub(1);
        let mut at = tag as usize & mask;
        // Never full (`insert_at` grows at three quarters): every probe reaches a free slot.
        while let Some(slot) = self.slot(at) {
            if slot.page == EMPTY {
                return Err(at);
            }
            if slot.tag == tag && is_same(slot.claim()) {
                return Ok(slot.claim());
            }
            at = (at + 1) & mask;
        }
        Err(at)
    }

    /// Adds a claim whose shape is not in the table yet.
    pub(super) fn insert(&mut self, hash: u64, claim: Claim) {
        // (No claim is the one sought: the probe ends at a free slot.)
        if let Err(free) = self.find(hash, |_| false) {
            self.insert_at(free, hash, claim);
        }
    }

    /// Adds a claim at the free slot that [`find`](Self::find) for its hash ended at.
    #[inline(always)]
    pub(super) fn insert_at(&mut self, at: usize, hash: u64, claim: Claim) {
        if self.room == 0 {
            self.grow();
            return self.insert(hash, claim);
        }
        if self.slot(at).is_some() {
            self.set(at, Slot::new(tag(hash), claim));
            self.len += 1;
            self.room -= 1;
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old = core::mem::take(&mut self.words);
        let slots = (old.len() / WORDS * 2).max(8);
        let mask = slots - 1;
        self.words = vec![EMPTY; slots * WORDS];
        self.room = slots / 4 * 3 - self.len;
        for old in old.chunks_exact(WORDS) {
            let &[tag, page, what] = old else {
                continue;
            };
            if page == EMPTY {
                continue;
            }
            let mut at = tag as usize & mask;
            while self.slot(at).is_some_and(|s| s.page != EMPTY) {
                at = (at + 1) & mask;
            }
            self.set(at, Slot { tag, page, what });
        }
    }
}

/// The tags of the claims alone, four bytes a claim (a sixth of a [`ClaimTable`]'s room for
/// the same claims: a build's stays in the L2 cache while its probes jump about it in hash
/// order). While no two claims share a tag, no two share a shape, and no page is read.
#[cfg(not(target_arch = "wasm32"))]
pub(super) struct Tags {
    /// [`NO_TAG`] marks a free slot.
    slots: Vec<u32>,
    len: usize,
    /// Tags that fit before the table grows (it is kept at most three quarters full).
    room: usize,
}

#[cfg(not(target_arch = "wasm32"))]
impl Tags {
    /// Room for `claims` tags without growing (at most three quarters full), in a buffer
    /// with room for the [`ClaimTable`] of `table_claims` claims that takes it over if two
    /// tags meet ([`into_buffer`](Self::into_buffer)). (So the build allocates what it did
    /// when the table came first: smaller, the buffer moved the build's later blocks about
    /// the heap, and glibc then returned its top to the system after every registry
    /// dropped, twenty times the page faults.)
    pub(super) fn with_capacity(claims: usize, table_claims: usize) -> Tags {
        let slots = slots_for(claims);
        let mut buffer = Vec::with_capacity(slots_for(table_claims).saturating_mul(WORDS));
        buffer.resize(slots, NO_TAG);
        Tags {
            slots: buffer,
            len: 0,
            room: slots / 4 * 3,
        }
    }

    /// The buffer, for [`ClaimTable::in_buffer`].
    pub(super) fn into_buffer(self) -> Vec<u32> {
        self.slots
    }

    /// Adds the tag of `hash`, unless a claim with that tag is in already (or the tag is
    /// [`NO_TAG`]): then `false`, and the claims must be compared.
    #[inline(always)]
    pub(super) fn add(&mut self, hash: u64) -> bool {
        let tag = tag(hash);
        if tag == NO_TAG {
            return false;
        }
        if self.room == 0 {
            self.grow();
        }
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = tag as usize & mask;
        // Never full (grown at three quarters): every probe reaches a free slot.
        while let Some(slot) = self.slots.get_mut(at) {
            if *slot == NO_TAG {
                *slot = tag;
                self.len += 1;
                self.room = self.room.saturating_sub(1);
                return true;
            }
            if *slot == tag {
                return false;
            }
            at = (at + 1) & mask;
        }
        false
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old = core::mem::take(&mut self.slots);
        let mask = (old.len() * 2).max(8) - 1;
        self.slots = vec![NO_TAG; mask + 1];
        self.room = (mask + 1) / 4 * 3 - self.len;
        for tag in old.into_iter().filter(|&t| t != NO_TAG) {
            let mut at = tag as usize & mask;
            while self.slots.get(at).is_some_and(|&t| t != NO_TAG) {
                at = (at + 1) & mask;
            }
            if let Some(free) = self.slots.get_mut(at) {
                *free = tag;
            }
        }
    }
}

/// The mark of a free slot of [`Tags`] (a hash with this tag is never added). Not a
/// repeated byte: a table of zeros is `calloc`ed, and one of a repeated byte `memset`, both a
/// byte at a time when the memory was freed before; this one is filled by vector stores.
#[cfg(not(target_arch = "wasm32"))]
pub(super) const NO_TAG: u32 = 1;

/// Slots for `claims` claims with the table at most three quarters full (none for none).
fn slots_for(claims: usize) -> usize {
    match claims {
        0 => 0,
        n => n.saturating_add(n / 3 + 1).next_power_of_two().max(8),
    }
}

/// The bits that place a claim and filter its probes (the shape hash ends with a multiply,
/// whose high bits are mixed from every bit below).
#[inline(always)]
fn tag(hash: u64) -> u32 {
    (hash >> 32) as u32
}

impl Slot {
    #[inline(always)]
    fn new(tag: u32, claim: Claim) -> Slot {
        let what = match claim.what {
            Claimed::Path => 0,
            Claimed::Template => 1,
            Claimed::Redirect(i) => i.saturating_add(2),
        };
        Slot {
            tag,
            page: claim.page,
            what,
        }
    }

    #[inline(always)]
    fn claim(&self) -> Claim {
        let what = match self.what {
            0 => Claimed::Path,
            1 => Claimed::Template,
            i => Claimed::Redirect(i - 2),
        };
        Claim {
            page: self.page,
            what,
        }
    }
}
