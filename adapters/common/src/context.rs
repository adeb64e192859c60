//! [`RequestContext`]: what the router decided about a request, as a layout and the shell
//! see it (the adapters' `PageContext` extractors deref to it).

use std::borrow::Cow;
use std::sync::Arc;

use folio_core::{Argument, NotFound, Page, PageMatch, Query};
use serde::de::DeserializeOwned;

use crate::args::{self, ArgsError};
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
///     .with_inputs(vec![("language".to_owned(), Some("fr".to_owned()))]);
/// let Decision::Render(render) = decide(&registry, None, incoming) else { panic!() };
/// let ctx = render.context();
/// assert_eq!(ctx.variable("report_id"), Some("7"));
/// assert_eq!(ctx.argument("tab"), Some("map"));
/// assert_eq!(ctx.input("language"), Some("fr"));
/// assert_eq!(ctx.target(), "/report/7?tab=map");
/// ```
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// Shared: the router, the extractors and the shell each hold it without copying.
    data: Arc<Data>,
    /// The run's widget state, when the adapter keeps state (see [`WidgetRun`](crate::WidgetRun)).
    widgets: Option<Widgets>,
}

#[derive(Debug)]
struct Data {
    module: Option<String>,
    name: Option<String>,
    not_found: bool,
    variables: Vec<(String, String)>,
    query: String,
    arguments: Vec<(String, Argument<'static>)>,
    inputs: Vec<(String, Option<String>)>,
    target: String,
    prefix: String,
}

/// What the router read from the request besides the resolution.
pub(crate) struct Request<'a> {
    pub(crate) inputs: Vec<(String, Option<String>)>,
    pub(crate) target: &'a str,
    pub(crate) prefix: &'a str,
}

impl RequestContext {
    pub(crate) fn for_page<T>(m: &PageMatch<'_, '_, T>, request: Request<'_>) -> Self {
        RequestContext::new(Data {
            variables: m
                .variables()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
            query: m.query().raw().to_owned(),
            arguments: m
                .arguments()
                .into_iter()
                .map(|(k, a)| (k.into_owned(), owned(a)))
                .collect(),
            ..Data::base(Some(m.page()), false, request)
        })
    }

    pub(crate) fn for_not_found<T>(nf: &NotFound<'_, '_, T>, request: Request<'_>) -> Self {
        let arguments = nf
            .query()
            .grouped()
            .into_iter()
            .map(|(k, mut v)| {
                let value = if v.len() == 1 {
                    Argument::One(v.remove(0))
                } else {
                    Argument::Many(v)
                };
                (k.into_owned(), owned(value))
            })
            .collect();
        RequestContext::new(Data {
            query: nf.query().raw().to_owned(),
            arguments,
            ..Data::base(nf.page(), true, request)
        })
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
}

impl Data {
    fn base<T>(page: Option<&Page<T>>, not_found: bool, request: Request<'_>) -> Self {
        Data {
            module: page.map(|p| p.module().to_owned()),
            name: page.map(|p| p.name().to_owned()),
            not_found,
            variables: Vec::new(),
            query: String::new(),
            arguments: Vec::new(),
            inputs: request.inputs,
            target: request.target.to_owned(),
            prefix: request.prefix.to_owned(),
        }
    }
}

impl RequestContext {
    /// The module of the page being rendered (`None` for the default 404 page).
    pub fn module(&self) -> Option<&str> {
        self.data.module.as_deref()
    }

    /// The display name of the page being rendered.
    pub fn name(&self) -> Option<&str> {
        self.data.name.as_deref()
    }

    /// True when this is the 404 page (custom or default) answering an unknown address.
    pub fn is_not_found(&self) -> bool {
        self.data.not_found
    }

    /// The path variables, `(name, decoded value)` in template order.
    pub fn variables(&self) -> impl Iterator<Item = (&str, &str)> {
        self.data
            .variables
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// One path variable, decoded.
    pub fn variable(&self, name: &str) -> Option<&str> {
        self.variables().find(|(k, _)| *k == name).map(|(_, v)| v)
    }

    /// The query string (decoded lazily, as Dash decodes it).
    pub fn query(&self) -> Query<'_> {
        Query::parse(&self.data.query)
    }

    /// The merged keyword arguments (path variables win over query keys, a repeated query
    /// key is a list), in Dash's order. Routing inputs are separate: see
    /// [`input`](Self::input).
    pub fn arguments(&self) -> impl Iterator<Item = (&str, &Argument<'static>)> {
        self.data.arguments.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// One merged argument as a single string: a path variable, or the first value of a
    /// query key.
    pub fn argument(&self, name: &str) -> Option<&str> {
        self.arguments()
            .find(|(k, _)| *k == name)
            .and_then(|(_, a)| match a {
                Argument::One(v) => Some(&**v),
                Argument::Many(vs) => vs.first().map(|v| &**v),
            })
    }

    /// A routing input (Dash's `routing_callback_inputs`), passed to every page; `None`
    /// when the request did not carry it.
    pub fn input(&self, name: &str) -> Option<&str> {
        self.data
            .inputs
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The routing inputs, in the order they were declared.
    pub fn inputs(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.data
            .inputs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_deref()))
    }

    /// The app's requests prefix (`/`, or `/app/` when mounted there), for building links
    /// as Dash's `get_relative_path` does.
    pub fn requests_prefix(&self) -> &str {
        &self.data.prefix
    }

    /// The widget state of this request's run: `None` unless the adapter keeps state, and
    /// on the 404 page (see [`WidgetRun`](crate::WidgetRun)).
    pub fn widgets(&self) -> Option<&Widgets> {
        self.widgets.as_ref()
    }

    /// The request target as received (path and query, not decoded).
    pub fn target(&self) -> &str {
        &self.data.target
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
        args::deserialize(&self.data.arguments, &self.data.inputs)
    }
}

fn owned(argument: Argument<'_>) -> Argument<'static> {
    match argument {
        Argument::One(v) => Argument::One(Cow::Owned(v.into_owned())),
        Argument::Many(vs) => {
            Argument::Many(vs.into_iter().map(|v| Cow::Owned(v.into_owned())).collect())
        }
    }
}
