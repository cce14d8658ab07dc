//! Categories: a brand's content pillars, each with a colour on the calendar.

use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::brands::BrandId;
use crate::color::Color;
use crate::settings::Language;
use crate::{Error, Result};

/// A category's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct CategoryId(pub i64);

/// A content pillar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    /// Row id.
    pub id: CategoryId,
    /// Its name, unique within the brand.
    pub name: String,
    /// Its colour on the calendar.
    pub color: Color,
    /// The share of the brand's posts it should have.
    pub target: Target,
}

/// The share of a brand's posts a category should have, in whole percent: at least,
/// at most, both (a range) or neither. "Promotion at most 20 %" is the classic rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The smallest share it should have.
    pub at_least: Option<u8>,
    /// The largest share it should have.
    pub at_most: Option<u8>,
}

/// Where an actual share stands against its [`Target`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Below its "at least".
    Under,
    /// Within the target.
    Within,
    /// Above its "at most".
    Over,
}

impl Target {
    /// Refused when a bound is over 100 % or the bounds cross.
    pub fn validate(self) -> Result<Self> {
        let valid = self.at_least.is_none_or(|p| p <= 100)
            && self.at_most.is_none_or(|p| p <= 100)
            && match (self.at_least, self.at_most) {
                (Some(low), Some(high)) => low <= high,
                _ => true,
            };
        if valid {
            Ok(self)
        } else {
            Err(Error::InvalidTarget {
                at_least: self.at_least,
                at_most: self.at_most,
            })
        }
    }

    /// Whether any bound is set.
    pub fn is_set(self) -> bool {
        self.at_least.is_some() || self.at_most.is_some()
    }

    /// Where `posts` of `total` stand; `None` when no bound is set or there are no
    /// posts to judge. Counted in whole numbers: 7 of 25 is exactly 28 %, which a
    /// floating-point share would put a hair over "at most 28 %".
    pub fn standing(self, posts: u32, total: u32) -> Option<Standing> {
        if !self.is_set() || total == 0 {
            return None;
        }
        let hundredfold = u64::from(posts) * 100;
        let of = |p: u8| u64::from(p) * u64::from(total);
        if self.at_least.is_some_and(|p| hundredfold < of(p)) {
            Some(Standing::Under)
        } else if self.at_most.is_some_and(|p| hundredfold > of(p)) {
            Some(Standing::Over)
        } else {
            Some(Standing::Within)
        }
    }
}

/// Gives a new brand the four pillars the community-management brief recommends mixing,
/// named in the brand's language.
pub fn seed_defaults(tx: &Transaction<'_>, brand: BrandId, language: Language) -> Result<()> {
    let names: [&str; 4] = match language {
        Language::En => [
            "Promotion",
            "Question or poll",
            "Behind the scenes",
            "Community feature",
        ],
        Language::Ar => ["ترويج", "سؤال أو استطلاع", "من وراء الكواليس", "من مجتمعنا"],
    };
    let colors = [
        Color::PALETTE[2],
        Color::PALETTE[5],
        Color::PALETTE[3],
        Color::PALETTE[4],
    ];
    let mut insert = tx.prepare_cached(
        "INSERT INTO categories (brand_id, name, name_key, color) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (name, color) in names.into_iter().zip(colors) {
        insert.execute(params![brand.0, name, name.to_lowercase(), color])?;
    }
    Ok(())
}

/// The columns [`from_row`] reads.
const COLUMNS: &str = "id, name, color, target_min, target_max";

/// A brand's categories, in the order they were made.
pub fn list(conn: &Connection, brand: BrandId) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM categories WHERE brand_id = ?1 ORDER BY id"
    ))?;
    let categories = stmt
        .query_map([brand.0], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(categories)
}

/// The brand's category called `name` (without regard to case); the error lists the
/// categories there are.
pub fn find(conn: &Connection, brand: BrandId, name: &str) -> Result<Category> {
    let found = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM categories WHERE brand_id = ?1 AND name_key = ?2"
        ))?
        .query_row(params![brand.0, name.trim().to_lowercase()], from_row)
        .optional()?;
    match found {
        Some(category) => Ok(category),
        None => Err(Error::NoSuchCategory {
            name: name.trim().to_owned(),
            known: list(conn, brand)?
                .into_iter()
                .map(|c| c.name)
                .collect::<Vec<_>>()
                .join(", "),
        }),
    }
}

/// Sets the share of the brand's posts `category` should have.
pub fn set_target(
    tx: &Transaction<'_>,
    brand: BrandId,
    category: CategoryId,
    target: Target,
) -> Result<()> {
    let target = target.validate()?;
    let changed = tx.execute(
        "UPDATE categories SET target_min = ?3, target_max = ?4 WHERE id = ?2 AND brand_id = ?1",
        params![brand.0, category.0, target.at_least, target.at_most],
    )?;
    if changed == 0 {
        return Err(Error::CategoryNotFound(category.0));
    }
    Ok(())
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: CategoryId(r.get(0)?),
        name: r.get(1)?,
        color: r.get(2)?,
        target: Target {
            at_least: r.get(3)?,
            at_most: r.get(4)?,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_exactly_on_its_target_is_within_it() {
        let at_most = |p| Target {
            at_least: None,
            at_most: Some(p),
        };
        let at_least = |p| Target {
            at_least: Some(p),
            at_most: None,
        };
        assert_eq!(at_most(28).standing(7, 25), Some(Standing::Within));
        assert_eq!(at_least(58).standing(29, 50), Some(Standing::Within));
        assert_eq!(at_most(20).standing(3, 14), Some(Standing::Over));
        assert_eq!(at_least(25).standing(0, 12), Some(Standing::Under));
        assert_eq!(at_least(25).standing(0, 0), None);
        assert_eq!(Target::default().standing(3, 4), None);
    }
    use crate::Store;
    use crate::brands::{self, NewBrand};
    use crate::time::Timestamp;

    #[test]
    fn a_new_brand_has_the_four_pillars_in_its_language() {
        let store = Store::open_in_memory().expect("store");
        let now = Timestamp::from_unix(1_790_000_000).expect("in range");
        let new = NewBrand {
            name: "مخبز".into(),
            time_zone: "Asia/Riyadh".into(),
            locale: Some("ar-SA".into()),
            color: None,
        };
        let brand = store
            .write(|tx| brands::create(tx, &new, now))
            .expect("brand");
        let names: Vec<String> = store
            .read(|c| list(c, brand.id))
            .expect("list")
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(
            names,
            ["ترويج", "سؤال أو استطلاع", "من وراء الكواليس", "من مجتمعنا"]
        );

        let found = store.read(|c| find(c, brand.id, " ترويج ")).expect("found");
        assert_eq!(found.name, "ترويج");
        let err = store
            .read(|c| find(c, brand.id, "Giveaway"))
            .expect_err("none");
        assert_eq!(err.code(), "category_not_found");
        assert!(
            err.to_string().contains("Giveaway") && err.to_string().contains("ترويج"),
            "{err}"
        );
    }
}
