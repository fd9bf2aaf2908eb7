//! The kinds of content and their front matter keys: the schema in one place.
//!
//! Editors and the benchmark corpus (`gen_corpus.py --flavor wegwijs`) write exactly these key
//! names. The key tables below are the schema: the loader reads them, "did you mean" suggests
//! from them, and the README's front matter reference is made from them.

use serde::Serialize;

use crate::load::front_matter::{RawFrontMatter, Read};

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

/// The type of a front matter key's value: how the loader reads it and how the README names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyType {
    Text,
    /// Text that is an address (`https://...`); checked by the model.
    WebAddress,
    /// `YYYY-MM-DD`.
    Date,
    WholeNumber,
    Flag,
    /// The name of a [`Kind`].
    KindName,
    TextList,
    /// A list of file names of terms in `begrippen/`, checked by the model.
    TermNames,
    /// One text or a list of them.
    TextOrList,
    Link,
    LinkList,
    /// `2019`, `2019–2021` or `2019–`: see [`crate::content_model::Period`].
    Period,
    /// One of a fixed list of words; anything else is reported with the list.
    Choice(&'static [&'static str]),
    /// A whole number of months, at least 1.
    Months,
    /// `people`, `money` and `partners`, each a text.
    Conditions,
    /// An organisation's web page or general e-mail address, never a person's.
    Contact,
}

impl KeyType {
    /// How the README's "type" column names it.
    pub(crate) fn described(self) -> String {
        match self {
            KeyType::Text => "text".into(),
            KeyType::WebAddress => "web address".into(),
            KeyType::Date => "date `YYYY-MM-DD`".into(),
            KeyType::WholeNumber => "whole number".into(),
            KeyType::Flag => "`true`/`false`".into(),
            KeyType::KindName => {
                let names: Vec<String> = Kind::ALL.iter().map(|k| format!("`{}`", k.name())).collect();
                let (last, rest) = names.split_last().expect("there are kinds");
                format!("{} or {last}", rest.join(", "))
            }
            KeyType::TextList => "list of text".into(),
            KeyType::TermNames => "list of term file names".into(),
            KeyType::TextOrList => "text or list of text".into(),
            KeyType::Link => "link".into(),
            KeyType::LinkList => "list of links".into(),
            KeyType::Period => "years: `2019`, `2019–2021` or `2019–` (still running)".into(),
            KeyType::Choice(words) => {
                let names: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                let (last, rest) = names.split_last().expect("a choice has words");
                format!("{} or {last}", rest.join(", "))
            }
            KeyType::Months => "whole number of months".into(),
            KeyType::Conditions => {
                let names: Vec<String> =
                    crate::content_model::CONDITION_KEYS.iter().map(|(k, _)| format!("`{k}`")).collect();
                format!("{}, each text", names.join(", "))
            }
            KeyType::Contact => "web address or general e-mail address".into(),
        }
    }
}

/// One front matter key: its name, type and documentation, and where the loader puts its value.
/// The loader reads the keys of these tables and no others; "did you mean" suggests from them;
/// the README's front matter reference is made from them (`cargo run --example keys`, and a test
/// compares).
#[derive(Debug, Clone, Copy)]
pub struct KeyDoc {
    pub key: &'static str,
    /// What Dutch editors write instead (lower case, `_` between words; `thema's` is matched
    /// as `themas`), for "did you mean": the keys themselves are English.
    pub(crate) dutch: &'static [&'static str],
    pub(crate) ty: KeyType,
    /// Whether a page of the kind must have it (checked by the model, which knows why).
    pub(crate) required: bool,
    /// Whether a section's `_index.md` has it too.
    pub(crate) section: bool,
    /// The README's "meaning" column.
    pub(crate) doc: &'static str,
    /// A value for "write it like this" when the value has the wrong type.
    pub(crate) example: &'static str,
    /// Puts the value read into the front matter.
    pub(crate) store: fn(&mut RawFrontMatter, Read),
}

