//! Files the config names for the theme (the `logo`, the `tokens_css`) that the site does not publish.
//!
//! Without this check a logo that is not there passes `check` and `build`, and every page of
//! the site shows a broken image in its header. The theme stage has already refused a logo
//! that could run script or leaves the site; what is left is a path inside the site, which
//! must be among the files the build writes (from `static/`, the theme or a content folder).

use super::Input;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::msg;

/// Theme settings whose value is the path of a file of the site.
fn names_a_file(setting: &str) -> bool {
    setting == "logo"
        || setting == "favicon"
        || setting.ends_with("_logo")
        || setting.ends_with("_image")
        || setting.ends_with("_icon")
        || setting.ends_with("_css")
}

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    // No output planned (a template error stopped it): nothing to compare with, and the
    // problem that stopped it is already reported.
    if input.paths.is_empty() {
        return;
    }
    let unprinted: std::collections::HashMap<&str, &str> =
        input.theme.assets.iter().map(|(plain, printed)| (printed.as_str(), plain.as_str())).collect();
    for (key, value) in &input.theme.settings {
        let path = value.trim();
        if !names_a_file(key) || path.is_empty() || !crate::url::is_safe(path) || has_scheme(path) {
            continue;
        }
        if crate::config::leaves_site(path).is_some() {
            continue;
        }
        let published = normalise(path);
        // A fingerprinted file is published under its new name.
        let written = input.theme.assets.get(&published).unwrap_or(&published);
        // A stylesheet (the design tokens) must come from static/: only there does the theme
        // stage read it for what it loads and for its contrast before it is published.
        let found = if key.ends_with("_css") {
            input.theme.static_files.contains_key(written)
        } else {
            input.paths.binary_search(written).is_ok()
        };
        if found {
            continue;
        }
        // The published files under the names an editor writes: a fingerprinted file by its
        // plain name.
        let plain: Vec<&str> = input.paths.iter().map(|p| unprinted.get(p.as_str()).copied().unwrap_or(p)).collect();
        // A path written from the site folder (`static/css/x.css`) instead of from `static/`.
        let from_static = published.strip_prefix("static/").filter(|p| plain.contains(p));
        let nearest =
            from_static.or_else(|| did_you_mean(&published, plain.iter().copied().filter(|p| !p.ends_with(".html"))));
        let help = match nearest {
            Some(p) => msg!("missing-theme-file.nearest", key, nearest = p, published = &published),
            None => msg!("missing-theme-file.help", published = &published),
        };
        let d = Diagnostic::error("missing-theme-file", msg!("missing-theme-file", path, key))
            .label(msg!("missing-theme-file.label", published))
            .help(help);
        let d = match input.config.places.get(key.as_str()) {
            Some(place) => d.at(&place.source(), value_span(&place.file.text, place.value.clone(), path)),
            None => d,
        };
        diagnostics.push(d);
    }
}

/// Where `value` is written on the line of `span` (a key or its value), for the caret; `span`
/// itself when it is not found there.
fn value_span(text: &str, span: std::ops::Range<usize>, value: &str) -> std::ops::Range<usize> {
    let line_end = text[span.start..].find('\n').map_or(text.len(), |i| span.start + i);
    match text[span.start..line_end].find(value) {
        Some(i) => span.start + i..span.start + i + value.len(),
        None => span,
    }
}

/// `img/./logo.svg` and `./img/logo.svg` as the output path `img/logo.svg`.
fn normalise(path: &str) -> String {
    crate::url::join_path_clamped("", path)
}

/// `https://...`, `data:...`: an address, not a file of the site.
fn has_scheme(path: &str) -> bool {
    path.starts_with("//") || path.split('/').next().is_some_and(|first| first.contains(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_compared_as_published() {
        assert_eq!(normalise("./img/../img/logo.svg"), "img/logo.svg");
        assert!(has_scheme("https://x.nl/logo.svg"));
        assert!(!has_scheme("img/logo.svg"));
        assert!(
            names_a_file("logo")
                && names_a_file("favicon")
                && !names_a_file("logo_alt")
                && !names_a_file("accent_color")
        );
    }
}
