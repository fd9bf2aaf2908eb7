//! Small text functions shared by several stages: slugs, escaping, and phrases in another
//! language in front matter text.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A URL- and anchor-safe slug: Unicode decomposed (NFKD) with the accents dropped, lower case,
/// every run of other characters turned into one `-`. `"Cliënt & financiële hulp"` becomes
/// `"client-financiele-hulp"`. Identical to the slugs of `gen_corpus.py` for Latin script, so
/// file names that are already slugs stay as they are.
///
/// Letters and digits of other scripts are kept, lower-cased, in NFC with their marks
/// (`"صحة"` stays `"صحة"`, `"Здоровье"` becomes `"здоровье"`): a value in Arabic or Cyrillic
/// must get a page of its own rather than disappear. Latin letters that have no ASCII spelling
/// (`ı`, `ŋ`) still separate words as they always did, so no existing Latin address changes.
/// Such slugs go into links as they are: browsers percent-encode them into the UTF-8 name of the
/// written folder.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let push = |c: char, out: &mut String, dash: &mut bool| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            *dash = false;
        } else if let Some(s) = transliterate(c) {
            out.push_str(s);
            *dash = false;
        } else if !*dash && !out.is_empty() {
            out.push('-');
            *dash = true;
        }
    };
    // Titles and headings are mostly ASCII, which needs no decomposition.
    if text.is_ascii() {
        for c in text.chars() {
            push(c, &mut out, &mut dash);
        }
    } else {
        // Character by character in NFC: the NFKD of each, without marks, is what the whole
        // text's NFKD without marks was, so Latin text slugs as before.
        let mut in_native_word = false;
        for c in text.nfc() {
            if is_combining_mark(c) {
                // A vowel sign or harakat belongs to the kept letter before it.
                if in_native_word {
                    out.extend(c.to_lowercase());
                }
                continue;
            }
            in_native_word = is_native_letter(c);
            if in_native_word {
                out.extend(c.to_lowercase());
                dash = false;
            } else {
                for d in c.nfkd().filter(|&d| !is_combining_mark(d)) {
                    push(d, &mut out, &mut dash);
                }
            }
        }
    }
    if out.ends_with('-') {
        out.pop();
    }
    out
}

/// A letter or digit of a script other than Latin, which a slug keeps as it is. Latin letters
/// and everything that decomposes into ASCII (`ﬁ`, `²`, full-width `Ａ`) take the ASCII path.
fn is_native_letter(c: char) -> bool {
    c.is_alphanumeric() && !is_latin(c) && !c.nfkd().any(|d| d.is_ascii_alphanumeric())
}

