//! Brands: the workspaces everything else belongs to.

use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, Transaction, params};
use serde::{Deserialize, Serialize};

use crate::color::Color;
use crate::locale::Locale;
use crate::name::{Name, Named};
use crate::settings::Language;
use crate::time::Timestamp;
use crate::zone::Zone;
use crate::{Error, Result, categories, settings};

/// A brand's row id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct BrandId(pub i64);

/// One business, or one client of an agency: its name, where it lives, how it speaks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Brand {
    /// Row id.
    pub id: BrandId,
    /// Display name, unique without regard to case.
    pub name: Name,
    /// The zone its calendar, slots and business hours are in.
    pub time_zone: Zone,
    /// The language and conventions it speaks in.
    pub locale: Locale,
    /// Its colour in the switcher and calendar.
    pub color: Color,
    /// How many minutes late a post that was due while Majlis was closed may still go
    /// out by itself; later, it is held for the person to choose. `None`: always.
    pub hold_late_after: Option<u32>,
    /// When it was created.
    pub created_at: Timestamp,
    /// When it was last changed.
    pub updated_at: Timestamp,
}

/// A brand as a person types it, before validation. Missing locale and colour get
/// defaults: English, and the next colour of the palette.
#[derive(Clone, Debug, Default, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct NewBrand {
    /// Display name.
    pub name: String,
    /// IANA time zone name.
    pub time_zone: String,
    /// BCP 47 language tag; English when absent.
    pub locale: Option<String>,
    /// `#rrggbb`; the next palette colour when absent.
    pub color: Option<String>,
}

/// Validates `new` and adds it, naming the first problem if there is one.
#[tracing::instrument(skip(tx), err)]
pub fn create(tx: &Transaction<'_>, new: &NewBrand, now: Timestamp) -> Result<Brand> {
    let name = Name::parse(&new.name, Named::Brand)?;
    let time_zone: Zone = new.time_zone.parse()?;
    let locale: Locale = new
        .locale
        .as_deref()
        .map(str::parse)
        .transpose()?
        .unwrap_or_default();
    let color = match new.color.as_deref() {
        Some(c) => c.parse()?,
        None => next_color(tx)?,
    };
    let id = tx
        .query_row(
            "INSERT INTO brands (name, name_key, time_zone, locale, color, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) RETURNING id",
            params![name, name.key(), time_zone, locale, color, now],
            |r| r.get(0),
        )
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::ConstraintViolation) => {
                Error::NameTaken(Named::Brand, name.to_string())
            }
            _ => e.into(),
        })?;
    categories::seed_defaults(tx, BrandId(id), Language::of_locale(&locale))?;
    get(tx, BrandId(id))
}

/// Makes `id` the brand the window shows.
pub fn select(tx: &Transaction<'_>, id: BrandId) -> Result<()> {
    let exists: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM brands WHERE id = ?1)",
        [id.0],
        |r| r.get(0),
    )?;
    if !exists {
        return Err(Error::BrandNotFound(id.0));
    }
    settings::set(tx, &settings::CURRENT_BRAND, &Some(id))
}

/// The brands and which one the window shows: the last selected, else the first.
pub fn workspace(conn: &Connection) -> Result<Workspace> {
    let brands = list(conn)?;
    let selected = settings::get(conn, &settings::CURRENT_BRAND)?;
    let current = selected
        .filter(|id| brands.iter().any(|b| b.id == *id))
        .or_else(|| brands.first().map(|b| b.id));
    Ok(Workspace { brands, current })
}

/// All brands, and the one being worked on.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    /// Every brand, in name order.
    pub brands: Vec<Brand>,
    /// The brand the window shows; `None` only when there are no brands.
    pub current: Option<BrandId>,
}

/// The brand with this id.
pub fn get(conn: &Connection, id: BrandId) -> Result<Brand> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id.0], from_row)
        .optional()?
        .ok_or(Error::BrandNotFound(id.0))
}

/// The brand called `name` (without regard to case or extra spaces).
pub fn find(conn: &Connection, name: &str) -> Result<Brand> {
    let key = Name::parse(name, Named::Brand)?.key();
    conn.prepare_cached(&format!("{SELECT} WHERE name_key = ?1"))?
        .query_row([key], from_row)
        .optional()?
        .ok_or_else(|| Error::NoSuchBrand(name.trim().to_owned()))
}

/// All brands, in name order.
pub fn list(conn: &Connection) -> Result<Vec<Brand>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY name_key"))?;
    let brands = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(brands)
}

/// The colour a new brand gets unless the person picks one: the palette, in turn.
pub fn next_color(conn: &Connection) -> Result<Color> {
    let n: i64 = conn.query_row("SELECT count(*) FROM brands", [], |r| r.get(0))?;
    Ok(Color::nth_in_palette(
        usize::try_from(n).unwrap_or_default(),
    ))
}

const SELECT: &str = "SELECT id, name, time_zone, locale, color, created_at, updated_at,
                             hold_late_after FROM brands";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Brand> {
    Ok(Brand {
        id: BrandId(r.get(0)?),
        name: r.get(1)?,
        time_zone: r.get(2)?,
        locale: r.get(3)?,
        color: r.get(4)?,
        created_at: r.get(5)?,
        updated_at: r.get(6)?,
        hold_late_after: r.get(7)?,
    })
}

/// The shortest wait before a late post is held: a publisher that wakes a little late
/// (a busy machine, a resumed laptop) must not hold what is merely on time.
pub const MIN_HOLD_LATE_AFTER: u32 = 5;

