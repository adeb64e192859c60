//! One small error enum per operation. `kind()` gives the neutral category used by the
//! conformance vectors (`spec/README.md`, "Error kinds").

use alloc::string::String;
use core::fmt;

/// Why a module path cannot name a page.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModuleError {
    /// The module path is empty or has an empty component (`pages..x`, `pages.`).
    EmptyComponent,
    /// `__main__` names no page file.
    Main,
    /// Built without the feature `unicode-case`, the name or path to infer from the module
    /// path holds a character other than ASCII, whose case mapping needs the feature. Enable
    /// it, or give the page that name or path explicitly.
    NeedsUnicodeCase {
        /// What was being inferred.
        inferred: Inferred,
        /// The first non-ASCII character.
        character: char,
    },
}

/// A page field inferred from its module path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Inferred {
    /// The display name (and with it the default title).
    Name,
    /// The URL path.
    Path,
}

impl fmt::Display for ModuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModuleError::EmptyComponent => f.write_str("module path has an empty component"),
            ModuleError::Main => f.write_str("`__main__` is not a page module"),
            ModuleError::NeedsUnicodeCase {
                inferred,
                character,
            } => {
                let what = match inferred {
                    Inferred::Name => "name",
                    Inferred::Path => "path",
                };
                // The character and its code point rather than `{character:?}`: `char`'s
                // `Debug` brings the Unicode printable tables (≈ 3 KB gzipped) into every
                // browser bundle that reports build errors.
                write!(
                    f,
                    "its inferred {what} holds '{character}' (U+{:04X}), which needs Unicode \
                     case mapping: enable folio-core's `unicode-case` feature, or give the \
                     page a {what}",
                    u32::from(*character)
                )
            }
        }
    }
}

impl core::error::Error for ModuleError {}

/// Why a path template (or a `redirect_from` entry, which is parsed as one) is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TemplateError {
    /// An empty inner segment (`/a//<x>`).
    EmptySegment,
    /// A `<` with no `>` after it in its segment, or a `>` with no `<`; `at` is a byte
    /// offset into the template.
    Unbalanced {
        /// Byte offset of the offending character.
        at: usize,
    },
    /// A `<` inside a variable (`<a<b>`).
    Nested {
        /// Byte offset of the inner `<`.
        at: usize,
    },
    /// Two variables with no literal text between them (`<a><b>`).
    AdjacentVariables {
        /// Byte offset of the second variable.
        at: usize,
    },
    /// A variable name that is not an identifier (empty included).
    BadVariableName {
        /// The name as written.
        name: String,
    },
    /// A variable name with a character outside ASCII, in a build without the
    /// `unicode-ident` feature (its tables decide whether such a name is an identifier).
    NeedsUnicodeIdent {
        /// The name as written.
        name: String,
    },
    /// The same variable twice in one template.
    DuplicateVariable {
        /// The repeated name.
        name: String,
    },
    /// A template (or registered path) of 4 GiB or more.
    TooLong,
}

impl TemplateError {
    /// The neutral error category: `empty_segment`, `bad_template`, `bad_variable_name`,
    /// `duplicate_variable`, or `needs_unicode_ident` (a build without that feature).
    pub fn kind(&self) -> &'static str {
        match self {
            TemplateError::EmptySegment => "empty_segment",
            TemplateError::Unbalanced { .. }
            | TemplateError::Nested { .. }
            | TemplateError::AdjacentVariables { .. }
            | TemplateError::TooLong => "bad_template",
            TemplateError::BadVariableName { .. } => "bad_variable_name",
            TemplateError::NeedsUnicodeIdent { .. } => "needs_unicode_ident",
            TemplateError::DuplicateVariable { .. } => "duplicate_variable",
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::EmptySegment => f.write_str("empty segment"),
            TemplateError::Unbalanced { at } => write!(f, "unbalanced `<` or `>` at byte {at}"),
            TemplateError::Nested { at } => write!(f, "nested `<` at byte {at}"),
            TemplateError::AdjacentVariables { at } => {
                write!(f, "two variables with nothing between them at byte {at}")
            }
            TemplateError::BadVariableName { name } => {
                write!(f, "`{name}` is not a valid variable name")
            }
            TemplateError::NeedsUnicodeIdent { name } => write!(
                f,
                "variable name `{name}` is not ASCII: checking it needs the `unicode-ident` feature"
            ),
            TemplateError::DuplicateVariable { name } => {
                write!(f, "variable `{name}` appears twice")
            }
            TemplateError::TooLong => f.write_str("template of 4 GiB or more"),
        }
    }
}

impl core::error::Error for TemplateError {}

