//! The gallery's page bodies and translations: plain functions of their inputs, shared
//! by the servers' galleries, the browser bundle and the hand-routed baselines
//! (`plain_axum`, `plain_actix`), so all of them draw the same bytes.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The language switch's values (Dash's `routing_callback_inputs` example).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

impl Lang {
    /// `en` or `fr`; anything else is English.
    pub fn from_code(code: Option<&str>) -> Lang {
        match code {
            Some("fr") => Lang::Fr,
            _ => Lang::En,
        }
    }

    /// `en` or `fr`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The text for `key` in this language (`""` for an unknown key).
    pub fn t(self, key: &str) -> &'static str {
        TEXTS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or("", |&(_, en, fr)| match self {
                Lang::En => en,
                Lang::Fr => fr,
            })
    }

    /// The text for `key`, or the key itself when it has no translation.
    pub fn t_or(self, key: &str) -> &str {
        match self.t(key) {
            "" => key,
            text => text,
        }
    }
}

/// The translations: `(key, English, French)`. A table rather than a `match`, which
/// compiled to a comparison per key (1.7 KB of the browser bundle).
const TEXTS: &[(&str, &str, &str)] = &[
    ("app", "Folio Gallery", "Galerie Folio"),
    (
        "tagline",
        "Dash Pages, rebuilt in Rust",
        "Dash Pages, refait en Rust",
    ),
    ("reports", "Reports", "Rapports"),
    ("try", "Try these", "Essayez"),
    ("home.title", "Hello world", "Bonjour le monde"),
    (
        "home.subtitle",
        "This is the home page.",
        "Ceci est la page d'accueil.",
    ),
    (
        "home.body",
        "Every page of this app is registered with folio: paths inferred from module names, \
         variables in paths, query strings, redirects and a custom 404 page.",
        "Chaque page de cette application est enregistrée dans folio : chemins déduits des \
         modules, variables dans les chemins, paramètres de requête, redirections et page 404.",
    ),
    (
        "analytics.title",
        "This is our Analytics page",
        "Voici notre page d'analyse",
    ),
    ("analytics.pick", "Select a city:", "Choisissez une ville :"),
    ("analytics.show", "Show", "Afficher"),
    ("analytics.selected", "You selected:", "Vous avez choisi :"),
    ("analytics.unknown", "Unknown city:", "Ville inconnue :"),
    (
        "archive.title",
        "This is our Archive page",
        "Voici notre page d'archives",
    ),
    ("archive.report", "This is report:", "Voici le rapport :"),
    (
        "archive.department",
        "This is department:",
        "Voici le département :",
    ),
    (
        "summary.body",
        "This is our page's content.",
        "Voici le contenu de notre page.",
    ),
    (
        "report.requested",
        "The user requested report ID:",
        "L'utilisateur a demandé le rapport :",
    ),
    (
        "asset.vars",
        "Variables from pathname:",
        "Variables du chemin :",
    ),
    (
        "404.title",
        "This is our custom 404 content",
        "Voici notre page 404",
    ),
    ("404.body", "Nothing lives at", "Il n'y a rien à"),
    ("404.home", "Back to the home page", "Retour à l'accueil"),
    ("none", "none", "aucun"),
    ("region", "Region", "Région"),
    ("region.all", "All regions", "Toutes les régions"),
    ("region.americas", "Americas", "Amériques"),
    ("region.europe", "Europe", "Europe"),
    ("region.asia", "Asia", "Asie"),
    ("region.apply", "Apply", "Appliquer"),
    (
        "widgets.subtitle",
        "Three fields, three lifetimes.",
        "Trois champs, trois durées de vie.",
    ),
    ("widgets.search", "Search reports", "Chercher un rapport"),
    (
        "widgets.search.note",
        "Clears when you leave this page.",
        "S'efface quand vous quittez cette page.",
    ),
    ("widgets.name", "Prepared for", "Préparé pour"),
    (
        "widgets.name.note",
        "Kept for your whole visit, even after you leave this page.",
        "Gardé pendant toute la visite, même après avoir quitté cette page.",
    ),
    ("widgets.save", "Save", "Enregistrer"),
    (
        "widgets.region.note",
        "The region in the sidebar belongs to the app, not to this page: it keeps its \
         value on every page.",
        "La région dans la barre latérale appartient à l'application, pas à cette page : \
         elle garde sa valeur sur toutes les pages.",
    ),
    ("widgets.reports", "Reports", "Rapports"),
    ("widgets.for", "prepared for", "préparés pour"),
    (
        "widgets.nothing",
        "No report matches.",
        "Aucun rapport ne correspond.",
    ),
    (
        "widgets.server",
        "This page keeps its fields in your server session: the server draws it.",
        "Cette page garde ses champs dans votre session serveur : le serveur la dessine.",
    ),
];

