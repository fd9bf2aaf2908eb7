//! Site configuration: `wegwijs.yaml` in the site root, overridden by command-line flags.
//!
//! A folder holding only `content/` builds without a config file: every setting has a default,
//! written in its doc comment below. Unknown keys are an error with a "did you mean".
//!
//! In three steps: [`RawConfig::read`] takes the file as written (every key optional, with the
//! place of each key), [`RawConfig::merge`] layers a local config over a base one, and
//! [`RawConfig::resolve`] applies the defaults, checks the values and gives the [`Config`].
//!
//! ```yaml
//! title: Wegwijs in cultuursensitief werken
//! description: Kennisbank over cultuursensitief werken in het sociaal domein
//! base_url: https://www.example.nl/kennisbank/
//! language: nl
//! menu:
//!   - {title: Begrippen, url: begrippen/}
//! taxonomies: {municipality: gemeenten, themes: themas, target_groups: doelgroepen, tool_type: soorten-instrumenten}
//! theme: {accent_color: "#1d5c8c", organisation: Gemeente Voorbeeld}
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::messages::Msg;
use crate::msg;
use crate::text::slugify;
use crate::yaml::YamlMap;

mod house;
pub(crate) use house::{FooterConfig, FooterTarget, HomeConfig, ServicePage, footer_target, section_path};

/// The name of the config file in the site root.
pub(crate) const CONFIG_FILE: &str = "wegwijs.yaml";

/// One key of `wegwijs.yaml`: its name and the README's words for its default and meaning.
/// [`RawConfig::read`] reads exactly these keys, and the README's "Site config" table is this
/// table (`cargo run --example keys` prints it; a test compares them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ConfigKey {
    pub(crate) key: &'static str,
    pub(crate) default: &'static str,
    pub(crate) doc: &'static str,
}

/// The keys of `wegwijs.yaml`, in the order "did you mean" and the list of keys give them.
pub(crate) const KEYS: &[ConfigKey] = &[
    ConfigKey {
        key: "title",
        default: "the title of `content/_index.md`, else \"Wegwijs\"",
        doc: "site title, in the header and the browser tab",
    },
    ConfigKey { key: "description", default: "none", doc: "one sentence for search engines and the feed" },
    ConfigKey {
        key: "base_url",
        default: "`/`",
        doc: "the address the site is published at. A sub-path works: `https://www.example.nl/kennisbank/`. Used for the canonical links, the sitemap and the feed; links inside the site are relative",
    },
    ConfigKey {
        key: "language",
        default: "`nl`",
        doc: "the site language, a BCP 47 tag (`nl`, `en`, `en-GB`): its interface strings (`nl` or `en`, or any language you add in `i18n/`), the stop words and stemmer of the search (Dutch for `nl`, English for `en`; none for other languages, whose words are searched as written) and the month names of dates (`nl` and `en`; other languages show `2024-03-15`)",
    },
    ConfigKey {
        key: "menu",
        default: "the top-level sections by `weight`, then Gemeenten, then Zoeken",
        doc: "main menu: a list of `{title: ..., url: ...}`; `url` is a site path (`begrippen/`) or a full address",
    },
    ConfigKey {
        key: "taxonomies",
        default: "`{municipality: gemeenten, themes: themas, target_groups: doelgroepen, tool_type: soorten-instrumenten}`",
        doc: "the folder of each taxonomy's pages; `false` turns one off",
    },
    ConfigKey {
        key: "content_dirs",
        default: "`[content]`",
        doc: "content folders in order; a file in a later folder replaces the file at the same path in an earlier one (a local version over a national base)",
    },
    ConfigKey { key: "output_dir", default: "`public`", doc: "output folder" },
    ConfigKey {
        key: "allow_html",
        default: "`false`",
        doc: "no longer possible: raw HTML is always shown as text, because it could run script in the reader's browser; `true` is an error (`unsafe-html`)",
    },
    ConfigKey { key: "paginate", default: "`50`", doc: "items per list page; `0` puts every item on one page" },
    ConfigKey { key: "feed_limit", default: "`20`", doc: "entries in the Atom feed" },
    ConfigKey { key: "theme", default: "see below", doc: "settings of the theme" },
    ConfigKey {
        key: "search",
        default: "`true`",
        doc: "build the client-side search index; `false` leaves it out (the search page then only offers the overviews, and the header has no search box)",
    },
    ConfigKey {
        key: "home",
        default: "the summary of `content/_index.md` and every top-level section",
        doc: "the home page without copying `_index.md`: `intro` (text under the heading; a blank line starts a new paragraph) and `sections` (the sections shown as ways in, in this order: `[praktijkvoorbeelden, begrippen]`)",
    },
    ConfigKey {
        key: "footer",
        default: "none",
        doc: "links in every page's footer to the `accessibility_statement` (toegankelijkheidsverklaring), the `privacy_statement` and the `contact` page: a site path (`toegankelijkheid/`, which must exist) or a full address",
    },
    ConfigKey {
        key: "base",
        default: "none",
        doc: "the site this one builds on: `builtin` (the national knowledge base inside wegwijs) or the path of another site folder. See \"A local version\" below",
    },
    ConfigKey {
        key: "exclude",
        default: "none",
        doc: "with `base`: patterns of base files to leave out (`praktijkvoorbeelden/**`, `begrippen/x.md`)",
    },
    ConfigKey {
        key: "fingerprint",
        default: "`true`",
        doc: "put a short hash of their content in the names of the theme's stylesheets, scripts and images and of the search index folder (`css/wegwijs.3f9a1c2b7d4e.css`), so that a web server may let browsers keep them for a year; `false` (or `--no-fingerprint`) keeps the plain names",
    },
    ConfigKey {
        key: "review_after",
        default: "`24`",
        doc: "months after a page's `reviewed` date that `check` warns it is due for a new review; a page's own `review_after` wins",
    },
    ConfigKey {
        key: "languages",
        default: "none",
        doc: "the languages pages are translated into, each with its name in itself: `{en: English, ar: العربية}`. A translation is a file beside the page with the language before `.md` (`statushouder.en.md`) and is published under the language (`/en/begrippen/statushouder/`); see Translations",
    },
    ConfigKey {
        key: "glossary_links",
        default: "`true`",
        doc: "link the first mention of a term (its title or an alias) in every page's text to the term's page, with its definition as a tooltip; `false` turns this off for the whole site (`glossary_links: false` in a page's front matter for one page)",
    },
    ConfigKey {
        key: "precompress",
        default: "`false`",
        doc: "also write a gzipped copy beside each page, stylesheet, script and other text file (`index.html.gz`), which a web server can send as it is instead of compressing the file at every request (see \"Publishing on a web server\"); `true` (or `--precompress`) turns it on. Not in a `--portable` build",
    },
];

