//! "Try with a sample brand": a living workspace for a newcomer to explore.
//!
//! Each feature adds its own realistic sample rows here, in Arabic and English, so the
//! first run shows what Majlis does rather than empty screens.

use rusqlite::Transaction;

use crate::brands::{self, Brand, NewBrand};
use crate::settings::Language;
use crate::time::Timestamp;
use crate::{Result, settings};

/// Creates the sample brand (a bakery in Riyadh whose followers write in Arabic and
/// English), named in the interface's language, and selects it. Trying again returns
/// the brand already there.
pub fn create(tx: &Transaction<'_>, language: Language, now: Timestamp) -> Result<Brand> {
    let (name, locale) = match language {
        Language::En => ("Rayyan Bakery", "en"),
        Language::Ar => ("مخبز الريّان", "ar-SA"),
    };
    let existing = brands::list(tx)?
        .into_iter()
        .find(|b| b.name.to_string() == name);
    let brand = match existing {
        Some(brand) => brand,
        None => brands::create(
            tx,
            &NewBrand {
                name: name.into(),
                time_zone: "Asia/Riyadh".into(),
                locale: Some(locale.into()),
                color: Some("#d97706".into()),
            },
            now,
        )?,
    };
    settings::set(tx, &settings::CURRENT_BRAND, &Some(brand.id))?;
    Ok(brand)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn creates_a_selected_sample_brand_once_per_language() {
        let store = Store::open_in_memory().expect("store");
        let now = Timestamp::from_unix(1_790_000_000).expect("in range");
        let ar = store.write(|tx| create(tx, Language::Ar, now)).expect("ar");
        assert_eq!(ar.name.to_string(), "مخبز الريّان");
        assert_eq!(ar.locale.to_string(), "ar-SA");
        let again = store
            .write(|tx| create(tx, Language::Ar, now))
            .expect("again");
        assert_eq!(again.id, ar.id);
        let en = store.write(|tx| create(tx, Language::En, now)).expect("en");
        let ws = store.read(brands::workspace).expect("workspace");
        assert_eq!(ws.brands.len(), 2);
        assert_eq!(ws.current, Some(en.id));
    }
}
