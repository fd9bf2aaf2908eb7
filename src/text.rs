//! Small text functions shared by several stages: slugs and escaping.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A URL- and anchor-safe slug: Unicode decomposed (NFKD) with the accents dropped, lower case,
/// every run of other characters turned into one `-`. `"Cliënt & financiële hulp"` becomes
/// `"client-financiele-hulp"`. Identical to the slugs of `gen_corpus.py`, so file names that are
/// already slugs stay as they are.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            dash = false;
        } else if let Some(s) = transliterate(c) {
            out.push_str(s);
            dash = false;
        } else if !dash && !out.is_empty() {
            out.push('-');
            dash = true;
        }
    };
    // Titles and headings are mostly ASCII, which needs no decomposition.
    if text.is_ascii() {
        for c in text.chars() {
            push(c, &mut out);
        }
    } else {
        for c in text.nfkd().filter(|&c| !is_combining_mark(c)) {
            push(c, &mut out);
        }
    }
    if out.ends_with('-') {
        out.pop();
    }
    out
}

/// Letters that do not decompose into ASCII but have a usual spelling in it.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' | 'Æ' => "ae",
        'ø' | 'Ø' => "o",
        'œ' | 'Œ' => "oe",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' => "d",
        'þ' | 'Þ' => "th",
        _ => return None,
    })
}

/// Escapes text for use in HTML and XML content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_dutch_friendly() {
        assert_eq!(slugify("Cliënt & financiële hulp"), "client-financiele-hulp");
        assert_eq!(slugify("Wat werkt?"), "wat-werkt");
        assert_eq!(slugify("  Den Haag "), "den-haag");
        assert_eq!(slugify("'s-Hertogenbosch"), "s-hertogenbosch");
        assert_eq!(slugify("Súdwest-Fryslân"), "sudwest-fryslan");
        assert_eq!(slugify("Casuïstiekbespreking"), "casuistiekbespreking");
        assert_eq!(slugify("ĳsbeer"), "ijsbeer");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("???"), "");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