/// The README's "Site config" table, made from [`KEYS`].
pub fn keys_markdown() -> String {
    let mut out = String::from("| key | default | meaning |\n|---|---|---|\n");
    for k in KEYS {
        out.push_str(&format!("| `{}` | {} | {} |\n", k.key, k.default, k.doc));
    }
    out
}

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: where `wegwijs.yaml`, `content/`, `templates/` and `static/` live.
    pub(crate) root: PathBuf,
    /// The config file, if there is one, and its text (for diagnostics of later stages).
    pub(crate) file: Option<PathBuf>,
    pub(crate) file_text: String,
    /// Site title. Default: the title of the home page (`content/_index.md`), else "Wegwijs".
    pub(crate) title: Option<String>,
    /// One-sentence description for search engines and the feed. Default: none.
    pub(crate) description: Option<String>,
    /// Where the site will be published. Default `/`. A sub-path (`https://example.nl/kennisbank/`)
    /// is respected everywhere; links inside the site are relative, so they work at any path.
    pub(crate) base_url: BaseUrl,
    /// Language of the site and its interface strings (`nl` or `en`). Default `nl`.
    pub language: String,
    /// Main menu. Default: the top-level sections by weight, then the taxonomies, then search.
    pub(crate) menu: Option<Vec<MenuItem>>,
    /// Taxonomies and the folder of their pages; `false` turns one off. Default: all four, at
    /// `gemeenten`, `themas`, `doelgroepen` and `soorten-instrumenten`.
    pub(crate) taxonomies: Vec<TaxonomyConfig>,
    /// Content folders, in order; a file in a later folder replaces the file at the same path in
    /// an earlier one (a local version over a national base). Default `[content]`.
    pub(crate) content_dirs: Vec<PathBuf>,
    /// Output folder. Default `public`.
    pub(crate) output_dir: PathBuf,
    /// Build the client-side search index. Default `true`; without it the search page offers
    /// only the taxonomy listings and the header has no search box.
    pub(crate) search: bool,
    /// Link the first mention of a term in every page's text to the term's page. Default `true`.
    pub(crate) glossary_links: bool,
    /// Items per list page; 0 turns pagination off. Default 50.
    pub(crate) paginate: usize,
    /// Entries in the Atom feed. Default 20.
    pub(crate) feed_limit: usize,
    /// Put a content hash in the names of the theme's assets and the search index folder.
    /// Default `true`; `fingerprint: false` or `--no-fingerprint` turns it off.
    pub(crate) fingerprint: bool,
    /// Theme settings, checked against the settings the theme declares. Default: none.
    pub(crate) theme_settings: BTreeMap<String, String>,
    /// Build pages marked `draft: true` (set by `--drafts`). Default `false`.
    pub(crate) drafts: bool,
    /// Where each key of the config file is written, and each theme setting: recorded when the
    /// file is read, for [`Config::diagnostic_at_key`].
    pub(crate) places: BTreeMap<String, Place>,
    /// Output that works opened from disk (set by `--portable`, see `portable`). Default `false`.
    pub(crate) portable: bool,
    /// The home page's intro and highlighted sections. Default: none (the `_index.md` summary
    /// and every top-level section).
    pub(crate) home: HomeConfig,
    /// The footer's links to the accessibility statement, privacy statement and contact page.
    /// Default: none.
    pub(crate) footer: FooterConfig,
    /// The site this one builds on (`base:`), if any. Default: none.
    pub(crate) base: Option<crate::layers::Base>,
    /// Glob patterns of base files to leave out (`exclude:`). Default: none.
    pub(crate) exclude: Vec<String>,
    /// `base_url` came from `--base-url`, not from the config file.
    pub(crate) base_url_from_flag: bool,
    /// Months after a page's `reviewed` date that it is due for a new review. Default 24.
    pub(crate) review_after: i64,
    /// The languages of translations, other than `language`, each with its name in itself
    /// (`en` → `English`), in the order written. Default: none.
    pub(crate) languages: Vec<(String, String)>,
    /// Write a gzipped copy beside each text file of the output (see `write::precompress`).
    /// Default `false`; `precompress: true` or `--precompress` turns it on, `--portable` off.
    pub(crate) precompress: bool,
}

/// `base_url` split into the part before the path and the path, which always ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct BaseUrl {
    /// `https://example.nl`, or empty when only a path was given.
    pub(crate) origin: String,
    /// `/kennisbank/`, or `/`.
    pub(crate) path: String,
}

impl BaseUrl {
    pub(crate) fn parse(s: &str) -> Result<BaseUrl, Msg> {
        let s = s.trim();
        let (origin, path) = if let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) {
            let scheme_len = s.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(msg!("bad-base-url.no-host"));
            }
            (&s[..scheme_len + host_end], &rest[host_end..])
        } else if s.starts_with('/') {
            ("", s)
        } else {
            return Err(msg!("bad-base-url.start"));
        };
        if path.contains(['?', '#', ' ']) {
            return Err(msg!("bad-base-url.characters"));
        }
        let mut path = path.to_string();
        if !path.starts_with('/') {
            path.insert(0, '/');
        }
        if !path.ends_with('/') {
            path.push('/');
        }
        Ok(BaseUrl { origin: origin.to_string(), path })
    }

    /// Absolute URL of a site path (`begrippen/x/`), as far as the base URL allows. Letters
    /// outside ASCII (a theme in Arabic script) are percent-encoded, as a sitemap and a feed
    /// need; links inside pages keep them as they are, which browsers encode the same way.
    pub(crate) fn absolute(&self, site_path: &str) -> String {
        format!("{}{}{}", self.origin, self.path, crate::text::encode_path(site_path))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct MenuItem {
    pub(crate) title: String,
    /// A site path (`begrippen/`) or an external address.
    pub(crate) url: String,
}

/// The front matter fields that can be taxonomies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum TaxonomyField {
    Municipality,
    Themes,
    TargetGroups,
    ToolType,
}

impl TaxonomyField {
    pub(crate) const ALL: [TaxonomyField; 4] =
        [TaxonomyField::Municipality, TaxonomyField::Themes, TaxonomyField::TargetGroups, TaxonomyField::ToolType];

    pub(crate) fn key(self) -> &'static str {
        match self {
            TaxonomyField::Municipality => "municipality",
            TaxonomyField::Themes => "themes",
            TaxonomyField::TargetGroups => "target_groups",
            TaxonomyField::ToolType => "tool_type",
        }
    }

    pub(crate) fn default_path(self) -> &'static str {
        match self {
            TaxonomyField::Municipality => "gemeenten",
            TaxonomyField::Themes => "themas",
            TaxonomyField::TargetGroups => "doelgroepen",
            TaxonomyField::ToolType => "soorten-instrumenten",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TaxonomyConfig {
    pub(crate) field: TaxonomyField,
    /// The folder of the taxonomy's pages (`gemeenten`).
    pub(crate) path: String,
}

/// Values from the command line that win over the config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// `--portable`: output that works opened from disk.
    pub portable: bool,
    /// `--no-fingerprint`: plain asset names whatever the config says.
    pub no_fingerprint: bool,
    /// `--precompress`: gzipped copies of the text files whatever the config says.
    pub precompress: bool,
}

