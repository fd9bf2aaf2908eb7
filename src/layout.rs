//! Where wegwijs puts what it generates: every output path and URL word that is not a content
//! page's own path, in one place. The render stage writes these files, the index stage writes
//! under [`UrlWords::search_index`], and the check stage names them in messages.
//!
//! The words a reader sees in addresses (`zoeken/`, `pagina/2/`) are [`UrlWords`], read from
//! the interface strings of the site's language (`url_search`, `url_page`), so an English site
//! has `search/` and `page/2/`. The search script learns the index's place from the search
//! page (`data-index`). Files whose names are fixed by convention (`404.html`, `robots.txt`,
//! `sitemap.xml`) are constants.

use std::collections::BTreeMap;

use crate::text::slugify;

/// The Dutch URL words, for a string table that has none.
const DEFAULT_SEARCH: &str = "zoeken";
const DEFAULT_PAGER: &str = "pagina";

/// The words of the site's language that appear in generated addresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlWords {
    /// The search page: `zoeken/`.
    pub search: String,
    /// The folder of the search index files: `zoeken/index/`.
    pub search_index: String,
    /// The word before the number of a further page of a long list: `pagina`.
    pub pager: String,
}

impl Default for UrlWords {
    fn default() -> Self {
        UrlWords::new(DEFAULT_SEARCH, DEFAULT_PAGER)
    }
}

impl UrlWords {
    fn new(search: &str, pager: &str) -> Self {
        UrlWords { search: format!("{search}/"), search_index: format!("{search}/index/"), pager: pager.to_string() }
    }

    /// The words from a string table (`url_search`, `url_page`), made safe for an address;
    /// Dutch where the table has none.
    pub fn from_strings(strings: &BTreeMap<String, String>) -> Self {
        let word = |key: &str, default: &str| {
            let w = strings.get(key).map(|s| slugify(s)).unwrap_or_default();
            if w.is_empty() { default.to_string() } else { w }
        };
        UrlWords::new(&word("url_search", DEFAULT_SEARCH), &word("url_page", DEFAULT_PAGER))
    }

    /// Site path of page `n` (1-based) of a list at `base`: `base` itself, then `base/pagina/n/`.
    pub fn pager_path(&self, base: &str, n: usize) -> String {
        if n <= 1 { base.to_string() } else { format!("{base}{}/{n}/", self.pager) }
    }

    /// Whether `path` is an output file of a further page of a long list.
    pub fn is_pager_file(&self, path: &str) -> bool {
        path.contains(&format!("{}/", self.pager)) && path.ends_with("/index.html")
    }

    /// The words under a language's folder (`en/`): `en/search/`, `en/search/index/`.
    pub fn under(mut self, prefix: &str) -> Self {
        self.search.insert_str(0, prefix);
        self.search_index.insert_str(0, prefix);
        self
    }

    /// A file of the search index: `meta.json` → `zoeken/index/meta.json`.
    pub fn search_index_file(&self, rel: &str) -> String {
        format!("{}{rel}", self.search_index)
    }
}
/// The slug of a page whose file name has no letters or digits.
pub(crate) const UNNAMED_PAGE: &str = "pagina";
/// The Atom feed.
pub(crate) const FEED: &str = "atom.xml";
/// The sitemap for search engines.
pub(crate) const SITEMAP: &str = "sitemap.xml";
/// The instructions for crawlers.
pub(crate) const ROBOTS: &str = "robots.txt";
/// The page a web server shows for an address that does not exist.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The stylesheet rendered from the theme settings (colours), so no page needs inline styles.
pub(crate) const THEME_CSS: &str = "css/theme.css";
/// The folder under which articles (pages of no other kind) are filed in search facets.
pub(crate) const ARTICLES: &str = "artikelen";

/// The folder of a language's pages: none for the site's own language, else the language tag
/// (`en/`), so that a translation of `begrippen/statushouder/` lives at
/// `en/begrippen/statushouder/`.
pub(crate) fn language_prefix(lang: &str, site_language: &str) -> String {
    if lang == site_language { String::new() } else { format!("{lang}/") }
}

/// The language and the source path of the page a file translates, when the file is a
/// translation: `begrippen/statushouder.en.md` → (`en`, `begrippen/statushouder.md`) when `en`
/// is one of the site's `languages`. Any other file (`notities.v2.md`) is a page of its own.
pub(crate) fn translation_of(rel_path: &str, languages: &[(String, String)]) -> Option<(String, String)> {
    let stem = rel_path.strip_suffix(".md")?;
    let (base, tag) = stem.rsplit_once('.')?;
    if base.is_empty() || base.ends_with('/') {
        return None;
    }
    let lang = languages.iter().find(|(t, _)| t.eq_ignore_ascii_case(tag))?;
    Some((lang.0.clone(), format!("{base}.md")))
}

/// The file of the page at a site path: `begrippen/x/` → `begrippen/x/index.html`.
pub(crate) fn page_file(site_path: &str) -> String {
    format!("{site_path}index.html")
}

