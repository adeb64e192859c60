//! The claims' table: open addressing with linear probing over twelve-byte slots. Each
//! slot keeps the high half of its shape's hash, which both places it (so the table grows
//! without working a shape's hash out again) and filters the probes, so a shape is compared
//! (`Shape::same`, which reads the pages) almost only when it is the one sought.

use alloc::vec;
use alloc::vec::Vec;

use super::{Claim, Claimed};

pub(super) struct ClaimTable {
    slots: Vec<Slot>,
    len: usize,
    /// Claims that fit before the table grows (it is kept at most three quarters full).
    room: usize,
}

/// A claim with its hash's high half; `page == EMPTY` marks a free slot (registration
/// indices are `u32`s, and no registry holds 2³² pages).
#[derive(Clone, Copy)]
struct Slot {
    tag: u32,
    page: u32,
    /// `Claimed` as one word: 0 a path, 1 a template, 2 both, 3 + i the page's i-th
    /// redirect source.
    what: u32,
}

const EMPTY: u32 = u32::MAX;
const FREE: Slot = Slot {
    tag: 0,
    page: EMPTY,
    what: 0,
};

impl ClaimTable {
    /// Room for `claims` claims without growing (at most three quarters full).
    pub(super) fn with_capacity(claims: usize) -> ClaimTable {
        let slots = match claims {
            0 => 0,
            n => n.saturating_add(n / 3 + 1).next_power_of_two().max(8),
        };
        ClaimTable {
            slots: vec![FREE; slots],
            len: 0,
            room: slots / 4 * 3,
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
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
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = tag as usize & mask;
        // Never full (`insert_at` grows at three quarters): every probe reaches a free slot.
        while let Some(slot) = self.slots.get(at) {
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
        if let Some(slot) = self.slots.get_mut(at) {
            *slot = Slot::new(tag(hash), claim);
            self.len += 1;
            self.room -= 1;
        }
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let old = core::mem::take(&mut self.slots);
        let mask = (old.len() * 2).max(8) - 1;
        self.slots = vec![FREE; mask + 1];
        self.room = (mask + 1) / 4 * 3 - self.len;
        for slot in old.into_iter().filter(|s| s.page != EMPTY) {
            let mut at = slot.tag as usize & mask;
            while self.slots.get(at).is_some_and(|s| s.page != EMPTY) {
                at = (at + 1) & mask;
            }
            if let Some(free) = self.slots.get_mut(at) {
                *free = slot;
            }
        }
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
            Claimed::PathAndTemplate => 2,
            Claimed::Redirect(i) => i.saturating_add(3),
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
            2 => Claimed::PathAndTemplate,
            i => Claimed::Redirect(i - 3),
        };
        Claim {
            page: self.page,
            what,
        }
    }
}