impl Config {
    /// The configuration of a site without a config file.
    pub(crate) fn defaults(root: &Path) -> Config {
        Config {
            root: root.to_path_buf(),
            file: None,
            file_text: String::new(),
            title: None,
            description: None,
            base_url: BaseUrl { origin: String::new(), path: "/".into() },
            language: "nl".into(),
            menu: None,
            taxonomies: TaxonomyField::ALL
                .iter()
                .map(|&field| TaxonomyConfig { field, path: field.default_path().into() })
                .collect(),
            content_dirs: vec![root.join("content")],
            output_dir: root.join("public"),
            search: true,
            fingerprint: true,
            base_url_from_flag: false,
            glossary_links: true,
            paginate: 50,
            feed_limit: 20,
            theme_settings: BTreeMap::new(),
            drafts: false,
            places: BTreeMap::new(),
            portable: false,
            home: HomeConfig::default(),
            footer: FooterConfig::new(),
            base: None,
            exclude: Vec::new(),
            review_after: 24,
            languages: Vec::new(),
            precompress: false,
        }
    }

    /// Reads `root/wegwijs.yaml` if it exists and applies the overrides: [`RawConfig::read`],
    /// then [`RawConfig::resolve`]. A file that cannot be read as YAML is an `Err`; problems with
    /// single keys (unknown, wrong type, bad address) are returned beside the config, which keeps
    /// the default for those keys, so that the content is still checked in the same run.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
        let file = root.join(CONFIG_FILE);
        let (raw, mut problems) = match fs::read(&file) {
            Ok(bytes) => {
                let shown = display_path(root, &file);
                let text = String::from_utf8(bytes).map_err(|_| {
                    vec![
                        Diagnostic::error("not-utf8", msg!("not-utf8.config"))
                            .in_file(&shown)
                            .help(msg!("not-utf8.config.help")),
                    ]
                })?;
                RawConfig::read(&shown, text)?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (RawConfig::default(), Vec::new()),
            Err(e) => {
                return Err(vec![Diagnostic::error("io", msg!("io.config", reason = e)).in_file(&file)]);
            }
        };
        let base = match raw.base.clone() {
            Some(written) => Some(read_base(root, &raw, &written, &mut problems)?),
            None => None,
        };
        let (raw, base) = match base {
            Some((base_raw, base)) => (RawConfig::merge(base_raw, raw), Some(base)),
            None => (raw, None),
        };
        let (mut config, resolved) = raw.resolve(root, overrides)?;
        problems.extend(resolved);
        config.base = base;
        if config.base.is_none() && !config.exclude.is_empty() {
            let mut d = config
                .diagnostic_at_key("exclude", "exclude-without-base", msg!("exclude-without-base"))
                .help(msg!("exclude-without-base.help"));
            d.severity = crate::diagnostic::Severity::Warning;
            problems.push(d);
        }
        Ok((config, problems))
    }

    /// Whether the site builds on a base (`base:`), so that its pages are base or local.
    pub(crate) fn is_layered(&self) -> bool {
        self.base.is_some()
    }

    /// A diagnostic pointing at `key` in the config file (for problems later stages find in
    /// config values, such as an unknown language or theme setting): a key of the file, else a
    /// setting under `theme`, at the place recorded when the file was read; the start of the
    /// file when the key is not written.
    pub(crate) fn diagnostic_at_key(&self, key: &str, code: &'static str, message: Msg) -> Diagnostic {
        let d = Diagnostic::error(code, message);
        match (self.places.get(key), &self.file) {
            (Some(place), _) => d.at(&place.source(), place.key.clone()),
            (None, Some(file)) => d.at(&SourceText::new(file, &self.file_text), 0..0),
            (None, None) => d,
        }
    }

    /// A path as shown in diagnostics: relative to the site root when it is inside it.
    pub(crate) fn display_path(&self, path: &Path) -> PathBuf {
        display_path(&self.root, path)
    }
}

/// A config file as shown in diagnostics and its text, shared by the places of its values.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ConfigFile {
    pub(crate) path: PathBuf,
    pub(crate) text: String,
}

/// Where a value is written: its config file and the byte spans of its key and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub(crate) file: Arc<ConfigFile>,
    pub(crate) key: Range<usize>,
    pub(crate) value: Range<usize>,
}

impl Place {
    pub(crate) fn source(&self) -> SourceText<'_> {
        SourceText::new(&self.file.path, &self.file.text)
    }

    /// `d` pointing at the value.
    pub(crate) fn at_value(&self, d: Diagnostic) -> Diagnostic {
        d.at(&self.source(), self.value.clone())
    }
}

/// A value and the place it is written, for values whose problems are found after a merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Written<T> {
    pub(crate) value: T,
    pub(crate) at: Place,
}

/// What `taxonomies` says of one field: a folder as written, or `false`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum TaxonomyFolder {
    Off,
    Folder(String),
}

/// A config file as written: every key `None` when it is not written (or its value has the
/// wrong type, which [`RawConfig::read`] reports), no defaults and no value checks yet. Layered
/// sites [`merge`](RawConfig::merge) two of these; [`resolve`](RawConfig::resolve) then gives
/// the [`Config`].
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct RawConfig {
    /// The file read; after a merge, the local one.
    pub(crate) file: Option<Arc<ConfigFile>>,
    pub(crate) title: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) language: Option<String>,
    /// Each item with the place of the `menu` it is in.
    pub(crate) menu: Option<Vec<Written<MenuItem>>>,
    pub(crate) taxonomies: Option<BTreeMap<TaxonomyField, Written<TaxonomyFolder>>>,
    /// As written, relative to the site root; an empty list is not written.
    pub(crate) content_dirs: Option<Vec<String>>,
    pub(crate) output_dir: Option<String>,
    pub(crate) allow_html: Option<bool>,
    pub(crate) paginate: Option<i64>,
    pub(crate) feed_limit: Option<i64>,
    pub(crate) search: Option<bool>,
    pub(crate) fingerprint: Option<bool>,
    pub(crate) review_after: Option<i64>,
    /// Translation languages and their names, as written.
    pub(crate) languages: Option<Vec<(String, String)>>,
    pub(crate) glossary_links: Option<bool>,
    /// Theme settings as text, each at the place of its own key (the start of the file when it
    /// cannot be found, as when the key is quoted).
    pub(crate) theme: Option<BTreeMap<String, Written<String>>>,
    /// Where each top-level key is written.
    pub(crate) places: BTreeMap<String, Place>,
    pub(crate) home: Option<HomeConfig>,
    pub(crate) footer: Option<FooterConfig>,
    /// `base`: `builtin` or a folder, with its place.
    pub(crate) base: Option<String>,
    /// `exclude`: glob patterns on base paths.
    pub(crate) exclude: Option<Vec<String>>,
    pub(crate) precompress: Option<bool>,
}

