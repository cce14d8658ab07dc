//! What Majlis said about something that happened (why a post, a reply or a request
//! did not go out), kept in every language the window speaks.
//!
//! A failure is worded once, when it happens, but read later, by whoever reads it in
//! whatever language the window speaks then: so it is recorded in each, and read in
//! the reader's.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

use crate::settings::Language;

/// One sentence in each language of the window. Stored as a JSON object
/// (`{"en": …, "ar": …}`); sent to the window as is, which shows its own language's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Worded {
    /// In English.
    pub en: String,
    /// In Arabic.
    pub ar: String,
}

impl Worded {
    /// What `say` says in each language.
    pub fn each(say: impl Fn(Language) -> String) -> Self {
        Worded {
            en: say(Language::En),
            ar: say(Language::Ar),
        }
    }

    /// The sentence in `language`.
    pub fn in_language(&self, language: Language) -> &str {
        match language {
            Language::En => &self.en,
            Language::Ar => &self.ar,
        }
    }
}

impl ToSql for Worded {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        let json = serde_json::to_string(self)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        Ok(ToSqlOutput::from(json))
    }
}

impl FromSql for Worded {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        serde_json::from_str(value.as_str()?).map_err(|e| FromSqlError::Other(Box::new(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_reads_its_own_words() {
        let worded = Worded::each(|l| match l {
            Language::En => "Bluesky did not answer".into(),
            Language::Ar => "لم يجب Bluesky".into(),
        });
        assert_eq!(worded.in_language(Language::En), "Bluesky did not answer");
        assert_eq!(worded.in_language(Language::Ar), "لم يجب Bluesky");
    }

    #[test]
    fn a_stored_sentence_reads_back_the_same() -> crate::Result<()> {
        let conn = rusqlite::Connection::open_in_memory()?;
        let worded = Worded::each(|l| format!("{l:?} «\"quoted\"»"));
        let back: Worded = conn.query_row("SELECT ?1", [&worded], |r| r.get(0))?;
        assert_eq!(back, worded);
        Ok(())
    }

    #[test]
    fn text_that_is_not_a_sentence_in_each_language_is_refused() -> crate::Result<()> {
        let conn = rusqlite::Connection::open_in_memory()?;
        let read = conn.query_row("SELECT 'plain words'", [], |r| r.get::<_, Worded>(0));
        assert!(read.is_err());
        Ok(())
    }
}
