//! App-wide settings: the person's preferences and the engine's switches.
//!
//! Each setting is a typed key with a default, stored as JSON in one small table, so a
//! new setting needs no migration and an absent row simply means "the default".

use rusqlite::{Connection, OptionalExtension, params};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::brands::BrandId;
use crate::{Error, Result};

/// A typed setting: its key in the table and its value when never set.
pub struct Setting<T: 'static> {
    key: &'static str,
    default: fn() -> T,
}

/// Whether the publisher is paused (from the tray or Settings); survives restarts.
pub const PUBLISHING_PAUSED: Setting<bool> = Setting {
    key: "publishing_paused",
    default: || false,
};

/// Hours in which the person wants no overdue notifications; `None`: none.
pub const QUIET_HOURS: Setting<Option<crate::inbox::alerts::QuietHours>> = Setting {
    key: "quiet_hours",
    default: || None,
};

/// The person's name as replies sign it (`{agent}` in templates); empty: a blank.
pub const AGENT_NAME: Setting<String> = Setting {
    key: "agent_name",
    default: String::new,
};

/// How alike (0 to 1) a reply may be to one sent to someone else in the last fortnight
/// before the person is asked to make it their own.
pub const ECHO_THRESHOLD: Setting<f64> = Setting {
    key: "echo_threshold",
    default: || 0.8,
};

/// The brand the window last showed, to reopen on it.
pub const CURRENT_BRAND: Setting<Option<BrandId>> = Setting {
    key: "current_brand",
    default: || None,
};

/// The person's display preferences.
pub const PREFERENCES: Setting<Preferences> = Setting {
    key: "preferences",
    default: Preferences::default,
};

/// Reads a setting, or its default when it was never set.
pub fn get<T: DeserializeOwned>(conn: &Connection, setting: &Setting<T>) -> Result<T> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [setting.key],
            |r| r.get(0),
        )
        .optional()?;
    match stored {
        None => Ok((setting.default)()),
        Some(json) => serde_json::from_str(&json).map_err(|source| Error::Setting {
            key: setting.key,
            source,
        }),
    }
}

/// Stores a setting's new value.
pub fn set<T: Serialize>(conn: &Connection, setting: &Setting<T>, value: &T) -> Result<()> {
    let json = serde_json::to_string(value).map_err(|source| Error::Setting {
        key: setting.key,
        source,
    })?;
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![setting.key, json],
    )?;
    Ok(())
}

/// How the window looks and speaks, and what it keeps open.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase", default)]
pub struct Preferences {
    /// The interface language.
    pub language: LanguageChoice,
    /// Light or dark.
    pub theme: ThemeChoice,
    /// The person closed the queue beside the calendar: it stays closed until they open
    /// it again (preferences saved before it existed read as open).
    pub queue_hidden: bool,
}

/// The interface language: the operating system's, or one the person picked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum LanguageChoice {
    /// Follow the operating system (English when it speaks neither language).
    #[default]
    System,
    /// English.
    En,
    /// Arabic, laid out right to left.
    Ar,
}

impl LanguageChoice {
    /// The language this choice means on a system whose locale is `os_locale` (as
    /// reported by the OS, e.g. `ar-SA` or `ar_EG.UTF-8`).
    pub fn resolve(self, os_locale: Option<&str>) -> Language {
        match self {
            LanguageChoice::En => Language::En,
            LanguageChoice::Ar => Language::Ar,
            LanguageChoice::System => match os_locale {
                Some(l) if l.to_ascii_lowercase().starts_with("ar") => Language::Ar,
                _ => Language::En,
            },
        }
    }
}

/// A language the interface speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    En,
    /// Arabic.
    Ar,
}

impl Language {
    /// Every language of the window.
    pub const ALL: [Language; 2] = [Language::En, Language::Ar];

    /// Its BCP 47 tag, as a web page's `lang` and WebKit's preferred languages take it.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ar => "ar",
        }
    }

    /// The tag WebKit is told for the window: the language, in the desktop's `region`
    /// for dates and times when it has one (`en-GB` on `LC_TIME=en_GB.UTF-8`). What
    /// WebKit draws itself, the date and time fields, then writes a date in the order
    /// people there read: day first in Britain, India or Australia, month first in the
    /// United States; where ICU has no English of that region (`en-SA`), it writes plain
    /// English, as before. Arabic stays `ar`: its dates are day first already, and
    /// Majlis plans in the Gregorian calendar, which a region such as `ar-SA` may not
    /// be in every ICU.
    pub fn tag_in(self, region: Option<&str>) -> String {
        match (self, region) {
            (Language::En, Some(region)) => format!("{}-{region}", self.tag()),
            _ => self.tag().to_owned(),
        }
    }

    /// The interface language closest to a brand's locale: Arabic for any `ar-*`.
    pub fn of_locale(locale: &crate::locale::Locale) -> Language {
        LanguageChoice::System.resolve(Some(&locale.to_string()))
    }
}

/// The language the interface speaks now: the stored choice, resolved against the OS.
pub fn current_language(conn: &Connection) -> Result<Language> {
    Ok(get(conn, &PREFERENCES)?
        .language
        .resolve(sys_locale::get_locale().as_deref()))
}

