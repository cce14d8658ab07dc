//! Colours people pick for brands (and later categories), always `#rrggbb`.

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::Error;

/// A colour in lowercase `#rrggbb` form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(try_from = "String", into = "String")]
#[specta(type = String)]
pub struct Color([u8; 3]);

impl Color {
    /// Calm, distinct colours that read well on light and dark backgrounds; new brands
    /// take them in turn so that no two neighbours in the switcher look alike.
    pub const PALETTE: [Color; 8] = [
        Color([0x0f, 0x76, 0x6e]), // teal
        Color([0x4f, 0x46, 0xe5]), // indigo
        Color([0xe1, 0x1d, 0x48]), // rose
        Color([0xd9, 0x77, 0x06]), // amber
        Color([0x05, 0x96, 0x69]), // emerald
        Color([0x02, 0x84, 0xc7]), // sky
        Color([0x7c, 0x3a, 0xed]), // violet
        Color([0x47, 0x55, 0x69]), // slate
    ];

    /// The palette colour for the `n`th item.
    pub fn nth_in_palette(n: usize) -> Color {
        Self::PALETTE[n % Self::PALETTE.len()]
    }
}

impl FromStr for Color {
    type Err = Error;

    /// Accepts `#rrggbb` or `#rgb`, with or without the `#`, in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidColor(s.to_owned());
        let hex = s.trim();
        let hex = hex.strip_prefix('#').unwrap_or(hex);
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid());
        }
        let nibble = |i: usize| u8::from_str_radix(&hex[i..=i], 16).map_err(|_| invalid());
        match hex.len() {
            3 => Ok(Color([nibble(0)? * 17, nibble(1)? * 17, nibble(2)? * 17])),
            6 => Ok(Color([
                nibble(0)? * 16 + nibble(1)?,
                nibble(2)? * 16 + nibble(3)?,
                nibble(4)? * 16 + nibble(5)?,
            ])),
            _ => Err(invalid()),
        }
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

impl TryFrom<String> for Color {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<Color> for String {
    fn from(c: Color) -> String {
        c.to_string()
    }
}

impl ToSql for Color {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.to_string().into())
    }
}

impl FromSql for Color {
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
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    #[case("#0F766E", "#0f766e")]
    #[case("0f766e", "#0f766e")]
    #[case("#abc", "#aabbcc")]
    #[case(" #FFF ", "#ffffff")]
    fn accepts_common_spellings(#[case] input: &str, #[case] canonical: &str) {
        assert_eq!(
            input.parse::<Color>().expect("valid").to_string(),
            canonical
        );
    }

    #[rstest]
    #[case("")]
    #[case("#12345")]
    #[case("#gggggg")]
    #[case("red")]
    #[case("#١٢٣")] // Arabic-Indic digits are not hex digits
    fn rejects_anything_else(#[case] input: &str) {
        assert_eq!(
            input.parse::<Color>().expect_err("invalid").code(),
            "invalid_color"
        );
    }

    proptest! {
        #[test]
        fn display_then_parse_is_identity(r: u8, g: u8, b: u8) {
            let c = Color([r, g, b]);
            prop_assert_eq!(c.to_string().parse::<Color>().expect("own output parses"), c);
        }
    }
}
