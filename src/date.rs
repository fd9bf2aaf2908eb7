//! Calendar dates as editors write them (`2021-03-05`), checked, ordered and formatted for
//! feeds and for Dutch and English readers.

use std::fmt;

use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, optionally followed by a time (`T10:00:00Z`, ignored).
    pub fn parse(s: &str) -> Result<Date, &'static str> {
        let s = s.trim();
        let date = s.split(['T', ' ']).next().unwrap_or("");
        let mut parts = date.split('-');
        let (Some(y), Some(m), Some(d), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
            return Err("write dates as year-month-day, for example 2024-03-15");
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err("write dates as year-month-day with four, two and two digits, for example 2024-03-15");
        }
        let (Ok(year), Ok(month), Ok(day)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
            return Err("a date has only digits and dashes, for example 2024-03-15");
        };
        if !(1..=12).contains(&month) {
            return Err("the month must be between 01 and 12");
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err("that day does not exist in that month");
        }
        Ok(Date { year, month, day })
    }

    /// `2024-03-15T00:00:00Z`, for Atom feeds.
    pub fn rfc3339(&self) -> String {
        format!("{self}T00:00:00Z")
    }

    /// `15 maart 2024` / `15 March 2024`.
    pub fn long(&self, lang: &str) -> String {
        const NL: [&str; 12] = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let months = if lang == "en" { EN } else { NL };
        format!("{} {} {}", self.day, months[usize::from(self.month) - 1], self.year)
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
        assert_eq!(Date::parse("2024-03-15T10:00:00Z").unwrap().long("nl"), "15 maart 2024");
    }
}
