//! Site configuration: `wegwijs.yaml` in the site root, overridden by command-line flags.
//!
//! A folder holding only `content/` builds without a config file: every setting has a default,
//! written in its doc comment below. Unknown keys are an error with a "did you mean".
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
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, SourceText};
use crate::text::slugify;
use crate::yaml::YamlMap;

/// The name of the config file in the site root.
pub const CONFIG_FILE: &str = "wegwijs.yaml";

/// Keys of `wegwijs.yaml`.
const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "menu",
    "taxonomies",
    "content_dirs",
    "output_dir",
    "allow_html",
    "paginate",
    "feed_limit",
    "theme",
    "search",
];

/// The resolved site configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site root: where `wegwijs.yaml`, `content/`, `templates/` and `static/` live.
    pub root: PathBuf,
    /// The config file, if there is one, and its text (for diagnostics of later stages).
    pub file: Option<PathBuf>,
    pub file_text: String,
    /// Site title. Default: the title of the home page (`content/_index.md`), else "Wegwijs".
    pub title: Option<String>,
    /// One-sentence description for search engines and the feed. Default: none.
    pub description: Option<String>,
    /// Where the site will be published. Default `/`. A sub-path (`https://example.nl/kennisbank/`)
    /// is respected everywhere; links inside the site are relative, so they work at any path.
    pub base_url: BaseUrl,
    /// Language of the site and its interface strings (`nl` or `en`). Default `nl`.
    pub language: String,
    /// Main menu. Default: the top-level sections by weight, then the taxonomies, then search.
    pub menu: Option<Vec<MenuItem>>,
    /// Taxonomies and the folder of their pages; `false` turns one off. Default: all four, at
    /// `gemeenten`, `themas`, `doelgroepen` and `soorten-instrumenten`.
    pub taxonomies: Vec<TaxonomyConfig>,
    /// Content folders, in order; a file in a later folder replaces the file at the same path in
    /// an earlier one (a local version over a national base). Default `[content]`.
    pub content_dirs: Vec<PathBuf>,
    /// Output folder. Default `public`.
    pub output_dir: PathBuf,
    /// Build the client-side search index. Default `true`; without it the search page offers
    /// only the taxonomy listings and the header has no search box.
    pub search: bool,
    /// Items per list page; 0 turns pagination off. Default 50.
    pub paginate: usize,
    /// Entries in the Atom feed. Default 20.
    pub feed_limit: usize,
    /// Theme settings, checked against the settings the theme declares. Default: none.
    pub theme_settings: BTreeMap<String, String>,
    /// Build pages marked `draft: true` (set by `--drafts`). Default `false`.
    pub drafts: bool,
}

/// `base_url` split into the part before the path and the path, which always ends in `/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BaseUrl {
    /// `https://example.nl`, or empty when only a path was given.
    pub origin: String,
    /// `/kennisbank/`, or `/`.
    pub path: String,
}

impl BaseUrl {
    pub fn parse(s: &str) -> Result<BaseUrl, String> {
        let s = s.trim();
        let (origin, path) = if let Some(rest) = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://")) {
            let scheme_len = s.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err("the address has no host name".into());
            }
            (&s[..scheme_len + host_end], &rest[host_end..])
        } else if s.starts_with('/') {
            ("", s)
        } else {
            return Err("it must start with `https://`, `http://` or `/`".into());
        };
        if path.contains(['?', '#', ' ']) {
            return Err("it may not contain `?`, `#` or spaces".into());
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
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}{}", self.origin, self.path, crate::text::encode_path(site_path))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MenuItem {
    pub title: String,
    /// A site path (`begrippen/`) or an external address.
    pub url: String,
}

/// The front matter fields that can be taxonomies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TaxonomyField {
    Municipality,
    Themes,
    TargetGroups,
    ToolType,
}

