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

/// A brand's categories, in the order they were made.
pub fn list(conn: &Connection, brand: BrandId) -> Result<Vec<Category>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name, color FROM categories WHERE brand_id = ?1 ORDER BY id")?;
    let categories = stmt
        .query_map([brand.0], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(categories)
}

/// The brand's category called `name` (without regard to case); the error lists the
/// categories there are.
pub fn find(conn: &Connection, brand: BrandId, name: &str) -> Result<Category> {
    let found = conn
        .prepare_cached(
            "SELECT id, name, color FROM categories WHERE brand_id = ?1 AND name_key = ?2",
        )?
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

fn from_row(r: &Row<'_>) -> rusqlite::Result<Category> {
    Ok(Category {
        id: CategoryId(r.get(0)?),
        name: r.get(1)?,
        color: r.get(2)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
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
