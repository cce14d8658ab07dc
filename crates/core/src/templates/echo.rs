//! The personal-touch guard: a reply that reads (nearly) like one the brand sent someone
//! else in the last fortnight is pointed out, with the earlier one, so the person makes
//! it their own before sending. It warns; it does not block.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::Result;
use crate::inbox::{self, InteractionId};
use crate::time::Timestamp;
use crate::words::{dice, trigrams};

/// How far back the guard looks.
const LOOK_BACK: i64 = 14 * 24 * 3600;
/// At most this many recent replies are compared.
const COMPARED: i64 = 500;

/// A reply sent earlier that the new one echoes.
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Echo {
    /// What was sent then.
    pub text: String,
    /// To whom (their handle).
    pub author: String,
    /// When.
    pub sent_at: Timestamp,
    /// How alike the two are, 0 to 1.
    pub similarity: f64,
}

/// The brand's reply to someone other than `interaction`'s author, sent in the last
/// fourteen days, that `text` is most like, if at least `threshold` alike.
pub fn echo(
    conn: &Connection,
    interaction: InteractionId,
    text: &str,
    now: Timestamp,
    threshold: f64,
) -> Result<Option<Echo>> {
    let item = inbox::get(conn, interaction)?;
    let mine = trigrams(text);
    if mine.is_empty() {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT r.text, i.author_handle, r.sent_at FROM replies r
         JOIN interactions i ON i.id = r.interaction_id
         WHERE i.brand_id = ?1 AND r.status = 'sent' AND r.sent_at >= ?2
           AND i.author_handle <> ?3
         ORDER BY r.sent_at DESC LIMIT ?4",
    )?;
    let earlier = stmt.query_map(
        params![
            item.brand_id.0,
            now.unix() - LOOK_BACK,
            item.author.handle,
            COMPARED
        ],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Timestamp>(2)?,
            ))
        },
    )?;
    let mut best: Option<Echo> = None;
    for row in earlier {
        let (sent, author, sent_at) = row?;
        let similarity = dice(&mine, &trigrams(&sent));
        if similarity >= threshold && best.as_ref().is_none_or(|b| similarity > b.similarity) {
            best = Some(Echo {
                text: sent,
                author,
                sent_at,
                similarity,
            });
        }
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn alike_texts_score_high_and_others_low() {
        let a = trigrams("Hi Sara! So sorry your order is late — it leaves today.");
        let b = trigrams("Hi Omar! So sorry your order is late — it leaves today.");
        let c = trigrams("Thanks for the lovely photo of the manakeesh!");
        assert!(dice(&a, &b) > 0.8, "{}", dice(&a, &b));
        assert!(dice(&a, &c) < 0.2, "{}", dice(&a, &c));
        let ar1 = trigrams("نعتذر يا سارة عن تأخر طلبك، سيصلك اليوم");
        let ar2 = trigrams("نعتذر يا عمر عن تاخر طلبك، سيصلك اليوم");
        assert!(dice(&ar1, &ar2) > 0.8, "{}", dice(&ar1, &ar2));
    }

    proptest! {
        #[test]
        fn similarity_is_between_zero_and_one_and_one_with_itself(text in "\\PC{3,40}") {
            let t = trigrams(&text);
            let s = dice(&t, &t);
            prop_assert!(t.is_empty() || (s - 1.0).abs() < f64::EPSILON);
        }
    }
}
