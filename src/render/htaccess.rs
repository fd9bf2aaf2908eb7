//! A site's own Apache configuration with the redirects of moved pages filled in.
//!
//! A site published with Apache keeps its configuration in `static/.htaccess` (deploy/ ships
//! one), which the build publishes at the top of the output. An `.htaccess` cannot include
//! another file, so it cannot take in the `_redirects.htaccess` every build writes. Instead, a
//! site opts in with two marker lines in its `.htaccess`:
//!
//! ```text
//! # BEGIN wegwijs redirects
//! # END wegwijs redirects
//! ```
//!
//! and the published copy gets the redirect lines between them, replacing whatever was there.
//! Only the copy in the output changes: the site's own file is never written, so nothing its
//! authors wrote is lost, and without the markers the file is published as it is. Markers out
//! of order (an END first, a BEGIN without END, a second pair) leave the file as it is, with a
//! warning at the marker.

use std::ops::Range;

/// Where the site's `.htaccess` is in the output (and in `static/`).
pub(crate) const PATH: &str = ".htaccess";
/// The line after which the build writes the redirects.
pub(crate) const BEGIN: &str = "# BEGIN wegwijs redirects";
/// The line before which it stops.
pub(crate) const END: &str = "# END wegwijs redirects";

/// What became of the markers of one file.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Filled {
    /// No markers: the file is published as it is.
    Unmarked,
    /// The file's text with `lines` between its markers.
    Text(String),
    /// The markers are not one BEGIN followed by one END: the byte range of the line where
    /// that shows, and whether it is a BEGIN line.
    Misplaced(Range<usize>, bool),
}

/// `text` with `lines` (each ending in a newline) between its marker lines. A marker is a line
/// that is the marker text with at most white space around it, so it may be indented.
pub(crate) fn fill(text: &str, lines: &str) -> Filled {
    let mut begin: Option<Range<usize>> = None;
    let mut end: Option<Range<usize>> = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let span = at..at + line.len();
        at += line.len();
        let is_begin = line.trim() == BEGIN;
        if !is_begin && line.trim() != END {
            continue;
        }
        // A second BEGIN, an END before any BEGIN, a second END: the first marker out of order.
        match (is_begin, &begin, &end) {
            (true, None, None) => begin = Some(span),
            (false, Some(_), None) => end = Some(span),
            _ => return Filled::Misplaced(span, is_begin),
        }
    }
    match (begin, end) {
        (None, None) => Filled::Unmarked,
        (Some(b), Some(e)) => {
            // The lines take the line ending of the BEGIN line (a file written on Windows).
            let lines = if text[b.clone()].ends_with("\r\n") { lines.replace('\n', "\r\n") } else { lines.to_string() };
            // The BEGIN line ends in a newline: an END line follows it.
            Filled::Text(format!("{}{lines}{}", &text[..b.end], &text[e.start..]))
        }
        (Some(b), None) => Filled::Misplaced(b, true),
        (None, Some(_)) => unreachable!("an END before any BEGIN returned above"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINES: &str = "RedirectMatch 301 \"^/oud/?$\" \"/nieuw/\"\n";

    #[test]
    fn the_lines_replace_what_is_between_the_markers() {
        let text = "Options -Indexes\n# BEGIN wegwijs redirects\nRedirectMatch 301 \"^/weg/?$\" \"/\"\n# END wegwijs redirects\n# eigen regel\n";
        assert_eq!(
            fill(text, LINES),
            Filled::Text(format!("Options -Indexes\n{BEGIN}\n{LINES}{END}\n# eigen regel\n"))
        );
        // Nothing moved: the markers stay, with nothing between them.
        assert_eq!(fill(text, ""), Filled::Text(format!("Options -Indexes\n{BEGIN}\n{END}\n# eigen regel\n")));
    }

    #[test]
    fn indented_markers_and_windows_line_endings_are_kept() {
        let text = "<IfModule mod_alias.c>\r\n    # BEGIN wegwijs redirects \r\n    # END wegwijs redirects\r\n</IfModule>\r\n";
        assert_eq!(
            fill(text, LINES),
            Filled::Text(format!(
                "<IfModule mod_alias.c>\r\n    {BEGIN} \r\n{}    {END}\r\n</IfModule>\r\n",
                LINES.replace('\n', "\r\n")
            ))
        );
    }

    #[test]
    fn a_file_without_markers_is_published_as_it_is() {
        assert_eq!(fill("Options -Indexes\n# BEGIN other redirects\n", LINES), Filled::Unmarked);
        assert_eq!(fill("", LINES), Filled::Unmarked);
    }

    #[test]
    fn markers_out_of_order_are_found_at_their_line() {
        let end_first = format!("a\n{END}\n{BEGIN}\n");
        assert_eq!(fill(&end_first, LINES), Filled::Misplaced(2..2 + END.len() + 1, false));
        let no_end = format!("a\n{BEGIN}\nb\n");
        assert_eq!(fill(&no_end, LINES), Filled::Misplaced(2..2 + BEGIN.len() + 1, true));
        let twice = format!("{BEGIN}\n{END}\n{BEGIN}\n{END}\n");
        let second = BEGIN.len() + END.len() + 2;
        assert_eq!(fill(&twice, LINES), Filled::Misplaced(second..second + BEGIN.len() + 1, true));
        let two_ends = format!("{BEGIN}\n{END}\n{END}\n");
        assert!(matches!(fill(&two_ends, LINES), Filled::Misplaced(_, false)));
    }

    #[test]
    fn a_last_marker_without_a_newline_still_counts() {
        assert_eq!(fill(&format!("{BEGIN}\n{END}"), LINES), Filled::Text(format!("{BEGIN}\n{LINES}{END}")));
    }
}
