//! Municipality names checked against the real list.
//!
//! Every value of `municipality:` makes a municipality page, so `Gemeente Den Haag`, `DenHaag`,
//! `'s-Gravenhage` and `Harderwyk` would each make a page of their own beside Den Haag and
//! Harderwijk, and readers would find only part of the examples. The list of the Netherlands'
//! municipalities (`data/gemeenten.tsv`, CBS's list of 1 January 2025, built into the binary)
//! tells which name to write:
//!
//! | code | when |
//! |---|---|
//! | `municipality-spelling` | the name differs from the list only in case, accents, spaces, hyphens, apostrophes, `ij`/`y` or a leading "Gemeente" (`DenHaag`) |
//! | `municipality-other-name` | another name of a municipality (`'s-Gravenhage` for Den Haag) |
//! | `former-municipality` | a municipality that has merged into another (`Heerhugowaard`, part of Dijk en Waard since 2022) |
//! | `unknown-municipality` | none of these; with the nearest name of the list when there is one (`Amsterdm`) |
//!
//! All are warnings: a site may have a value that is not a municipality on purpose (a region).

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::edit_distance;
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::msg;

/// The list, as shipped.
const LIST: &str = include_str!("../../data/gemeenten.tsv");

/// What a written municipality name is, by the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// The name as the list writes it.
    Exact,
    /// The list's name, written a little differently.
    Spelling(&'static str),
    /// Another name of the municipality.
    OtherName(&'static str),
    /// A former municipality, part of this one since the year.
    Former { now: &'static str, since: &'static str },
    /// A name several municipalities go by (`Bergen`): nothing to say.
    Ambiguous,
    /// Not in the list; the nearest name, if one is near.
    Unknown(Option<&'static str>),
}

struct Table {
    /// Folded name → the municipalities it is a name, another name or a former part of.
    by_key: HashMap<String, Vec<Entry>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    name: &'static str,
    kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Name,
    Other,
    Former(&'static str),
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut by_key: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |key: &str, entry: Entry| {
            let list = by_key.entry(fold(key)).or_default();
            if !list.iter().any(|e| e.name == entry.name) {
                list.push(entry);
            }
        };
        for line in LIST.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            let _province = cols.next();
            let others = cols.next().unwrap_or("");
            let former = cols.next().unwrap_or("");
            add(name, Entry { name, kind: EntryKind::Name });
            for other in others.split('|').map(str::trim).filter(|o| !o.is_empty()) {
                add(other, Entry { name, kind: EntryKind::Other });
            }
            for old in former.split('|').map(str::trim).filter(|o| !o.is_empty()) {
                let (old, year) = old.split_once('@').unwrap_or((old, ""));
                add(old, Entry { name, kind: EntryKind::Former(year) });
            }
        }
        Table { by_key }
    })
}

/// A name as it is compared: without accents, case, spaces, hyphens, apostrophes, dots,
/// brackets and a leading "gemeente", with `ij` as `y` (`Harderwyk` is Harderwijk).
pub(crate) fn fold(name: &str) -> String {
    let plain: String = name.nfkd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
    let plain = plain.trim();
    let plain = plain.strip_prefix("gemeente ").unwrap_or(plain);
    let kept: String = plain.chars().filter(|c| c.is_alphanumeric()).collect();
    kept.replace("ij", "y")
}

/// What `written` is by the list of municipalities.
pub(crate) fn lookup(written: &str) -> Found {
    let written = written.trim();
    let table = table();
    let key = fold(written);
    if let Some(entries) = table.by_key.get(&key) {
        // A name of the list wins over the same text as another's former name.
        if let Some(e) = entries.iter().find(|e| e.kind == EntryKind::Name) {
            return if e.name == written { Found::Exact } else { Found::Spelling(e.name) };
        }
        return match entries.as_slice() {
            [Entry { name, kind: EntryKind::Other }] => Found::OtherName(name),
            [Entry { name, kind: EntryKind::Former(since) }] => Found::Former { now: name, since },
            _ => Found::Ambiguous,
        };
    }
    Found::Unknown(nearest(&key))
}

/// The name of the list nearest to the folded `key`: one typo for a short name, two for a
/// name of eight letters or more. Other names and former municipalities count too, but the
/// name given is always one of the list.
fn nearest(key: &str) -> Option<&'static str> {
    let table = table();
    let most = if key.chars().count() >= 8 { 2 } else { 1 };
    let mut best: Option<(usize, &'static str)> = None;
    for (k, entries) in &table.by_key {
        if k.len().abs_diff(key.len()) > most {
            continue;
        }
        let d = edit_distance(k, key);
        let [entry] = entries.as_slice() else { continue };
        if d <= most && best.is_none_or(|(b, name)| (d, entry.name) < (b, name)) {
            best = Some((d, entry.name));
        }
    }
    best.map(|(_, name)| name)
}

/// Every name of the list.
#[cfg(test)]
fn names() -> Vec<&'static str> {
    let entries = table().by_key.values().flatten();
    let mut names: Vec<&str> = entries.filter(|e| e.kind == EntryKind::Name).map(|e| e.name).collect();
    names.sort_unstable();
    names
}

pub(super) fn check(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for page in &site.pages {
        let Some(practice) = page.practice() else { continue };
        if practice.municipalities.is_empty() {
            continue;
        }
        // The value finder reads the page's front matter: only made when there is a report.
        let mut finder = None;
        for written in &practice.municipalities {
            let written = written.trim();
            if let Some(d) = report(written) {
                let finder = finder.get_or_insert_with(|| page.doc.value_finder("municipality"));
                diagnostics.push(finder.at(d, written));
            }
        }
    }
}