/// Whether `c` lies in one of the Latin blocks of Unicode (with the IPA and phonetic letters).
fn is_latin(c: char) -> bool {
    matches!(c as u32,
        0x0000..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F
            | 0xFB00..=0xFB06 | 0xFF00..=0xFF5E)
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

/// A site path as the path of a URL: every byte outside ASCII letters, digits and `-._~/` is
/// percent-encoded (UTF-8), so `themas/صحة/` becomes `themas/%D8%B5%D8%AD%D8%A9/`. Paths made
/// of Latin slugs are ASCII and come out unchanged.
pub(crate) fn encode_path(path: &str) -> std::borrow::Cow<'_, str> {
    let keep = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/');
    if path.bytes().all(keep) {
        return std::borrow::Cow::Borrowed(path);
    }
    let mut out = String::with_capacity(path.len() * 3);
    for b in path.bytes() {
        if keep(b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Decodes the `%XX` escapes of an address, the inverse of [`encode_path`]. Gives the bytes,
/// and whether every `%` began a valid escape; one that does not is kept as written.
pub(crate) fn percent_decode(s: &str) -> (Vec<u8>, bool) {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut valid = true;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let byte = b.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
            if let Some(byte) = byte {
                out.push(byte);
                i += 3;
                continue;
            }
            valid = false;
        }
        out.push(b[i]);
        i += 1;
    }
    (out, valid)
}

/// Escapes text for use in HTML and XML content and attribute values.
pub(crate) fn escape_html(text: &str) -> String {
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

/// Whether `tag` may mark a phrase in another language (`{lang=ar}`, in the Markdown body and
/// in front matter text): a language tag whose first part has two or three letters.
pub(crate) fn is_phrase_language(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or("");
    crate::config::is_language_tag(tag) && (2..=3).contains(&primary.len())
}

/// Front matter text (a term's definition, an alias) with phrases in another language marked
/// the way the Markdown body marks them, `[statushouder]{lang=nl}`: the text without the
/// marks, for search, the feed and lists, and as HTML with each phrase in a
/// `<span lang="…">`, for the page. A mark whose language is not a language code stays as it
/// was written, so nothing is lost.
pub(crate) fn phrases(text: &str) -> (String, String) {
    let (mut plain, mut html) = (String::with_capacity(text.len()), String::with_capacity(text.len() + 32));
    let mut rest = text;
    while let Some(close) = rest.find("]{lang=") {
        let after = &rest[close + "]{lang=".len()..];
        let tag = after.find('}').map(|end| &after[..end]).filter(|tag| is_phrase_language(tag));
        // The `[` that opens the phrase: the last one before the `]`, with no `]` between.
        let open = rest[..close].rfind('[').filter(|&o| !rest[o + 1..close].contains(']'));
        let (Some(tag), Some(open)) = (tag, open) else {
            let through = close + 1;
            plain.push_str(&rest[..through]);
            html.push_str(&escape_html(&rest[..through]));
            rest = &rest[through..];
            continue;
        };
        let phrase = &rest[open + 1..close];
        plain.push_str(&rest[..open]);
        plain.push_str(phrase);
        html.push_str(&escape_html(&rest[..open]));
        html.push_str(&format!("<span lang=\"{}\">{}</span>", escape_html(tag), escape_html(phrase)));
        rest = &after[tag.len() + 1..];
    }
    plain.push_str(rest);
    html.push_str(&escape_html(rest));
    (plain, html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_in_another_language_become_spans() {
        let (plain, html) = phrases("حامل تصريح الإقامة ([statushouder]{lang=nl}) لاجئ & [x]{lang=en-GB}");
        assert_eq!(plain, "حامل تصريح الإقامة (statushouder) لاجئ & x");
        assert_eq!(
            html,
            "حامل تصريح الإقامة (<span lang=\"nl\">statushouder</span>) لاجئ &amp; <span lang=\"en-GB\">x</span>"
        );
        // Not a language, no opening bracket, or no closing brace: kept as written.
        for kept in ["[a]{lang=toolong1}", "a]{lang=nl}", "[a]{lang=nl", "[a] {lang=nl}", "<b>[]</b>"] {
            let (plain, html) = phrases(kept);
            assert_eq!(plain, kept);
            assert_eq!(html, escape_html(kept));
        }
        assert_eq!(phrases("[a [b]{lang=nl}").0, "[a b");
    }

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
    fn slugs_keep_other_scripts() {
        assert_eq!(slugify("صحة"), "صحة");
        assert_eq!(slugify("الصحة النفسية"), "الصحة-النفسية");
        assert_eq!(slugify("Здоровье и Семья"), "здоровье-и-семья");
        assert_eq!(slugify("Ελληνικά"), "ελληνικά");
        assert_eq!(slugify("Gezondheid / Здоровье"), "gezondheid-здоровье");
        // Harakat stay with their letter; NFD input comes out in NFC.
        assert_eq!(slugify("صِحَّة"), "صِحَّة");
        assert_eq!(slugify("й"), slugify("и\u{306}"));
        assert_eq!(slugify("й"), "й");
        assert_eq!(slugify("हिन्दी"), "हिन्दी");
        assert_eq!(slugify("؟؟"), "");
    }

    #[test]
    fn latin_slugs_are_as_before() {
        // Letters without an ASCII spelling separate words, as they always did.
        assert_eq!(slugify("Diyarbakır"), "diyarbak-r");
        assert_eq!(slugify("ﬁets ²"), "fiets-2");
        assert_eq!(slugify("Ａ-b"), "a-b");
        assert_eq!(slugify("µ-test"), "test");
    }

    #[test]
    fn decodes_escapes_and_keeps_broken_ones() {
        assert_eq!(percent_decode("cli%C3%ABnt"), ("cliënt".as_bytes().to_vec(), true));
        assert_eq!(percent_decode("a%2Fb"), (b"a/b".to_vec(), true));
        assert_eq!(percent_decode("100%"), (b"100%".to_vec(), false));
        assert_eq!(percent_decode("%zz%4"), (b"%zz%4".to_vec(), false));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape_html(r#"<a href="x">'&'</a>"#), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }
}
