//! The values of the richer content model (issue 21) that are more than text: a practice
//! example's `period`, `status`, `results_kind`, `conditions` and `contact`, and the review
//! date of every page. The loader reads them through the key tables in `kind.rs`; this module
//! says what a good value is, so the loader can report a bad one where it is written.

use serde::Serialize;

use crate::date::Date;
use crate::messages::Msg;
use crate::msg;

/// The values of `status`, as editors write them.
pub(crate) const STATUSES: &[&str] = &["lopend", "afgerond", "gestopt"];

/// The values of `results_kind`: results measured, described, or none known.
pub(crate) const RESULTS_KINDS: &[&str] = &["gemeten", "beschreven", "geen"];

/// The keys of `conditions` (randvoorwaarden), in the order the fact box shows them, with the
/// Dutch words editors write instead.
pub(crate) const CONDITION_KEYS: &[(&str, &[&str])] = &[
    ("people", &["mensen", "menskracht", "personeel", "inzet"]),
    ("money", &["geld", "budget", "kosten", "financiering", "middelen"]),
    ("partners", &["samenwerkingspartners", "samenwerking", "partner"]),
];

/// Years a `period` may name: earlier or later is a typo.
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

/// When a practice ran: one year, a range of years, or a start year and still going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Period {
    pub(crate) start: u16,
    /// `None` for "from `start` on" (`2019–`); `Some(start)` for a single year.
    pub(crate) end: Option<u16>,
}

