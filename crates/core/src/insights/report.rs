//! The insights of one brand and period as tables — each can be saved as CSV — and as a
//! printable client report: one self-contained HTML page (no script, no outside
//! resource) that an agency opens in the app and prints to PDF, or sends as it is.
//!
//! The tables are the one source of both: the report shows them, the CSV files hold
//! them. CSV cells are plain figures for spreadsheets (shares in percent, times in
//! minutes, days as ISO dates); the report writes them as people read them, in the
//! report's language.

use std::fmt::Write as _;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::Period;
use super::content::{self, Content};
use super::response::{self, ResponseStats, Responsiveness, Slice};
use super::topics::{self, Topics};
use super::volume::{self, Series};
use crate::brands::Brand;
use crate::categories::{Standing, Target};
use crate::settings::Language;
use crate::time::Timestamp;
use crate::{Error, Result};

/// Everything the insights say about a brand in a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The brand's name.
    pub brand: String,
    /// The language it is written in.
    pub language: Language,
    /// When it was made.
    pub made: NaiveDate,
    /// How well the brand answered.
    pub response: Responsiveness,
    /// What its community raised.
    pub topics: Topics,
    /// Its tagged messages, by tag, week by week.
    pub tags: Vec<Series>,
    /// What it published.
    pub content: Content,
}

/// One of the report's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TableName {
    /// Responsiveness week by week.
    Weeks,
    /// Messages week by week, by kind and tag.
    Volume,
    /// Responsiveness by channel.
    Channels,
    /// Responsiveness by kind of message.
    Kinds,
    /// Posts by category against the target mix.
    Mix,
    /// Recurring terms and phrases.
    Topics,
    /// Terms rising this week.
    Emerging,
    /// Near-identical messages.
    Groups,
}

impl TableName {
    /// Every table, in the report's order.
    pub const ALL: [TableName; 8] = [
        TableName::Weeks,
        TableName::Volume,
        TableName::Channels,
        TableName::Kinds,
        TableName::Mix,
        TableName::Topics,
        TableName::Emerging,
        TableName::Groups,
    ];

    /// Its name in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            TableName::Weeks => "weeks",
            TableName::Volume => "volume",
            TableName::Channels => "channels",
            TableName::Kinds => "kinds",
            TableName::Mix => "mix",
            TableName::Topics => "topics",
            TableName::Emerging => "emerging",
            TableName::Groups => "groups",
        }
    }
}

impl FromStr for TableName {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|t| t.as_str() == s)
            .ok_or_else(|| Error::NoSuchTable {
                name: s.to_owned(),
                known: Self::ALL.map(TableName::as_str).join(", "),
            })
    }
}

/// A value in a table, kept typed so CSV and the report can each write it their way.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Words (a channel, a term, a message).
    Text(String),
    /// A count.
    Count(u32),
    /// A share, 0–1; `None`: nothing to share out.
    Share(Option<f64>),
    /// A duration in seconds; `None`: none measured.
    Time(Option<i64>),
    /// A day.
    Day(NaiveDate),
    /// A test statistic.
    Score(f64),
}

