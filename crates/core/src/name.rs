//! Display names of brands and channels: tidied, non-empty, compared without case.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::Serialize;

use crate::{Error, Result};

/// What a name names, so that errors say which name is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    /// A brand's name.
    Brand,
    /// A channel's name.
    Channel,
}

impl fmt::Display for Named {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Named::Brand => "brand",
            Named::Channel => "channel",
        })
    }
}

/// A display name, already tidied: no outer spaces, no runs of spaces.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, specta::Type)]
#[serde(transparent)]
pub struct Name(String);

impl Name {
    /// Longest name accepted, in characters: room for "Client — Sub-brand" labels.
    pub const MAX_CHARS: usize = 80;

    /// Tidies `text` and checks it can name a `named`.
    pub fn parse(text: &str, named: Named) -> Result<Self> {
        let tidy = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if tidy.is_empty() {
            return Err(Error::NameEmpty(named));
        }
        if tidy.chars().count() > Self::MAX_CHARS {
            return Err(Error::NameTooLong(named, Self::MAX_CHARS));
        }
        Ok(Name(tidy))
    }

    /// The uniqueness key: the name in lower case, so "Souq" and "SOUQ" collide.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToSql for Name {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.0.as_str().into())
    }
}

impl FromSql for Name {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        // Stored names were validated on the way in; keep them exactly as stored.
        Ok(Name(value.as_str()?.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tidies_spaces_and_keeps_arabic_marks() {
        let name = Name::parse("  مخبز   الريّان \n", Named::Brand).expect("valid");
        assert_eq!(name.to_string(), "مخبز الريّان");
    }

    #[test]
    fn says_which_name_is_wrong() {
        let err = Name::parse(" ", Named::Channel).expect_err("empty");
        assert_eq!(err.code(), "channel_name_empty");
        assert_eq!(err.to_string(), "the channel name is empty");
    }

    #[test]
    fn counts_characters_not_bytes() {
        // 80 Arabic letters are 160 bytes but still within the limit.
        assert!(Name::parse(&"ب".repeat(80), Named::Brand).is_ok());
        let err = Name::parse(&"ب".repeat(81), Named::Brand).expect_err("too long");
        assert_eq!(err.code(), "brand_name_too_long");
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(s in "\\PC{0,100}") {
            if let Ok(name) = Name::parse(&s, Named::Brand) {
                let again = Name::parse(name.as_str(), Named::Brand).expect("own output parses");
                prop_assert_eq!(again, name);
            }
        }

        #[test]
        fn keys_ignore_case(s in "[a-zA-Z ]{1,40}") {
            if let (Ok(lower), Ok(upper)) = (Name::parse(&s.to_lowercase(), Named::Brand), Name::parse(&s.to_uppercase(), Named::Brand)) {
                prop_assert_eq!(lower.key(), upper.key());
            }
        }
    }
}