fn menu_help() -> Msg {
    msg!("wrong-type.help", key = "menu", example = "[{title: Begrippen, url: begrippen/}]")
}
fn taxonomies_help() -> Msg {
    msg!("wrong-type.help", key = "taxonomies", example = "{municipality: gemeenten, tool_type: false}")
}
fn theme_help() -> Msg {
    msg!("wrong-type.help", key = "theme", example = "{accent_color: \"#1d5c8c\"}")
}

impl RawConfig {
    /// Reads the text of the config file at `path` (as shown in diagnostics). Text that is not a
    /// YAML mapping is an `Err`; a value of the wrong type and an unknown key are reported beside
    /// the values, and the key is left `None`.
    pub(crate) fn read(path: &Path, text: String) -> Result<(RawConfig, Vec<Diagnostic>), Vec<Diagnostic>> {
        let file = Arc::new(ConfigFile { path: path.to_path_buf(), text });
        let src = SourceText::new(&file.path, &file.text);
        let mut m = YamlMap::parse(src, 0..file.text.len()).map_err(|d| vec![d])?;
        let place =
            |m: &YamlMap<'_>, key: &str| Place { file: file.clone(), key: m.key_span(key), value: m.value_span(key) };
        let mut raw = RawConfig {
            file: Some(file.clone()),
            title: m.string("title", "Wegwijs in cultuursensitief werken"),
            description: m.string("description", "Kennisbank over cultuursensitief werken"),
            base_url: m.string("base_url", "https://www.example.nl/"),
            language: m.string("language", "nl"),
            ..RawConfig::default()
        };
        if let Some(v) = m.raw("menu") {
            match menu_items(&v) {
                Some(items) => {
                    let at = place(&m, "menu");
                    raw.menu = Some(items.into_iter().map(|value| Written { value, at: at.clone() }).collect());
                }
                None => m.error_at_value("menu", "wrong-type", msg!("wrong-type.menu"), menu_help()),
            }
        }
        if let Some(v) = m.raw("taxonomies") {
            let at = place(&m, "taxonomies");
            raw.taxonomies = read_taxonomies(&mut m, &v, &at);
        }
        let dirs = m.string_list("content_dirs", "[content]");
        raw.content_dirs = (!dirs.is_empty()).then_some(dirs);
        raw.output_dir = m.string("output_dir", "public");
        raw.search = m.bool("search");
        raw.base = m.string("base", "builtin");
        let exclude = m.string_list("exclude", "[praktijkvoorbeelden/**]");
        raw.exclude = (!exclude.is_empty()).then_some(exclude);
        raw.fingerprint = m.bool("fingerprint");
        raw.glossary_links = m.bool("glossary_links");
        raw.allow_html = m.bool("allow_html");
        raw.paginate = m.integer("paginate", "50");
        raw.feed_limit = m.integer("feed_limit", "20");
        raw.review_after = m.integer("review_after", "24");
        raw.precompress = m.bool("precompress");
        if let Some(v) = m.raw("theme") {
            let at = place(&m, "theme");
            raw.theme = read_theme(&mut m, &v, &at);
        }
        if let Some(v) = m.raw("home") {
            let at = place(&m, "home");
            raw.home = house::read_home(&mut m, &v, &at);
        }
        if let Some(v) = m.raw("footer") {
            let at = place(&m, "footer");
            raw.footer = house::read_footer(&mut m, &v, &at);
        }
        if let Some(v) = m.raw("languages") {
            raw.languages = read_languages(&mut m, &v);
        }
        for (key, key_span, value_span) in m.spans().iter() {
            raw.places.insert(key.to_string(), Place { file: file.clone(), key: key_span, value: value_span });
        }
        let names: Vec<&str> = KEYS.iter().map(|k| k.key).collect();
        Ok((raw, m.finish(&names, msg!("what.config"), &|_| None)))
    }

    /// `local` layered over `base` (a municipality's config over the national one):
    ///
    /// - a scalar key (`title`, `base_url`, `language`, `output_dir`, `paginate`, ...): the local
    ///   value replaces the base one;
    /// - `menu`: the local items come after the base items;
    /// - `theme`: merged setting by setting, the local value winning;
    /// - `taxonomies`: merged field by field, the local value winning (so a local
    ///   `tool_type: false` turns off one taxonomy and keeps the base folders of the others);
    /// - `content_dirs`: the local list replaces the base list.
    ///
    /// Each key keeps the place it is written, in whichever file, so that problems found by
    /// [`resolve`](RawConfig::resolve) point into the right file.
    pub(crate) fn merge(base: RawConfig, local: RawConfig) -> RawConfig {
        let mut places = base.places;
        places.extend(local.places);
        RawConfig {
            file: local.file.or(base.file),
            title: local.title.or(base.title),
            description: local.description.or(base.description),
            base_url: local.base_url.or(base.base_url),
            language: local.language.or(base.language),
            menu: layered(base.menu, local.menu),
            taxonomies: layered(base.taxonomies, local.taxonomies),
            content_dirs: local.content_dirs.or(base.content_dirs),
            output_dir: local.output_dir.or(base.output_dir),
            allow_html: local.allow_html.or(base.allow_html),
            paginate: local.paginate.or(base.paginate),
            feed_limit: local.feed_limit.or(base.feed_limit),
            search: local.search.or(base.search),
            fingerprint: local.fingerprint.or(base.fingerprint),
            review_after: local.review_after.or(base.review_after),
            languages: local.languages.or(base.languages),
            glossary_links: local.glossary_links.or(base.glossary_links),
            theme: layered(base.theme, local.theme),
            places,
            home: match (base.home, local.home) {
                (Some(base), Some(local)) => Some(HomeConfig::merge(base, local)),
                (base, local) => local.or(base),
            },
            footer: layered(base.footer, local.footer),
            base: local.base,
            exclude: local.exclude,
            precompress: local.precompress.or(base.precompress),
        }
    }

