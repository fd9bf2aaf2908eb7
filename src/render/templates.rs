//! Compiles the theme's templates with Tera, once per build; pages only render them.

use tera::Tera;

use crate::diagnostic::Diagnostic;
use crate::theme::{FileSource, Theme};

/// The prefix under which every template of the theme is registered a second time, so that a
/// site's template can extend the theme's version of itself and replace single blocks:
/// `{% extends "theme:page.html" %}`. A site file with the same name as a theme file still
/// replaces the whole file; only what extends `theme:` builds on it.
pub(crate) const THEME_PREFIX: &str = "theme:";

/// Templates every theme must have; a site that overrides them file by file keeps the rest.
pub(crate) const REQUIRED: &[&str] = &[
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "taxonomy.html",
    "taxonomy_term.html",
    "404.html",
    "search.html",
    "sitemap.xml",
    "atom.xml",
    "robots.txt",
];

/// `names` are what the `asset` function answers (see [`super::assets`]), filled in once the
/// templates are compiled.
pub(crate) fn load(theme: &Theme, names: super::assets::Names) -> Result<Tera, Vec<Diagnostic>> {
    let mut sources = Vec::with_capacity(theme.templates.len());
    let mut diagnostics = Vec::new();
    let mut read = |name: String, source: &FileSource, sources: &mut Vec<(String, String)>| {
        match source.read().map(String::from_utf8) {
            // Components are global in Tera: a second copy of the file that defines them would
            // define each twice. A site changes a component by replacing that file.
            Ok(Ok(text)) if name.starts_with(THEME_PREFIX) && defines_components(&text) => {}
            Ok(Ok(text)) => sources.push((name, text)),
            _ => diagnostics.push(
                Diagnostic::error("io", crate::msg!("io.template"))
                    .in_file(source.shown(&format!("templates/{}", name.trim_start_matches(THEME_PREFIX)))),
            ),
        }
    };
    for (name, source) in &theme.templates {
        read(name.clone(), source, &mut sources);
    }
    // The `theme:` copies are compiled only when a template of the site's own names one, so
    // that a site without block overrides compiles no template twice.
    let named_by_site = sources.iter().any(|(name, text)| {
        theme.theme_templates.get(name) != theme.templates.get(name) && text.contains(THEME_PREFIX)
    });
    if named_by_site {
        for (name, source) in &theme.theme_templates {
            read(format!("{THEME_PREFIX}{name}"), source, &mut sources);
        }
    }
    for required in REQUIRED {
        if !theme.templates.contains_key(*required) {
            diagnostics.push(Diagnostic::error("missing-template", crate::msg!("missing-template", name = required)));
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let mut tera = Tera::new();
    // Before the templates: Tera resolves functions when it compiles them.
    super::assets::register_function(&mut tera, names);
    if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        return Err(vec![template_error(theme, &e.to_string(), crate::msg!("template.has-error"))]);
    }
    Ok(tera)
}

/// Whether a template defines Tera components (`{% component name(...) %}`).
fn defines_components(text: &str) -> bool {
    text.contains("{% component ") || text.contains("{%- component ")
}

/// Turns Tera's report (`error: ...`, ` --> name:line:col`, the line, carets) into a diagnostic
/// pointing at the template file, so it reads like every other wegwijs error.
pub(crate) fn template_error(theme: &Theme, report: &str, fallback: crate::messages::Msg) -> Diagnostic {
    let reason = report.lines().find_map(|l| l.trim().strip_prefix("error: ")).or_else(|| report.lines().next());
    let message = match reason {
        Some(reason) => crate::msg!("template", reason),
        None => crate::msg!("template", reason = fallback),
    };
    let location = report.lines().find_map(|l| l.trim().strip_prefix("--> ")).and_then(|loc| {
        let mut parts = loc.rsplitn(3, ':');
        let col: usize = parts.next()?.parse().ok()?;
        let line: usize = parts.next()?.parse().ok()?;
        Some((parts.next()?.to_string(), line, col))
    });
    let width = report.lines().filter(|l| l.contains('^')).map(|l| l.matches('^').count()).next().unwrap_or(1);
    let mut d = Diagnostic::error("template", message).help(crate::msg!("template.help"));
    if let Some((name, line, col)) = location {
        let source = match name.strip_prefix(THEME_PREFIX) {
            Some(own) => theme.theme_templates.get(own),
            None => theme.templates.get(&name),
        };
        let name = name.strip_prefix(THEME_PREFIX).unwrap_or(&name).to_string();
        d.file = Some(source.map_or_else(|| name.clone().into(), |s| s.shown(&format!("templates/{name}"))));
        d.line = Some(line);
        d.column = Some(col);
        d.width = width;
        d.source_line = source
            .and_then(|s| s.read().ok())
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|text| text.lines().nth(line.checked_sub(1)?).map(str::to_string));
    }
    d
}