/// A table: its title and column names in the report's language, and its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Which table.
    pub name: TableName,
    /// Its title.
    pub title: &'static str,
    /// Its columns' names.
    pub columns: Vec<String>,
    /// Its rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Report {
    /// Gathers `brand`'s insights for `period`, as of `now`, written in `language`.
    pub fn gather(
        conn: &Connection,
        brand: &Brand,
        period: Period,
        language: Language,
        now: Timestamp,
    ) -> Result<Self> {
        Ok(Self {
            brand: brand.name.to_string(),
            language,
            made: now
                .as_utc()
                .with_timezone(&brand.time_zone.tz())
                .date_naive(),
            response: response::responsiveness(conn, brand, period, now)?,
            topics: topics::topics(conn, brand, period)?,
            tags: volume::tags(conn, brand, period)?,
            content: content::content(conn, brand, period, now)?,
        })
    }

    fn words(&self) -> &'static Words {
        match self.language {
            Language::En => &ENGLISH,
            Language::Ar => &ARABIC,
        }
    }

    /// One of its tables.
    pub fn table(&self, name: TableName) -> Table {
        let w = self.words();
        let stats_columns = |first: &str| {
            let mut columns = vec![first.to_owned()];
            columns.extend(w.stats.iter().map(|c| (*c).to_owned()));
            columns
        };
        let named = |columns: &[&str]| columns.iter().map(|c| (*c).to_owned()).collect();
        let stats_row = |key: Cell, s: &ResponseStats| {
            vec![
                key,
                Cell::Count(s.received),
                Cell::Count(s.expected),
                Cell::Count(s.answered),
                Cell::Count(s.on_time),
                Cell::Share(s.response_rate),
                Cell::Time(s.median_seconds),
                Cell::Time(s.p90_seconds),
                Cell::Share(s.on_time_rate),
            ]
        };
        let slices = |slices: &[Slice], key: &dyn Fn(&str) -> Cell| {
            slices
                .iter()
                .map(|s| stats_row(key(&s.key), &s.stats))
                .collect()
        };
        let (title, columns, rows) = match name {
            TableName::Weeks => (
                w.weeks,
                stats_columns(w.week),
                slices(&self.response.by_week, &|key| {
                    key.parse()
                        .map_or_else(|_| Cell::Text(key.to_owned()), Cell::Day)
                }),
            ),
            TableName::Volume => {
                let kinds = &self.response.kinds_by_week;
                let series = || kinds.iter().chain(&self.tags);
                let mut columns = vec![w.week.to_owned()];
                columns.extend(kinds.iter().map(|s| w.kind_name(&s.key).to_owned()));
                columns.extend(self.tags.iter().map(|s| format!("#{}", s.key)));
                let rows = self
                    .response
                    .period
                    .weeks()
                    .into_iter()
                    .enumerate()
                    .map(|(n, week)| {
                        let mut row = vec![Cell::Day(week)];
                        row.extend(
                            series().map(|s| Cell::Count(s.counts.get(n).copied().unwrap_or(0))),
                        );
                        row
                    })
                    .collect();
                (w.volume, columns, rows)
            }
            TableName::Channels => (
                w.channels,
                stats_columns(w.channel),
                slices(&self.response.by_channel, &|key| Cell::Text(key.to_owned())),
            ),
            TableName::Kinds => (
                w.kinds,
                stats_columns(w.kind),
                slices(&self.response.by_kind, &|key| {
                    Cell::Text(w.kind_name(key).to_owned())
                }),
            ),
            TableName::Mix => (
                w.mix,
                named(&w.mix_columns),
                self.content
                    .mix
                    .iter()
                    .map(|s| {
                        vec![
                            Cell::Text(s.category.clone().unwrap_or_else(|| w.no_category.into())),
                            Cell::Count(s.posts),
                            Cell::Share(Some(s.share)),
                            Cell::Text(w.target(s.target)),
                            Cell::Text(s.standing.map_or("", |s| w.standing(s)).to_owned()),
                        ]
                    })
                    .collect(),
            ),
            TableName::Topics => (
                w.topics,
                named(&w.topic_columns),
                self.topics
                    .recurring
                    .iter()
                    .map(|t| vec![Cell::Text(t.phrase.clone()), Cell::Count(t.count)])
                    .collect(),
            ),
            TableName::Emerging => (
                w.emerging,
                named(&w.emerging_columns),
                self.topics
                    .emerging
                    .iter()
                    .map(|e| {
                        vec![
                            Cell::Text(e.term.clone()),
                            Cell::Count(e.this_week),
                            Cell::Count(e.week_total),
                            Cell::Count(e.before),
                            Cell::Count(e.baseline_total),
                            Cell::Score(e.g2),
                        ]
                    })
                    .collect(),
            ),
            TableName::Groups => (
                w.groups,
                named(&w.group_columns),
                self.topics
                    .groups
                    .iter()
                    .map(|g| vec![Cell::Count(g.count), Cell::Text(g.examples.join("\n"))])
                    .collect(),
            ),
        };
        Table {
            name,
            title,
            columns,
            rows,
        }
    }

    /// The table as CSV with a header row: plain figures (shares in percent with one
    /// decimal, times in minutes, ISO days) for spreadsheets. A file of it starts with
    /// [`BOM`].
    pub fn csv(&self, name: TableName) -> Result<String> {
        let table = self.table(name);
        let mut out = csv::Writer::from_writer(Vec::new());
        let failed = |e: &dyn std::fmt::Display| Error::Csv(e.to_string());
        out.write_record(&table.columns).map_err(|e| failed(&e))?;
        for row in &table.rows {
            out.write_record(row.iter().map(plain))
                .map_err(|e| failed(&e))?;
        }
        let bytes = out.into_inner().map_err(|e| failed(&e))?;
        Ok(String::from_utf8(bytes).unwrap_or_default())
    }

    /// The whole report as one printable HTML page in its language and direction.
    /// Everything from outside (messages, names, terms) is escaped: it is text.
    pub fn html(&self) -> String {
        let w = self.words();
        let lang = self.lang();
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        let period = &self.response.period;
        let mut page = String::new();
        let _ = write!(
            page,
            "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
             <title>{brand} — {title}</title><style>{STYLE}</style></head><body>\
             <header><h1>{brand}</h1><p>{title}: {from} – {to}</p><p class=\"made\">{made}</p></header>",
            brand = escape(&self.brand),
            title = w.title,
            from = self.day(period.from),
            to = self.day(period.to),
            made = w.made.replace("{day}", &self.day(self.made)),
        );
        let overall = &self.response.overall;
        let content = &self.content;
        let cards = [
            (
                w.cards[0],
                self.written(&Cell::Share(overall.response_rate)),
            ),
            (
                w.cards[1],
                self.written(&Cell::Time(overall.median_seconds)),
            ),
            (w.cards[2], self.written(&Cell::Time(overall.p90_seconds))),
            (w.cards[3], self.written(&Cell::Share(overall.on_time_rate))),
            (w.cards[4], self.written(&Cell::Count(self.response.open))),
            (
                w.cards[5],
                self.written(&Cell::Count(self.response.overdue)),
            ),
            (w.cards[6], self.published_share(content)),
            (
                w.cards[7],
                format!(
                    "{} {arrow} {} {arrow} {}",
                    self.written(&Cell::Count(content.ugc_found)),
                    self.written(&Cell::Count(content.ugc_requested)),
                    self.written(&Cell::Count(content.ugc_granted)),
                    arrow = w.arrow,
                ),
            ),
        ];
        page.push_str("<section class=\"cards\">");
        for (label, value) in cards {
            let _ = write!(
                page,
                "<div><span>{label}</span><strong>{value}</strong></div>"
            );
        }
        page.push_str("</section>");
        let _ = write!(page, "<p class=\"note\">{}</p>", w.definitions);
        for name in TableName::ALL {
            let table = self.table(name);
            let _ = write!(page, "<section><h2>{}</h2>", escape(table.title));
            if table.rows.is_empty() {
                let _ = write!(page, "<p class=\"note\">{}</p></section>", w.nothing);
                continue;
            }
            page.push_str("<table><thead><tr>");
            for column in &table.columns {
                let _ = write!(page, "<th>{}</th>", escape(column));
            }
            page.push_str("</tr></thead><tbody>");
            // Cells keep the page's direction, so every column lines up under its
            // heading at the page's start; what people wrote, in whichever language,
            // is isolated inside its cell. (A cell of digits alone read as left to
            // right and stood at the left edge of an Arabic table.)
            for row in &table.rows {
                page.push_str("<tr>");
                for cell in row {
                    let written = self.written(cell);
                    let _ = match cell {
                        Cell::Text(_) => write!(page, "<td><bdi>{written}</bdi></td>"),
                        _ => write!(page, "<td class=\"n\">{written}</td>"),
                    };
                }
                page.push_str("</tr>");
            }
            page.push_str("</tbody></table></section>");
        }
        let _ = writeln!(page, "<footer>{}</footer></body></html>", w.footer);
        page
    }

    /// A day as the report's readers write it.
    fn day(&self, day: NaiveDate) -> String {
        crate::written::date(day, self.lang())
    }

    fn lang(&self) -> &'static str {
        self.words().lang
    }

    /// The share of what Majlis sent (a post on each channel) that went out, with what
    /// it is of ("0% (0 of 1)"): a share of one send reads very differently from a
    /// share of fifty.
    fn published_share(&self, content: &Content) -> String {
        let share = self.written(&Cell::Share(content.success_rate));
        if content.success_rate.is_none() {
            return share;
        }
        let of = self
            .words()
            .out_of
            .replace("{n}", &content.published.to_string())
            .replace("{total}", &(content.published + content.failed).to_string());
        format!("{share} ({})", crate::written::digits(&of, self.lang()))
    }

    /// A cell as the report shows it: escaped, in the language's digits.
    fn written(&self, cell: &Cell) -> String {
        let number = |text: String| crate::written::digits(&text, self.lang());
        match cell {
            Cell::Text(text) => escape(text).replace('\n', "<br>"),
            Cell::Count(n) => number(n.to_string()),
            Cell::Share(None) | Cell::Time(None) => "—".to_owned(),
            Cell::Share(Some(share)) => number(format!("{:.0}%", share * 100.0)),
            Cell::Time(Some(seconds)) => {
                let minutes = u32::try_from((seconds + 30) / 60).unwrap_or(u32::MAX);
                crate::written::span(minutes, self.lang())
            }
            Cell::Day(day) => self.day(*day),
            Cell::Score(score) => number(format!("{score:.1}")),
        }
    }
}