/// The analytics page's choices.
pub const CITIES: [&str; 3] = ["New York City", "Montreal", "San Francisco"];

/// The home page.
pub fn home(lang: Lang) -> String {
    format!(
        "<h1>{}</h1>\n<h2>{}</h2>\n<p>{}</p>\n",
        lang.t("home.title"),
        lang.t("home.subtitle"),
        lang.t("home.body")
    )
}

/// The analytics page: a city picked in a form that submits to `action`.
pub fn analytics(lang: Lang, action: &str, city: Option<&str>) -> String {
    let chosen = city.unwrap_or("Montreal");
    let mut out = format!(
        "<h1>{}</h1>\n<form class=\"card\" method=\"get\" action=\"{}\">\n<fieldset>\n<legend>{}</legend>\n",
        lang.t("analytics.title"),
        esc(action),
        lang.t("analytics.pick")
    );
    for c in CITIES {
        let checked = if c == chosen { " checked" } else { "" };
        out.push_str(&format!(
            "<label><input type=\"radio\" name=\"city\" value=\"{c}\"{checked}> {c}</label>\n"
        ));
    }
    out.push_str(&format!(
        "</fieldset>\n<button type=\"submit\">{}</button>\n</form>\n",
        lang.t("analytics.show")
    ));
    let (label, class) = if CITIES.contains(&chosen) {
        ("analytics.selected", "result")
    } else {
        ("analytics.unknown", "result warn")
    };
    out.push_str(&format!(
        "<p class=\"{class}\" id=\"analytics-output\">{} <strong>{}</strong></p>\n",
        lang.t(label),
        esc(chosen)
    ));
    out
}

/// The archive page: its query arguments.
pub fn archive(lang: Lang, report_id: Option<&str>, department_id: Option<&str>) -> String {
    let none = lang.t("none");
    format!(
        "<h1>{}</h1>\n<dl class=\"card\">\n<dt>{}</dt><dd id=\"report-id\">{}</dd>\n<dt>{}</dt><dd id=\"department-id\">{}</dd>\n</dl>\n",
        lang.t("archive.title"),
        lang.t("archive.report"),
        esc(report_id.unwrap_or(none)),
        lang.t("archive.department"),
        esc(department_id.unwrap_or(none)),
    )
}

/// A yearly summary (the sidebar's nested pages).
pub fn summary(lang: Lang, year: u16) -> String {
    format!(
        "<h1>{year} Summary</h1>\n<p>{}</p>\n",
        lang.t("summary.body")
    )
}

/// The report page: its path variable.
pub fn report(lang: Lang, report_id: &str) -> String {
    format!(
        "<h1>Report</h1>\n<p>{} <strong id=\"report-id\">{}</strong>.</p>\n",
        lang.t("report.requested"),
        esc(report_id)
    )
}

/// Dash's callable `title=` of the asset page.
pub fn asset_title(asset_id: &str, dept_id: &str) -> String {
    format!("Asset Analysis: {asset_id} {dept_id}")
}

/// Dash's callable `description=` of the asset page.
pub fn asset_description(asset_id: &str, dept_id: &str) -> String {
    format!("This is the AVN Industries Asset Analysis: {asset_id} in {dept_id}")
}

/// The asset page: its two path variables.
pub fn asset(lang: Lang, asset_id: &str, dept_id: &str) -> String {
    format!(
        "<h1>{}</h1>\n<p>{} asset_id: <code>{}</code> dept_id: <code>{}</code></p>\n",
        esc(&asset_title(asset_id, dept_id)),
        lang.t("asset.vars"),
        esc(asset_id),
        esc(dept_id)
    )
}