impl TaxonomyField {
    pub const ALL: [TaxonomyField; 4] =
        [TaxonomyField::Municipality, TaxonomyField::Themes, TaxonomyField::TargetGroups, TaxonomyField::ToolType];

    pub fn key(self) -> &'static str {
        match self {
            TaxonomyField::Municipality => "municipality",
            TaxonomyField::Themes => "themes",
            TaxonomyField::TargetGroups => "target_groups",
            TaxonomyField::ToolType => "tool_type",
        }
    }

    pub fn default_path(self) -> &'static str {
        match self {
            TaxonomyField::Municipality => "gemeenten",
            TaxonomyField::Themes => "themas",
            TaxonomyField::TargetGroups => "doelgroepen",
            TaxonomyField::ToolType => "soorten-instrumenten",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxonomyConfig {
    pub field: TaxonomyField,
    /// The folder of the taxonomy's pages (`gemeenten`).
    pub path: String,
}

/// Values from the command line that win over the config file.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

impl Config {
    /// The configuration of a site without a config file.
    pub fn defaults(root: &Path) -> Config {
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
            paginate: 50,
            feed_limit: 20,
            theme_settings: BTreeMap::new(),
            drafts: false,
        }
    }

    /// Reads `root/wegwijs.yaml` if it exists and applies the overrides. A file that cannot be
    /// read as YAML is an `Err`; problems with single keys (unknown, wrong type, bad address) are
    /// returned beside the config, which keeps the default for those keys, so that the content
    /// is still checked in the same run.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<(Config, Vec<Diagnostic>), Vec<Diagnostic>> {
        let mut config = Config::defaults(root);
        let mut problems = Vec::new();
        let file = root.join(CONFIG_FILE);
        match fs::read(&file) {
            Ok(bytes) => {
                let shown = display_path(root, &file);
                let text = String::from_utf8(bytes).map_err(|_| {
                    vec![
                        Diagnostic::error("not-utf8", "the config file is not valid UTF-8 text")
                            .in_file(&shown)
                            .help("save the file as UTF-8"),
                    ]
                })?;
                config.file = Some(shown);
                config.file_text = text;
                problems = config.read_file()?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(vec![Diagnostic::error("io", format!("cannot read the config file: {e}")).in_file(&file)]);
            }
        }
        if let Some(out) = &overrides.output_dir {
            config.output_dir = out.clone();
        }
        if let Some(url) = &overrides.base_url {
            config.base_url = BaseUrl::parse(url).map_err(|why| {
                vec![Diagnostic::error("bad-base-url", format!("`--base-url {url}` is not a usable address: {why}"))
                    .help("give a full address such as `https://www.example.nl/kennisbank/`, or a path such as `/kennisbank/`")]
            })?;
        }
        config.drafts = overrides.drafts;
        Ok((config, problems))
    }

    fn read_file(&mut self) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let path = self.file.clone().unwrap();
        let text = std::mem::take(&mut self.file_text);
        let result = self.read_yaml(&path, &text);
        self.file_text = text;
        result
    }

    fn read_yaml(&mut self, path: &Path, text: &str) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
        let src = SourceText::new(path, text);
        let mut m = YamlMap::parse(src, 0..text.len()).map_err(|d| vec![d])?;
        self.title = m.string("title", "Wegwijs in cultuursensitief werken");
        self.description = m.string("description", "Kennisbank over cultuursensitief werken");
        if let Some(url) = m.string("base_url", "https://www.example.nl/") {
            match BaseUrl::parse(&url) {
                Ok(b) => self.base_url = b,
                Err(why) => m.error_at_value(
                    "base_url",
                    "bad-base-url",
                    format!("`base_url` is not a usable address: {why}"),
                    "give a full address such as `https://www.example.nl/kennisbank/`, or `/`".into(),
                ),
            }
        }
        if let Some(lang) = m.string("language", "nl") {
            // The language names the interface strings file (`i18n/<language>.yaml`) and goes
            // into `<html lang>`: only a language tag is a value here, never a path.
            let lang = lang.trim();
            if is_language_tag(lang) {
                self.language = lang.to_lowercase();
            } else {
                m.error_at_value(
                    "language",
                    "invalid-language",
                    format!("`{lang}` is not a language tag"),
                    "write a language tag such as `nl`, `en` or `en-GB`".into(),
                );
            }
        }
        if let Some(v) = m.raw("menu") {
            match menu_items(&v) {
                Some(items) => self.menu = Some(self.safe_menu(&mut m, items)),
                None => m.error_at_value(
                    "menu",
                    "wrong-type",
                    "`menu` must be a list of items with a `title` and a `url`".into(),
                    "write it like this: `menu: [{title: Begrippen, url: begrippen/}]`".into(),
                ),
            }
        }
        if let Some(v) = m.raw("taxonomies") {
            self.read_taxonomies(&mut m, &v);
        }
        let dirs = m.string_list("content_dirs", "[content]");
        if !dirs.is_empty() {
            self.content_dirs = dirs.iter().map(|d| self.root.join(d)).collect();
        }
        if let Some(out) = m.string("output_dir", "public") {
            self.output_dir = self.root.join(out);
        }
        if let Some(b) = m.bool("search") {
            self.search = b;
        }
        if m.bool("allow_html") == Some(true) {
            m.error_at_value(
                "allow_html",
                "unsafe-html",
                "raw HTML cannot be let through: it could run script in the reader's browser".into(),
                "remove `allow_html: true` and write the content in Markdown; raw HTML is always shown as text".into(),
            );
        }
        if let Some(n) = m.integer("paginate", "50") {
            self.paginate = usize::try_from(n).unwrap_or(0);
        }
        if let Some(n) = m.integer("feed_limit", "20") {
            self.feed_limit = usize::try_from(n).unwrap_or(0);
        }
        if let Some(v) = m.raw("theme") {
            match v.as_mapping() {
                Some(map) => {
                    for (k, val) in map {
                        let key = k.as_str().unwrap_or_default().to_string();
                        let value = match val {
                            serde_yaml::Value::String(s) => s.clone(),
                            serde_yaml::Value::Number(n) => n.to_string(),
                            serde_yaml::Value::Bool(b) => b.to_string(),
                            _ => {
                                m.error_at_value(
                                    "theme",
                                    "wrong-type",
                                    format!("theme setting `{key}` must be text"),
                                    "write it like this: `theme: {accent_color: \"#1d5c8c\"}`".into(),
                                );
                                continue;
                            }
                        };
                        self.theme_settings.insert(key, value);
                    }
                }
                None => m.error_at_value(
                    "theme",
                    "wrong-type",
                    "`theme` must be a mapping of theme settings".into(),
                    "write it like this: `theme: {accent_color: \"#1d5c8c\"}`".into(),
                ),
            }
        }
        Ok(m.finish(KEYS, "the site config", &|_| None))
    }

    /// The menu items whose `url` cannot run script; the others are reported at their `url`.
    fn safe_menu(&self, m: &mut YamlMap<'_>, items: Vec<MenuItem>) -> Vec<MenuItem> {
        let src = m.source();
        let menu_at = m.key_span("menu").start;
        let mut searched_from = menu_at;
        let mut kept = Vec::with_capacity(items.len());
        for item in items {
            let crate::url::UrlKind::Unsafe(scheme) = crate::url::classify(&item.url) else {
                kept.push(item);
                continue;
            };
            // Items are written in order, so each is looked for after the previous one.
            let span = match src.text[searched_from..].find(item.url.as_str()) {
                Some(i) if !item.url.is_empty() => {
                    searched_from += i + item.url.len();
                    searched_from - item.url.len()..searched_from
                }
                _ => m.value_span("menu"),
            };
            m.diagnostics.push(crate::url::unsafe_url(&item.url, &scheme).at(&src, span));
        }
        kept
    }

    fn read_taxonomies(&mut self, m: &mut YamlMap<'_>, v: &serde_yaml::Value) {
        let Some(map) = v.as_mapping() else {
            m.error_at_value(
                "taxonomies",
                "wrong-type",
                "`taxonomies` must be a mapping from field to folder".into(),
                "write it like this: `taxonomies: {municipality: gemeenten, tool_type: false}`".into(),
            );
            return;
        };
        let names: Vec<&str> = TaxonomyField::ALL.iter().map(|f| f.key()).collect();
        for (k, val) in map {
            let key = k.as_str().unwrap_or_default();
            let Some(field) = TaxonomyField::ALL.iter().copied().find(|f| f.key() == key) else {
                let help = crate::diagnostic::did_you_mean(key, names.iter().copied()).map_or_else(
                    || format!("the taxonomies are: {}", names.join(", ")),
                    |s| format!("did you mean `{s}`?"),
                );
                m.error_at_value("taxonomies", "unknown-key", format!("unknown taxonomy `{key}`"), help);
                continue;
            };
            let pos = self.taxonomies.iter().position(|t| t.field == field);
            match val {
                serde_yaml::Value::Bool(false) => {
                    if let Some(i) = pos {
                        self.taxonomies.remove(i);
                    }
                }
                serde_yaml::Value::String(p) if p.trim_matches('/').split('/').any(|part| part == "..") => {
                    m.error_at_value(
                        "taxonomies",
                        "path-outside-site",
                        format!("the folder `{p}` of taxonomy `{key}` climbs out of the site with `..`"),
                        "give a folder inside the site, such as `gemeenten`".into(),
                    );
                }
                serde_yaml::Value::String(p) if !slugify(p).is_empty() => {
                    // Each part a slug, and no empty parts: the folder stays inside the output,
                    // however the value is written (`/themas/`, `a//b`).
                    let path = p.split('/').map(slugify).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("/");
                    match pos {
                        Some(i) => self.taxonomies[i].path = path,
                        None => self.taxonomies.push(TaxonomyConfig { field, path }),
                    }
                }
                _ => m.error_at_value(
                    "taxonomies",
                    "wrong-type",
                    format!("taxonomy `{key}` must be a folder name or `false`"),
                    "write it like this: `taxonomies: {municipality: gemeenten, tool_type: false}`".into(),
                ),
            }
        }
    }

    /// A diagnostic pointing at `key` in the config file (for problems later stages find in
    /// config values, such as an unknown language or theme setting).
    pub fn diagnostic_at_key(&self, key: &str, code: &'static str, message: String) -> Diagnostic {
        let Some(file) = &self.file else {
            return Diagnostic::error(code, message);
        };
        let src = SourceText::new(file, &self.file_text);
        let span = self.file_text.find(&format!("{key}:")).map_or(0..0, |i| i..i + key.len());
        Diagnostic::error(code, message).at(&src, span)
    }

    /// A path as shown in diagnostics: relative to the site root when it is inside it.
    pub fn display_path(&self, path: &Path) -> PathBuf {
        display_path(&self.root, path)
    }
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
pub fn leaves_site(path: &str) -> Option<&'static str> {
    let path = path.trim();
    if path.starts_with('/') {
        return Some("it is an absolute path");
    }
    if path.contains('\\') {
        return Some("it contains `\\`; write paths with `/`");
    }
    if path.split('/').next().is_some_and(|first| first.contains(':')) || path.contains('\0') {
        return Some("it names a drive or an address, not a file of the site");
    }
    let mut depth = 0usize;
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match depth.checked_sub(1) {
                Some(d) => depth = d,
                None => return Some("its `..` climbs out of the site folder"),
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
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
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
        assert_eq!(err[0].help.as_deref(), Some("did you mean `base_url`?"));
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
}
