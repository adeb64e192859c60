//! [`RequestContext`]: what the router decided about a request, as a layout and the shell
//! see it (the adapters' `PageContext` extractors deref to it).

use std::borrow::Cow;
use std::sync::Arc;

use folio_core::{Argument, NotFound, Page, PageMatch, Query};
use serde::de::DeserializeOwned;
use smallvec::SmallVec;

use crate::args::{self, ArgsError};
use crate::decide::Inputs;
use crate::state::Widgets;

/// Everything the router decided about a request: Dash's layout keyword arguments, split
/// by origin, plus the page. Cheap to clone (shared).
///
/// ```
/// use folio_core::{Config, PageSpec, RegistryBuilder};
/// use folio_server_common::{Decision, Incoming, decide};
///
/// let mut b = RegistryBuilder::new(Config::new());
/// b.page(PageSpec::new("pages.report").path_template("/report/<report_id>").layout(()));
/// let registry = b.build().unwrap();
/// let incoming = Incoming::get("/report/7?tab=map")
///     .input("language", Some("fr".to_owned()));
/// let Decision::Render(render) = decide(&registry, None, incoming) else { panic!() };
/// let ctx = render.context();
/// assert_eq!(ctx.variable("report_id"), Some("7"));
/// assert_eq!(ctx.argument("tab"), Some("map"));
/// assert_eq!(ctx.input("language"), Some("fr"));
/// assert_eq!(ctx.target(), "/report/7?tab=map");
/// assert_eq!(ctx.path(), "/report/7");
/// ```
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// Shared: the router, the extractors and the shell each hold it without copying.
    data: Arc<Data>,
    /// The run's widget state, when the adapter keeps state (see [`WidgetRun`](crate::WidgetRun)).
    widgets: Option<Widgets>,
}

/// Every string of a request's context lives in one buffer, `text`, and the fields are
/// ranges of it: one allocation where there would be one per name and value (a context is
/// made on every page request).
#[derive(Debug)]
struct Data {
    text: String,
    module: Option<Span>,
    name: Option<Span>,
    not_found: bool,
    /// The path variables are the first `variables` arguments (the core's order), each
    /// with one value.
    variables: usize,
    query: Span,
    // Inline for the usual few: a context is made on every page request.
    arguments: SmallVec<[(Span, Values); 4]>,
    /// Routing inputs: name, and value when the request carried it.
    inputs: SmallVec<[(Span, Option<Span>); 2]>,
    target: Span,
    /// The start of `target`.
    path: Span,
    prefix: Span,
}

/// A range of `Data::text`. `u32` bounds keep `Data` small (it is built and moved on every
/// page request); text that would end past `u32::MAX` is not kept (see `Data::push`).
#[derive(Debug, Clone, Copy, Default)]
struct Span {
    start: u32,
    end: u32,
}

/// An argument's values: one, or a repeated query key's (rare, so its own `Vec`).
#[derive(Debug)]
enum Values {
    One(Span),
    Many(Vec<Span>),
}

/// What the router read from the request besides the resolution.
pub(crate) struct Request<'a, 'i> {
    pub(crate) inputs: Inputs<'i>,
    pub(crate) target: &'a str,
    /// How long the target's path is (the query follows it).
    pub(crate) path_len: usize,
    pub(crate) prefix: &'a str,
}

impl RequestContext {
    pub(crate) fn for_page<T>(m: &PageMatch<'_, '_, T>, request: Request<'_, '_>) -> Self {
        let mut data = Data::base(Some(m.page()), false, &request, m.query().raw());
        // The arguments begin with the variables: the path is read once for both.
        let arguments = m.arguments();
        data.variables = m.variable_count().min(arguments.len());
        data.arguments = (arguments.iter())
            .map(|(k, a)| (data.push(k), data.push_values(a)))
            .collect();
        RequestContext::new(data)
    }

    pub(crate) fn for_not_found<T>(nf: &NotFound<'_, '_, T>, request: Request<'_, '_>) -> Self {
        let mut data = Data::base(nf.page(), true, &request, nf.query().raw());
        data.arguments = nf
            .query()
            .grouped()
            .iter()
            .map(|(k, v)| {
                let values = match &v[..] {
                    [one] => Values::One(data.push(one)),
                    many => Values::Many(many.iter().map(|v| data.push(v)).collect()),
                };
                (data.push(k), values)
            })
            .collect();
        RequestContext::new(data)
    }

