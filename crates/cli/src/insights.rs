//! `majlis insights …`: what the community says and how well the brand answers.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use majlis_core::brands::Brand;
use majlis_core::categories::Standing;
use majlis_core::insights::Period;
use majlis_core::insights::content;
use majlis_core::insights::report::{BOM, Report, TableName};
use majlis_core::insights::response::{self, ResponseStats};
use majlis_core::insights::topics;
use majlis_core::insights::volume;
use majlis_core::settings::Language;
use majlis_core::time::{Clock, SystemClock, Timestamp};
use majlis_core::{Connection, Store, brands};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// How well the brand answered: response rate, response time (business hours when
    /// it keeps them), answers on time; by channel, kind and week.
    Response(Asked),
    /// What the brand planned and published: posts by category, publishing success,
    /// reminders done and missed, and the UGC funnel (found, asked, granted).
    Content(Asked),
    /// What the community raises: recurring terms and phrases in complaints, questions
    /// and feedback; terms rising this week (the period's last seven days); messages
    /// that say nearly the same.
    Topics(Asked),
    /// How many messages came in, week by week, of each kind and with each tag (spam
    /// left out).
    Volume(Asked),
    /// One table of the insights as CSV (figures plain: shares in percent, times in
    /// minutes, ISO days): weeks, volume, channels, kinds, mix, topics, emerging or groups.
    Csv(TableArgs),
}

/// `majlis insights csv`'s arguments.
#[derive(Debug, Args)]
pub struct TableArgs {
    #[command(flatten)]
    asked: Asked,
    /// Which table.
    #[arg(long, value_parser = |s: &str| s.parse::<TableName>())]
    table: TableName,
    /// The file to write [default: standard output].
    #[arg(long, value_name = "FILE.csv")]
    out: Option<PathBuf>,
    /// The language of the column names [default: the brand's].
    #[arg(long, value_parser = language)]
    lang: Option<Language>,
}

/// `majlis report`: the printable client report.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The brand's name.
    #[arg(long)]
    brand: String,
    /// First day, YYYY-MM-DD, in the brand's zone.
    #[arg(long)]
    from: String,
    /// Last day (included), YYYY-MM-DD.
    #[arg(long)]
    to: String,
    /// The HTML file to write (open it in a browser and print it to PDF).
    #[arg(long, value_name = "FILE.html")]
    out: PathBuf,
    /// Its language, en or ar [default: the brand's].
    #[arg(long, value_parser = language)]
    lang: Option<Language>,
}

fn language(text: &str) -> Result<Language, String> {
    match text {
        "en" => Ok(Language::En),
        "ar" => Ok(Language::Ar),
        other => Err(format!(
            "\"{other}\" is not a language Majlis writes: use en or ar"
        )),
    }
}

/// The report on `brand` for `from`–`to`, in `lang` or the brand's language.
fn gather(
    store: &Store,
    brand: &str,
    (from, to): (&str, &str),
    lang: Option<Language>,
) -> anyhow::Result<Report> {
    let (_, report) = read(store, brand, (from, to), |c, brand, period, now| {
        let language = lang.unwrap_or_else(|| Language::of_locale(&brand.locale));
        Report::gather(c, brand, period, language, now)
    })?;
    Ok(report)
}

/// Runs `insight` on the brand named `brand` and the days `from`–`to` (`YYYY-MM-DD`),
/// as of now; returns the period too.
fn read<T>(
    store: &Store,
    brand: &str,
    (from, to): (&str, &str),
    insight: impl FnOnce(&Connection, &Brand, Period, Timestamp) -> majlis_core::Result<T>,
) -> anyhow::Result<(Period, T)> {
    let period = Period::parse(from, to)?;
    let found = store.read(|c| insight(c, &brands::find(c, brand)?, period, SystemClock.now()))?;
    Ok((period, found))
}

impl Asked {
    fn days(&self) -> (&str, &str) {
        (&self.from, &self.to)
    }
}

/// Writes the client report to its file.
pub fn report(store: &Store, args: &ReportArgs) -> anyhow::Result<()> {
    let report = gather(store, &args.brand, (&args.from, &args.to), args.lang)?;
    std::fs::write(&args.out, report.html())
        .map_err(|e| anyhow::anyhow!("could not write {}: {e}", args.out.display()))?;
    println!("{}", args.out.display());
    Ok(())
}

fn csv(store: &Store, args: &TableArgs) -> anyhow::Result<()> {
    let asked = &args.asked;
    let report = gather(store, &asked.brand, asked.days(), args.lang)?;
    let text = report.csv(args.table)?;
    match &args.out {
        Some(out) => std::fs::write(out, format!("{BOM}{text}"))
            .map_err(|e| anyhow::anyhow!("could not write {}: {e}", out.display()))?,
        None => print!("{text}"),
    }
    Ok(())
}

/// Which brand and days an insight is asked for.
#[derive(Debug, Args)]
pub struct Asked {
    /// The brand's name.
    #[arg(long)]
    brand: String,
    /// First day, YYYY-MM-DD, in the brand's zone.
    #[arg(long)]
    from: String,
    /// Last day (included), YYYY-MM-DD.
    #[arg(long)]
    to: String,
    /// Print one JSON value.
    #[arg(long)]
    json: bool,
}

