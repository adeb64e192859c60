//! How the gallery's pages and frame reach widget state: the lifecycle of folio-core's
//! `streamlit::Session` (POLICY "State lifecycle"), kept per browser session by the servers.
//! A page is a plain function shared with the browser bundle, so it sees the state through
//! this trait; the servers implement it over their run's state (`frame.rs`), the browser
//! bundle has none (the widgets page is drawn by the server: `client = server`).

use alloc::string::String;
use core::fmt;

use folio_core::streamlit::Persist;

/// The user key of the app-wide region control the frame draws in the sidebar.
pub const REGION: &str = "region";

/// Where a widget is declared (folio-core's `Scope` without the page id, which the state
/// knows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The app shell: drawn on every page, so it keeps its value on every page.
    App,
    /// The page being drawn: its value goes when the user leaves the page, unless its
    /// persist policy keeps it.
    Page,
}

/// One request's widget state, as a page or the frame sees it.
pub trait WidgetState: fmt::Debug {
    /// Registers the text widget `key` at `place` for this run, with its default and
    /// persist policy, and returns its value: what the user last sent for it, or
    /// `default`.
    fn text(&self, place: Place, key: &str, default: &str, persist: Persist) -> String;

    /// The name of the form field that sends the widget's value back.
    fn field(&self, place: Place, key: &str) -> String;

    /// The text value of a user key, if it has one (R4): how a page reads the app's
    /// controls, which the frame registers after the page has run.
    fn get(&self, key: &str) -> Option<String>;
}
