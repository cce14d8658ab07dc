//! Volume: how many messages came in, week by week, of each kind and with each tag —
//! what the community talks to the brand about, and how that moves. Spam is left out.
//! The kinds are counted by [`super::response::responsiveness`], in the same pass as
//! the answers; the tags here.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::Period;
use crate::Result;
use crate::brands::Brand;

/// One kind's or tag's messages, week by week.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct Series {
    /// The kind (as stored: `question`, …) or the tag.
    pub key: String,
    /// Messages in each of the period's weeks ([`Period::weeks`]).
    pub counts: Vec<u32>,
    /// All of them.
    pub total: u32,
}

/// `brand`'s tagged messages in `period`, by tag and week ([`Period::weeks`]), the
/// largest tag first.
pub fn tags(conn: &Connection, brand: &Brand, period: Period) -> Result<Vec<Series>> {
    let weeks = period.weeks();
    let ends: Vec<i64> = weeks
        .iter()
        .map(|first| {
            let last = (*first + chrono::Days::new(6)).min(period.to);
            Period::new(last, last).map(|day| day.instants(brand.time_zone).1.unix())
        })
        .collect::<Result<_>>()?;
    let (start, end) = period.instants(brand.time_zone);
    let mut tally = Tally::new(weeks.len());
    let mut tagged = conn.prepare_cached(
        "SELECT t.tag, i.received_at FROM interactions i
         JOIN interaction_tags t ON t.interaction_id = i.id
         WHERE i.brand_id = ?1 AND i.received_at >= ?2 AND i.received_at < ?3
           AND i.status != 'spam'",
    )?;
    let mut rows = tagged.query(params![brand.id.0, start, end])?;
    while let Some(row) = rows.next()? {
        let at: i64 = row.get(1)?;
        let week = ends.partition_point(|end| *end <= at);
        tally.add(row.get(0)?, week.min(weeks.len().saturating_sub(1)));
    }
    Ok(tally.series())
}

/// Counts by key and week.
struct Tally {
    weeks: usize,
    series: Vec<Series>,
}

impl Tally {
    fn new(weeks: usize) -> Self {
        Self {
            weeks,
            series: Vec::new(),
        }
    }

    fn add(&mut self, key: String, week: usize) {
        let at = match self.series.iter().position(|s| s.key == key) {
            Some(at) => at,
            None => {
                self.series.push(Series {
                    key,
                    counts: vec![0; self.weeks],
                    total: 0,
                });
                self.series.len() - 1
            }
        };
        let series = &mut self.series[at];
        series.counts[week] += 1;
        series.total += 1;
    }

    fn series(mut self) -> Vec<Series> {
        self.series
            .sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.key.cmp(&b.key)));
        self.series
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::Store;
    use crate::brands::{self, NewBrand};
    use crate::channels::{self, NewChannel};
    use crate::inbox::{self, triage};

    #[test]
    fn messages_are_counted_by_kind_and_tag_in_the_brands_weeks() {
        let store = Store::open_in_memory().expect("store");
        let riyadh = |local: &str| {
            let zone: crate::zone::Zone = "Asia/Riyadh".parse().expect("zone");
            zone.instant_of(crate::time::parse_local(local).expect("local"))
                .expect("instant")
        };
        let brand = store
            .write(|tx| {
                let new = NewBrand {
                    name: "Bakery".into(),
                    time_zone: "Asia/Riyadh".into(),
                    ..NewBrand::default()
                };
                let brand = brands::create(tx, &new, riyadh("2026-11-01 08:00"))?;
                let channel = NewChannel {
                    kind: "bluesky".into(),
                    name: "Bluesky".into(),
                    handle: None,
                };
                let channel =
                    channels::create(tx, brand.id, &channel, riyadh("2026-11-01 08:00"))?.id;
                let mut rules = triage::default_rules(crate::settings::Language::En);
                rules.push(triage::Rule {
                    name: "Orders".into(),
                    words: vec!["order".into()],
                    tags: vec!["orders".into()],
                    kind: None,
                    ..triage::default_rules(crate::settings::Language::En).remove(0)
                });
                inbox::set_rules(tx, brand.id, &rules)?;
                // 23:30 on Sunday the 15th is the first week and 00:30 on Monday the 16th
                // the second, in Riyadh (both are Sunday in UTC); the spam and the day
                // after the period are left out.
                let said = [
                    ("2026-11-10 09:00", "Where is my order?"),
                    ("2026-11-16 00:30", "When do you open?"),
                    ("2026-11-15 23:30", "my order never arrived"),
                    ("2026-11-17 10:00", "free followers, check my profile"),
                    ("2026-11-19 10:00", "Is my order ready?"),
                    ("2026-11-20 10:00", "When do you open on Friday?"),
                ];
                for (n, (at, text)) in said.iter().enumerate() {
                    let said = inbox::manual(channel, &format!("guest{n}"), text, riyadh(at))?;
                    inbox::receive(tx, &brand, &[said], riyadh(at))?;
                }
                Ok(brand)
            })
            .expect("bakery");
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        let period = Period::new(day("2026-11-10"), day("2026-11-19")).expect("period");
        assert_eq!(period.weeks(), [day("2026-11-09"), day("2026-11-16")]);
        let now = riyadh("2026-11-21 10:00");
        let (response, tagged) = store
            .read(|c| {
                let response = super::super::response::responsiveness(c, &brand, period, now)?;
                Ok((response, tags(c, &brand, period)?))
            })
            .expect("volume");
        let weeks: Vec<&str> = response.by_week.iter().map(|w| w.key.as_str()).collect();
        assert_eq!(weeks, ["2026-11-09", "2026-11-16"]);
        let series = |s: &[Series]| -> Vec<(String, Vec<u32>)> {
            s.iter()
                .map(|s| (s.key.clone(), s.counts.clone()))
                .collect()
        };
        assert_eq!(
            series(&response.kinds_by_week),
            [
                ("complaint".to_owned(), vec![2, 0]),
                ("question".to_owned(), vec![0, 2]),
            ]
        );
        assert_eq!(series(&tagged), [("orders".to_owned(), vec![2, 1])]);
    }
}