    fn new(data: Data) -> Self {
        RequestContext {
            data: Arc::new(data),
            widgets: None,
        }
    }

    pub(crate) fn attach_widgets(&mut self, widgets: Widgets) {
        self.widgets = Some(widgets);
    }

    /// The page module (`""` for none), shared with this context rather than copied:
    /// what a widget run names its page by.
    pub(crate) fn module_name(&self) -> ModuleName {
        ModuleName(Arc::clone(&self.data))
    }
}

/// A context's page module, kept by a widget run (see [`RequestContext::module_name`]).
#[derive(Debug, Clone)]
pub(crate) struct ModuleName(Arc<Data>);

impl ModuleName {
    pub(crate) fn as_str(&self) -> &str {
        self.0.module.map_or("", |m| self.0.at(m))
    }
}

impl Data {
    /// The fields every context has; room in `text` for them and, roughly, the variables
    /// and arguments (which repeat the query's text, decoded, and the path's).
    fn base<T>(
        page: Option<&Page<T>>,
        not_found: bool,
        request: &Request<'_, '_>,
        query: &str,
    ) -> Self {
        let page_len = page.map_or(0, |p| p.module().len() + p.name().len());
        let inputs_len: usize = (request.inputs.iter())
            .map(|(name, value)| name.len() + value.as_ref().map_or(0, String::len))
            .sum();
        let capacity =
            page_len + 2 * request.target.len() + query.len() + request.prefix.len() + inputs_len;
        let mut data = Data {
            text: String::with_capacity(capacity),
            module: None,
            name: None,
            not_found,
            variables: 0,
            query: Span::default(),
            arguments: SmallVec::new(),
            inputs: SmallVec::new(),
            target: Span::default(),
            path: Span::default(),
            prefix: Span::default(),
        };
        data.module = page.map(|p| data.push(p.module()));
        data.name = page.map(|p| data.push(p.name()));
        data.target = data.push(request.target);
        data.path = Span {
            start: data.target.start,
            end: data
                .target
                .end
                .min(data.target.start + u32::try_from(request.path_len).unwrap_or(u32::MAX)),
        };
        data.prefix = data.push(request.prefix);
        data.query = data.push(query);
        for (name, value) in &request.inputs {
            let input = (data.push(name), value.as_deref().map(|v| data.push(v)));
            data.inputs.push(input);
        }
        data
    }

    fn push(&mut self, text: &str) -> Span {
        // Text that would end past `u32::MAX` is not kept: no request carries that much
        // (servers bound it long before).
        let start = self.text.len();
        match (u32::try_from(start), u32::try_from(start + text.len())) {
            (Ok(start), Ok(end)) => {
                self.text.push_str(text);
                Span { start, end }
            }
            _ => Span::default(),
        }
    }

    fn push_values(&mut self, argument: &Argument<'_>) -> Values {
        match argument {
            Argument::One(v) => Values::One(self.push(v)),
            Argument::Many(vs) => Values::Many(vs.iter().map(|v| self.push(v)).collect()),
        }
    }

    fn at(&self, span: Span) -> &str {
        // Spans are made by `push` on this text, which only grows: always in bounds and on
        // char boundaries (`u32` to `usize` is lossless on the targets servers run on).
        &self.text[span.start as usize..span.end as usize]
    }

    fn argument(&self, values: &Values) -> Argument<'_> {
        match values {
            Values::One(v) => Argument::One(Cow::Borrowed(self.at(*v))),
            Values::Many(vs) => {
                Argument::Many(vs.iter().map(|v| Cow::Borrowed(self.at(*v))).collect())
            }
        }
    }
}

impl RequestContext {
    /// The module of the page being rendered (`None` for the default 404 page).
    pub fn module(&self) -> Option<&str> {
        self.data.module.map(|m| self.data.at(m))
    }

    /// The display name of the page being rendered.
    pub fn name(&self) -> Option<&str> {
        self.data.name.map(|n| self.data.at(n))
    }