    /// The configuration of the site at `root`: defaults for what is not written, the values
    /// checked (a value with a problem is reported at its place and the default kept), then the
    /// command-line overrides. Only an unusable `--base-url` is an `Err`: it cannot be kept.
    pub(crate) fn resolve(
        self,
        root: &Path,
        overrides: &Overrides,
    ) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut config = Config::defaults(root);
        let mut problems = Vec::new();
        if let Some(file) = &self.file {
            config.file = Some(file.path.clone());
            config.file_text = file.text.clone();
        }
        let at_value = |key: &str, d: Diagnostic| match self.places.get(key) {
            Some(place) => place.at_value(d),
            None => d,
        };
        config.title = self.title;
        config.description = self.description;
        if let Some(url) = &self.base_url {
            match BaseUrl::parse(url) {
                Ok(b) => config.base_url = b,
                Err(why) => problems.push(
                    at_value("base_url", Diagnostic::error("bad-base-url", msg!("bad-base-url", why)))
                        .help(msg!("bad-base-url.help")),
                ),
            }
        }
        if let Some(lang) = &self.language {
            // The language names the interface strings file (`i18n/<language>.yaml`) and goes
            // into `<html lang>`: only a language tag is a value here, never a path.
            let lang = lang.trim();
            if is_language_tag(lang) {
                config.language = lang.to_lowercase();
            } else {
                problems.push(
                    at_value("language", Diagnostic::error("invalid-language", msg!("invalid-language", lang)))
                        .help(msg!("invalid-language.help")),
                );
            }
        }
        if let Some(items) = &self.menu {
            config.menu = Some(safe_menu(items, &mut problems));
        }
        if let Some(taxonomies) = &self.taxonomies {
            resolve_taxonomies(&mut config.taxonomies, taxonomies, &mut problems);
        }
        if let Some(dirs) = &self.content_dirs {
            config.content_dirs = dirs.iter().map(|d| root.join(d)).collect();
        }
        if let Some(out) = &self.output_dir {
            config.output_dir = root.join(out);
        }
        if let Some(b) = self.search {
            config.search = b;
        }
        if let Some(b) = self.fingerprint {
            config.fingerprint = b;
        }
        if let Some(b) = self.glossary_links {
            config.glossary_links = b;
        }
        if let Some(b) = self.precompress {
            config.precompress = b;
        }
        if self.allow_html == Some(true) {
            problems.push(
                at_value("allow_html", Diagnostic::error("unsafe-html", msg!("unsafe-html")))
                    .help(msg!("unsafe-html.help")),
            );
        }
        if let Some(n) = self.paginate {
            config.paginate = usize::try_from(n).unwrap_or(0);
        }
        if let Some(n) = self.feed_limit {
            config.feed_limit = usize::try_from(n).unwrap_or(0);
        }
        match self.review_after {
            Some(n) if n >= 1 => config.review_after = n,
            Some(n) => problems.push(
                at_value("review_after", Diagnostic::error("bad-months", msg!("bad-months", key = "review_after", n)))
                    .help(msg!("bad-months.help", key = "review_after")),
            ),
            None => {}
        }
        for (tag, name) in self.languages.iter().flatten() {
            let tag = tag.trim().to_lowercase();
            if !is_language_tag(&tag) {
                problems.push(
                    at_value("languages", Diagnostic::error("invalid-language", msg!("invalid-language", lang = &tag)))
                        .help(msg!("invalid-language.help")),
                );
            } else if tag != config.language && !config.languages.iter().any(|(t, _)| *t == tag) {
                config.languages.push((tag, name.trim().to_string()));
            }
        }
        config.places = self.places;
        for (key, setting) in self.theme.into_iter().flatten() {
            config.places.entry(key.clone()).or_insert(setting.at);
            config.theme_settings.insert(key, setting.value);
        }
        if let Some(out) = &overrides.output_dir {
            config.output_dir = out.clone();
        }
        if let Some(url) = &overrides.base_url {
            config.base_url_from_flag = true;
            config.base_url = BaseUrl::parse(url).map_err(|why| {
                vec![
                    Diagnostic::error("bad-base-url", msg!("bad-base-url.flag", url, why))
                        .help(msg!("bad-base-url.flag.help")),
                ]
            })?;
        }
        config.drafts = overrides.drafts;
        config.portable = overrides.portable;
        config.home = self.home.unwrap_or_default();
        config.footer = self.footer.unwrap_or_default();
        config.exclude = self.exclude.unwrap_or_default();
        // Portable output is opened from disk, where no cache needs telling that a file
        // changed: plain names, which also keep the index scripts' names predictable.
        if overrides.no_fingerprint || overrides.portable {
            config.fingerprint = false;
        }
        // Gzipped copies are for a web server; opened from disk they only take room.
        config.precompress = (config.precompress || overrides.precompress) && !overrides.portable;
        Ok((config, problems))
    }
}

/// `local` over `base` for a key whose entries add up (a list, a map): the base's entries, then
/// the local ones (which replace base entries of a map with the same name).
fn layered<C: IntoIterator + Extend<C::Item>>(base: Option<C>, local: Option<C>) -> Option<C> {
    match (base, local) {
        (Some(mut base), Some(local)) => {
            base.extend(local);
            Some(base)
        }
        (base, local) => local.or(base),
    }
}

/// The fields of `taxonomies` with a folder or `false`; other keys and values are reported.
fn read_taxonomies(
    m: &mut YamlMap<'_>,
    v: &serde_yaml::Value,
    at: &Place,
) -> Option<BTreeMap<TaxonomyField, Written<TaxonomyFolder>>> {
    let Some(map) = v.as_mapping() else {
        m.error_at_value("taxonomies", "wrong-type", msg!("wrong-type.taxonomies"), taxonomies_help());
        return None;
    };
    let names: Vec<&str> = TaxonomyField::ALL.iter().map(|f| f.key()).collect();
    let mut fields = BTreeMap::new();
    for (k, val) in map {
        let key = k.as_str().unwrap_or_default();
        let Some(field) = TaxonomyField::ALL.iter().copied().find(|f| f.key() == key) else {
            let help = crate::diagnostic::did_you_mean(key, names.iter().copied()).map_or_else(
                || msg!("unknown-key.taxonomy.help", names = names.join(", ")),
                |s| msg!("did-you-mean", name = s),
            );
            m.error_at_value("taxonomies", "unknown-key", msg!("unknown-key.taxonomy", key), help);
            continue;
        };
        let value = match val {
            serde_yaml::Value::Bool(false) => TaxonomyFolder::Off,
            serde_yaml::Value::String(p) => TaxonomyFolder::Folder(p.clone()),
            _ => {
                m.error_at_value("taxonomies", "wrong-type", folder_or_false(key), taxonomies_help());
                continue;
            }
        };
        fields.insert(field, Written { value, at: at.clone() });
    }
    Some(fields)
}

/// `languages`: a mapping of language tags to their names in themselves, in the order written.
fn read_languages(m: &mut YamlMap<'_>, v: &serde_yaml::Value) -> Option<Vec<(String, String)>> {
    let help = || msg!("wrong-type.help", key = "languages", example = "{en: English, ar: العربية}");
    let Some(map) = v.as_mapping() else {
        m.error_at_value("languages", "wrong-type", msg!("wrong-type.languages"), help());
        return None;
    };
    let mut out = Vec::new();
    for (k, val) in map {
        match (k.as_str(), val.as_str()) {
            (Some(tag), Some(name)) => out.push((tag.to_string(), name.to_string())),
            _ => m.error_at_value("languages", "wrong-type", msg!("wrong-type.languages"), help()),
        }
    }
    Some(out)
}

fn folder_or_false(key: &str) -> Msg {
    msg!("wrong-type.taxonomy", key)
}

