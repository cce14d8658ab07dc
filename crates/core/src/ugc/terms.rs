//! A brand's terms for featuring its community: the agreement hashtag (and Arabic
//! word) a creator answers with, the terms link, the credit line, how long a request
//! waits for an answer, and what a grant allows and for how long.

use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::rights::Scope;
use super::{Creator, UgcItem};
use crate::brands::{self, BrandId};
use crate::words::{self, Phrase};
use crate::{Error, Result};

/// A brand's terms for asking, granting and crediting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Terms {
    /// What the creator answers to agree (`#YesRayyanBakery`).
    pub hashtag: String,
    /// The same in Arabic: a word or hashtag (`موافق`).
    pub arabic: String,
    /// The terms people agree to, linked from every request.
    pub link: Option<String>,
    /// The credit line a repost carries; `{creator}` is `@handle`, `{name}` their name.
    pub credit: String,
    /// Days a request waits for an answer before it expires.
    pub wait_days: u32,
    /// What an agreement by hashtag allows.
    pub scope: Vec<Scope>,
    /// How many months a grant lasts; `None`: it does not end.
    pub months: Option<u32>,
}

impl Terms {
    /// The terms a brand starts with: `#Yes` and its name (`#نعم_` and its name when it
    /// is written in Arabic), "موافق", credit `📸 @creator`, two weeks to answer,
    /// organic reposts without end.
    pub fn default_for(brand_name: &str) -> Self {
        let words: Vec<String> = brand_name
            .split_whitespace()
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            })
            .filter(|w| !w.is_empty())
            .collect();
        let hashtag = if words.iter().any(|w| words::is_arabic(w)) {
            format!("#نعم_{}", words.join("_"))
        } else {
            let name: String = words
                .iter()
                .flat_map(|w| {
                    let mut chars = w.chars();
                    chars
                        .next()
                        .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                })
                .collect();
            format!("#Yes{name}")
        };
        Self {
            hashtag,
            arabic: "موافق".to_owned(),
            link: None,
            credit: "📸 {creator}".to_owned(),
            wait_days: 14,
            scope: vec![Scope::Organic],
            months: None,
        }
    }

    /// What `text`, a creator's answer to a request, says: the hashtag or the Arabic
    /// word (not negated, as in "غير موافق") is a yes; a plain refusal is a no; anything
    /// else (a question) is neither, and waits for the person.
    pub fn read_answer(&self, text: &str) -> Option<Answer> {
        let normalized = words::normalize(text);
        let tokens: Vec<&str> = words::tokens(&normalized).collect();
        let found = |entry: &str| Phrase::new(entry).is_some_and(|p| p.found(&normalized, &tokens));
        if found(&self.hashtag) {
            return Some(Answer::Yes);
        }
        if says_no(&normalized, &tokens) {
            return Some(Answer::No);
        }
        found(&self.arabic).then_some(Answer::Yes)
    }

    /// The credit line for `creator`.
    pub fn credit_for(&self, creator: &Creator) -> String {
        let handle = format!("@{}", creator.handle);
        self.credit
            .replace("{creator}", &handle)
            .replace("{name}", creator.name.as_deref().unwrap_or(&handle))
    }

    fn check(&self) -> Result<()> {
        let bad = |problem| Err(Error::InvalidTerms(problem));
        if Phrase::new(&self.hashtag).is_none_or(|p| matches!(p, Phrase::Signs(_))) {
            return bad(TermsProblem::HashtagWithoutLetters);
        }
        if !self.hashtag.trim().starts_with('#') || self.hashtag.trim().contains(' ') {
            return bad(TermsProblem::HashtagNotOneWord);
        }
        if Phrase::new(&self.arabic).is_none_or(|p| matches!(p, Phrase::Signs(_))) {
            return bad(TermsProblem::WordWithoutLetters);
        }
        if !self.credit.contains("{creator}") && !self.credit.contains("{name}") {
            return bad(TermsProblem::CreditNamesNobody);
        }
        if self.wait_days == 0 {
            return bad(TermsProblem::NoWait);
        }
        if let Some(link) = &self.link {
            super::web_link(link)?;
        }
        Ok(())
    }
}

/// Why terms cannot be used: each its own error code, so the window words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TermsProblem {
    /// The agreement hashtag is signs only.
    #[error("the agreement hashtag has no letters")]
    HashtagWithoutLetters,
    /// The agreement hashtag is not `#` and one word.
    #[error("the agreement hashtag is one word starting with #")]
    HashtagNotOneWord,
    /// The Arabic agreement word is signs only.
    #[error("the Arabic agreement word has no letters")]
    WordWithoutLetters,
    /// The credit line has neither `{creator}` nor `{name}`.
    #[error("the credit line names nobody: put {{creator}} or {{name}} in it")]
    CreditNamesNobody,
    /// A request that would expire the day it is made.
    #[error("a request waits at least a day")]
    NoWait,
}

impl TermsProblem {
    /// The error code the window translates.
    pub fn code(self) -> &'static str {
        match self {
            TermsProblem::HashtagWithoutLetters => "terms_hashtag_without_letters",
            TermsProblem::HashtagNotOneWord => "terms_hashtag_not_one_word",
            TermsProblem::WordWithoutLetters => "terms_word_without_letters",
            TermsProblem::CreditNamesNobody => "terms_credit_names_nobody",
            TermsProblem::NoWait => "terms_no_wait",
        }
    }
}

/// What a creator's answer says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Permission given.
    Yes,
    /// Permission refused.
    No,
}

/// Whether the normalized `text` (with its `tokens`) is a refusal: it starts with a
/// "no", or says "don't", "لا أوافق" and the like anywhere.
fn says_no(text: &str, tokens: &[&str]) -> bool {
    const FIRST: [&str; 4] = ["no", "nope", "nah", "لا"];
    const ANYWHERE: [&str; 9] = [
        "don't",
        "dont",
        "do not",
        "rather not",
        "لا أوافق",
        "غير موافق",
        "ما أوافق",
        "مو موافق",
        "أرفض",
    ];
    tokens.first().is_some_and(|t| FIRST.contains(t))
        || ANYWHERE
            .iter()
            .filter_map(|entry| Phrase::new(entry))
            .any(|p| p.found(text, tokens))
}

/// `brand`'s terms (the defaults until the person changes them).
pub fn get(conn: &Connection, brand: BrandId) -> Result<Terms> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT terms FROM ugc_settings WHERE brand_id = ?1",
            [brand.0],
            |r| r.get(0),
        )
        .optional()?;
    match stored.and_then(|s| serde_json::from_str(&s).ok()) {
        Some(terms) => Ok(terms),
        None => Ok(Terms::default_for(
            &brands::get(conn, brand)?.name.to_string(),
        )),
    }
}

/// Sets `brand`'s terms, refusing ones a creator could not answer or that credit
/// nobody.
pub fn set(tx: &Transaction<'_>, brand: BrandId, terms: &Terms) -> Result<()> {
    terms.check()?;
    let json = serde_json::to_string(terms).map_err(|source| Error::Setting {
        key: "terms",
        source,
    })?;
    tx.execute(
        "INSERT INTO ugc_settings (brand_id, terms) VALUES (?1, ?2)
         ON CONFLICT (brand_id) DO UPDATE SET terms = excluded.terms",
        params![brand.0, json],
    )?;
    Ok(())
}

/// The credit line a repost of `item` carries, by its brand's terms.
pub fn credit(conn: &Connection, item: &UgcItem) -> Result<String> {
    Ok(get(conn, item.brand_id)?.credit_for(&item.creator))
}