pub fn run(store: &Store, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Response(asked) => response(store, &asked),
        Command::Content(asked) => content(store, &asked),
        Command::Topics(asked) => topics(store, &asked),
        Command::Volume(asked) => volume(store, &asked),
        Command::Csv(args) => csv(store, &args),
    }
}

fn content(store: &Store, asked: &Asked) -> anyhow::Result<()> {
    let (period, found) = read(store, &asked.brand, asked.days(), content::content)?;
    if asked.json {
        println!("{}", serde_json::to_string_pretty(&found)?);
        return Ok(());
    }
    println!("{} to {}", period.from, period.to);
    println!("posts by category");
    for share in &found.mix {
        let target = match share.target.is_set() {
            true => format!("target {}", crate::category::describe(share.target)),
            false => String::new(),
        };
        let standing = match share.standing {
            Some(Standing::Under) => ": under",
            Some(Standing::Over) => ": over",
            Some(Standing::Within) => ": within",
            None => "",
        };
        println!(
            "  {:<24} {:>4}  {:>3.0}%  {target}{standing}",
            share.category.as_deref().unwrap_or("(none)"),
            share.posts,
            share.share * 100.0
        );
    }
    println!(
        "published by Majlis: {} went out, {} failed",
        found.published, found.failed
    );
    println!(
        "reminders: {} posted by hand, {} missed",
        found.reminders_done, found.reminders_missed
    );
    println!(
        "followers' content: {} found, {} asked, {} with permission",
        found.ugc_found, found.ugc_requested, found.ugc_granted
    );
    Ok(())
}

fn response(store: &Store, asked: &Asked) -> anyhow::Result<()> {
    let (period, report) = read(store, &asked.brand, asked.days(), response::responsiveness)?;
    if asked.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!("{} to {}", period.from, period.to);
    line("all", &report.overall);
    println!(
        "  waiting now: {} ({} overdue)",
        report.open, report.overdue
    );
    for (title, slices) in [
        ("by channel", &report.by_channel),
        ("by kind", &report.by_kind),
        ("by week", &report.by_week),
    ] {
        println!("{title}");
        for slice in slices {
            line(&format!("  {}", slice.key), &slice.stats);
        }
    }
    Ok(())
}

fn topics(store: &Store, asked: &Asked) -> anyhow::Result<()> {
    let (period, found) = read(store, &asked.brand, asked.days(), |c, brand, period, _| {
        topics::topics(c, brand, period)
    })?;
    if asked.json {
        println!("{}", serde_json::to_string_pretty(&found)?);
        return Ok(());
    }
    println!(
        "{} to {}: {} complaints, questions and feedback",
        period.from, period.to, found.messages
    );
    println!("recurring");
    for topic in &found.recurring {
        println!("  {:>4}  {}", topic.count, topic.phrase);
    }
    println!("rising this week (log-likelihood G², p < 0.001)");
    for term in &found.emerging {
        println!(
            "  {:<24} {} of {} this week, {} of {} before  G² {:.1}",
            term.term, term.this_week, term.week_total, term.before, term.baseline_total, term.g2
        );
    }
    println!("saying the same");
    for group in &found.groups {
        println!("  {:>4}  {}", group.count, group.examples.join(" | "));
    }
    Ok(())
}

fn volume(store: &Store, asked: &Asked) -> anyhow::Result<()> {
    let (period, (response, tags)) = read(
        store,
        &asked.brand,
        asked.days(),
        |c, brand, period, now| {
            Ok((
                response::responsiveness(c, brand, period, now)?,
                volume::tags(c, brand, period)?,
            ))
        },
    )?;
    if asked.json {
        let found = serde_json::json!({
            "period": period,
            "weeks": period.weeks(),
            "byKind": response.kinds_by_week,
            "byTag": tags,
        });
        println!("{}", serde_json::to_string_pretty(&found)?);
        return Ok(());
    }
    let series: Vec<(String, &volume::Series)> = response
        .kinds_by_week
        .iter()
        .map(|s| (s.key.clone(), s))
        .chain(tags.iter().map(|s| (format!("#{}", s.key), s)))
        .collect();
    print!("{:<12}", "week of");
    for (name, _) in &series {
        print!(" {name:>10}");
    }
    println!();
    for (n, week) in period.weeks().iter().enumerate() {
        print!("{:<12}", week.to_string());
        for (_, s) in &series {
            print!(" {:>10}", s.counts.get(n).copied().unwrap_or(0));
        }
        println!();
    }
    Ok(())
}

fn line(label: &str, stats: &ResponseStats) {
    let percent = |r: Option<f64>| r.map_or("—".to_owned(), |r| format!("{:.0}%", r * 100.0));
    let time = |s: Option<i64>| {
        s.map_or("—".to_owned(), |s| match s {
            s if s < 3600 => format!("{} min", s / 60),
            s => format!("{} h {} min", s / 3600, s % 3600 / 60),
        })
    };
    println!(
        "{label:<24} {:>5} received  {:>6} answered  {:>6} on time  median {:<12} p90 {}",
        stats.received,
        percent(stats.response_rate),
        percent(stats.on_time_rate),
        time(stats.median_seconds),
        time(stats.p90_seconds),
    );
}
