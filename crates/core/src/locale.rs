//! Locales: which language and conventions a brand speaks in.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::Error;

/// A BCP 47 language tag in canonical case (`en`, `ar-SA`, `zh-Hant-TW`).
///
/// Only the shape is checked (a 2–3 letter language, then 2–8 character subtags): the
/// point is to refuse typos like `english` or `ar_SA`, not to ship a registry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
#[specta(type = String)]
pub struct Locale(String);

impl Default for Locale {
    fn default() -> Self {
        Locale("en".into())
    }
}

impl FromStr for Locale {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidLocale(s.to_owned());
        let mut parts = s.trim().split('-');
        let language = parts.next().unwrap_or_default();
        if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic())
        {
            return Err(invalid());
        }
        let mut tag = language.to_ascii_lowercase();
        for part in parts {
            if !(2..=8).contains(&part.len()) || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(invalid());
            }
            tag.push('-');
            // Canonical case: regions upper (SA), scripts title (Hant), the rest lower.
            match part.len() {
                2 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                    tag.push_str(&part.to_ascii_uppercase())
                }
                4 if part.chars().all(|c| c.is_ascii_alphabetic()) => {
                    tag.push_str(&part[..1].to_ascii_uppercase());
                    tag.push_str(&part[1..].to_ascii_lowercase());
                }
                _ => tag.push_str(&part.to_ascii_lowercase()),
            }
        }
        Ok(Locale(tag))
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Locale {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<Locale> for String {
    fn from(l: Locale) -> String {
        l.0
    }
}

impl ToSql for Locale {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.as_str().into())
    }
}

impl FromSql for Locale {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("en", "en")]
    #[case("AR-sa", "ar-SA")]
    #[case("zh-hant-tw", "zh-Hant-TW")]
    #[case("es-419", "es-419")]
    fn canonicalises(#[case] input: &str, #[case] canonical: &str) {
        let locale: Locale = input.parse().expect("valid");
        assert_eq!(locale.to_string(), canonical);
    }

    #[rstest]
    #[case("")]
    #[case("english")]
    #[case("ar_SA")]
    #[case("ar-")]
    #[case("عربي")]
    fn rejects_what_is_not_a_tag(#[case] input: &str) {
        assert_eq!(
            input.parse::<Locale>().expect_err("invalid").code(),
            "invalid_locale"
        );
    }
}