/// The custom 404 page: the path that was not found and a link home.
pub fn not_found(lang: Lang, target: &str, home: &str) -> String {
    format!(
        "<h1>{}</h1>\n<p>{} <code>{}</code>.</p>\n<p><a href=\"{}\">{}</a></p>\n",
        lang.t("404.title"),
        lang.t("404.body"),
        esc(target),
        esc(home),
        lang.t("404.home")
    )
}

/// The app-wide region control's choices: `(value, label key)`; the first is the default.
pub const REGIONS: [(&str, &str); 4] = [
    ("all", "region.all"),
    ("americas", "region.americas"),
    ("europe", "region.europe"),
    ("asia", "region.asia"),
];

/// The reports the widgets page lists: `(title, region)`.
const REPORTS: [(&str, &str); 6] = [
    ("Quarterly sales", "europe"),
    ("Fleet usage", "americas"),
    ("Supplier audit", "asia"),
    ("Energy costs", "europe"),
    ("Hiring plan", "americas"),
    ("Warehouse stock", "asia"),
];

/// A form field: its name (what the browser sends) and its value.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// The field's name.
    pub name: &'a str,
    /// Its current value.
    pub value: &'a str,
}

/// The widgets page: the reports of the app's `region` whose title contains `search`, a
/// form with the page's two fields (sent back to `action`), and what each field keeps.
pub fn widgets(
    lang: Lang,
    action: &str,
    region: &str,
    search: Field<'_>,
    name: Field<'_>,
) -> String {
    let mut out = format!(
        "<h1>Widgets</h1>\n<h2>{}</h2>\n<form class=\"card fields\" autocomplete=\"off\" method=\"get\" action=\"{}\">\n",
        lang.t("widgets.subtitle"),
        esc(action)
    );
    for (id, field, label) in [
        ("search", search, "widgets.search"),
        ("name", name, "widgets.name"),
    ] {
        out.push_str(&format!(
            "<label for=\"widgets-{id}\">{}</label>\n<input id=\"widgets-{id}\" name=\"{}\" value=\"{}\" maxlength=\"40\">\n<small>{}</small>\n",
            lang.t(label),
            esc(field.name),
            esc(field.value),
            lang.t(&format!("{label}.note"))
        ));
    }
    out.push_str(&format!(
        "<button type=\"submit\">{}</button>\n</form>\n<p class=\"hint\">{}</p>\n",
        lang.t("widgets.save"),
        lang.t("widgets.region.note")
    ));
    let region = REGIONS
        .iter()
        .find(|(value, _)| *value == region)
        .unwrap_or(&REGIONS[0]);
    out.push_str(&format!(
        "<h3 id=\"widgets-heading\">{} · {}",
        lang.t("widgets.reports"),
        lang.t(region.1)
    ));
    if !name.value.is_empty() {
        out.push_str(&format!(
            " · {} <strong>{}</strong>",
            lang.t("widgets.for"),
            esc(name.value)
        ));
    }
    out.push_str("</h3>\n");
    let needle = search.value.trim().to_lowercase();
    let shown: Vec<&(&str, &str)> = REPORTS
        .iter()
        .filter(|(_, r)| region.0 == "all" || *r == region.0)
        .filter(|(title, _)| title.to_lowercase().contains(&needle))
        .collect();
    if shown.is_empty() {
        out.push_str(&format!(
            "<p class=\"result warn\">{}</p>\n",
            lang.t("widgets.nothing")
        ));
    } else {
        out.push_str("<ul class=\"reports\">\n");
        for (title, r) in shown {
            out.push_str(&format!(
                "<li>{title} <span>{}</span></li>\n",
                lang.t(&format!("region.{r}"))
            ));
        }
        out.push_str("</ul>\n");
    }
    out
}

/// The widgets page where no widget state is kept (the browser bundle).
pub fn widgets_unavailable(lang: Lang) -> String {
    format!("<h1>Widgets</h1>\n<p>{}</p>\n", lang.t("widgets.server"))
}

/// HTML-escapes text for element content and quoted attributes (`& < > " '`, as
/// `folio_core::write_escaped`, which the head uses).
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = folio_core::write_escaped(&mut out, text);
    out
}
