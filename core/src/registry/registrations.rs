//! The builder's registrations, kept until [`RegistryBuilder::build`](super::RegistryBuilder::build)
//! and handed to it in order, their lent texts read a block ahead.

use alloc::vec::Vec;

use crate::page::PageSpec;

/// The registrations, in chunks that never move once made, each twice as long as the
/// one before: registering many pages copies none of them (a `Vec` that doubles copies
/// every spec about once more, into fresh memory each time).
#[cfg(not(target_arch = "wasm32"))]
pub(super) struct Registrations<'a, T> {
    chunks: Vec<Vec<PageSpec<'a, T>>>,
}

/// A browser bundle, which counts bytes and registers few pages, keeps one `Vec`.
#[cfg(target_arch = "wasm32")]
pub(super) type Registrations<'a, T> = Vec<PageSpec<'a, T>>;

#[cfg(not(target_arch = "wasm32"))]
impl<'a, T> Registrations<'a, T> {
    pub(super) fn new() -> Self {
        Registrations { chunks: Vec::new() }
    }

    #[inline]
    pub(super) fn push(&mut self, spec: PageSpec<'a, T>) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < last.capacity() => last.push(spec),
            last => {
                let room = last.map_or(8, |c| c.capacity() * 2);
                let mut chunk = Vec::with_capacity(room);
                chunk.push(spec);
                self.chunks.push(chunk);
            }
        }
    }

    pub(super) fn len(&self) -> usize {
        self.chunks.iter().map(Vec::len).sum()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &PageSpec<'a, T>> {
        self.chunks.iter().flatten()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl<'a, T> IntoIterator for Registrations<'a, T> {
    type Item = PageSpec<'a, T>;
    type IntoIter = ReadAhead<'a, T>;
    fn into_iter(self) -> ReadAhead<'a, T> {
        ReadAhead {
            chunks: self.chunks.into_iter(),
            chunk: Vec::new().into_iter(),
            left: 0,
        }
    }
}

/// How many specs' texts are read at once.
#[cfg(not(target_arch = "wasm32"))]
const AHEAD: usize = 16;

/// The registrations in order. Before the first of every [`AHEAD`] specs is given out,
/// one byte at each end of every text those specs lend (module, path, template) is read.
///
/// Why: a spec's texts are the one thing the build reads that is not its own. They are
/// wherever the app put them, usually far from cache at startup, and the build reads a
/// page's texts first and then works on them, so each page's work waits for its own
/// misses, one after the other (in `generated_10k_build`, copying a template's text was a
/// fifth of the build's clock, nearly all of it waiting for that first read). Read
/// together, sixteen pages' misses overlap and cost about one; the bytes are then in
/// cache when their pages are made. (Whole texts are not read: a text's middle lines are
/// fetched with its ends, or cost little next to what was saved.)
#[cfg(not(target_arch = "wasm32"))]
pub(super) struct ReadAhead<'a, T> {
    chunks: alloc::vec::IntoIter<Vec<PageSpec<'a, T>>>,
    chunk: alloc::vec::IntoIter<PageSpec<'a, T>>,
    /// Specs left before the next read ahead.
    left: usize,
}

#[cfg(not(target_arch = "wasm32"))]
impl<'a, T> Iterator for ReadAhead<'a, T> {
    type Item = PageSpec<'a, T>;

    #[inline]
    fn next(&mut self) -> Option<PageSpec<'a, T>> {
        loop {
            if self.left == 0 {
                let rest = self.chunk.as_slice();
                read_ends(rest.get(..AHEAD).unwrap_or(rest));
                self.left = AHEAD;
            }
            if let Some(spec) = self.chunk.next() {
                self.left -= 1;
                return Some(spec);
            }
            self.chunk = self.chunks.next()?.into_iter();
            self.left = 0;
        }
    }
}

/// Reads the first and the last byte of every text `specs` lend ([`ReadAhead`] says why),
/// and gives them xor-ed together (for the tests; the build drops them). `black_box` keeps
/// the reads, whose value nothing else uses.
/// (Out of line: called once every sixteen pages, it would otherwise take room in the
/// build's loop, which then inlines less.)
#[cfg(not(target_arch = "wasm32"))]
#[inline(never)]
fn read_ends<T>(specs: &[PageSpec<'_, T>]) -> u8 {
    let ends = |text: &str| {
        let bytes = text.as_bytes();
        bytes.first().copied().unwrap_or(0) ^ bytes.last().copied().unwrap_or(0)
    };
    let mut read = 0u8;
    for spec in specs {
        read ^= ends(&spec.module);
        read ^= spec.path.as_deref().map_or(0, ends);
        read ^= spec.path_template.as_deref().map_or(0, ends);
    }
    core::hint::black_box(read)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    /// Every spec comes out once and in registration order, across the chunks' and the
    /// read-ahead blocks' boundaries (8, 16, 32 … specs a chunk; blocks of 16).
    #[test]
    fn gives_every_spec_in_order() {
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 40, 56, 57, 100, 1000] {
            let mut registrations = Registrations::new();
            for i in 0..count {
                registrations.push(PageSpec::new(format!("pages.p{i}")).layout(i));
            }
            assert_eq!(registrations.len(), count);
            let borrowed: Vec<usize> = registrations
                .iter()
                .map(|s| s.layout.unwrap_or(usize::MAX))
                .collect();
            let given: Vec<usize> = registrations
                .into_iter()
                .map(|s| s.layout.unwrap_or(usize::MAX))
                .collect();
            let expected: Vec<usize> = (0..count).collect();
            assert_eq!(given, expected, "{count} specs");
            assert_eq!(borrowed, expected, "{count} specs");
        }
    }

    /// Both ends of every lent text are read, empty and one-byte texts included.
    #[test]
    fn reads_the_ends_of_every_text() {
        let specs = [
            PageSpec::new("").path("").path_template("").layout(()),
            PageSpec::new("a").path("/").path_template("é").layout(()),
            PageSpec::new(String::from("pages.x"))
                .path_template("/r<id>")
                .layout(()),
        ];
        // One byte is both ends of its text (so it cancels out); `é` is two.
        let expected = 0xC3 ^ 0xA9 ^ b'p' ^ b'x' ^ b'/' ^ b'>';
        assert_eq!(read_ends(&specs), expected);
        assert_eq!(read_ends(&specs[..2]), 0xC3 ^ 0xA9);
        assert_eq!(read_ends(&specs[..0]), 0);
    }
}