/// Keys every kind has, in the order the README lists them.
pub const COMMON_KEYS: &[KeyDoc] = &[
    KeyDoc {
        key: "title",
        dutch: &["titel", "naam", "kop"],
        ty: KeyType::Text,
        required: true,
        section: true,
        doc: "the page title",
        example: "Statushouder",
        store: |fm, v| fm.title = v.text(),
    },
    KeyDoc {
        key: "summary",
        dutch: &["samenvatting", "omschrijving", "beschrijving", "intro", "inleiding"],
        ty: KeyType::Text,
        required: false,
        section: true,
        doc: "one sentence, shown in lists and search results",
        example: "Een zin die zegt waar de pagina over gaat.",
        store: |fm, v| fm.summary = v.text(),
    },
    KeyDoc {
        key: "date",
        dutch: &["datum"],
        ty: KeyType::Date,
        required: false,
        section: false,
        doc: "orders practice examples and articles (newest first) and dates feed entries",
        example: "2024-03-15",
        store: |fm, v| fm.date = v.date(),
    },
    KeyDoc {
        key: "weight",
        dutch: &["gewicht", "volgorde", "positie"],
        ty: KeyType::WholeNumber,
        required: false,
        section: true,
        doc: "lower comes first in lists and menus",
        example: "10",
        store: |fm, v| fm.weight = v.number(),
    },
    KeyDoc {
        key: "draft",
        dutch: &["concept", "klad", "voorlopig"],
        ty: KeyType::Flag,
        required: false,
        section: true,
        doc: "a draft is only built with `--drafts`",
        example: "true",
        store: |fm, v| fm.draft = v.flag().unwrap_or(false),
    },
    KeyDoc {
        key: "slug",
        dutch: &["webnaam", "padnaam", "adresnaam"],
        ty: KeyType::Text,
        required: false,
        section: false,
        doc: "the last part of the URL; default: the file name",
        example: "statushouder",
        store: |fm, v| fm.slug = v.text(),
    },
    KeyDoc {
        key: "kind",
        dutch: &["soort", "type", "paginasoort"],
        ty: KeyType::KindName,
        required: false,
        section: false,
        doc: "overrides the kind the folder gives",
        example: "term",
        store: |fm, v| fm.kind = v.kind(),
    },
    KeyDoc {
        key: "themes",
        dutch: &["themas", "thema", "onderwerpen", "onderwerp"],
        ty: KeyType::TextList,
        required: false,
        section: false,
        doc: "themes; each gets a page under `themas/`",
        example: "[\"Kennis van de leefwereld\"]",
        store: |fm, v| fm.themes = v.list(),
    },
    KeyDoc {
        key: "target_groups",
        dutch: &["doelgroepen", "doelgroep"],
        ty: KeyType::TextList,
        required: false,
        section: false,
        doc: "target groups; each gets a page under `doelgroepen/`",
        example: "[statushouders, jongeren]",
        store: |fm, v| fm.target_groups = v.list(),
    },
    KeyDoc {
        key: "aliases",
        dutch: &["synoniemen", "synoniem", "andere_namen", "ook_bekend_als", "zoekwoorden", "trefwoorden"],
        ty: KeyType::TextList,
        required: false,
        section: true,
        doc: "other names people search for (for a term: its synonyms)",
        example: "[nieuwkomer, vergunninghouder]",
        store: |fm, v| fm.aliases = v.list(),
    },
    KeyDoc {
        key: "moved_from",
        dutch: &["verhuisd_van", "oude_adressen", "oud_adres", "vorige_adressen", "redirect_from"],
        ty: KeyType::TextList,
        required: false,
        section: true,
        doc: "old addresses of the page on this site (`/oude-map/oude-naam/`); each gets a page that sends readers on, and a line in the server's redirects. In a section's `_index.md`, the old address of the whole section: every page and subsection below it moves along",
        example: "[/begrippen/nieuwkomer/]",
        store: |fm, v| fm.moved_from = v.list(),
    },
    KeyDoc {
        key: "replaces",
        dutch: &["vervangt"],
        ty: KeyType::Text,
        required: false,
        section: true,
        doc: "in a local version: the code of the base page this file replaces, written by `wegwijs override`; `wegwijs check` warns when the base page has changed since",
        example: "3f2a9c1b7d4e6f80",
        store: |fm, v| fm.replaces = v.text(),
    },
    KeyDoc {
        key: "reviewed",
        dutch: &["gecontroleerd", "nagekeken", "beoordeeld", "herzien", "controledatum", "laatst_gecontroleerd"],
        ty: KeyType::Date,
        required: false,
        section: false,
        doc: "when the editors last checked the content against its sources; `check` warns when it is older than `review_after` months",
        example: "2026-12-02",
        store: |fm, v| fm.reviewed = v.date(),
    },
    KeyDoc {
        key: "review_after",
        dutch: &["controleren_na", "herzien_na", "opnieuw_controleren_na", "geldigheid"],
        ty: KeyType::Months,
        required: false,
        section: false,
        doc: "months after `reviewed` that the page should be checked again; default: the site's `review_after` (24)",
        example: "12",
        store: |fm, v| fm.review_after = v.number(),
    },
    KeyDoc {
        key: "glossary_links",
        dutch: &["begrippenlinks", "begrippen_linken", "woordenlijst", "woordenlijstlinks", "begrippen_koppelen"],
        ty: KeyType::Flag,
        required: false,
        section: true,
        doc: "`false`: the first mention of a term in the text is not linked to the term's page",
        example: "false",
        store: |fm, v| fm.glossary_links = v.flag(),
    },
];