/// The redirects of moved pages for nginx: `location = … { return 301 …; }` lines, for an
/// `include` inside the site's `server` block.
pub(crate) const REDIRECTS_NGINX: &str = "_redirects.nginx.conf";
/// The redirects of moved pages for Apache: `RedirectMatch 301` lines, for `.htaccess` or an
/// `Include` in the server configuration.
pub(crate) const REDIRECTS_APACHE: &str = "_redirects.htaccess";
/// The redirects of moved pages as a plain list, `old new 301` a line (the format of Netlify's
/// and Cloudflare Pages' `_redirects`).
pub(crate) const REDIRECTS_LIST: &str = "_redirects";

/// The file written at an old address of a moved page (see `model::moved`): a folder's
/// `index.html`, or the old file itself (`oud.html`).
pub(crate) fn redirect_file(old_path: &str) -> String {
    if old_path.ends_with('/') { page_file(old_path) } else { old_path.to_string() }
}

/// A link inside the site as a `--portable` build writes it: opened from disk, a browser shows
/// a folder's listing instead of its `index.html`, so a link to a folder (`../begrippen/`,
/// `./`, `x/#kop`, `x/?q=1`) becomes a link to the `index.html` in it. Links with a scheme,
/// to another host, to an anchor or query of the page itself, or to a file stay as they are.
pub(crate) fn portable_link(href: &str) -> Option<String> {
    if href.starts_with(['#', '?']) || href.starts_with("//") || href.is_empty() {
        return None;
    }
    if !matches!(crate::url::classify(href), crate::url::UrlKind::Relative) {
        return None;
    }
    let end = href.find(['?', '#']).unwrap_or(href.len());
    let (path, rest) = href.split_at(end);
    let last = path.rsplit('/').next().unwrap_or("");
    let folder = path.ends_with('/') || last == "." || last == "..";
    if !folder {
        return None;
    }
    let slash = if path.ends_with('/') { "" } else { "/" };
    Some(format!("{path}{slash}index.html{rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let w = UrlWords::default();
        assert_eq!(w.pager_path("begrippen/", 1), "begrippen/");
        assert_eq!(w.pager_path("begrippen/", 3), "begrippen/pagina/3/");
        assert!(w.is_pager_file("begrippen/pagina/3/index.html"));
        assert!(w.search_index.starts_with(&w.search));
        assert_eq!(page_file(&w.search), "zoeken/index.html");
        assert_eq!(w.search_index_file("meta.json"), "zoeken/index/meta.json");
    }

    #[test]
    fn portable_links_go_to_files() {
        let p = |h: &str| portable_link(h);
        assert_eq!(p("../begrippen/").as_deref(), Some("../begrippen/index.html"));
        assert_eq!(p("./").as_deref(), Some("./index.html"));
        assert_eq!(p("../../").as_deref(), Some("../../index.html"));
        assert_eq!(p("..").as_deref(), Some("../index.html"));
        assert_eq!(p("x/#kop").as_deref(), Some("x/index.html#kop"));
        assert_eq!(p("zoeken/?q=a#b").as_deref(), Some("zoeken/index.html?q=a#b"));
        for same in
            ["", "#kop", "?q=1", "atom.xml", "x/index.html", "https://x.nl/", "//x.nl/", "mailto:a@b.nl", "a.pdf"]
        {
            assert_eq!(p(same), None, "{same}");
        }
        assert_eq!(redirect_file("oud/"), "oud/index.html");
        assert_eq!(redirect_file("oud.html"), "oud.html");
    }

    #[test]
    fn translations_are_files_with_a_language_before_md() {
        let langs = [("en".to_string(), "English".to_string()), ("ar".to_string(), "العربية".to_string())];
        let of = |p: &str| translation_of(p, &langs);
        assert_eq!(of("begrippen/statushouder.en.md"), Some(("en".into(), "begrippen/statushouder.md".into())));
        assert_eq!(of("begrippen/_index.ar.md"), Some(("ar".into(), "begrippen/_index.md".into())));
        assert_eq!(of("begrippen/statushouder.md"), None);
        assert_eq!(of("begrippen/notities.v2.md"), None);
        assert_eq!(of("begrippen/.en.md"), None);
        assert_eq!(of("x.de.md"), None, "not a language of the site");
        assert_eq!(language_prefix("nl", "nl"), "");
        assert_eq!(language_prefix("en", "nl"), "en/");
        assert_eq!(UrlWords::default().under("en/").search_index_file("meta.json"), "en/zoeken/index/meta.json");
    }

    #[test]
    fn words_come_from_the_strings_and_are_made_safe() {
        let table = |s: &str, p: &str| BTreeMap::from([("url_search".into(), s.into()), ("url_page".into(), p.into())]);
        let en = UrlWords::from_strings(&table("search", "page"));
        assert_eq!((en.search.as_str(), en.search_index.as_str()), ("search/", "search/index/"));
        assert_eq!(en.pager_path("terms/", 2), "terms/page/2/");
        assert_eq!(UrlWords::from_strings(&table("Zoek ../ hier", "Pagina")).search, "zoek-hier/");
        assert_eq!(UrlWords::from_strings(&table("??", "")), UrlWords::default());
        assert_eq!(UrlWords::from_strings(&BTreeMap::new()), UrlWords::default());
    }
}
