//! Pages the config names: the sections `home: sections` highlights and the footer's links to
//! the accessibility statement, privacy statement and contact page. The config stage cannot
//! know whether they exist; here the whole site is known, so a name that leads nowhere is an
//! error at its own line in `wegwijs.yaml` rather than a broken link on every page.

use super::Input;
use crate::config::{FooterTarget, footer_target, section_path};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::msg;

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let sections: Vec<&str> = input.site.sections.iter().map(|s| s.path.as_str()).filter(|p| !p.is_empty()).collect();
    for written in input.config.home.sections.iter().flatten() {
        let path = section_path(&written.value);
        if sections.contains(&path.as_str()) {
            continue;
        }
        let help = match did_you_mean(&path, sections.iter().copied()) {
            Some(s) => msg!("did-you-mean", name = s.trim_end_matches('/')),
            None => msg!(
                "unknown-home-section.help",
                names = sections.iter().map(|s| s.trim_end_matches('/')).collect::<Vec<_>>().join(", ")
            ),
        };
        let d = Diagnostic::error("unknown-home-section", msg!("unknown-home-section", section = &written.value))
            .label(msg!("unknown-home-section.label"))
            .help(help);
        diagnostics.push(d.at(&written.at.source(), written.at.value.clone()));
    }
    for (page, written) in &input.config.footer {
        let FooterTarget::Internal(path) = footer_target(&written.value) else { continue };
        if is_published(input.paths, &path) {
            continue;
        }
        let file = path.trim_end_matches('/');
        let file = if file.is_empty() { "_index" } else { file };
        let d = Diagnostic::error("missing-footer-page", msg!("missing-footer-page", key = page.key(), path = &path))
            .label(msg!("missing-footer-page.label"))
            .help(msg!("missing-footer-page.help", file));
        diagnostics.push(d.at(&written.at.source(), written.at.value.clone()));
    }
}

/// Whether the site path `path` (`toegankelijkheid/`, `verklaring.pdf`, with a `#` or `?`
/// part or not) is among the sorted output files.
fn is_published(paths: &[String], path: &str) -> bool {
    let path = path.split(['#', '?']).next().unwrap_or("");
    let file = if path.is_empty() || path.ends_with('/') { crate::layout::page_file(path) } else { path.to_string() };
    paths.binary_search(&file).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_and_files_are_found_as_published() {
        let paths: Vec<String> = ["contact/index.html", "index.html", "verklaring.pdf"].map(String::from).to_vec();
        assert!(is_published(&paths, "contact/"));
        assert!(is_published(&paths, "contact/#adres"));
        assert!(is_published(&paths, "verklaring.pdf"));
        assert!(is_published(&paths, ""));
        assert!(!is_published(&paths, "contact"));
        assert!(!is_published(&paths, "privacy/"));
    }
}