pub(crate) const TERM_KEYS: &[KeyDoc] = &[
    KeyDoc {
        key: "definition",
        dutch: &["definitie", "betekenis", "uitleg", "omschrijving_begrip"],
        ty: KeyType::Text,
        required: true,
        section: false,
        doc: "one or two sentences that explain the term",
        example: "Een korte uitleg in een of twee zinnen.",
        store: |fm, v| fm.definition = v.text(),
    },
    KeyDoc {
        key: "related",
        dutch: &["gerelateerd", "verwant", "verwante_begrippen", "zie_ook"],
        ty: KeyType::TermNames,
        required: false,
        section: false,
        doc: "related terms, by their file name in `begrippen/` without `.md`; an unknown name is an error",
        example: "[inburgering, sleutelpersoon]",
        store: |fm, v| fm.related = v.list(),
    },
    KeyDoc {
        key: "sources",
        dutch: &["bronnen", "bron"],
        ty: KeyType::LinkList,
        required: false,
        section: false,
        doc: "where the term comes from: `{title: ..., url: ..., year: ..., pages: ..., lang: ...}` (`url`, `year`, `pages` and `lang` optional; `pages: \"12-14\"`; `lang: nl` when the title is in another language than the page) or just an address",
        example: "[{title: \"Handreiking\", url: \"https://www.example.nl/\"}]",
        store: |fm, v| fm.sources = v.links(),
    },
];