/// Whether the list knows `written`: as a name, a spelling of one, another name or a former
/// municipality. Then [`check`] tells every page that writes it otherwise what to write.
pub(crate) fn known(written: &str) -> bool {
    !matches!(lookup(written), Found::Unknown(_) | Found::Ambiguous)
}

/// The warning about `written`, if the list has something to say about it.
pub(crate) fn report(written: &str) -> Option<Diagnostic> {
    let d = match lookup(written) {
        Found::Exact | Found::Ambiguous => return None,
        Found::Spelling(name) => {
            Diagnostic::warning("municipality-spelling", msg!("municipality-spelling", written, name))
                .label(msg!("municipality.write", name))
                .help(msg!("municipality-spelling.help", name))
        }
        Found::OtherName(name) => {
            Diagnostic::warning("municipality-other-name", msg!("municipality-other-name", written, name))
                .label(msg!("municipality.write", name))
                .help(msg!("municipality-other-name.help", name))
        }
        Found::Former { now, since } => {
            Diagnostic::warning("former-municipality", msg!("former-municipality", written, now, since))
                .label(msg!("municipality.write", name = now))
                .help(msg!("former-municipality.help", now))
        }
        Found::Unknown(Some(name)) => {
            Diagnostic::warning("unknown-municipality", msg!("unknown-municipality", written))
                .label(msg!("did-you-mean", name))
                .help(msg!("unknown-municipality.nearest", name))
        }
        Found::Unknown(None) => Diagnostic::warning("unknown-municipality", msg!("unknown-municipality", written))
            .label(msg!("unknown-municipality.label"))
            .help(msg!("unknown-municipality.help")),
    };
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_municipality_once() {
        assert_eq!(names().len(), 342);
        let mut folded: Vec<String> = names().iter().map(|n| fold(n)).collect();
        folded.sort();
        folded.dedup();
        assert_eq!(folded.len(), 342, "two names of the list fold to one");
        // Every other name points to one municipality, except names shared on purpose.
        for (key, entries) in &table().by_key {
            if entries.len() > 1 {
                assert_eq!(key, "bergen", "{entries:?}");
            }
        }
    }

    #[test]
    fn names_spellings_merges_and_typos() {
        assert_eq!(lookup("Den Haag"), Found::Exact);
        assert_eq!(lookup("Súdwest-Fryslân"), Found::Exact);
        assert_eq!(lookup("Nuenen, Gerwen en Nederwetten"), Found::Exact);
        assert_eq!(lookup("Den Bosch"), Found::Exact);
        assert_eq!(lookup("DenHaag"), Found::Spelling("Den Haag"));
        assert_eq!(lookup("Gemeente Den Haag"), Found::Spelling("Den Haag"));
        assert_eq!(lookup("den haag"), Found::Spelling("Den Haag"));
        assert_eq!(lookup("Sudwest Fryslan"), Found::Spelling("Súdwest-Fryslân"));
        assert_eq!(lookup("Harderwyk"), Found::Spelling("Harderwijk"));
        assert_eq!(lookup("'s-Gravenhage"), Found::OtherName("Den Haag"));
        assert_eq!(lookup("'s-Hertogenbosch"), Found::OtherName("Den Bosch"));
        assert_eq!(lookup("Heerhugowaard"), Found::Former { now: "Dijk en Waard", since: "2022" });
        assert_eq!(lookup("Langedijk"), Found::Former { now: "Dijk en Waard", since: "2022" });
        assert_eq!(lookup("Brielle"), Found::Former { now: "Voorne aan Zee", since: "2023" });
        assert_eq!(lookup("Hellevoetsluis"), Found::Former { now: "Voorne aan Zee", since: "2023" });
        assert_eq!(lookup("Westvoorne"), Found::Former { now: "Voorne aan Zee", since: "2023" });
        assert_eq!(lookup("Boxmeer"), Found::Former { now: "Land van Cuijk", since: "2022" });
        assert_eq!(lookup("Uden"), Found::Former { now: "Maashorst", since: "2022" });
        assert_eq!(lookup("Haarlemmerliede en Spaarnwoude"), Found::Former { now: "Haarlemmermeer", since: "2019" });
        assert_eq!(lookup("Weesp"), Found::Former { now: "Amsterdam", since: "2022" });
        assert_eq!(lookup("Appingedam"), Found::Former { now: "Eemsdelta", since: "2021" });
        assert_eq!(lookup("Bergen"), Found::Ambiguous);
        assert_eq!(lookup("Bergen NH"), Found::Spelling("Bergen (NH.)"));
        assert_eq!(lookup("Amsterdm"), Found::Unknown(Some("Amsterdam")));
        assert_eq!(lookup("Harderwik"), Found::Unknown(Some("Harderwijk")));
        assert_eq!(lookup("Heerhugowaart"), Found::Unknown(Some("Dijk en Waard")));
        assert_eq!(lookup("Regio Twente"), Found::Unknown(None));
        // Real names one letter apart stay themselves.
        assert_eq!(lookup("Ede"), Found::Exact);
        assert_eq!(lookup("Epe"), Found::Exact);
    }

    #[test]
    fn reports_say_what_to_write() {
        let d = report("'s-Gravenhage").unwrap();
        let label = |d: &Diagnostic| d.label_text(crate::messages::Lang::En);
        assert_eq!((d.code, label(&d).as_deref()), ("municipality-other-name", Some("write `Den Haag`")));
        let d = report("Harderwyk").unwrap();
        assert_eq!((d.code, label(&d).as_deref()), ("municipality-spelling", Some("write `Harderwijk`")));
        let d = report("Heerhugowaard").unwrap();
        assert_eq!(
            d.message.render(crate::messages::Lang::Nl),
            "`Heerhugowaard` is geen gemeente meer: het hoort sinds 2022 bij Dijk en Waard"
        );
        assert!(report("Weert").is_none());
    }
}