/// The taxonomy folders as written over `taxonomies` (the defaults); a folder that leaves the
/// output, or is no folder name at all, is reported and the default kept.
fn resolve_taxonomies(
    taxonomies: &mut Vec<TaxonomyConfig>,
    written: &BTreeMap<TaxonomyField, Written<TaxonomyFolder>>,
    problems: &mut Vec<Diagnostic>,
) {
    for (&field, w) in written {
        let key = field.key();
        let pos = taxonomies.iter().position(|t| t.field == field);
        match &w.value {
            TaxonomyFolder::Off => {
                if let Some(i) = pos {
                    taxonomies.remove(i);
                }
            }
            TaxonomyFolder::Folder(p) if p.trim_matches('/').split('/').any(|part| part == "..") => {
                problems.push(
                    w.at.at_value(Diagnostic::error("path-outside-site", msg!("path-outside-site", folder = p, key)))
                        .help(msg!("path-outside-site.help")),
                );
            }
            TaxonomyFolder::Folder(p) if !slugify(p).is_empty() => {
                // Each part a slug, and no empty parts: the folder stays inside the output,
                // however the value is written (`/themas/`, `a//b`).
                let path = p.split('/').map(slugify).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/");
                match pos {
                    Some(i) => taxonomies[i].path = path,
                    None => taxonomies.push(TaxonomyConfig { field, path }),
                }
            }
            TaxonomyFolder::Folder(_) => problems
                .push(w.at.at_value(Diagnostic::error("wrong-type", folder_or_false(key))).help(taxonomies_help())),
        }
    }
}

/// The base named by `base:` in the local config `local`: its config as read (without the keys
/// that belong to the base's own folder: `content_dirs`, `output_dir`, `base`, `exclude`) and
/// where its content is. A base that cannot be found is an `Err` at the `base` value: without
/// it the local site is not what its editors mean.
fn read_base(
    root: &Path,
    local: &RawConfig,
    written: &str,
    problems: &mut Vec<Diagnostic>,
) -> Result<(RawConfig, crate::layers::Base), Vec<Diagnostic>> {
    use crate::layers::{BUILTIN, BUILTIN_SHOWN, Base, BaseSource};
    let at_base = |d: Diagnostic| match local.places.get("base") {
        Some(place) => place.at_value(d),
        None => d,
    };
    let written = written.trim();
    let (source, text, shown, folder) = if written == BUILTIN {
        let shown = Path::new(BUILTIN_SHOWN).join(CONFIG_FILE);
        (BaseSource::Builtin, Some(crate::layers::builtin_config().to_string()), shown, None)
    } else {
        let folder = root.join(written);
        if !folder.is_dir() {
            return Err(vec![
                at_base(Diagnostic::error("no-base", msg!("no-base", folder = display_path(root, &folder).display())))
                    .help(msg!("no-base.help")),
            ]);
        }
        if fs::canonicalize(&folder).ok() == fs::canonicalize(root).ok() {
            return Err(vec![
                at_base(Diagnostic::error("base-is-site", msg!("base-is-site"))).help(msg!("no-base.help")),
            ]);
        }
        let file = folder.join(CONFIG_FILE);
        let text = match fs::read_to_string(&file) {
            Ok(t) => Some(t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(vec![Diagnostic::error("io", msg!("io.config", reason = e)).in_file(&file)]);
            }
        };
        let shown = display_path(root, &file);
        (BaseSource::Folder(folder.clone()), text, shown, Some(folder))
    };
    let (mut raw, found) = match text {
        Some(text) => RawConfig::read(&shown, text)?,
        None => (RawConfig::default(), Vec::new()),
    };
    problems.extend(found);
    if raw.base.is_some() {
        problems.push(
            Diagnostic::warning("nested-base", msg!("nested-base")).in_file(&shown).help(msg!("nested-base.help")),
        );
    }
    let dirs = raw.content_dirs.take().unwrap_or_else(|| vec!["content".to_string()]);
    let content_dirs = match &folder {
        Some(folder) => dirs.iter().map(|d| folder.join(d)).collect(),
        None => Vec::new(),
    };
    for key in ["content_dirs", "output_dir", "base", "exclude"] {
        raw.places.remove(key);
    }
    raw.output_dir = None;
    raw.base = None;
    raw.exclude = None;
    let config_shown = raw.file.is_some().then_some(shown);
    Ok((raw, Base { source, content_dirs, config_shown }))
}

/// The settings of `theme` that are text (numbers and `true`/`false` read as text), each at the
/// place of its key: the first `setting:` after the `theme` key.
fn read_theme(m: &mut YamlMap<'_>, v: &serde_yaml::Value, at: &Place) -> Option<BTreeMap<String, Written<String>>> {
    let Some(map) = v.as_mapping() else {
        m.error_at_value("theme", "wrong-type", msg!("wrong-type.theme"), theme_help());
        return None;
    };
    let text = &at.file.text;
    let mut settings = BTreeMap::new();
    for (k, val) in map {
        let key = k.as_str().unwrap_or_default().to_string();
        let value = match val {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            _ => {
                m.error_at_value("theme", "wrong-type", msg!("wrong-type.theme-setting", key), theme_help());
                continue;
            }
        };
        let span = setting_key_span(text, at.key.start, &key);
        settings.insert(key, Written { value, at: Place { file: at.file.clone(), key: span.clone(), value: span } });
    }
    Some(settings)
}

/// Where the theme setting `key` is written in `text`: the first `key:` from `from` (the `theme`
/// key) on that starts a line's content or follows the `{` or `,` of a mapping, so that a
/// setting's name inside another setting's value is passed by; else the first `key:` at all
/// from there; else the start of the file.
fn setting_key_span(text: &str, from: usize, key: &str) -> Range<usize> {
    let written = format!("{key}:");
    let mut first = None;
    for (i, _) in text[from..].match_indices(&written) {
        let start = from + i;
        let before = text[..start].rsplit('\n').next().unwrap_or("").trim_end_matches([' ', '\t']);
        if before.is_empty() || before.ends_with(['{', ',']) {
            return start..start + key.len();
        }
        first.get_or_insert(start..start + key.len());
    }
    first.unwrap_or(0..0)
}

/// The menu items whose `url` cannot run script; the others are reported at their `url`: in
/// the text of their file, each looked for after the previous one, from the `menu` key on.
fn safe_menu(items: &[Written<MenuItem>], problems: &mut Vec<Diagnostic>) -> Vec<MenuItem> {
    let mut kept = Vec::with_capacity(items.len());
    // The file searched and where the search goes on in it.
    let mut searched: Option<(&Arc<ConfigFile>, usize)> = None;
    for Written { value: item, at } in items {
        let crate::url::UrlKind::Unsafe(scheme) = crate::url::classify(&item.url) else {
            kept.push(item.clone());
            continue;
        };
        let from = match searched {
            Some((file, from)) if Arc::ptr_eq(file, &at.file) => from,
            _ => at.key.start,
        };
        // Items are written in order, so each is looked for after the previous one.
        let (span, next) = match at.file.text[from..].find(item.url.as_str()) {
            Some(i) if !item.url.is_empty() => (from + i..from + i + item.url.len(), from + i + item.url.len()),
            _ => (at.value.clone(), from),
        };
        searched = Some((&at.file, next));
        problems.push(crate::url::unsafe_url(&item.url, &scheme).at(&at.source(), span));
    }
    kept
}

