//! The config keys of a municipality's own version that are not theme settings: `home` (the
//! home page's intro and highlighted sections, so that a local site need not copy the national
//! `_index.md`) and `footer` (the links every government site must have).
//!
//! ```yaml
//! home:
//!   intro: Welkom bij de kennisbank van Gemeente Zwolle.
//!   sections: [praktijkvoorbeelden, begrippen]
//! footer:
//!   accessibility_statement: toegankelijkheid/
//!   privacy_statement: https://www.zwolle.nl/privacyverklaring
//!   contact: contact/
//! ```
//!
//! Both are mappings inside the top-level mapping; every value is recorded with the place it is
//! written, so that a section or page that does not exist (found by the check stage, which knows
//! the site) is reported at its own line.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_yaml::Value;

use super::{Place, Written, setting_key_span};
use crate::diagnostic::Diagnostic;
use crate::messages::Msg;
use crate::msg;
use crate::yaml::YamlMap;

/// `home` in the config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct HomeConfig {
    /// Shown under the home page's heading instead of the summary of `_index.md`; a blank line
    /// starts a new paragraph.
    pub(crate) intro: Option<Written<String>>,
    /// The sections the home page highlights, in this order: site paths as written
    /// (`praktijkvoorbeelden`, `artikelen/lokaal/`), each at its own place.
    pub(crate) sections: Option<Vec<Written<String>>>,
}

impl HomeConfig {
    /// `local` over `base`, key by key.
    pub(crate) fn merge(base: HomeConfig, local: HomeConfig) -> HomeConfig {
        HomeConfig { intro: local.intro.or(base.intro), sections: local.sections.or(base.sections) }
    }

    /// The intro's paragraphs, trimmed; `None` when there is no intro.
    pub(crate) fn intro_paragraphs(&self) -> Option<Vec<String>> {
        let intro = self.intro.as_ref()?;
        let paragraphs: Vec<String> = intro
            .value
            .split("\n\n")
            .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|p| !p.is_empty())
            .collect();
        (!paragraphs.is_empty()).then_some(paragraphs)
    }
}

/// The site path of a highlighted section as written: `/begrippen`, `begrippen/` → `begrippen/`.
pub(crate) fn section_path(written: &str) -> String {
    let trimmed = written.trim().trim_matches('/');
    if trimmed.is_empty() { String::new() } else { format!("{trimmed}/") }
}

/// The pages of `footer`: what every government site links to from each page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ServicePage {
    AccessibilityStatement,
    PrivacyStatement,
    Contact,
}

impl ServicePage {
    /// In the order the footer shows them.
    pub(crate) const ALL: [ServicePage; 3] =
        [ServicePage::AccessibilityStatement, ServicePage::PrivacyStatement, ServicePage::Contact];

    pub(crate) fn key(self) -> &'static str {
        match self {
            ServicePage::AccessibilityStatement => "accessibility_statement",
            ServicePage::PrivacyStatement => "privacy_statement",
            ServicePage::Contact => "contact",
        }
    }

    /// The key of the link's text in the theme's interface strings.
    pub(crate) fn string_key(self) -> &'static str {
        match self {
            ServicePage::AccessibilityStatement => "footer_accessibility_statement",
            ServicePage::PrivacyStatement => "footer_privacy_statement",
            ServicePage::Contact => "footer_contact",
        }
    }
}

/// A footer link's target: a path inside the site or an address elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FooterTarget {
    /// A site path without a leading `/` (`toegankelijkheid/`, `verklaring.pdf`).
    Internal(String),
    /// `https://...`, `mailto:...`, `tel:...`.
    External(String),
}

/// `footer` in the config, by page.
pub(crate) type FooterConfig = BTreeMap<ServicePage, Written<String>>;

/// Reads `home`; problems go to `m` at the place of the key inside `home` they concern.
pub(super) fn read_home(m: &mut YamlMap<'_>, v: &Value, at: &Place) -> Option<HomeConfig> {
    let Some(map) = v.as_mapping() else {
        let help = msg!("wrong-type.help", key = "home", example = "{intro: \"Welkom ...\", sections: [begrippen]}");
        m.error_at_value("home", "wrong-type", msg!("wrong-type.home"), help);
        return None;
    };
    let mut home = HomeConfig::default();
    for (k, val) in map {
        let key = k.as_str().unwrap_or_default();
        let key_span = setting_key_span(&at.file.text, at.key.start, key);
        match key {
            "intro" => match val.as_str() {
                Some(s) => home.intro = Some(written(at, key_span, s.to_string())),
                None => push(m, at, key_span, wrong("intro", msg!("wrong-type.home-intro"), "\"Welkom bij ...\"")),
            },
            "sections" => {
                let items: Option<Vec<&str>> = val.as_sequence().and_then(|s| s.iter().map(Value::as_str).collect());
                match items {
                    Some(items) => {
                        let mut from = key_span.end;
                        let mut sections = Vec::new();
                        for item in items {
                            let span = find_from(&at.file.text, from, item).unwrap_or(key_span.clone());
                            from = span.end.max(from);
                            sections.push(written(at, span, item.to_string()));
                        }
                        home.sections = Some(sections);
                    }
                    None => push(
                        m,
                        at,
                        key_span,
                        wrong("sections", msg!("wrong-type.home-sections"), "[praktijkvoorbeelden, begrippen]"),
                    ),
                }
            }
            other => {
                let help = crate::diagnostic::did_you_mean(other, ["intro", "sections"])
                    .map_or_else(|| msg!("unknown-key.home.help"), |s| msg!("did-you-mean", name = s));
                push(
                    m,
                    at,
                    key_span,
                    Diagnostic::error("unknown-key", msg!("unknown-key.home", key = other)).help(help),
                );
            }
        }
    }
    Some(home)
}