impl Period {
    /// Reads `2019`, `2019–2021` (en dash or hyphen, spaces allowed) or `2019–` (still going).
    pub(crate) fn parse(written: &str) -> Result<Period, Msg> {
        let s = written.trim();
        let year = |t: &str| -> Result<u16, Msg> {
            let t = t.trim();
            if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(msg!("bad-period.help.shape"));
            }
            let y: u16 = t.parse().map_err(|_| msg!("bad-period.help.shape"))?;
            if YEARS.contains(&y) { Ok(y) } else { Err(msg!("bad-period.help.year")) }
        };
        let Some((a, b)) = s.split_once(['–', '-', '—']) else {
            let y = year(s)?;
            return Ok(Period { start: y, end: Some(y) });
        };
        let start = year(a)?;
        if b.trim().is_empty() {
            return Ok(Period { start, end: None });
        }
        let end = year(b)?;
        if end < start {
            return Err(msg!("bad-period.help.order"));
        }
        Ok(Period { start, end: Some(end) })
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.end {
            Some(end) if end == self.start => write!(f, "{}", self.start),
            Some(end) => write!(f, "{}–{end}", self.start),
            None => write!(f, "{}–", self.start),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One line of `conditions`: which kind (`people`, `money`, `partners`) and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub(crate) struct Condition {
    pub(crate) kind: &'static str,
    pub(crate) text: String,
}

/// The condition key `written` stands for: itself, or its Dutch word.
pub(crate) fn condition_key(written: &str) -> Option<&'static str> {
    let w = written.trim().to_lowercase();
    CONDITION_KEYS.iter().find(|(k, dutch)| *k == w || dutch.contains(&w.as_str())).map(|(k, _)| *k)
}

/// Local parts of e-mail addresses that belong to an organisation, not a person. A contact
/// e-mail address must use one of them (or start with one: `info.jeugd@`), because anything
/// else may be someone's own address, and personal details never enter the knowledge base.
const GENERAL_MAILBOXES: &[&str] = &[
    "info",
    "contact",
    "post",
    "postbus",
    "secretariaat",
    "servicedesk",
    "helpdesk",
    "redactie",
    "vragen",
    "klantcontact",
    "kcc",
    "gemeente",
    "communicatie",
    "pers",
    "receptie",
    "loket",
    "algemeen",
    "office",
    "mail",
    "team",
    "projecten",
    "project",
    "programma",
    "support",
    "service",
    "hallo",
    "welkom",
];

/// Checks a `contact`: an organisation's web page (`https://...`) or its general e-mail address
/// (`info@...`). A name, a phone number or an e-mail address that may be a person's is refused
/// with the reason.
pub(crate) fn check_contact(written: &str) -> Result<(), Msg> {
    let s = written.trim();
    let s = s.strip_prefix("mailto:").unwrap_or(s);
    if s.starts_with("https://") || s.starts_with("http://") {
        return crate::url::check_web_address(s).map_err(|why| msg!("bad-contact.help.web", why));
    }
    if let Some((local, domain)) = s.split_once('@') {
        if local.is_empty() || !domain.contains('.') || s.contains(char::is_whitespace) {
            return Err(msg!("bad-contact.help.shape"));
        }
        let first = local.to_lowercase();
        let first = first.split(['.', '_', '-', '+']).next().unwrap_or("");
        if GENERAL_MAILBOXES.contains(&first) {
            return Ok(());
        }
        return Err(msg!("bad-contact.help.person"));
    }
    if s.chars().filter(char::is_ascii_digit).count() >= 6 {
        return Err(msg!("bad-contact.help.phone"));
    }
    Err(msg!("bad-contact.help.shape"))
}

/// How a contact is linked: a web page as it is, an e-mail address with `mailto:`.
pub(crate) fn contact_link(contact: &str) -> String {
    let c = contact.trim();
    if c.starts_with("http://") || c.starts_with("https://") || c.starts_with("mailto:") {
        c.to_string()
    } else {
        format!("mailto:{c}")
    }
}

/// The date `months` months after `date` (the day kept, or the month's last day).
pub(crate) fn add_months(date: Date, months: i64) -> Date {
    // Saturating: `review_after` may be any whole number an editor writes.
    let total = (i64::from(date.year) * 12 + i64::from(date.month) - 1).saturating_add(months.max(0));
    let year = u16::try_from(total / 12).unwrap_or(u16::MAX);
    let month = (total % 12) as u8 + 1;
    let last = (1..=31u8).rev().find(|&d| Date::parse(&format!("{year:04}-{month:02}-{d:02}")).is_ok()).unwrap_or(28);
    Date { year, month, day: date.day.min(last) }
}

/// Today's date, in UTC: from `WEGWIJS_TODAY` (`YYYY-MM-DD`) when set, so tests and a
/// reproducible build can fix it, else the system clock.
pub(crate) fn today() -> Date {
    if let Some(d) = std::env::var("WEGWIJS_TODAY").ok().and_then(|t| Date::parse(&t).ok()) {
        return d;
    }
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    from_unix_days((secs / 86_400) as i64)
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn from_unix_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date { year: u16::try_from(year).unwrap_or(0), month, day }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        assert_eq!(Period::parse("2019").unwrap().to_string(), "2019");
        assert_eq!(Period::parse("2019–2021").unwrap().to_string(), "2019–2021");
        assert_eq!(Period::parse("2019 - 2021").unwrap().to_string(), "2019–2021");
        assert_eq!(Period::parse("2019–").unwrap(), Period { start: 2019, end: None });
        assert!(Period::parse("2021–2019").is_err());
        assert!(Period::parse("19–21").is_err());
        assert!(Period::parse("voorjaar 2019").is_err());
        assert!(Period::parse("3019").is_err());
    }

    #[test]
    fn contacts_are_organisations() {
        assert!(check_contact("https://www.harderwijk.nl/").is_ok());
        assert!(check_contact("info@example.nl").is_ok());
        assert!(check_contact("info.jeugd@example.nl").is_ok());
        assert!(check_contact("naam.achternaam@voorbeeld.nl").is_err());
        assert!(check_contact("a@b.nl").is_err());
        assert!(check_contact("Jan Jansen").is_err());
        assert!(check_contact("06-12345678").is_err());
        assert!(check_contact("https://").is_err());
    }

    #[test]
    fn dates_from_days_and_months_later() {
        assert_eq!(from_unix_days(0).to_string(), "1970-01-01");
        assert_eq!(from_unix_days(20_789).to_string(), "2026-12-02");
        let d = Date::parse("2024-01-31").unwrap();
        assert_eq!(add_months(d, 1).to_string(), "2024-02-29");
        assert_eq!(add_months(d, 24).to_string(), "2026-01-31");
        assert_eq!(add_months(Date::parse("2024-11-15").unwrap(), 2).to_string(), "2025-01-15");
        assert_eq!(add_months(d, i64::MAX).year, u16::MAX);
    }
}
