//! The kinds of content and their front matter keys: the schema in one place.
//!
//! Editors and the benchmark corpus (`gen_corpus.py --flavor wegwijs`) write exactly these key
//! names. The README's front matter reference follows this file.

use serde::Serialize;

/// What a page is. Chosen by its top folder, or by an explicit `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A term of the glossary (`begrippen/`).
    Term,
    /// A practice example of a municipality or organisation (`praktijkvoorbeelden/`).
    Practice,
    /// A tool or instrument with a link (`instrumenten/`).
    Tool,
    /// A theme, where examples, tools and terms meet (`themas/`).
    Theme,
    /// A guidance article (any other folder).
    Article,
}

/// Keys every kind has.
pub const COMMON_KEYS: &[&str] =
    &["title", "summary", "date", "weight", "draft", "slug", "kind", "themes", "target_groups", "aliases"];
pub const TERM_KEYS: &[&str] = &["definition", "related", "sources"];
pub const PRACTICE_KEYS: &[&str] = &["municipality", "province", "year", "organisations", "source"];
pub const TOOL_KEYS: &[&str] = &["url", "publisher", "tool_type"];

/// Keys of a section's `_index.md`.
pub const SECTION_KEYS: &[&str] = &["title", "summary", "weight", "draft", "aliases"];

/// Values of `tool_type` the theme has labels for. Others are accepted (a site may have its own
/// types) but `check` suggests the nearest of these for likely typos.
pub const TOOL_TYPES: &[&str] = &[
    "checklist",
    "audit",
    "e-learning",
    "handreiking",
    "toolkit",
    "gesprekskaart",
    "training",
    "onderzoek",
    "platform",
    "methode",
    "factsheet",
];

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Term, Kind::Practice, Kind::Tool, Kind::Theme, Kind::Article];

    /// The value of `kind:` that selects this kind.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Term => "term",
            Kind::Practice => "practice",
            Kind::Tool => "tool",
            Kind::Theme => "theme",
            Kind::Article => "article",
        }
    }

    /// The folder whose pages are of this kind by default.
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Term => Some("begrippen"),
            Kind::Practice => Some("praktijkvoorbeelden"),
            Kind::Tool => Some("instrumenten"),
            Kind::Theme => Some("themas"),
            Kind::Article => None,
        }
    }

    /// The kind of a page at `rel_path` (`begrippen/statushouder.md`) when it has no `kind:`.
    pub fn from_path(rel_path: &str) -> Kind {
        let top = rel_path.split('/').next().unwrap_or("");
        Kind::ALL.into_iter().find(|k| k.folder() == Some(top)).unwrap_or(Kind::Article)
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Keys of this kind besides the common ones.
    pub fn own_keys(self) -> &'static [&'static str] {
        match self {
            Kind::Term => TERM_KEYS,
            Kind::Practice => PRACTICE_KEYS,
            Kind::Tool => TOOL_KEYS,
            Kind::Theme | Kind::Article => &[],
        }
    }

    /// All keys a page of this kind may have.
    pub fn keys(self) -> Vec<&'static str> {
        COMMON_KEYS.iter().chain(self.own_keys()).copied().collect()
    }

    /// The kind whose own keys include `key`, for "`url` is a key of tools" hints.
    pub fn owning(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.own_keys().contains(&key))
    }

    /// How the kind is called in messages.
    pub fn described(self) -> &'static str {
        match self {
            Kind::Term => "a term (begrippen/)",
            Kind::Practice => "a practice example (praktijkvoorbeelden/)",
            Kind::Tool => "a tool (instrumenten/)",
            Kind::Theme => "a theme (themas/)",
            Kind::Article => "an article",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_follow_folders() {
        assert_eq!(Kind::from_path("begrippen/statushouder.md"), Kind::Term);
        assert_eq!(Kind::from_path("praktijkvoorbeelden/weert.md"), Kind::Practice);
        assert_eq!(Kind::from_path("artikelen/x.md"), Kind::Article);
        assert_eq!(Kind::from_path("over.md"), Kind::Article);
        assert_eq!(Kind::owning("url"), Some(Kind::Tool));
    }
}
