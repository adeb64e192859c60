//! folio-conformance
