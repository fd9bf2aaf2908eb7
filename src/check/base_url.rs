//! A `base_url` that is only a path (`/`, `/kennisbank/`): the sitemap, the feed and the
//! canonical links need the whole address, with the host. The render stage then leaves the
//! addresses out of `sitemap.xml` and `robots.txt` (where only whole addresses are valid) and
//! writes paths from the root in the feed's links and the canonical links (which may be
//! relative); this warning says so, at the line of `base_url`.
//!
//! A site without `base_url` gets no warning: it is not being published yet (a trial site, a
//! preview), and the README says what to set when it is.

use super::Input;
use crate::diagnostic::Diagnostic;
use crate::msg;

pub(super) fn check(input: &Input<'_>, diagnostics: &mut Vec<Diagnostic>) {
    let config = input.config;
    if !config.base_url.origin.is_empty() {
        return;
    }
    let path = config.base_url.path.as_str();
    let d = Diagnostic::warning("relative-base-url", msg!("relative-base-url", path))
        .help(msg!("relative-base-url.help", path = path.trim_start_matches('/')));
    match config.places.get("base_url") {
        Some(place) if !config.base_url_from_flag => diagnostics.push(place.at_value(d)),
        _ if config.base_url_from_flag => diagnostics.push(d),
        _ => {}
    }
}
