//! Error kinds of the Streamlit part (spec/README.md "Error kinds").
//!
//! Each enum is small and `#[non_exhaustive]`; [`kind`](PageError::kind) gives the stable
//! snake_case kind of the conformance vectors, `Display` a terse lower-case message.

use core::fmt;

macro_rules! error_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $kind:literal, $msg:literal;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// The stable snake_case kind of this error, as in the conformance vectors.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(Self::$variant => $kind,)*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(match self {
                    $(Self::$variant => $msg,)*
                })
            }
        }

        impl core::error::Error for $name {}
    };
}

error_enum! {
    /// Why a page, a navigation, or a `switch_page` / `page_link` target was rejected.
    PageError {
        /// Visibility other than `visible` / `hidden` (G-1).
        InvalidVisibility => "invalid_visibility", "invalid page visibility";
        /// No title given and none inferable, or a whitespace-only title.
        MissingTitle => "missing_title", "page title missing or blank";
        /// An external page marked as the default page (G-5).
        ExternalDefault => "external_default", "external page cannot be the default page";
        /// A file page whose file is not in the app's file set (G-2).
        PageFileNotFound => "page_file_not_found", "page file not found";
        /// Plain ASCII text given as icon (G-6).
        InvalidIcon => "invalid_icon", "invalid icon";
        /// Non-ASCII icon that is not exactly one catalog emoji (G-6).
        InvalidEmoji => "invalid_emoji", "invalid emoji icon";
        /// An emoji shortcode such as `:smile:` (G-6).
        InvalidEmojiShortcode => "invalid_emoji_shortcode", "emoji shortcodes are not supported";
        /// `:material/<name>:` with an unknown name (G-6).
        InvalidMaterialIcon => "invalid_material_icon", "unknown material icon";
        /// A URL given as icon (G-6).
        InvalidImageIcon => "invalid_image_icon", "image icons are not supported";
        /// Empty url path on a page that is not the default page (S5).
        EmptyUrlPath => "empty_url_path", "empty url path on a non-default page";
        /// `/` in a url path (S5).
        NestedUrlPath => "nested_url_path", "url path contains a slash";
        /// `?`, `#`, a control character, `.` or `..` as url path (S5).
        InvalidUrlPath => "invalid_url_path", "url path is not url-safe";
        /// Navigation position other than sidebar / top / hidden (N-1).
        InvalidPosition => "invalid_position", "invalid navigation position";
        /// A negative number of expanded items (N-6).
        InvalidExpanded => "invalid_expanded", "invalid expanded value";
        /// A navigation without any page (N-2).
        NoPages => "no_pages", "navigation has no pages";
        /// More than one page marked default (N-4).
        MultipleDefaultPages => "multiple_default_pages", "more than one default page";
        /// Only external pages: nothing can be the default page (N-4).
        ExternalOnlyPages => "external_only_pages", "navigation has only external pages";
        /// Two pages with the same reserved url path (N-9).
        DuplicateUrlPath => "duplicate_url_path", "duplicate url path";
        /// A target that is not a registered page (S4).
        PageNotFound => "page_not_found", "page not found";
        /// A file page whose url path is registered for another source (L-1).
        PageSourceMismatchFile => "page_source_mismatch_file", "url path belongs to another source";
        /// A function page whose url path is registered for a file page (L-1).
        PageSourceMismatchCallable => "page_source_mismatch_callable", "url path belongs to a file page";
        /// `switch_page` to an external page (L-1).
        ExternalPage => "external_page", "cannot switch to an external page";
        /// `page_link` to an external URL without a label (L-2).
        MissingLabel => "missing_label", "link to an external url needs a label";
    }
}

error_enum! {
    /// Why a query-parameter operation failed.
    QueryError {
        /// Read or delete of a missing or embed key.
        KeyNotFound => "key_not_found", "query parameter not found";
        /// Writing `embed` / `embed_options` (any case).
        EmbedParamReadonly => "embed_param_readonly", "embed query parameters are read-only";
        /// More fields or bytes than the configured limits (S6); adapters answer HTTP 414.
        QueryTooLarge => "query_too_large", "query string too large";
    }
}

error_enum! {
    /// Why a state lifecycle call failed. A failed call changes nothing.
    StateError {
        /// `remove` of a key that holds no value.
        KeyNotFound => "key_not_found", "key not found";
        /// A user key (or an auto id within its scope) registered twice in one run.
        DuplicateKey => "duplicate_key", "widget key registered twice in this run";
        /// `set` of the key of a widget registered in this run (W-6).
        WidgetAlreadyRendered => "widget_already_rendered", "widget already rendered in this run";
        /// `set` of a trigger widget's key, or a trigger registering over a plain value.
        ReadonlyWidget => "readonly_widget", "trigger widget values are read-only";
        /// A persist policy on a widget without a user key.
        PersistNeedsKey => "persist_needs_key", "persist needs a user key";
        /// A page scope other than the page of the current run.
        ScopeMismatch => "scope_mismatch", "page scope does not match the running page";
        /// Browser values or triggers on a rerun or switch_page request.
        UnexpectedValues => "unexpected_values", "rerun and switch_page carry no values";
        /// `widget`, `set`, `remove` or `end_run` outside a run.
        NoRun => "no_run", "no run in progress";
        /// `begin_run` while a run is in progress.
        RunInProgress => "run_in_progress", "a run is already in progress";
    }
}