/// The `language` of the site in `root`, when its config can be read: for the command line,
/// which speaks the site's language before (and whether or not) a build gets that far.
pub fn site_language(root: &Path) -> Option<String> {
    Config::load(root, &Overrides::default()).ok().map(|(config, _)| config.language)
}

/// Whether `s` has the shape of a BCP 47 language tag (`nl`, `en-GB`, `zh-Hant-TW`): subtags
/// of letters and digits, at most 8 long, separated by `-`; the first one 2 to 3 letters, or 4
/// to 8 for a registered language. The shape is all that is checked; whether the theme has
/// strings for the language is the theme's question.
pub fn is_language_tag(s: &str) -> bool {
    let mut subtags = s.split('-');
    let first = subtags.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags.all(|t| (1..=8).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Why `path`, a config value naming a file of the site (a theme's `logo`), does not stay inside
/// the site, if it does not: an absolute path, a drive or address, a `\\`, or `..` that climbs
/// out of the site once the path is normalised.
pub(crate) fn leaves_site(path: &str) -> Option<Msg> {
    let path = path.trim();
    if path.starts_with('/') {
        return Some(msg!("leaves-site.absolute"));
    }
    if path.contains('\\') {
        return Some(msg!("leaves-site.backslash"));
    }
    if path.split('/').next().is_some_and(|first| first.contains(':')) || path.contains('\0') {
        return Some(msg!("leaves-site.drive"));
    }
    let mut depth = 0usize;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Some(msg!("leaves-site.climbs")),
            },
            _ => depth += 1,
        }
    }
    None
}

fn menu_items(v: &serde_yaml::Value) -> Option<Vec<MenuItem>> {
    v.as_sequence()?
        .iter()
        .map(|item| {
            let m = item.as_mapping()?;
            if m.len() != 2 {
                return None;
            }
            Some(MenuItem { title: m.get("title")?.as_str()?.to_string(), url: m.get("url")?.as_str()?.to_string() })
        })
        .collect()
}