/// Why an app configuration is refused (SEMANTICS §1.3).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigError {
    /// `url_base_pathname` was given together with another prefix.
    UrlBaseWithPrefix,
    /// The routes prefix must start and end with `/`.
    RoutesPrefix,
    /// The requests prefix must start with `/`.
    RequestsPrefix,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ConfigError::UrlBaseWithPrefix => {
                "url_base_pathname cannot be combined with another prefix"
            }
            ConfigError::RoutesPrefix => "routes_pathname_prefix must start and end with `/`",
            ConfigError::RequestsPrefix => "requests_pathname_prefix must start with `/`",
        })
    }
}

impl core::error::Error for ConfigError {}

/// Why a registry did not build. Each error names the page (module) it was found on and,
/// for a conflict, the other side too. A failed build registers nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildError {
    /// The app configuration is invalid.
    Config(ConfigError),
    /// A module path is invalid.
    Module {
        /// The module path.
        module: String,
        /// What is wrong with it.
        error: ModuleError,
    },
    /// The same module was registered twice.
    DuplicateModule {
        /// The module path.
        module: String,
    },
    /// A `path` or `redirect_from` entry does not start with `/`.
    PathNotAbsolute {
        /// The page.
        module: String,
        /// The offending path.
        path: String,
    },
    /// A `path_template` or `redirect_from` entry is not a valid template.
    Template {
        /// The page.
        module: String,
        /// The template text.
        template: String,
        /// What is wrong with it.
        error: TemplateError,
    },
    /// A page was registered without a layout.
    NoLayout {
        /// The page.
        module: String,
    },
    /// Two pages have the same path after normalisation, or templates equal up to
    /// variable names.
    DuplicatePath {
        /// The page registered later.
        module: String,
        /// The page registered earlier.
        other: String,
        /// The path or template of `module` that collides.
        path: String,
    },
    /// A redirect source equals a page's path or template, is claimed by two pages, or
    /// catches an address of a redirect target (POLICY C7, C13).
    RedirectConflict {
        /// The page whose redirect source (or route) conflicts.
        module: String,
        /// The redirect source or route.
        source: String,
        /// The other side (the same page for a self-conflict).
        other: String,
    },
    /// A redirect source does not bind a variable of its page's template (POLICY D11).
    UnboundRedirectVariable {
        /// The page.
        module: String,
        /// The redirect source.
        source: String,
        /// The variable the source lacks.
        variable: String,
    },
    /// An order that cannot be compared (a NaN float).
    InvalidOrder {
        /// The page.
        module: String,
    },
}

impl BuildError {
    /// The neutral error category (`duplicate_path`, `redirect_conflict`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            BuildError::Config(_) => "bad_config",
            BuildError::Module {
                error: ModuleError::EmptyComponent,
                ..
            } => "empty_segment",
            BuildError::Module {
                error: ModuleError::Main,
                ..
            } => "bad_module",
            BuildError::Module {
                error: ModuleError::NeedsUnicodeCase { .. },
                ..
            } => "needs_unicode_case",
            BuildError::DuplicateModule { .. } => "duplicate_module",
            BuildError::PathNotAbsolute { .. } => "path_not_absolute",
            BuildError::Template { error, .. } => error.kind(),
            BuildError::NoLayout { .. } => "no_layout",
            BuildError::DuplicatePath { .. } => "duplicate_path",
            BuildError::RedirectConflict { .. } => "redirect_conflict",
            BuildError::UnboundRedirectVariable { .. } => "unbound_redirect_variable",
            BuildError::InvalidOrder { .. } => "invalid_order",
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Config(e) => write!(f, "invalid configuration: {e}"),
            BuildError::Module { module, error } => write!(f, "module `{module}`: {error}"),
            BuildError::DuplicateModule { module } => {
                write!(f, "module `{module}` is registered twice")
            }
            BuildError::PathNotAbsolute { module, path } => {
                write!(f, "page `{module}`: path `{path}` does not start with `/`")
            }
            BuildError::Template {
                module,
                template,
                error,
            } => {
                write!(f, "page `{module}`: template `{template}`: {error}")
            }
            BuildError::NoLayout { module } => write!(f, "page `{module}` has no layout"),
            BuildError::DuplicatePath {
                module,
                other,
                path,
            } => {
                write!(f, "pages `{other}` and `{module}` both claim `{path}`")
            }
            BuildError::RedirectConflict {
                module,
                source,
                other,
            } => {
                write!(
                    f,
                    "redirect `{source}` of `{module}` conflicts with `{other}`"
                )
            }
            BuildError::UnboundRedirectVariable {
                module,
                source,
                variable,
            } => {
                write!(
                    f,
                    "redirect `{source}` of `{module}` does not bind `<{variable}>`"
                )
            }
            BuildError::InvalidOrder { module } => write!(f, "page `{module}`: order is NaN"),
        }
    }
}

impl core::error::Error for BuildError {}

impl From<ConfigError> for BuildError {
    fn from(e: ConfigError) -> Self {
        BuildError::Config(e)
    }
}
