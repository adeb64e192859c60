//! Request limits: every byte of a URL is attacker input, so the work per request is bounded
//! before any matching starts. An exceeded limit is a clear error that adapters answer with
//! HTTP 414.

use core::fmt;

/// Bounds on what one request may carry. The defaults stop abuse without touching real
/// URLs: 8 KiB of path, 256 segments, 64 KiB of query string, 1,000 query fields.
///
/// ```
/// use folio_core::{Config, Limits, PageSpec, RegistryBuilder, Resolution};
/// let config = Config::new().limits(Limits::default().max_query_pairs(2));
/// let mut b = RegistryBuilder::new(config);
/// b.page(PageSpec::new("pages.home").path("/").layout(()));
/// let registry = b.build().unwrap();
/// assert_eq!(registry.resolve("/", "a=1&b=2").status(), 200);
/// let too_many = registry.resolve("/", "a=1&b=2&c=3");
/// assert!(matches!(too_many, Resolution::Rejected(_)));
/// assert_eq!(too_many.status(), 414);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub(crate) max_path_bytes: usize,
    pub(crate) max_segments: usize,
    pub(crate) max_query_bytes: usize,
    pub(crate) max_query_pairs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_path_bytes: 8 * 1024,
            max_segments: 256,
            max_query_bytes: 64 * 1024,
            max_query_pairs: 1000,
        }
    }
}

impl Limits {
    /// The longest path accepted, in bytes (before decoding).
    pub fn max_path_bytes(mut self, n: usize) -> Self {
        self.max_path_bytes = n;
        self
    }
    /// The most path segments accepted.
    pub fn max_segments(mut self, n: usize) -> Self {
        self.max_segments = n;
        self
    }
    /// The longest query string accepted, in bytes (before decoding).
    pub fn max_query_bytes(mut self, n: usize) -> Self {
        self.max_query_bytes = n;
        self
    }
    /// The most query fields accepted (counted as `&`-separated fields, empty ones too).
    pub fn max_query_pairs(mut self, n: usize) -> Self {
        self.max_query_pairs = n;
        self
    }

    /// Checks a request's raw path and query.
    pub fn check(&self, path: &str, query: &str) -> Result<(), LimitError> {
        if path.len() > self.max_path_bytes {
            return Err(LimitError::PathTooLong {
                max: self.max_path_bytes,
            });
        }
        // Each segment after the first needs a `/`: short paths cannot exceed the limit.
        if path.len() > self.max_segments
            && path.bytes().filter(|&b| b == b'/').count() > self.max_segments
        {
            return Err(LimitError::TooManySegments {
                max: self.max_segments,
            });
        }
        if query.len() > self.max_query_bytes {
            return Err(LimitError::QueryTooLong {
                max: self.max_query_bytes,
            });
        }
        if query.len() >= self.max_query_pairs
            && query.bytes().filter(|&b| b == b'&').count() >= self.max_query_pairs
        {
            return Err(LimitError::TooManyQueryPairs {
                max: self.max_query_pairs,
            });
        }
        Ok(())
    }
}

/// A request over one of its [`Limits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitError {
    /// The path is longer than `max` bytes.
    PathTooLong {
        /// The limit.
        max: usize,
    },
    /// The path has more than `max` segments.
    TooManySegments {
        /// The limit.
        max: usize,
    },
    /// The query string is longer than `max` bytes.
    QueryTooLong {
        /// The limit.
        max: usize,
    },
    /// The query string has more than `max` fields.
    TooManyQueryPairs {
        /// The limit.
        max: usize,
    },
}

impl LimitError {
    /// The HTTP status an adapter answers with: 414 (URI Too Long).
    pub fn status(&self) -> u16 {
        414
    }
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitError::PathTooLong { max } => write!(f, "path longer than {max} bytes"),
            LimitError::TooManySegments { max } => write!(f, "path has more than {max} segments"),
            LimitError::QueryTooLong { max } => write!(f, "query string longer than {max} bytes"),
            LimitError::TooManyQueryPairs { max } => {
                write!(f, "query string has more than {max} fields")
            }
        }
    }
}

impl core::error::Error for LimitError {}
