//! Where wegwijs puts what it generates: every output path and URL word that is not a content
//! page's own path, in one place. The render stage writes these files, the index stage writes
//! under [`SEARCH_INDEX`], the check stage names them in messages, and the search script in
//! the theme reads the index from the same place (`search-core.js`).
//!
//! The URL words are Dutch (`zoeken/`, `pagina/2/`) for every site today; a site in another
//! language keeps them until translated sites arrive (then they come from the language's
//! strings, and the search script learns the index's place from the page).

/// The search page.
pub(crate) const SEARCH: &str = "zoeken/";
/// The folder of the search index files.
pub(crate) const SEARCH_INDEX: &str = "zoeken/index/";
/// The word before the number of a further page of a long list: `begrippen/pagina/2/`.
pub(crate) const PAGER: &str = "pagina";
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

/// The file of the page at a site path: `begrippen/x/` → `begrippen/x/index.html`.
pub(crate) fn page_file(site_path: &str) -> String {
    format!("{site_path}index.html")
}

/// Site path of page `n` (1-based) of a list at `base`: `base` itself, then `base/pagina/n/`.
pub(crate) fn pager_path(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}{PAGER}/{n}/") }
}

/// Whether `path` is an output file of a further page of a long list.
pub(crate) fn is_pager_file(path: &str) -> bool {
    path.contains(&format!("{PAGER}/")) && path.ends_with("/index.html")
}

/// A file of the search index: `meta.json` → `zoeken/index/meta.json`.
pub(crate) fn search_index_file(rel: &str) -> String {
    format!("{SEARCH_INDEX}{rel}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(pager_path("begrippen/", 1), "begrippen/");
        assert_eq!(pager_path("begrippen/", 3), "begrippen/pagina/3/");
        assert!(is_pager_file("begrippen/pagina/3/index.html"));
        assert!(SEARCH_INDEX.starts_with(SEARCH));
        assert_eq!(page_file(SEARCH), "zoeken/index.html");
        assert_eq!(search_index_file("meta.json"), "zoeken/index/meta.json");
    }
}
