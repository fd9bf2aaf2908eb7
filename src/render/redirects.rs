//! What the render stage writes for moved pages (`moved_from:`, see `model::moved`): a page at
//! each old address that sends the reader on (its template is `redirect.html`), and the same
//! redirects for web servers, which answer an old address with `301 Moved Permanently` before
//! any page is read. The server files are written on every build, empty when nothing moved, so
//! a server configuration can include them whether or not a page has moved.

use serde::Serialize;

use crate::config::Config;
use crate::layout::{REDIRECTS_APACHE, REDIRECTS_LIST, REDIRECTS_NGINX};
use crate::model::Site;
use crate::output::{Content, OutputFile};
use crate::text::encode_path;

/// What `redirect.html` is given: the page the old address moved to.
#[derive(Debug, Serialize)]
pub(crate) struct RedirectContext<'a> {
    pub(crate) redirect: RedirectView<'a>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RedirectView<'a> {
    /// The title of the page it moved to.
    pub(crate) title: &'a str,
    /// Its site path.
    pub(crate) path: &'a str,
    /// The link to it from the old address: relative, so it works under any base path and
    /// from disk (where it names the `index.html`).
    pub(crate) url: String,
}

/// The redirects for Apache alone: a `RedirectMatch` line for each old address, as in
/// `_redirects.htaccess` and between the markers of a site's own `.htaccess` (see
/// [`super::htaccess`]).
pub(crate) fn apache_lines(config: &Config, site: &Site) -> String {
    let base = &config.base_url.path;
    let mut apache = String::new();
    for m in &site.moved {
        let from = format!("{base}{}", m.from);
        let to = format!("{base}{}", encode_path(m.to_path(site)));
        // RedirectMatch, not Redirect: Redirect matches every address that starts with the old
        // one, and would send `/oud/x` to `/nieuw/x`.
        let pattern = match from.strip_suffix('/') {
            Some(bare) => format!("^{}/?$", regex_escape(bare)),
            None => format!("^{}$", regex_escape(&from)),
        };
        apache.push_str(&format!("RedirectMatch 301 \"{pattern}\" \"{to}\"\n"));
    }
    apache
}

/// The server redirect files: nginx, Apache and a plain list.
pub(crate) fn server_files(config: &Config, site: &Site) -> [OutputFile; 3] {
    let base = &config.base_url.path;
    let mut nginx = String::from(
        "# Redirects of moved pages (moved_from: in the front matter), made by wegwijs.\n\
         # Include this file inside the site's server block:\n\
         #     include /path/to/the/site/_redirects.nginx.conf;\n",
    );
    let mut apache = String::from(
        "# Redirects of moved pages (moved_from: in the front matter), made by wegwijs.\n\
         # A site's own .htaccess (static/.htaccess) gets them between its lines\n\
         # `# BEGIN wegwijs redirects` and `# END wegwijs redirects`; or Include this file in\n\
         # the site's <Directory> block. Needs mod_alias.\n",
    );
    apache.push_str(&apache_lines(config, site));
    let mut list = String::from("# Redirects of moved pages (moved_from: in the front matter), made by wegwijs.\n");
    for m in &site.moved {
        let from = format!("{base}{}", m.from);
        let to = format!("{base}{}", encode_path(m.to_path(site)));
        nginx.push_str(&format!("location = {from} {{ return 301 {to}; }}\n"));
        if let Some(bare) = from.strip_suffix('/') {
            nginx.push_str(&format!("location = {bare} {{ return 301 {to}; }}\n"));
        }
        list.push_str(&format!("{from} {to} 301\n"));
    }
    [
        OutputFile { path: REDIRECTS_NGINX.into(), content: Content::Bytes(nginx.into_bytes()) },
        OutputFile { path: REDIRECTS_APACHE.into(), content: Content::Bytes(apache.into_bytes()) },
        OutputFile { path: REDIRECTS_LIST.into(), content: Content::Bytes(list.into_bytes()) },
    ]
}

/// The paths of [`server_files`].
pub(crate) const SERVER_FILES: [&str; 3] = [REDIRECTS_NGINX, REDIRECTS_APACHE, REDIRECTS_LIST];

/// `s` as a regular expression that matches only itself. An old address holds letters,
/// digits, `/`, `-`, `_`, `.` and `~` (see `model::moved`), of which only `.` is special.
fn regex_escape(s: &str) -> String {
    s.replace('.', "\\.")
}
