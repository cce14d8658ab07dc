//! Brand names: trimmed, single-spaced, non-empty, and compared without case.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::Error;

/// A brand's display name, already tidied: no outer spaces, no runs of spaces.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
#[specta(type = String)]
pub struct BrandName(String);

impl BrandName {
    /// Longest name accepted, in characters: room for "Client — Sub-brand" labels.
    pub const MAX_CHARS: usize = 80;

    /// The uniqueness key: the name in lower case, so "Souq" and "SOUQ" collide.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }
}

impl FromStr for BrandName {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        let tidy = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if tidy.is_empty() {
            return Err(Error::BrandNameEmpty);
        }
        if tidy.chars().count() > Self::MAX_CHARS {
            return Err(Error::BrandNameTooLong {
                max: Self::MAX_CHARS,
            });
        }
        Ok(BrandName(tidy))
    }
}

impl fmt::Display for BrandName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for BrandName {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<BrandName> for String {
    fn from(n: BrandName) -> String {
        n.0
    }
}

impl ToSql for BrandName {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.as_str().into())
    }
}

impl FromSql for BrandName {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        // Stored names were validated on the way in; keep them exactly as stored.
        Ok(BrandName(value.as_str()?.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tidies_spaces_and_keeps_arabic_marks() {
        let name: BrandName = "  مخبز   الريّان \n".parse().expect("valid");
        assert_eq!(name.to_string(), "مخبز الريّان");
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 80 Arabic letters are 160 bytes but still within the limit.
        assert!("ب".repeat(80).parse::<BrandName>().is_ok());
        let err = "ب".repeat(81).parse::<BrandName>().expect_err("too long");
        assert_eq!(err.code(), "brand_name_too_long");
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(s in "\\PC{0,100}") {
            if let Ok(name) = s.parse::<BrandName>() {
                let again: BrandName = name.to_string().parse().expect("own output parses");
                prop_assert_eq!(again, name);
            }
        }

        #[test]
        fn keys_ignore_case(s in "[a-zA-Z ]{1,40}") {
            if let (Ok(lower), Ok(upper)) = (s.to_lowercase().parse::<BrandName>(), s.to_uppercase().parse::<BrandName>()) {
                prop_assert_eq!(lower.key(), upper.key());
            }
        }
    }
}