/// Reads `footer`: each page an address inside the site or elsewhere; an address that could
/// run script is reported here, a path that does not exist by the check stage.
pub(super) fn read_footer(m: &mut YamlMap<'_>, v: &Value, at: &Place) -> Option<FooterConfig> {
    let example = "{accessibility_statement: toegankelijkheid/, contact: https://www.voorbeeld.nl/contact}";
    let Some(map) = v.as_mapping() else {
        m.error_at_value(
            "footer",
            "wrong-type",
            msg!("wrong-type.footer"),
            msg!("wrong-type.help", key = "footer", example),
        );
        return None;
    };
    let names: Vec<&str> = ServicePage::ALL.iter().map(|p| p.key()).collect();
    let mut footer = FooterConfig::new();
    for (k, val) in map {
        let key = k.as_str().unwrap_or_default();
        let key_span = setting_key_span(&at.file.text, at.key.start, key);
        let Some(page) = ServicePage::ALL.iter().copied().find(|p| p.key() == key) else {
            let help = crate::diagnostic::did_you_mean(key, names.iter().copied()).map_or_else(
                || msg!("unknown-key.footer.help", names = names.join(", ")),
                |s| msg!("did-you-mean", name = s),
            );
            push(m, at, key_span, Diagnostic::error("unknown-key", msg!("unknown-key.footer", key)).help(help));
            continue;
        };
        let Some(url) = val.as_str().map(str::trim).filter(|u| !u.is_empty()) else {
            push(m, at, key_span, wrong(key, msg!("wrong-type.footer-link", key), "toegankelijkheid/"));
            continue;
        };
        let span = find_from(&at.file.text, key_span.end, url).unwrap_or(key_span);
        if let crate::url::UrlKind::Unsafe(scheme) = crate::url::classify(url) {
            push(m, at, span, crate::url::unsafe_url(url, &scheme));
            continue;
        }
        footer.insert(page, written(at, span, url.to_string()));
    }
    Some(footer)
}

/// Where a footer link goes.
pub(crate) fn footer_target(url: &str) -> FooterTarget {
    match crate::url::classify(url) {
        crate::url::UrlKind::Relative if !url.starts_with("//") => {
            FooterTarget::Internal(url.trim().trim_start_matches('/').to_string())
        }
        _ => FooterTarget::External(url.trim().to_string()),
    }
}

fn written(at: &Place, span: Range<usize>, value: String) -> Written<String> {
    Written { value, at: Place { file: at.file.clone(), key: span.clone(), value: span } }
}

fn wrong(key: &str, message: Msg, example: &str) -> Diagnostic {
    Diagnostic::error("wrong-type", message).help(msg!("wrong-type.help", key, example))
}

fn push(m: &mut YamlMap<'_>, at: &Place, span: Range<usize>, d: Diagnostic) {
    m.diagnostics.push(d.at(&at.source(), span));
}

/// The first place of `needle` in `text` from `from` on.
fn find_from(text: &str, from: usize, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() || from > text.len() {
        return None;
    }
    text[from..].find(needle).map(|i| from + i..from + i + needle.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_paths_end_in_a_slash() {
        assert_eq!(section_path("begrippen"), "begrippen/");
        assert_eq!(section_path("/artikelen/lokaal/"), "artikelen/lokaal/");
        assert_eq!(section_path("/"), "");
    }

    #[test]
    fn footer_targets() {
        assert_eq!(footer_target("/toegankelijkheid/"), FooterTarget::Internal("toegankelijkheid/".into()));
        assert_eq!(footer_target("https://x.nl/p"), FooterTarget::External("https://x.nl/p".into()));
        assert_eq!(footer_target("mailto:a@b.nl"), FooterTarget::External("mailto:a@b.nl".into()));
    }
}
