//! Dates, numbers and spans of time as people write them in a language: templates'
//! `{today}`, the client report and what the engine says.

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

/// A span of `minutes` in its hours and minutes, as people say it: "2 h 5 min"; in
/// Arabic in words, as a sentence says it — «ساعتين و٥ دقائق», «١١ ساعة و٢٠ دقيقة», the
/// dual in the form it takes after a word («متأخرة ساعتين») — as the window's badges
/// say it (`sla.*` in the UI's messages).
pub fn span(minutes: u32, language: &str) -> String {
    let (h, m) = (minutes / 60, minutes % 60);
    if language == "ar" {
        let hours = counted(h, ["ساعة", "ساعتين", "ساعات", "ساعة"]);
        let mins = counted(m, ["دقيقة", "دقيقتين", "دقائق", "دقيقة"]);
        return match (h, m) {
            (0, _) => mins,
            (_, 0) => hours,
            _ => format!("{hours} و{mins}"),
        };
    }
    match (h, m) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// `n` things in Arabic: the singular for one, the dual for two, the plural after a
/// number ending in 3 to 10 (103 too), the singular after any other (`forms`: one, two,
/// plural, singular after a number), with Arabic-Indic digits — CLDR's Arabic plural
/// rules, which the window's messages follow.
pub fn counted(n: u32, [one, two, plural, many]: [&str; 4]) -> String {
    match n {
        1 => one.to_owned(),
        2 => two.to_owned(),
        n if (3..=10).contains(&(n % 100)) => format!("{} {plural}", arabic_digits(n)),
        n => format!("{} {many}", arabic_digits(n)),
    }
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

    #[test]
    fn spans_read_as_each_language_says_them() {
        assert_eq!(span(5, "en"), "5 min");
        assert_eq!(span(120, "en"), "2 h");
        assert_eq!(span(125, "en"), "2 h 5 min");
        assert_eq!(span(1, "ar"), "دقيقة");
        assert_eq!(span(2, "ar"), "دقيقتين");
        assert_eq!(span(5, "ar"), "٥ دقائق");
        assert_eq!(span(25, "ar"), "٢٥ دقيقة");
        assert_eq!(span(60, "ar"), "ساعة");
        assert_eq!(span(125, "ar"), "ساعتين و٥ دقائق");
        assert_eq!(span(11 * 60 + 20, "ar"), "١١ ساعة و٢٠ دقيقة");
        assert_eq!(span(3 * 60 + 1, "ar"), "٣ ساعات ودقيقة");
        assert_eq!(span(103 * 60, "ar"), "١٠٣ ساعات");
        assert_eq!(span(100 * 60, "ar"), "١٠٠ ساعة");
    }
}