/// The desktop's region for dates and times (`GB` of `en_GB.UTF-8`): that of the first
/// of `LC_ALL`, `LC_TIME` and `LANG` that is set, the order the C library reads them in.
/// `None` for a locale without one (`C.UTF-8`, `POSIX`).
pub fn os_time_region() -> Option<String> {
    time_region_of(|name| std::env::var(name).ok())
}

fn time_region_of(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    let locale = ["LC_ALL", "LC_TIME", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|value| !value.is_empty()))?;
    let (_, region) = locale.split(['.', '@']).next()?.split_once('_')?;
    let letters = region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic());
    let digits = region.len() == 3 && region.chars().all(|c| c.is_ascii_digit());
    (letters || digits).then(|| region.to_ascii_uppercase())
}

/// The colour scheme: the operating system's, or one the person picked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Follow the operating system.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[rstest::rstest]
    #[case(LanguageChoice::System, Some("ar_EG.UTF-8"), Language::Ar)]
    #[case(LanguageChoice::System, Some("ar-SA"), Language::Ar)]
    #[case(LanguageChoice::System, Some("fr-FR"), Language::En)]
    #[case(LanguageChoice::System, None, Language::En)]
    #[case(LanguageChoice::En, Some("ar-SA"), Language::En)]
    #[case(LanguageChoice::Ar, Some("en-US"), Language::Ar)]
    fn language_choices_resolve(
        #[case] choice: LanguageChoice,
        #[case] os: Option<&str>,
        #[case] expected: Language,
    ) {
        assert_eq!(choice.resolve(os), expected);
    }

    #[rstest::rstest]
    #[case(&[("LANG", "en_GB.UTF-8")], Some("GB"))]
    #[case(&[("LANG", "en_US.UTF-8"), ("LC_TIME", "ar_SA.UTF-8")], Some("SA"))]
    #[case(&[("LC_ALL", "de_DE@euro"), ("LC_TIME", "en_GB.UTF-8")], Some("DE"))]
    #[case(&[("LC_ALL", ""), ("LANG", "es_419.UTF-8")], Some("419"))]
    #[case(&[("LANG", "C.UTF-8")], None)]
    #[case(&[("LANG", "POSIX")], None)]
    #[case(&[("LANG", "en_gb")], Some("GB"))]
    #[case(&[("LANG", "en_Latn.UTF-8")], None)]
    #[case(&[], None)]
    fn the_time_region_is_read_as_the_c_library_reads_it(
        #[case] env: &[(&str, &str)],
        #[case] expected: Option<&str>,
    ) {
        let var = |name: &str| {
            env.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        };
        assert_eq!(time_region_of(var).as_deref(), expected);
    }

    #[rstest::rstest]
    #[case(Language::En, Some("GB"), "en-GB")]
    #[case(Language::En, None, "en")]
    #[case(Language::Ar, Some("SA"), "ar")]
    fn the_window_speaks_in_the_desktops_region(
        #[case] language: Language,
        #[case] region: Option<&str>,
        #[case] expected: &str,
    ) {
        assert_eq!(language.tag_in(region), expected);
    }

    #[rstest::rstest]
    fn a_languages_tag_is_the_name_the_window_gets(
        #[values(Language::En, Language::Ar)] language: Language,
    ) {
        assert_eq!(
            serde_json::to_value(language).expect("serialize"),
            language.tag()
        );
    }

    #[test]
    fn unset_settings_read_as_their_defaults() {
        let store = Store::open_in_memory().expect("store");
        assert!(!store.read(|c| get(c, &PUBLISHING_PAUSED)).expect("get"));
        assert_eq!(
            store.read(|c| get(c, &PREFERENCES)).expect("get"),
            Preferences::default()
        );
    }

    #[test]
    fn settings_keep_the_last_value_set() {
        let store = Store::open_in_memory().expect("store");
        let arabic_dark = Preferences {
            language: LanguageChoice::Ar,
            theme: ThemeChoice::Dark,
            queue_hidden: true,
        };
        store
            .write(|tx| set(tx, &PREFERENCES, &Preferences::default()))
            .expect("set");
        store
            .write(|tx| set(tx, &PREFERENCES, &arabic_dark))
            .expect("set again");
        assert_eq!(
            store.read(|c| get(c, &PREFERENCES)).expect("get"),
            arabic_dark
        );
    }

    #[test]
    fn preferences_saved_before_a_field_existed_read_it_as_its_default() {
        let store = Store::open_in_memory().expect("store");
        store
            .write(|tx| {
                Ok(tx.execute(
                    "INSERT INTO settings VALUES ('preferences', '{\"language\":\"ar\",\"theme\":\"dark\"}')",
                    [],
                )?)
            })
            .expect("insert");
        let read = store.read(|c| get(c, &PREFERENCES)).expect("get");
        assert_eq!(read.language, LanguageChoice::Ar);
        assert_eq!(read.theme, ThemeChoice::Dark);
        assert!(
            !read.queue_hidden,
            "the queue shows until the person closes it"
        );
    }

    #[test]
    fn an_unreadable_value_is_an_error_naming_the_key() {
        let store = Store::open_in_memory().expect("store");
        store
            .write(|tx| {
                Ok(tx.execute(
                    "INSERT INTO settings VALUES ('publishing_paused', '\"x\"')",
                    [],
                )?)
            })
            .expect("insert");
        let err = store
            .read(|c| get(c, &PUBLISHING_PAUSED))
            .expect_err("unreadable");
        assert!(err.to_string().contains("publishing_paused"), "{err}");
    }
}
