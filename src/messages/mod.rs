//! The words wegwijs says to the people who run it: every diagnostic's message, label and help,
//! and the command line's summary lines, in Dutch and English.
//!
//! Modelled on rustc's diagnostics (Fluent): the code says *which* message and with *what*
//! values, never the words. A [`Msg`] is an identifier plus named arguments, made only with the
//! [`msg!`] macro:
//!
//! ```ignore
//! msg!("dead-link", url = &link.url, why = msg!("dead-link.gone"))
//! ```
//!
//! The words live in one table per language (`nl.rs`, `en.rs`), keyed by that identifier, with
//! `{name}` where an argument goes. An identifier is a diagnostic's stable code (`broken-link`),
//! or the code with a part after a dot (`broken-link.label`, `broken-link.help`,
//! `broken-link.image`) for its label, help and variants. An argument is text, or another
//! message, which is then said in the same language.
//!
//! A message is put into words only when it is shown ([`Msg::render`]), in the [`Lang`] that
//! [`Lang::choose`] picks: the `--lang` flag, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`),
//! else the site's `language`. The unit test at the bottom reads every `msg!` in the source and
//! proves both tables have it, with the same placeholders as the call gives: a new message
//! without words in both languages fails the tests.
//!
//! Why not Fluent itself (`fluent-bundle`, as rustc uses): for two languages it would add a
//! parser of `.ftl` files at start-up, a dependency tree (`intl_pluralrules`, `unic-langid`)
//! and errors that show only at run time, for one feature the tables do without: plurals,
//! which are separate identifiers here (`count.errors.one`, `count.errors`), chosen in the
//! code. Tables in Rust are checked by the compiler and the test above, and cost nothing.

use std::collections::HashMap;
use std::fmt;
use std::sync::{LazyLock, OnceLock};

mod en;
mod nl;

/// A language the messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    Nl,
    En,
}

/// What the command line says the language is (`--lang`), set once before anything is said.
static CHOSEN: OnceLock<Lang> = OnceLock::new();

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    /// The language of a language tag or locale name: `nl`, `nl-BE`, `nl_NL.UTF-8`, `en`,
    /// `en_US.UTF-8`. `None` for any other language and for `C`/`POSIX`, which name none.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_', '.', '@']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language of the locale: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// (POSIX's order), if it names Dutch or English.
    pub fn from_env() -> Option<Lang> {
        Self::from_locale(|name| std::env::var(name).ok())
    }

    fn from_locale(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|n| var(n))
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::from_tag(&v))
    }

    /// Sets the language the command line asked for with `--lang`; it wins over everything
    /// else for the rest of the process. Only the first call counts.
    pub fn set_chosen(lang: Lang) {
        let _ = CHOSEN.set(lang);
    }

    /// The language to speak in, for a site written in `site_language` (its `language` tag, if
    /// known): `--lang`, else the locale, else the site's language if it is Dutch or English,
    /// else Dutch, the language of the editors wegwijs is made for.
    pub fn choose(site_language: Option<&str>) -> Lang {
        CHOSEN
            .get()
            .copied()
            .or_else(Lang::from_env)
            .or_else(|| site_language.and_then(Lang::from_tag))
            .unwrap_or(Lang::Nl)
    }

    /// The tag: `nl` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    fn table(self) -> &'static HashMap<&'static str, &'static str> {
        static NL: LazyLock<HashMap<&str, &str>> = LazyLock::new(|| nl::TABLE.iter().copied().collect());
        static EN: LazyLock<HashMap<&str, &str>> = LazyLock::new(|| en::TABLE.iter().copied().collect());
        match self {
            Lang::Nl => &NL,
            Lang::En => &EN,
        }
    }
}

/// A message: which words, with which values. Said in a language by [`Msg::render`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The value of one `{name}` in a message.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text shown as it is: a file name, a key, a number.
    Text(String),
    /// Another message, said in the same language.
    Msg(Msg),
}

/// What can be the value of a `{name}`: anything shown as text, or another message.
pub trait IntoArg {
    fn into_arg(self) -> Arg;
}

impl<T: fmt::Display> IntoArg for T {
    fn into_arg(self) -> Arg {
        Arg::Text(self.to_string())
    }
}