    /// True when this is the 404 page (custom or default) answering an unknown address.
    pub fn is_not_found(&self) -> bool {
        self.data.not_found
    }

    /// The path variables, `(name, decoded value)` in template order.
    pub fn variables(&self) -> impl Iterator<Item = (&str, &str)> {
        let data = &*self.data;
        let variables = data.arguments.get(..data.variables).unwrap_or_default();
        variables.iter().filter_map(|(k, values)| match values {
            Values::One(v) => Some((data.at(*k), data.at(*v))),
            // A path variable has one value (`variable_count`'s promise).
            Values::Many(_) => None,
        })
    }

    /// One path variable, decoded.
    pub fn variable(&self, name: &str) -> Option<&str> {
        self.variables().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// The query string (decoded lazily, as Dash decodes it).
    pub fn query(&self) -> Query<'_> {
        Query::parse(self.data.at(self.data.query))
    }

    /// The merged keyword arguments (path variables win over query keys, a repeated query
    /// key is a list), in Dash's order. Routing inputs are separate: see
    /// [`input`](Self::input).
    pub fn arguments(&self) -> impl Iterator<Item = (&str, Argument<'_>)> {
        self.data
            .arguments
            .iter()
            .map(|(k, v)| (self.data.at(*k), self.data.argument(v)))
    }

    /// One merged argument as a single string: a path variable, or the first value of a
    /// query key.
    pub fn argument(&self, name: &str) -> Option<&str> {
        self.first_arguments()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }

    /// Every merged argument with one value: its value, or a repeated query key's first
    /// (what [`argument`](Self::argument) gives for each name), in Dash's order.
    pub fn first_arguments(&self) -> impl Iterator<Item = (&str, &str)> {
        self.data.arguments.iter().filter_map(|(k, values)| {
            let value = match values {
                Values::One(v) => *v,
                Values::Many(vs) => *vs.first()?,
            };
            Some((self.data.at(*k), self.data.at(value)))
        })
    }

    /// A routing input (Dash's `routing_callback_inputs`), passed to every page; `None`
    /// when the request did not carry it.
    pub fn input(&self, name: &str) -> Option<&str> {
        self.inputs().find(|(k, _)| *k == name).and_then(|(_, v)| v)
    }

    /// The routing inputs, in the order they were declared.
    pub fn inputs(&self) -> impl Iterator<Item = (&str, Option<&str>)> + Clone {
        let data = &*self.data;
        (data.inputs.iter()).map(|&(k, v)| (data.at(k), v.map(|v| data.at(v))))
    }

    /// The app's requests prefix (`/`, or `/app/` when mounted there), for building links
    /// as Dash's `get_relative_path` does.
    pub fn requests_prefix(&self) -> &str {
        self.data.at(self.data.prefix)
    }

    /// The widget state of this request's run: `None` unless the adapter keeps state, and
    /// on the 404 page (see [`WidgetRun`](crate::WidgetRun)).
    pub fn widgets(&self) -> Option<&Widgets> {
        self.widgets.as_ref()
    }

    /// The request target as received (path and query, not decoded).
    pub fn target(&self) -> &str {
        self.data.at(self.data.target)
    }

    /// The request path as received (not decoded): the target without its query.
    pub fn path(&self) -> &str {
        self.data.at(self.data.path)
    }

    /// The arguments and routing inputs deserialized into `T`: every value is a string
    /// (numbers, booleans and unit enum variants are parsed from it), a repeated query
    /// key is a sequence, and unknown keys are ignored (Dash's `**kwargs`). A routing
    /// input that the request carried overrides an argument of the same name.
    ///
    /// ```
    /// # use folio_server_common::RequestContext;
    /// #[derive(serde::Deserialize)]
    /// struct Archive { report_id: Option<u32>, department_id: Option<String> }
    /// fn show(ctx: &RequestContext) -> String {
    ///     match ctx.args::<Archive>() {
    ///         Ok(a) => format!("{:?} {:?}", a.report_id, a.department_id),
    ///         Err(e) => format!("bad arguments: {e}"),
    ///     }
    /// }
    /// ```
    pub fn args<T: DeserializeOwned>(&self) -> Result<T, ArgsError> {
        args::deserialize(self.arguments(), self.inputs())
    }
}
