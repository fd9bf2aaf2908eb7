//! Check stage: the site-wide checks that no single earlier stage can make, because they need the
//! whole site at once. Takes the config, the model, the rendered bodies and the list of output
//! files (all immutable); gives diagnostics. Writes nothing and knows nothing of the command
//! line, so `build`, `check` and a preview server run exactly the same checks.
//!
//! The per-file checks stay where the problem is found, because that is where the location is
//! known: YAML syntax, types, unknown keys and dates in `load`; missing definitions and URLs and
//! unknown `related` terms in `model`; broken links and anchors and images without alternative
//! text in `render`. This stage adds:
//!
//! | code | severity | what |
//! |---|---|---|
//! | `duplicate-path` | error | two pages, files or generated pages would be written to the same output path |
//! | `taxonomy-spelling` | warning | one value spelled in more than one way across the site (`Den haag` beside `Den Haag`) |
//! | `similar-taxonomy-value` | warning | two theme or target group values one letter apart (`statushouder` beside `statushouders`) |
//! | `unknown-tool-type` | warning | a `tool_type` one letter away from a type the theme knows |
//! | `unknown-home-section`, `missing-footer-page` | error | `home: sections` or `footer` in the config names a section or page the site does not have (see [`config_pages`]) |
//! | `missing-theme-file` | error | a theme setting (the `logo`) names a file the site does not publish (see [`theme_files`]) |
//! | `municipality-spelling`, `municipality-other-name`, `former-municipality`, `unknown-municipality` | warning | a `municipality` that the list of the Netherlands' municipalities writes otherwise, or does not have (see [`municipalities`]) |
//! | `orphan-page` | warning | nothing leads a reader to the page (see [`orphans`]) |
//! | `missing-summary` | warning | a list would show the page or section without a summary (see [`summaries`]) |
//! | `moved-from-taken`, `moved-from-twice` | error | an old address in `moved_from` where a page lives or wegwijs writes one, or that is claimed twice (see `moved`) |
//! | `links-to-excluded` | warning | links of base pages to pages a local site leaves out, written as plain text (see [`layers`]) |
//! | `review-due` | warning | the page's `reviewed` date is more than `review_after` months ago (see [`review`]) |
//! | `missing-strings` | warning | a translation language lacks interface strings of the site's language (see `strings.rs`) |
//!
//! `--external` (HTTP checks of links to other sites) is in [`external`]; it is not part of this
//! stage because it needs the network and is only run on request.

mod base_url;
mod config_pages;
pub mod external;
mod layers;
mod moved;
pub(crate) mod municipalities;
pub(crate) mod orphans;
mod paths;
mod review;
mod strings;
pub(crate) mod summaries;
mod taxonomy;
mod terms;
mod theme_files;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::render::markdown::RenderedBody;
use crate::theme::Theme;

/// What the checks read: the finished products of the earlier stages.
pub(crate) struct Input<'a> {
    pub(crate) config: &'a Config,
    pub(crate) site: &'a Site,
    pub(crate) theme: &'a Theme,
    /// Rendered body of each page, by page id.
    pub(crate) bodies: &'a [RenderedBody],
    /// Rendered text of each section's `_index.md`, by section id.
    pub(crate) section_bodies: &'a [RenderedBody],
    /// The home page's intro from the config (`home: intro`), rendered: one body a paragraph.
    pub(crate) intro_bodies: &'a [RenderedBody],
    /// Every output path, as the write stage gets them, sorted.
    pub(crate) paths: &'a [String],
}

/// Runs every site-wide check.
pub(crate) fn run(input: &Input<'_>) -> Vec<Diagnostic> {
    // The orphan check follows every link of the site; the others run beside it. The order of
    // the diagnostics does not matter: the build sorts them by file and position.
    let (mut diagnostics, others) = rayon::join(
        || {
            let mut found = Vec::new();
            orphans::check(input, &mut found);
            terms::check(input, &mut found);
            found
        },
        || {
            let mut found = Vec::new();
            paths::check(input, &mut found);
            moved::check(input, &mut found);
            theme_files::check(input, &mut found);
            config_pages::check(input, &mut found);
            taxonomy::check_spellings(input.site, &mut found);
            municipalities::check(input.site, &mut found);
            taxonomy::check_similar_values(input.site, &mut found);
            taxonomy::check_tool_types(input.site, &mut found);
            summaries::check(input.site, &mut found);
            layers::check(input, &mut found);
            base_url::check(input, &mut found);
            review::check(input.site, input.config.review_after, crate::content_model::today(), &mut found);
            strings::check(input, &mut found);
            found
        },
    );
    diagnostics.extend(others);
    diagnostics
}

/// Damerau–Levenshtein distance (optimal string alignment) between two short strings, counted
/// in characters: one typo (a letter added, dropped, changed or two swapped) is 1.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_one_typo_as_one() {
        assert_eq!(edit_distance("checklist", "checklist"), 0);
        assert_eq!(edit_distance("checklst", "checklist"), 1);
        assert_eq!(edit_distance("chekclist", "checklist"), 1);
        assert_eq!(edit_distance("statushouder", "statushouders"), 1);
        assert_eq!(edit_distance("ouderen", "ouders"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("cliënt", "client"), 1);
    }
}
