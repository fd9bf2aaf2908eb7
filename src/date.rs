//! Calendar dates as editors write them (`2021-03-05`), checked, ordered and formatted for
//! feeds and for readers in the site's language.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::language::Language;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, optionally followed by a time (`T10:00:00Z`, ignored).
    pub(crate) fn parse(s: &str) -> Result<Date, crate::messages::Msg> {
        let s = s.trim();
        let date = s.split(['T', ' ']).next().unwrap_or("");
        let mut parts = date.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err(crate::msg!("bad-date.help.shape"));
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(crate::msg!("bad-date.help.digits"));
        }
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
            return Err(crate::msg!("bad-date.help.characters"));
        };
        if !(1..=12).contains(&month) {
            return Err(crate::msg!("bad-date.help.month"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(crate::msg!("bad-date.help.day"));
        }
        Ok(Date { year, month, day })
    }

    /// `2024-03-15T00:00:00Z`, for Atom feeds.
    pub(crate) fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }

    /// `15 maart 2024` / `15 March 2024`: the day, the month's name in `language` and the
    /// year; `2024-03-15` in a language whose month names the code does not have, rather than
    /// the names of another language.
    pub(crate) fn long(&self, language: &Language) -> String {
        match language.months() {
            Some(months) => format!("{} {} {}", self.day, months[usize::from(self.month) - 1], self.year),
            None => self.to_string(),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2023-13-01").is_err());
        assert!(Date::parse("15-03-2024").is_err());
    }

    #[test]
    fn long_dates_in_the_site_language() {
        let date = Date::parse("2024-03-15T10:00:00Z").unwrap();
        assert_eq!(date.long(&Language::for_tag("nl")), "15 maart 2024");
        assert_eq!(date.long(&Language::for_tag("en")), "15 March 2024");
        assert_eq!(date.long(&Language::for_tag("en-GB")), "15 March 2024");
        // No month names of another language: the ISO date.
        assert_eq!(date.long(&Language::for_tag("fr")), "2024-03-15");
    }
}