/// Sets how late a missed post may still go out by itself (`None`: however late).
pub fn set_hold_late_after(
    tx: &Transaction<'_>,
    id: BrandId,
    minutes: Option<u32>,
    now: Timestamp,
) -> Result<Brand> {
    if minutes.is_some_and(|m| m < MIN_HOLD_LATE_AFTER) {
        return Err(Error::HoldLateTooShort(MIN_HOLD_LATE_AFTER));
    }
    tx.execute(
        "UPDATE brands SET hold_late_after = ?2, updated_at = ?3 WHERE id = ?1",
        rusqlite::params![id.0, minutes, now],
    )?;
    get(tx, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use rstest::rstest;

    fn now() -> Timestamp {
        Timestamp::from_unix(1_790_000_000).expect("in range")
    }

    /// Adds a brand in UTC with default locale and colour.
    fn add(store: &Store, name: &str) -> Brand {
        store
            .write(|tx| create(tx, &new(name, "UTC"), now()))
            .expect("create")
    }

    fn new(name: &str, zone: &str) -> NewBrand {
        NewBrand {
            name: name.into(),
            time_zone: zone.into(),
            ..NewBrand::default()
        }
    }

    #[test]
    fn creates_and_lists_brands_in_name_order() {
        let store = Store::open_in_memory().expect("store");
        store
            .write(|tx| create(tx, &new("Zaytoun Café", "Asia/Amman"), now()))
            .expect("create");
        let mut arabic = new("مخبز الريّان", "Asia/Riyadh");
        arabic.locale = Some("ar-SA".into());
        arabic.color = Some("#D97706".into());
        store
            .write(|tx| create(tx, &arabic, now()))
            .expect("create");

        let brands = store.read(list).expect("list");
        let names: Vec<_> = brands.iter().map(|b| b.name.to_string()).collect();
        assert_eq!(names, ["Zaytoun Café", "مخبز الريّان"]);
        let bakery = &brands[1];
        assert_eq!(bakery.time_zone.to_string(), "Asia/Riyadh");
        assert_eq!(bakery.locale.to_string(), "ar-SA");
        assert_eq!(bakery.color.to_string(), "#d97706");
        assert_eq!(bakery.created_at, now());
    }

    #[test]
    fn defaults_to_english_and_takes_palette_colours_in_turn() {
        let store = Store::open_in_memory().expect("store");
        let a = add(&store, "A");
        let b = add(&store, "B");
        assert_eq!(a.locale.to_string(), "en");
        assert_eq!(a.color, Color::PALETTE[0]);
        assert_eq!(b.color, Color::PALETTE[1]);
    }

    #[rstest]
    #[case::taken_in_another_case(new("zaytoun café", "UTC"), "brand_name_taken")]
    #[case::taken_with_extra_spaces(new("  Zaytoun   Café ", "UTC"), "brand_name_taken")]
    #[case::empty(new("   ", "UTC"), "brand_name_empty")]
    #[case::unknown_zone(new("New", "Mars/Olympus"), "unknown_time_zone")]
    #[case::bad_color(NewBrand { color: Some("teal".into()), ..new("New", "UTC") }, "invalid_color")]
    #[case::bad_locale(NewBrand { locale: Some("english".into()), ..new("New", "UTC") }, "invalid_locale")]
    fn refuses_bad_input_and_changes_nothing(#[case] input: NewBrand, #[case] code: &str) {
        let store = Store::open_in_memory().expect("store");
        add(&store, "Zaytoun Café");
        let err = store
            .write(|tx| create(tx, &input, now()))
            .expect_err("refused");
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(store.read(list).expect("list").len(), 1);
    }

    #[test]
    fn the_workspace_reopens_on_the_last_selected_brand() {
        let store = Store::open_in_memory().expect("store");
        assert_eq!(store.read(workspace).expect("empty").current, None);
        let a = add(&store, "A");
        let b = add(&store, "B");
        assert_eq!(
            store.read(workspace).expect("ws").current,
            Some(a.id),
            "first by default"
        );
        store.write(|tx| select(tx, b.id)).expect("select");
        assert_eq!(store.read(workspace).expect("ws").current, Some(b.id));
        let err = store
            .write(|tx| select(tx, BrandId(999)))
            .expect_err("no such brand");
        assert_eq!(err.code(), "brand_not_found");
        assert_eq!(
            store.read(workspace).expect("ws").current,
            Some(b.id),
            "unchanged"
        );
    }

    #[test]
    fn finds_brands_by_name_without_regard_to_case() {
        let store = Store::open_in_memory().expect("store");
        let souq = add(&store, "Souq Al Zal");
        assert_eq!(
            store
                .read(|c| find(c, "  souq al   ZAL"))
                .expect("found")
                .id,
            souq.id
        );
        let err = store.read(|c| find(c, "Bazaar")).expect_err("none");
        assert_eq!(err.code(), "brand_not_found");
        assert!(err.to_string().contains("Bazaar"));
    }

    #[test]
    fn serialises_camel_case_for_ipc_and_json() {
        let store = Store::open_in_memory().expect("store");
        let brand = store
            .write(|tx| create(tx, &new("Souq", "Africa/Cairo"), now()))
            .expect("b");
        let json = serde_json::to_value(&brand).expect("json");
        assert_eq!(json["timeZone"], "Africa/Cairo");
        assert_eq!(json["createdAt"], "2026-09-21T14:13:20Z");
        assert_eq!(json["color"], "#0f766e");
    }
}