impl IntoArg for Msg {
    fn into_arg(self) -> Arg {
        Arg::Msg(self)
    }
}

/// A [`Msg`]: `msg!("id")`, `msg!("id", name = value, other)` (`other` short for
/// `other = other`). The identifier must be a literal, so that the tables' test finds it.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident $(= $value:expr)?)* $(,)?) => {
        $crate::messages::Msg::__new($id, vec![$((stringify!($name), $crate::msg!(@value $name $($value)?))),*])
    };
    (@value $name:ident) => { $crate::messages::IntoArg::into_arg($name) };
    (@value $name:ident $value:expr) => { $crate::messages::IntoArg::into_arg($value) };
}

impl Msg {
    /// Made by [`msg!`] only; call the macro.
    #[doc(hidden)]
    pub fn __new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg { id, args }
    }

    /// The identifier in the tables.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The message in `lang`. A message missing from the table is said in English, and one
    /// missing from both as its identifier (the tables' test keeps both from happening).
    pub fn render(&self, lang: Lang) -> String {
        self.fill(self.words(lang), lang)
    }

    /// The table's text of this message in `lang`, else in English, else its identifier.
    fn words(&self, lang: Lang) -> &'static str {
        lang.table().get(self.id).or_else(|| Lang::En.table().get(self.id)).copied().unwrap_or(self.id)
    }

    /// `text` with each `{name}` replaced by the argument of that name, said in `lang`. A brace
    /// that is no placeholder, or names no argument, stays as written.
    fn fill(&self, text: &str, lang: Lang) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}').map(|close| (&after[..close], close)) {
                Some((name, close)) if is_name(name) => {
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, Arg::Text(t))) => out.push_str(t),
                        Some((_, Arg::Msg(m))) => out.push_str(&m.render(lang)),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The words of a message without arguments, as the table has them: for callers that need
    /// text that lives as long as the program (clap's help).
    pub fn text(&self, lang: Lang) -> &'static str {
        debug_assert!(self.args.is_empty(), "`{}` has arguments; use render", self.id);
        self.words(lang)
    }

    /// The message in English, as the library's `Display` of a diagnostic gives it.
    pub fn english(&self) -> String {
        self.render(Lang::En)
    }
}

