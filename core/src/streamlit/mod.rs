//! Streamlit-style pages, navigation, query parameters and page-scoped widget state.
//!
//! This module reproduces the documented behaviour of Streamlit 1.67.0 multipage apps
//! (`st.Page`, `st.navigation`, `st.switch_page`, `st.page_link`, `st.query_params`,
//! `st.session_state`) with folio's divergences S1–S8 (see the shared conformance
//! `POLICY.md`). Everything here is sans-IO and `no_std` + `alloc`:
//!
//! * **Naming** ([`SortKey`], [`file_icon_and_name`], [`function_name`], [`sanitize_title`],
//!   [`check_url_path`]): page names from file names, Rust function paths and external
//!   titles, with URL-safe url paths (S5).
//! * **Pages and navigation** ([`PageSpec`], [`Page`], [`Navigation`]): default page,
//!   sections, position, hidden pages, resolution by name or id with a uniform not-found
//!   (S4), and `switch_page` / `page_link` targets ([`Target`], S8).
//! * **Query parameters** ([`QueryParams`]): last value on read, lists, read-only `embed`
//!   keys, atomic updates (S7) and configurable limits ([`QueryLimits`], S6).
//! * **State lifecycle** ([`Session`]): App and Page scopes, persist policies and the drop
//!   rules R1–R6.

mod error;
mod icons;
mod naming;
mod navigation;
mod page;
mod query_params;
mod state;
mod text;

#[cfg(test)]
mod state_model_tests;

pub use error::{PageError, QueryError, StateError};
pub use icons::{icon_wire, is_emoji, is_material_icon_name, split_leading_emoji, validate_icon};
pub use naming::{SortKey, check_url_path, file_icon_and_name, function_name, sanitize_title};
pub use navigation::{
    Expanded, LinkOptions, NavItem, Navigation, NavigationBuilder, PageLink, PageRequest, Position,
    Resolution, Target,
};
pub use page::{AppFiles, Page, PageKind, PageSpec, Visibility, is_url};
pub use query_params::{ParamValue, QueryLimits, QueryParams, encode_link_params, is_embed_key};
pub use state::{Persist, RequestKind, Scope, Session, Widget, WidgetId, WidgetKey};
