//! `page_names`: file names (P-1..P-4) and the legacy `pages/` directory (P-5).

use folio_core::streamlit::{Navigation, PageSpec, SortKey, file_icon_and_name};
use serde_json::{Map, Value, json};

use super::{error_kind, req_str, str_list};

pub(super) fn run(input: &Value) -> Result<Value, String> {
    if input.get("filename").is_some() {
        file(req_str(input, "filename")?)
    } else {
        directory(input)
    }
}

fn sort_key(file_name: &str) -> Value {
    let k = SortKey::of(file_name);
    json!({"number": k.number, "label": k.label})
}

fn file(file_name: &str) -> Result<Value, String> {
    let (icon, name) = file_icon_and_name(file_name);
    let built = PageSpec::new(file_name).build(&[file_name]);
    let (page, error) = match built {
        Ok(p) => (
            json!({"title": p.title(), "icon": p.icon(), "url_path": p.url_path()}),
            Value::Null,
        ),
        Err(e) => (Value::Null, error_kind(e.kind())),
    };
    Ok(json!({
        "sort_key": sort_key(file_name),
        "icon": icon,
        "name": name,
        "page": page,
        "error": error,
    }))
}

fn directory(input: &Value) -> Result<Value, String> {
    let main = req_str(input, "main")?;
    let pages_dir = str_list(input.get("pages_dir").ok_or("missing pages_dir")?)?;
    let mut sort_keys = Map::new();
    for f in pages_dir.iter().filter(|f| f.ends_with(".py")) {
        sort_keys.insert(f.clone(), sort_key(f));
    }
    let (pages, error) = match Navigation::from_pages_dir(main, &pages_dir) {
        Ok(nav) => {
            let pages: Vec<Value> = nav
                .pages()
                .iter()
                .map(|p| {
                    json!({
                        "file": p.source(),
                        "title": p.title(),
                        "icon": p.icon(),
                        "url_pathname": p.public_url_path(),
                        "url_path_reserved": p.url_path(),
                        "is_default": p.is_default(),
                    })
                })
                .collect();
            (Value::Array(pages), Value::Null)
        }
        Err(e) => (Value::Null, error_kind(e.kind())),
    };
    Ok(json!({"error": error, "pages": pages, "sort_keys": sort_keys}))
}