/// What a CSV file starts with: the UTF-8 byte-order mark, without which Excel reads
/// Arabic as mojibake.
pub const BOM: &str = "\u{feff}";

/// A cell as CSV holds it. Words from outside that a spreadsheet would take for a
/// formula (`=HYPERLINK(…)`, `+`, `-`, `@`) are kept as text with a leading `'`.
fn plain(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
            format!("'{text}")
        }
        Cell::Text(text) => text.clone(),
        Cell::Count(n) => n.to_string(),
        Cell::Share(share) => share.map_or_else(String::new, |s| format!("{:.1}", s * 100.0)),
        Cell::Time(seconds) => {
            seconds.map_or_else(String::new, |s| format!("{:.1}", s as f64 / 60.0))
        }
        Cell::Day(day) => day.to_string(),
        Cell::Score(score) => format!("{score:.2}"),
    }
}

/// `text` safe inside HTML text and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The report's one stylesheet: calm, printable on A4, both directions. The app's
/// content security policy allows exactly this text by its hash (see
/// `src-tauri/tauri.conf.json`), so a change here is a change there.
pub const STYLE: &str = "\
body{font-family:system-ui,'Noto Sans','Noto Sans Arabic',sans-serif;color:#1f2328;margin:32px;font-size:13px;line-height:1.45}\
header{border-bottom:2px solid #0f766e;padding-bottom:8px;margin-bottom:16px}\
h1{font-size:22px;margin:0}h2{font-size:15px;margin:20px 0 6px}\
header p{margin:2px 0;color:#57606a}.made,.note,footer{color:#57606a;font-size:11px}\
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}\
.cards div{border:1px solid #d0d7de;border-radius:6px;padding:8px}\
.cards span{display:block;color:#57606a;font-size:11px}.cards strong{font-size:18px}\
table{width:100%;border-collapse:collapse}th,td{text-align:start;padding:3px 6px;border-bottom:1px solid #d0d7de;vertical-align:top}\
th{color:#57606a;font-weight:600}td.n{font-variant-numeric:tabular-nums;white-space:nowrap}\
section{break-inside:avoid}footer{margin-top:24px}\
@page{size:A4;margin:14mm}@media print{body{margin:0}}";