pub(crate) const PRACTICE_KEYS: &[KeyDoc] = &[
    KeyDoc {
        key: "municipality",
        dutch: &["gemeente", "gemeenten", "gemeentes", "plaats", "stad"],
        ty: KeyType::TextOrList,
        required: false,
        section: false,
        doc: "the municipality (or municipalities); each gets a page under `gemeenten/` listing its examples",
        example: "Harderwijk",
        store: |fm, v| fm.municipality = v.list(),
    },
    KeyDoc {
        key: "province",
        dutch: &["provincie"],
        ty: KeyType::Text,
        required: false,
        section: false,
        doc: "the province",
        example: "Gelderland",
        store: |fm, v| fm.province = v.text(),
    },
    KeyDoc {
        key: "year",
        dutch: &["jaar", "jaartal"],
        ty: KeyType::WholeNumber,
        required: false,
        section: false,
        doc: "the year of the practice",
        example: "2019",
        store: |fm, v| fm.year = v.number(),
    },
    KeyDoc {
        key: "organisations",
        dutch: &["organisaties", "organisatie", "partners", "betrokkenen"],
        ty: KeyType::TextList,
        required: false,
        section: false,
        doc: "organisations involved",
        example: "[GGD, Vluchtelingenwerk]",
        store: |fm, v| fm.organisations = v.list(),
    },
    KeyDoc {
        key: "source",
        dutch: &["bron", "bronnen"],
        ty: KeyType::Link,
        required: false,
        section: false,
        doc: "where the example is described: `{title: ..., url: ...}`, optionally with `year` and `pages`",
        example: "{title: \"Handreiking\", url: \"https://www.example.nl/\"}",
        store: |fm, v| fm.source = v.link(),
    },
    KeyDoc {
        key: "goal",
        dutch: &["doel", "doelen", "doelstelling", "doelstellingen"],
        ty: KeyType::Text,
        required: false,
        section: false,
        doc: "what the practice wants to reach, in one or two sentences",
        example: "Statushouders vinden sneller de weg naar zorg.",
        store: |fm, v| fm.goal = v.text(),
    },
    KeyDoc {
        key: "period",
        dutch: &["periode", "looptijd", "duur"],
        ty: KeyType::Period,
        required: false,
        section: false,
        doc: "when it ran",
        example: "2019–2021",
        store: |fm, v| fm.period = v.period(),
    },
    KeyDoc {
        key: "status",
        dutch: &["stand", "stand_van_zaken", "fase"],
        ty: KeyType::Choice(crate::content_model::STATUSES),
        required: false,
        section: false,
        doc: "whether it is still running",
        example: "afgerond",
        store: |fm, v| fm.status = v.text(),
    },
    KeyDoc {
        key: "conditions",
        dutch: &["randvoorwaarden", "voorwaarden", "benodigdheden"],
        ty: KeyType::Conditions,
        required: false,
        section: false,
        doc: "what it needs (randvoorwaarden): people, money and partners, as far as the source says",
        example: "{people: \"Twee sleutelpersonen\", partners: \"GGD\"}",
        store: |fm, v| fm.conditions = v.conditions(),
    },
    KeyDoc {
        key: "results_kind",
        dutch: &["soort_resultaten", "resultaten", "resultaat", "uitkomsten"],
        ty: KeyType::Choice(crate::content_model::RESULTS_KINDS),
        required: false,
        section: false,
        doc: "what is known of its results: measured, only described, or none",
        example: "beschreven",
        store: |fm, v| fm.results_kind = v.text(),
    },
    KeyDoc {
        key: "contact",
        dutch: &["contactgegevens", "contactadres", "contactpersoon", "e_mail", "email"],
        ty: KeyType::Contact,
        required: false,
        section: false,
        doc: "the organisation's web page or general e-mail address (`info@...`); never a person's name or address",
        example: "https://www.harderwijk.nl/",
        store: |fm, v| fm.contact = v.text(),
    },
];

pub(crate) const TOOL_KEYS: &[KeyDoc] = &[
    KeyDoc {
        key: "url",
        dutch: &["link", "adres", "webadres", "website", "webpagina"],
        ty: KeyType::WebAddress,
        required: true,
        section: false,
        doc: "where the tool is found; must start with `https://` or `http://`",
        example: "https://www.pharos.nl/",
        store: |fm, v| fm.url = v.text(),
    },
    KeyDoc {
        key: "publisher",
        dutch: &["uitgever", "maker", "auteur", "uitgegeven_door"],
        ty: KeyType::Text,
        required: false,
        section: false,
        doc: "who publishes it",
        example: "Pharos",
        store: |fm, v| fm.publisher = v.text(),
    },
    KeyDoc {
        key: "tool_type",
        dutch: &["soort_instrument", "instrumentsoort", "type_instrument", "instrumenttype"],
        ty: KeyType::Text,
        required: false,
        section: false,
        doc: "checklist, audit, e-learning, handreiking, toolkit, gesprekskaart, training, onderzoek, platform, methode, factsheet; each type gets a page under `soorten-instrumenten/`",
        example: "checklist",
        store: |fm, v| fm.tool_type = v.text().map(|t| t.trim().to_lowercase()),
    },
];