/// Whether `s` is a placeholder's name: `{url}`, `{max_depth}`.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The placeholders of a table text, sorted.
#[cfg(test)]
fn placeholders(text: &str) -> Vec<&str> {
    let mut names: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .filter(|name| is_name(name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    #[test]
    fn fills_in_arguments_and_nested_messages() {
        let m = msg!("count.both", errors = msg!("count.errors", n = 2), warnings = msg!("count.warnings.one"));
        assert_eq!(m.render(Lang::En), "2 errors, 1 warning");
        assert_eq!(m.render(Lang::Nl), "2 fouten, 1 waarschuwing");
        // A brace that is no placeholder, or names no argument, stays as written.
        let m = msg!("bad-date", date = "2024-02-30");
        assert_eq!(m.fill("{date} { not a name } {} {other} {", Lang::En), "2024-02-30 { not a name } {} {other} {");
    }

    #[test]
    fn the_short_form_names_the_variable() {
        let date = "2024-02-30";
        assert_eq!(msg!("bad-date", date), msg!("bad-date", date = date));
        assert_eq!(msg!("bad-date", date).render(Lang::Nl), "`2024-02-30` is geen datum");
    }

    #[test]
    fn locale_names_give_a_language() {
        assert_eq!(Lang::from_tag("nl_NL.UTF-8"), Some(Lang::Nl));
        assert_eq!(Lang::from_tag("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("C.UTF-8"), None);
        assert_eq!(Lang::from_tag("de_DE"), None);
        let env = |vars: &'static [(&'static str, &'static str)]| {
            Lang::from_locale(move |n| vars.iter().find(|(k, _)| *k == n).map(|(_, v)| v.to_string()))
        };
        assert_eq!(env(&[("LANG", "nl_NL.UTF-8")]), Some(Lang::Nl));
        // LC_ALL first, then LC_MESSAGES, then LANG; an empty one does not count.
        assert_eq!(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "nl_NL.UTF-8")]), Some(Lang::En));
        assert_eq!(env(&[("LC_ALL", ""), ("LC_MESSAGES", "en_GB"), ("LANG", "nl_NL")]), Some(Lang::En));
        // A locale that names no language leaves the choice to the site.
        assert_eq!(env(&[("LANG", "C.UTF-8")]), None);
    }

    /// Every Rust file under `src/`, with its text.
    fn sources() -> Vec<(std::path::PathBuf, String)> {
        let mut found = Vec::new();
        let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    found.push((path, text));
                }
            }
        }
        found
    }

    /// Every `msg!("id", names...)` in the source, with the names of its arguments.
    fn calls_in_source() -> Vec<(String, String, BTreeSet<String>)> {
        let mut found = Vec::new();
        for (path, text) in sources() {
            for (at, _) in text.match_indices("msg!(") {
                let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
                if text[line_start..at].trim_start().starts_with("//") {
                    continue;
                }
                if let Some((id, names)) = parse_call(&text[at + 5..]) {
                    found.push((path.display().to_string(), id, names));
                }
            }
        }
        found
    }

    /// The identifier and argument names of a `msg!(` call, from just after its parenthesis;
    /// `None` for the macro's own definition and its documentation.
    fn parse_call(text: &str) -> Option<(String, BTreeSet<String>)> {
        let text = text.trim_start().strip_prefix('"')?;
        let id = &text[..text.find('"')?];
        if id.is_empty() || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        {
            return None;
        }
        let mut depth = 1;
        let mut args = String::new();
        let mut in_string = false;
        let mut prev = ' ';
        for c in text[id.len() + 1..].chars() {
            match c {
                '"' if prev != '\\' => in_string = !in_string,
                '(' | '[' | '{' if !in_string => depth += 1,
                ')' | ']' | '}' if !in_string => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ',' if !in_string && depth == 1 => args.push('\u{0}'),
                _ => {}
            }
            if depth == 1 && !in_string && c != ',' && c != '"' {
                args.push(c);
            }
            prev = c;
        }
        let names = args
            .split('\u{0}')
            .map(|a| a.split('=').next().unwrap_or("").trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        Some((id.to_string(), names))
    }

    #[test]
    fn every_message_in_the_source_has_both_languages_with_the_same_placeholders() {
        let calls = calls_in_source();
        assert!(calls.len() > 50, "the scan finds the messages ({} found)", calls.len());
        let mut problems = Vec::new();
        for (file, id, names) in &calls {
            for lang in Lang::ALL {
                match lang.table().get(id.as_str()) {
                    None => problems.push(format!("{file}: `{id}` has no {} text", lang.tag())),
                    Some(text) => {
                        let wanted: BTreeSet<String> = placeholders(text).into_iter().map(String::from).collect();
                        if &wanted != names {
                            problems.push(format!(
                                "{file}: `{id}` is given {names:?}, but its {} text has {wanted:?}",
                                lang.tag()
                            ));
                        }
                    }
                }
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn the_tables_hold_the_same_messages_once_and_nothing_unused() {
        let used: BTreeSet<String> = calls_in_source().into_iter().map(|(_, id, _)| id).collect();
        let mut ids: BTreeMap<Lang, BTreeSet<&str>> = BTreeMap::new();
        for (lang, table) in [(Lang::Nl, nl::TABLE), (Lang::En, en::TABLE)] {
            let set: BTreeSet<&str> = table.iter().map(|(id, _)| *id).collect();
            assert_eq!(set.len(), table.len(), "an identifier is twice in the {} table", lang.tag());
            for id in &set {
                assert!(used.contains(*id), "`{id}` in the {} table is never used", lang.tag());
            }
            ids.insert(lang, set);
        }
        assert_eq!(ids[&Lang::Nl], ids[&Lang::En], "the tables hold the same identifiers");
        for (id, nl_text) in nl::TABLE {
            assert_eq!(placeholders(nl_text), placeholders(Lang::En.table()[id]), "placeholders of `{id}`");
        }
    }

    #[test]
    fn no_message_is_made_without_the_macro() {
        // The scan above finds every message only if every one is made by `msg!`.
        for (path, text) in sources() {
            if !path.ends_with("messages/mod.rs") {
                assert!(!text.contains("Msg::__new"), "{} makes a message without `msg!`", path.display());
            }
        }
    }
}