/// The report's words in one language.
struct Words {
    /// The language's tag, as `written` takes it.
    lang: &'static str,
    /// What points from one step to the next, in the reading direction.
    arrow: &'static str,
    title: &'static str,
    made: &'static str,
    cards: [&'static str; 8],
    definitions: &'static str,
    stats: [&'static str; 8],
    weeks: &'static str,
    week: &'static str,
    volume: &'static str,
    channels: &'static str,
    channel: &'static str,
    kinds: &'static str,
    kind: &'static str,
    kind_names: [&'static str; 7],
    mix: &'static str,
    mix_columns: [&'static str; 5],
    no_category: &'static str,
    at_least: &'static str,
    at_most: &'static str,
    /// A part of a whole: "{n} of {total}".
    out_of: &'static str,
    standings: [&'static str; 3],
    topics: &'static str,
    topic_columns: [&'static str; 2],
    emerging: &'static str,
    emerging_columns: [&'static str; 6],
    groups: &'static str,
    group_columns: [&'static str; 2],
    nothing: &'static str,
    footer: &'static str,
}

impl Words {
    fn kind_name(&self, kind: &str) -> &'static str {
        crate::inbox::Kind::NAMES
            .iter()
            .position(|k| *k == kind)
            .map_or(self.kind_names[6], |i| self.kind_names[i])
    }

    fn target(&self, target: Target) -> String {
        let bound = |word: &str, p: Option<u8>| {
            p.map(|p| crate::written::digits(&word.replace("{p}", &p.to_string()), self.lang))
        };
        [
            bound(self.at_least, target.at_least),
            bound(self.at_most, target.at_most),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }

    fn standing(&self, standing: Standing) -> &'static str {
        match standing {
            Standing::Under => self.standings[0],
            Standing::Within => self.standings[1],
            Standing::Over => self.standings[2],
        }
    }
}

const ENGLISH: Words = Words {
    lang: "en",
    arrow: "→",
    title: "Community report",
    made: "Made on {day} with Majlis",
    cards: [
        "Response rate",
        "Usual response time",
        "9 in 10 answered within",
        "Answered on time",
        "Waiting now",
        "Overdue now",
        "Posts published",
        "Followers' content: found → asked → permitted",
    ],
    definitions: "Response rate: of the messages that expected an answer, the share that got one. \
        Response time: from a message's arrival to its first answer, in business hours when the brand keeps them; usual: half the answers came sooner; 9 in 10: nine answers in ten came sooner. \
        On time: the share answered by its deadline. \
        Posts published: of the posts Majlis sent, the share that went out.",
    stats: [
        "Received",
        "Expected an answer",
        "Answered",
        "On time",
        "Response rate",
        "Usual response time",
        "Response time (9 in 10 within)",
        "On-time rate",
    ],
    weeks: "Answers week by week",
    week: "Week of",
    volume: "What people wrote about, week by week",
    channels: "By channel",
    channel: "Channel",
    kinds: "By kind of message",
    kind: "Kind",
    kind_names: [
        "Questions",
        "Complaints",
        "Praise",
        "Feedback",
        "Followers' content",
        "Spam",
        "Other",
    ],
    mix: "Content mix",
    mix_columns: ["Category", "Posts", "Share", "Target", "Against the target"],
    no_category: "No category",
    at_least: "at least {p}%",
    out_of: "{n} of {total}",
    at_most: "at most {p}%",
    standings: ["Under", "Within", "Over"],
    topics: "What people keep raising",
    topic_columns: ["Term or phrase", "Messages"],
    emerging: "Rising this week: far more often than in the eight weeks before",
    emerging_columns: [
        "Term",
        "Messages with it this week",
        "Messages this week",
        "With it in the 8 weeks before",
        "Messages in the 8 weeks before",
        "How far above chance",
    ],
    groups: "Messages that say the same",
    group_columns: ["Messages", "Examples"],
    nothing: "Nothing in this period.",
    footer: "Figures from complaints, questions and other messages received in the period; spam is left out.",
};

const ARABIC: Words = Words {
    lang: "ar",
    arrow: "←",
    title: "تقرير المجتمع",
    made: "أُعدّ في {day} بواسطة مجلس",
    cards: [
        "نسبة الرد",
        "زمن الرد المعتاد",
        "٩ من كل ١٠ رُدّ عليها خلال",
        "الرد في الموعد",
        "بانتظار الرد الآن",
        "متأخرة الآن",
        "المنشورات التي نُشرت",
        "محتوى المتابعين: جديد ← طُلب الإذن ← أُعطي الإذن",
    ],
    definitions: "نسبة الرد: من الرسائل التي احتاجت ردًا، النسبة التي رُدّ عليها. \
        زمن الرد: من وصول الرسالة إلى أول رد عليها، بساعات العمل إن كانت للعلامة ساعات عمل؛ والمعتاد: نصف الردود أسرع منه؛ و٩ من كل ١٠: تسعة ردود من كل عشرة أسرع منه. \
        الرد في الموعد: نسبة ما رُدّ عليه قبل موعده. \
        المنشورات التي نُشرت: من المنشورات التي أرسلها مجلس، النسبة التي نُشرت.",
    stats: [
        "الواردة",
        "احتاجت ردًا",
        "رُدّ عليها",
        "في الموعد",
        "نسبة الرد",
        "زمن الرد المعتاد",
        "زمن الرد (٩ من كل ١٠ خلاله)",
        "نسبة الرد في الموعد",
    ],
    weeks: "الردود أسبوعًا بأسبوع",
    week: "أسبوع",
    volume: "عمّ كتب الناس، أسبوعًا بأسبوع",
    channels: "حسب القناة",
    channel: "القناة",
    kinds: "حسب نوع الرسالة",
    kind: "النوع",
    kind_names: [
        "أسئلة",
        "شكاوى",
        "إشادات",
        "ملاحظات",
        "محتوى المتابعين",
        "رسائل مزعجة",
        "أخرى",
    ],
    mix: "مزيج المحتوى",
    mix_columns: ["الفئة", "المنشورات", "النسبة", "الهدف", "مقارنة بالهدف"],
    no_category: "بلا فئة",
    at_least: "{p}% على الأقل",
    out_of: "{n} من {total}",
    at_most: "{p}% على الأكثر",
    standings: ["أقل", "ضمن الهدف", "أكثر"],
    topics: "ما يتكرر في كلام الناس",
    topic_columns: ["الكلمة أو العبارة", "الرسائل"],
    emerging: "يزداد هذا الأسبوع: أكثر بكثير مما في الأسابيع الثمانية قبله",
    emerging_columns: [
        "الكلمة",
        "رسائل فيها هذا الأسبوع",
        "رسائل هذا الأسبوع",
        "فيها في الأسابيع الثمانية قبله",
        "رسائل الأسابيع الثمانية قبله",
        "البُعد عن الصدفة",
    ],
    groups: "رسائل تقول الشيء نفسه",
    group_columns: ["الرسائل", "أمثلة"],
    nothing: "لا شيء في هذه المدة.",
    footer: "الأرقام من الشكاوى والأسئلة وسائر الرسائل الواردة في المدة، دون الرسائل المزعجة.",
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::brands::{self, NewBrand};
    use crate::channels::{self, NewChannel};
    use crate::inbox::{self, Status};

    /// A bakery whose followers asked the same thing three times, one of them with
    /// markup in their name and words; two were answered.
    fn report(language: Language) -> Report {
        let store = Store::open_in_memory().expect("store");
        let at = |s: i64| Timestamp::from_unix(1_795_000_000 + s).expect("t");
        store
            .write(|tx| {
                let new = NewBrand {
                    name: "Rayyan <Bakery>".into(),
                    time_zone: "Asia/Riyadh".into(),
                    ..NewBrand::default()
                };
                let brand = brands::create(tx, &new, at(0))?;
                let channel = NewChannel {
                    kind: "bluesky".into(),
                    name: "Bluesky".into(),
                    handle: None,
                };
                let channel = channels::create(tx, brand.id, &channel, at(0))?.id;
                let texts = [
                    "<img src=x onerror=alert(1)> when do you open on friday?",
                    "When do you open on Friday?",
                    "when do you open on friday??",
                ];
                for (n, text) in texts.iter().enumerate() {
                    let said =
                        inbox::manual(channel, &format!("guest{n}"), text, at(n as i64 * 60))?;
                    let ids = inbox::receive(tx, &brand, &[said], at(n as i64 * 60))?;
                    if n < 2 {
                        inbox::set_status(tx, &ids, Status::Replied, at(n as i64 * 60 + 600))?;
                    }
                }
                Ok(())
            })
            .expect("bakery");
        store
            .read(|c| {
                let brand = brands::list(c)?.remove(0);
                let day = brand.time_zone.local_of(at(0)).date();
                Report::gather(c, &brand, Period::new(day, day)?, language, at(86_400))
            })
            .expect("report")
    }

    #[test]
    fn every_table_goes_to_csv_with_plain_figures() {
        let report = report(Language::En);
        let kinds = report.csv(TableName::Kinds).expect("csv");
        assert_eq!(
            kinds,
            "Kind,Received,Expected an answer,Answered,On time,Response rate,\
             Usual response time,Response time (9 in 10 within),On-time rate\n\
             Questions,3,3,2,2,66.7,10.0,10.0,66.7\n"
        );
        let groups = report.csv(TableName::Groups).expect("csv");
        assert!(groups.starts_with("Messages,Examples\n3,"), "{groups}");
        for name in TableName::ALL {
            assert_eq!(name.as_str().parse::<TableName>().expect("name"), name);
            assert!(report.csv(name).is_ok());
        }
        let err = "answers".parse::<TableName>().expect_err("no such table");
        assert!(err.to_string().contains("weeks, volume, channels"), "{err}");
        let volume = report.csv(TableName::Volume).expect("csv");
        assert!(volume.starts_with("Week of,Questions\n"), "{volume}");
        assert!(volume.ends_with(",3\n"), "{volume}");
    }

    #[test]
    fn the_report_is_one_page_of_escaped_text_in_its_language() {
        let english = report(Language::En).html();
        assert!(english.starts_with("<!doctype html>\n<html lang=\"en\" dir=\"ltr\">"));
        assert!(english.contains("<h1>Rayyan &lt;Bakery&gt;</h1>"));
        assert!(english.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!english.contains("<img") && !english.contains("<script"));
        assert!(english.contains("<strong>67%</strong>"), "response rate");
        assert!(english.contains("<strong>10 min</strong>"), "median time");
        for title in [
            "Answers week by week",
            "Content mix",
            "Messages that say the same",
        ] {
            assert!(english.contains(title), "{title}");
        }

        let arabic = report(Language::Ar).html();
        assert!(arabic.contains("<html lang=\"ar\" dir=\"rtl\">"));
        assert!(arabic.contains("<strong>٦٧٪</strong>"), "Arabic digits");
        // A share of sends says what it is of: one refused send is not "0%" of many.
        let mut refused = report(Language::Ar);
        (refused.content.published, refused.content.failed) = (0, 1);
        refused.content.success_rate = Some(0.0);
        assert!(refused.html().contains("<strong>٠٪ (٠ من ١)</strong>"));
        assert!(english.contains("<span>Posts published</span><strong>—</strong>"));
        assert!(arabic.contains("<strong>١٠ دقائق</strong>"));
        assert!(arabic.contains("أسئلة"));
    }

    #[test]
    fn cells_keep_the_page_direction_and_whole_hours_drop_their_minutes() {
        let arabic = report(Language::Ar);
        assert_eq!(arabic.written(&Cell::Time(Some(2 * 3600))), "ساعتين");
        assert_eq!(
            arabic.written(&Cell::Time(Some(2 * 3600 + 5 * 60))),
            "ساعتين و٥ دقائق"
        );
        assert_eq!(arabic.written(&Cell::Share(Some(0.5))), "٥٠٪");
        let html = arabic.html();
        assert!(
            !html.contains("dir=\"auto\""),
            "a cell of digits would stand at the left"
        );
        assert!(html.contains("<td class=\"n\">"), "numbers");
        assert!(html.contains("<td><bdi>"), "people's words are isolated");
    }

    #[test]
    fn tags_in_headers_are_escaped_and_formulas_stay_text() {
        let mut report = report(Language::En);
        let weeks = report.response.period.weeks().len();
        report.tags.push(Series {
            key: "<img src=x onerror=alert(1)>".into(),
            counts: vec![1; weeks],
            total: weeks as u32,
        });
        let html = report.html();
        assert!(html.contains("#&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<img"));
        assert_eq!(
            plain(&Cell::Text("=HYPERLINK(\"x\")".into())),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(plain(&Cell::Text("@sara".into())), "'@sara");
        assert_eq!(plain(&Cell::Text("late again".into())), "late again");
    }

    #[test]
    fn the_windows_content_security_policy_allows_exactly_the_reports_style() {
        use base64::Engine as _;
        use sha2::Digest as _;
        let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(STYLE));
        let config = include_str!("../../../../src-tauri/tauri.conf.json");
        assert!(
            config.contains(&format!("'sha256-{hash}'")),
            "the report's style changed: put 'sha256-{hash}' in style-src of src-tauri/tauri.conf.json"
        );
    }
}