/// The key of `keys` that `written`, an unknown key, most likely stands for: the key whose
/// Dutch name it is (`titel` → `title`, `thema's` → `themes`), else the key it is a typo of.
pub(crate) fn suggest_key(written: &str, keys: &[&KeyDoc]) -> Option<&'static str> {
    if let Some(k) = keys.iter().find(|k| k.has_dutch_name(written)) {
        return Some(k.key);
    }
    crate::diagnostic::did_you_mean(written, keys.iter().map(|k| k.key))
}

impl KeyDoc {
    /// Whether `written` is one of the key's Dutch names, in any case, with `-` or a space
    /// between words, with or without an apostrophe.
    pub(crate) fn has_dutch_name(&self, written: &str) -> bool {
        let plain: String = written
            .trim()
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, '\'' | '’'))
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .collect();
        self.dutch.contains(&plain.as_str())
    }
}

/// The keys of a section's `_index.md`: the common keys marked `section`.
pub fn section_keys() -> impl Iterator<Item = &'static KeyDoc> {
    COMMON_KEYS.iter().filter(|k| k.section)
}

/// A table of the README's front matter reference: key, type (and whether it is required),
/// meaning.
pub fn keys_markdown(keys: &[KeyDoc]) -> String {
    let mut out = String::from("| key | type | meaning |\n|---|---|---|\n");
    for k in keys {
        let required = if k.required { ", **required**" } else { "" };
        out.push_str(&format!("| `{}` | {}{required} | {} |\n", k.key, k.ty.described(), k.doc));
    }
    out
}