/// `path` relative to `root` when inside it, else as it is.
pub(crate) fn display_path(root: &Path, path: &Path) -> PathBuf {
    let root = root.strip_prefix("./").unwrap_or(root);
    let path_s = path.strip_prefix("./").unwrap_or(path);
    match path_s.strip_prefix(root) {
        Ok(rel) if root != Path::new(".") && root != Path::new("") => rel.to_path_buf(),
        _ => path_s.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let b = BaseUrl::parse("https://example.nl/kennisbank").unwrap();
        assert_eq!((b.origin.as_str(), b.path.as_str()), ("https://example.nl", "/kennisbank/"));
        assert_eq!(b.absolute("begrippen/x/"), "https://example.nl/kennisbank/begrippen/x/");
        assert_eq!(b.absolute("themas/صحة/"), "https://example.nl/kennisbank/themas/%D8%B5%D8%AD%D8%A9/");
        let b = BaseUrl::parse("https://example.nl").unwrap();
        assert_eq!(b.path, "/");
        assert_eq!(BaseUrl::parse("/").unwrap().origin, "");
        assert!(BaseUrl::parse("example.nl").is_err());
    }

    #[test]
    fn unknown_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CONFIG_FILE), "title: X\nbase_ulr: /\n").unwrap();
        let (c, err) = Config::load(dir.path(), &Overrides::default()).unwrap();
        assert_eq!(c.title.as_deref(), Some("X"));
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].help_text(crate::messages::Lang::En).as_deref(), Some("did you mean `base_url`?"));
        assert_eq!(err[0].line, Some(2));
    }

    #[test]
    fn language_tags_have_their_shape() {
        for ok in ["nl", "en", "en-GB", "ar", "zh-Hant-TW", "fry", "de-CH-1996", "tlh"] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in
            ["", "n", "../../x", "nl/..", "en.yaml", "en_GB", "nl-", "-nl", "en--GB", "n1", "é", "nl\\x", "abcdefghi"]
        {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn paths_stay_inside_the_site() {
        for ok in ["img/logo.svg", "./img/../logo.png", "a/b/../../c.png", ""] {
            assert_eq!(leaves_site(ok), None, "{ok}");
        }
        for bad in ["/etc/passwd", "../x.png", "img/../../x.png", "C:/x.png", "img\\..\\..\\x", "https://x.nl/a.png"] {
            assert!(leaves_site(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn taxonomy_folders_stay_inside_the_output() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CONFIG_FILE), "taxonomies: {themes: \"/a//B c/\", municipality: \"../../x\"}\n")
            .unwrap();
        let (c, err) = Config::load(dir.path(), &Overrides::default()).unwrap();
        let themes = c.taxonomies.iter().find(|t| t.field == TaxonomyField::Themes).unwrap();
        assert_eq!(themes.path, "a/b-c");
        let municipality = c.taxonomies.iter().find(|t| t.field == TaxonomyField::Municipality).unwrap();
        assert_eq!(municipality.path, "gemeenten", "the default is kept");
        assert_eq!(err.len(), 1);
        assert_eq!((err[0].code, err[0].line), ("path-outside-site", Some(1)));
    }

    #[test]
    fn a_language_that_is_not_a_tag_is_refused_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CONFIG_FILE), "title: X\nlanguage: \"../../x\"\n").unwrap();
        let (c, err) = Config::load(dir.path(), &Overrides::default()).unwrap();
        assert_eq!(c.language, "nl");
        assert_eq!(err.len(), 1);
        assert_eq!((err[0].code, err[0].line, err[0].column), ("invalid-language", Some(2), Some(11)));
    }

    #[test]
    fn taxonomies_can_move_and_turn_off() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(CONFIG_FILE), "taxonomies: {municipality: plaatsen, tool_type: false}\n").unwrap();
        let (c, _) = Config::load(dir.path(), &Overrides::default()).unwrap();
        assert_eq!(c.taxonomies.len(), 3);
        assert_eq!(c.taxonomies[0].path, "plaatsen");
    }

    fn raw(name: &str, text: &str) -> RawConfig {
        let (raw, problems) = RawConfig::read(Path::new(name), text.to_string()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        raw
    }

    #[test]
    fn a_local_config_layers_over_the_base() {
        let base = raw(
            "base.yaml",
            "title: Landelijk\nlanguage: nl\npaginate: 30\nmenu: [{title: Begrippen, url: begrippen/}]\n\
             taxonomies: {municipality: plaatsen, themes: onderwerpen}\ncontent_dirs: [landelijk]\n\
             theme: {accent_color: \"#1d5c8c\", organisation: VNG}\n",
        );
        let local = raw(
            "local.yaml",
            "title: Weert\nmenu: [{title: Zoeken, url: zoeken/}]\ntaxonomies: {themes: themas-weert, tool_type: false}\n\
             content_dirs: [weert]\ntheme: {organisation: Gemeente Weert, logo: img/weert.svg}\n",
        );
        let merged = RawConfig::merge(base, local);
        let (c, problems) = merged.resolve(Path::new("/site"), &Overrides::default()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        // Scalars: the local value, else the base one.
        assert_eq!(c.title.as_deref(), Some("Weert"));
        assert_eq!((c.language.as_str(), c.paginate), ("nl", 30));
        // The menu: base items, then local ones.
        let menu: Vec<&str> = c.menu.iter().flatten().map(|m| m.url.as_str()).collect();
        assert_eq!(menu, ["begrippen/", "zoeken/"]);
        // Taxonomies field by field.
        let folders: Vec<(&str, &str)> = c.taxonomies.iter().map(|t| (t.field.key(), t.path.as_str())).collect();
        assert_eq!(
            folders,
            [("municipality", "plaatsen"), ("themes", "themas-weert"), ("target_groups", "doelgroepen")]
        );
        // Content folders: the local list replaces the base list.
        assert_eq!(c.content_dirs, [Path::new("/site/weert")]);
        // Theme settings key by key.
        let theme: Vec<(&str, &str)> = c.theme_settings.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(theme, [("accent_color", "#1d5c8c"), ("logo", "img/weert.svg"), ("organisation", "Gemeente Weert")]);
        // Each key points into the file that wrote it.
        let at = |key: &str| {
            let d = c.diagnostic_at_key(key, "x", msg!("count.none"));
            (d.file.unwrap().display().to_string(), d.line.unwrap())
        };
        assert_eq!(at("language"), ("base.yaml".to_string(), 2));
        assert_eq!(at("title"), ("local.yaml".to_string(), 1));
        assert_eq!(at("accent_color"), ("base.yaml".to_string(), 7));
        assert_eq!(at("logo"), ("local.yaml".to_string(), 5));
    }

    #[test]
    fn what_the_local_config_does_not_write_comes_from_the_base() {
        let base = raw("base.yaml", "title: Landelijk\nmenu: [{title: A, url: a/}]\ntheme: {logo: a.svg}\n");
        let merged = RawConfig::merge(base.clone(), RawConfig::default());
        assert_eq!(merged, base);
        let merged = RawConfig::merge(RawConfig::default(), base.clone());
        assert_eq!(merged, base);
    }

    #[test]
    fn problems_of_merged_values_are_reported_in_their_own_file() {
        let base = raw("base.yaml", "title: X\nmenu: [{title: A, url: \"javascript:alert(1)\"}]\n");
        let local = raw("local.yaml", "\nmenu: [{title: B, url: \"javascript:alert(1)\"}]\nbase_url: example.nl\n");
        let (c, problems) = RawConfig::merge(base, local).resolve(Path::new("."), &Overrides::default()).unwrap();
        assert!(c.menu.unwrap().is_empty());
        let places: Vec<(&str, String, usize, usize)> = problems
            .iter()
            .map(|d| (d.code, d.file.as_ref().unwrap().display().to_string(), d.line.unwrap(), d.column.unwrap()))
            .collect();
        assert_eq!(
            places,
            [
                ("bad-base-url", "local.yaml".to_string(), 3, 11),
                ("unsafe-url", "base.yaml".to_string(), 2, 25),
                ("unsafe-url", "local.yaml".to_string(), 2, 25),
            ]
        );
    }

    #[test]
    fn a_key_is_found_where_it_is_written_not_where_its_name_is_mentioned() {
        let dir = tempfile::tempdir().unwrap();
        let text = "description: \"language: of the site\"\nlanguage : xx\ntheme: {logo: a.svg}\n";
        fs::write(dir.path().join(CONFIG_FILE), text).unwrap();
        let (c, err) = Config::load(dir.path(), &Overrides::default()).unwrap();
        assert!(err.is_empty(), "{err:?}");
        let d = c.diagnostic_at_key("language", "unknown-language", msg!("count.none"));
        assert_eq!((d.line, d.column), (Some(2), Some(1)));
        let d = c.diagnostic_at_key("logo", "x", msg!("count.none"));
        assert_eq!((d.line, d.column), (Some(3), Some(9)));
        let d = c.diagnostic_at_key("output_dir", "x", msg!("count.none"));
        assert_eq!((d.line, d.column), (Some(1), Some(1)), "a key not written: the start of the file");
    }

    #[test]
    fn every_key_of_the_table_is_read() {
        let text = "title: T\ndescription: D\nbase_url: /x/\nlanguage: en\nmenu: []\ntaxonomies: {}\n\
                    content_dirs: [c]\noutput_dir: o\nallow_html: false\npaginate: 5\nfeed_limit: 6\n\
                    theme: {}\nsearch: false\nhome: {}\nfooter: {}\nbase: builtin\nexclude: [a]\nfingerprint: false\n\
                    review_after: 12\nlanguages: {en: English}\nglossary_links: false\nprecompress: true\n";
        let (raw, problems) = RawConfig::read(Path::new("w.yaml"), text.to_string()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        let read = [
            raw.title.is_some(),
            raw.description.is_some(),
            raw.base_url.is_some(),
            raw.language.is_some(),
            raw.menu.is_some(),
            raw.taxonomies.is_some(),
            raw.content_dirs.is_some(),
            raw.output_dir.is_some(),
            raw.allow_html.is_some(),
            raw.paginate.is_some(),
            raw.feed_limit.is_some(),
            raw.theme.is_some(),
            raw.search.is_some(),
            raw.home.is_some(),
            raw.footer.is_some(),
            raw.base.is_some(),
            raw.exclude.is_some(),
            raw.fingerprint.is_some(),
            raw.review_after.is_some(),
            raw.languages.is_some(),
            raw.glossary_links.is_some(),
            raw.precompress.is_some(),
        ];
        assert_eq!(read.len(), KEYS.len());
        assert!(read.iter().all(|&r| r), "{read:?}");
        let keys: Vec<&str> = raw.places.keys().map(String::as_str).collect();
        let mut table: Vec<&str> = KEYS.iter().map(|k| k.key).collect();
        table.sort_unstable();
        assert_eq!(keys, table);
    }

    #[test]
    fn the_readme_lists_the_config_keys() {
        assert_eq!(
            crate::kind::tests::readme_table("## Site config: `wegwijs.yaml`"),
            keys_markdown(),
            "README \"Site config\" (`cargo run --example keys`)"
        );
    }
}
