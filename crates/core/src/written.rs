//! Dates and numbers as people write them in a language: templates' `{today}` and the
//! client report.

use chrono::{Datelike, NaiveDate};

const ENGLISH: [&str; 12] = [
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
// The Gregorian month names used across the Gulf and Egypt.
const ARABIC: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// "29 November 2026"; "٢٩ نوفمبر ٢٠٢٦" (Arabic-Indic digits, as the window writes
/// Arabic numbers); other languages: ISO 8601.
pub fn date(day: NaiveDate, language: &str) -> String {
    let month = day.month0() as usize;
    match language {
        "en" => format!("{} {} {}", day.day(), ENGLISH[month], day.year()),
        "ar" => format!(
            "{} {} {}",
            arabic_digits(day.day()),
            ARABIC[month],
            arabic_digits(day.year())
        ),
        _ => day.format("%Y-%m-%d").to_string(),
    }
}

/// `text` with its digits in `language`'s own (Arabic-Indic in Arabic, with the Arabic
/// decimal and percent signs), as the window writes numbers.
pub fn digits(text: &str, language: &str) -> String {
    if language != "ar" {
        return text.to_owned();
    }
    arabic_digits(text)
        .replace('.', "\u{066B}")
        .replace('%', "\u{066A}")
}

fn arabic_digits(n: impl ToString) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(0x0660 + d))
                .unwrap_or(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_each_language_writes_them() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        assert_eq!(date(day, "en"), "29 November 2026");
        assert_eq!(date(day, "ar"), "٢٩ نوفمبر ٢٠٢٦");
        assert_eq!(date(day, "fr"), "2026-11-29");
        assert_eq!(digits("87.5 %", "ar"), "٨٧٫٥ ٪");
        assert_eq!(digits("87.5 %", "en"), "87.5 %");
    }
}