/// Values of `tool_type` the theme has labels for. Others are accepted (a site may have its own
/// types) but `check` suggests the nearest of these for likely typos.
pub(crate) const TOOL_TYPES: &[&str] = &[
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
    pub(crate) const ALL: [Kind; 5] = [Kind::Term, Kind::Practice, Kind::Tool, Kind::Theme, Kind::Article];

    /// The value of `kind:` that selects this kind.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Term => "term",
            Kind::Practice => "practice",
            Kind::Tool => "tool",
            Kind::Theme => "theme",
            Kind::Article => "article",
        }
    }

    /// The folder whose pages are of this kind by default.
    pub(crate) fn folder(self) -> Option<&'static str> {
        match self {
            Kind::Term => Some("begrippen"),
            Kind::Practice => Some("praktijkvoorbeelden"),
            Kind::Tool => Some("instrumenten"),
            Kind::Theme => Some("themas"),
            Kind::Article => None,
        }
    }

    /// The kind of a page at `rel_path` (`begrippen/statushouder.md`) when it has no `kind:`.
    pub(crate) fn from_path(rel_path: &str) -> Kind {
        let top = rel_path.split('/').next().unwrap_or("");
        Kind::ALL.into_iter().find(|k| k.folder() == Some(top)).unwrap_or(Kind::Article)
    }

    pub(crate) fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Keys of this kind besides the common ones.
    pub fn own_keys(self) -> &'static [KeyDoc] {
        match self {
            Kind::Term => TERM_KEYS,
            Kind::Practice => PRACTICE_KEYS,
            Kind::Tool => TOOL_KEYS,
            Kind::Theme | Kind::Article => &[],
        }
    }

    /// All keys a page of this kind may have.
    pub(crate) fn keys(self) -> Vec<&'static str> {
        COMMON_KEYS.iter().chain(self.own_keys()).map(|k| k.key).collect()
    }

    /// The kind whose own keys include `key`, for "`url` is a key of tools" hints.
    pub(crate) fn owning(key: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.own_keys().iter().any(|k| k.key == key))
    }

    /// How the kind is called in messages.
    pub fn described(self) -> crate::messages::Msg {
        match self {
            Kind::Term => crate::msg!("kind.term"),
            Kind::Practice => crate::msg!("kind.practice"),
            Kind::Tool => crate::msg!("kind.tool"),
            Kind::Theme => crate::msg!("kind.theme"),
            Kind::Article => crate::msg!("kind.article"),
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn kinds_follow_folders() {
        assert_eq!(Kind::from_path("begrippen/statushouder.md"), Kind::Term);
        assert_eq!(Kind::from_path("praktijkvoorbeelden/weert.md"), Kind::Practice);
        assert_eq!(Kind::from_path("artikelen/x.md"), Kind::Article);
        assert_eq!(Kind::from_path("over.md"), Kind::Article);
        assert_eq!(Kind::owning("url"), Some(Kind::Tool));
    }

    /// The first table (a run of lines starting with `|`) after the line `heading` of the
    /// README, before the next heading.
    pub(crate) fn readme_table(heading: &str) -> String {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let section: Vec<&str> =
            readme.lines().skip_while(|l| *l != heading).skip(1).take_while(|l| !l.starts_with('#')).collect();
        assert!(!section.is_empty(), "the README has no section {heading:?}");
        section
            .iter()
            .skip_while(|l| !l.starts_with('|'))
            .take_while(|l| l.starts_with('|'))
            .map(|l| format!("{l}\n"))
            .collect()
    }

    #[test]
    fn the_readme_lists_the_keys_of_every_kind() {
        let tables = [
            ("### Every kind", COMMON_KEYS),
            ("### Term (`begrippen/`)", TERM_KEYS),
            ("### Practice example (`praktijkvoorbeelden/`)", PRACTICE_KEYS),
            ("### Tool (`instrumenten/`)", TOOL_KEYS),
        ];
        for (heading, keys) in tables {
            assert_eq!(readme_table(heading), keys_markdown(keys), "README {heading} (`cargo run --example keys`)");
        }
        assert_eq!(readme_table("### Theme (`themas/`) and article (any other folder)"), "");
        for kind in [Kind::Theme, Kind::Article] {
            assert!(kind.own_keys().is_empty(), "the README says {kind:?} has only the keys of every kind");
        }
    }

    #[test]
    fn the_readme_names_the_keys_of_a_section() {
        let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
        let text = readme.split("### Sections (`_index.md`)\n").nth(1).unwrap().split("\n#").next().unwrap();
        let sentence = text.split("Its front matter has").nth(1).unwrap().split(';').next().unwrap();
        let named: Vec<&str> = sentence.split('`').skip(1).step_by(2).collect();
        let keys: Vec<&str> = section_keys().map(|k| k.key).collect();
        assert_eq!(named, keys);
    }

    #[test]
    fn the_tool_types_are_documented() {
        let tool_type = TOOL_KEYS.iter().find(|k| k.key == "tool_type").unwrap();
        assert!(tool_type.doc.starts_with(&format!("{};", TOOL_TYPES.join(", "))), "{}", tool_type.doc);
    }

    #[test]
    fn dutch_names_point_to_one_key_of_each_kind() {
        for kind in Kind::ALL {
            let keys: Vec<&KeyDoc> = COMMON_KEYS.iter().chain(kind.own_keys()).collect();
            let mut names: Vec<&str> = keys.iter().flat_map(|k| k.dutch.iter().copied()).collect();
            let n = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), n, "a Dutch name twice among the keys of {kind:?}");
            for name in names {
                assert!(!keys.iter().any(|k| k.key == name), "{name} is a key itself");
            }
        }
        let keys: Vec<&KeyDoc> = COMMON_KEYS.iter().chain(TERM_KEYS).collect();
        assert_eq!(suggest_key("titel", &keys), Some("title"));
        assert_eq!(suggest_key("Definitie", &keys), Some("definition"));
        assert_eq!(suggest_key("thema's", &keys), Some("themes"));
        assert_eq!(suggest_key("themas", &keys), Some("themes"));
        assert_eq!(suggest_key("tittle", &keys), Some("title"));
        assert_eq!(suggest_key("bron", &keys), Some("sources"));
        assert_eq!(suggest_key("zzz", &keys), None);
        let keys: Vec<&KeyDoc> = COMMON_KEYS.iter().chain(PRACTICE_KEYS).collect();
        assert_eq!(suggest_key("gemeente", &keys), Some("municipality"));
        assert_eq!(suggest_key("bron", &keys), Some("source"));
    }

    #[test]
    fn keys_are_named_once() {
        let mut all: Vec<&str> =
            COMMON_KEYS.iter().chain(TERM_KEYS).chain(PRACTICE_KEYS).chain(TOOL_KEYS).map(|k| k.key).collect();
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
