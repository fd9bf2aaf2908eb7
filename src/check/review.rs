//! `review-due`: a page whose content review (`reviewed`) is older than `review_after` months
//! (the page's own, else the site's) is due for a new one. "Today" comes from
//! [`crate::content_model::today`], which `WEGWIJS_TODAY` fixes for tests.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::msg;

/// Warns at the `reviewed` date of every page due for review on `today`.
pub(crate) fn check(site: &Site, default_months: i64, today: Date, found: &mut Vec<Diagnostic>) {
    for page in &site.pages {
        let Some(reviewed) = page.reviewed else { continue };
        let due = crate::content_model::add_months(reviewed, page.review_after.unwrap_or(default_months));
        if due < today {
            found.push(
                page.doc.at_key(
                    Diagnostic::warning("review-due", msg!("review-due", due, reviewed))
                        .label(msg!("review-due.label"))
                        .help(msg!("review-due.help")),
                    "reviewed",
                ),
            );
        }
    }
}
