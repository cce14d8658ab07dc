//! `majlis template …`: reply templates from a terminal.

use std::collections::HashMap;

use clap::Subcommand;
use majlis_core::inbox::InteractionId;
use majlis_core::templates::{self, NewTemplate, Prefer, TemplateId, Variant};
use majlis_core::time::{Clock, SystemClock};
use majlis_core::{Store, brands};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Save a reply template (for one brand, or with no --brand for every brand).
    Add {
        /// The brand's name; without it, the template is shared by every brand.
        #[arg(long)]
        brand: Option<String>,
        /// What it is, e.g. "Where is my order".
        #[arg(long)]
        title: String,
        /// Its text: {first_name}, {full_name}, {handle}, {brand_name}, {your_name} and
        /// {today} (or their Arabic names, {اسم_المتابع}…) fill themselves; any other
        /// {name} is a blank to fill; {name|fallback} is optional.
        #[arg(long)]
        body: String,
        /// What it is for, e.g. apology, shipping question, thanks.
        #[arg(long, default_value = "")]
        category: String,
        /// The language of the text [default: its script's, ar or en].
        #[arg(long)]
        lang: Option<String>,
        /// A shortcut to pick it in the reply box, e.g. ;ship.
        #[arg(long)]
        shortcut: Option<String>,
        /// The interaction the text was written to, as a reply: the follower's name and
        /// handle in it become {first_name}, {full_name} and {handle}, and
        /// the template is its brand's unless --brand says otherwise.
        #[arg(long, value_name = "INTERACTION")]
        written_to: Option<i64>,
    },
    /// Add (or replace) a template's text in another language.
    Variant {
        /// The template's id.
        id: i64,
        /// The language.
        #[arg(long)]
        lang: String,
        /// The text in that language.
        #[arg(long)]
        body: String,
    },
    /// List a brand's templates and the shared ones, most used first.
    List {
        /// The brand's name; without it, only the shared templates.
        #[arg(long)]
        brand: Option<String>,
        /// Print one JSON value.
        #[arg(long)]
        json: bool,
    },
    /// Fill a template in for an interaction: the text, and the blanks left to fill.
    Render {
        /// The template's id.
        id: i64,
        /// The interaction it answers.
        #[arg(long)]
        interaction: i64,
        /// A blank's value, as name=value (repeatable).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        set: Vec<String>,
        /// Who answers, for {your_name} [default: $USER].
        #[arg(long, env = "USER", default_value = "")]
        agent: String,
        /// Print one JSON value.
        #[arg(long)]
        json: bool,
    },
    /// Find templates by words in their title, text or shortcut, best first.
    Search {
        /// The words.
        query: String,
        /// The brand's name; without it, only the shared templates.
        #[arg(long)]
        brand: Option<String>,
        /// Print one JSON value.
        #[arg(long)]
        json: bool,
    },
}

pub fn run(store: &Store, command: Command) -> anyhow::Result<()> {
    let now = SystemClock.now();
    match command {
        Command::Add {
            brand,
            title,
            body,
            category,
            lang,
            shortcut,
            written_to,
        } => {
            let template = store.write(|tx| {
                let brand = brand.as_deref().map(|b| brands::find(tx, b)).transpose()?;
                let made = match written_to {
                    Some(id) => templates::from_reply(tx, InteractionId(id), &body)?.template,
                    None => NewTemplate {
                        variants: vec![Variant {
                            language: majlis_core::words::language_of(&body)
                                .unwrap_or("en")
                                .to_owned(),
                            body,
                        }],
                        ..NewTemplate::default()
                    },
                };
                let new = NewTemplate {
                    brand: brand.map(|b| b.id).or(made.brand),
                    title,
                    category,
                    shortcut,
                    variants: made
                        .variants
                        .into_iter()
                        .map(|v| Variant {
                            language: lang.clone().unwrap_or(v.language),
                            ..v
                        })
                        .collect(),
                };
                templates::create(tx, &new, now)
            })?;
            println!("added template {}", template.id.0);
        }
        Command::Variant { id, lang, body } => {
            store.write(|tx| {
                let mut template = templates::get(tx, TemplateId(id))?;
                let lang = lang.trim().to_ascii_lowercase();
                template.variants.retain(|v| v.language != lang);
                template.variants.push(Variant {
                    language: lang,
                    body,
                });
                let new = NewTemplate {
                    brand: template.brand_id,
                    title: template.title,
                    category: template.category,
                    shortcut: template.shortcut,
                    variants: template.variants,
                };
                templates::update(tx, TemplateId(id), &new, now)
            })?;
            println!("template {id} updated");
        }
        Command::List { brand, json } => {
            let list = store.read(|c| {
                let brand = brand.as_deref().map(|b| brands::find(c, b)).transpose()?;
                templates::list(c, brand.map(|b| b.id))
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list)?);
            } else {
                for t in list {
                    let languages: Vec<&str> =
                        t.variants.iter().map(|v| v.language.as_str()).collect();
                    println!(
                        "{:>5}  {:<10}  {}  [{}]  used {}",
                        t.id.0,
                        t.shortcut.as_deref().unwrap_or(""),
                        t.title,
                        languages.join(", "),
                        t.usage_count
                    );
                }
            }
        }
        Command::Render {
            id,
            interaction,
            set,
            agent,
            json,
        } => {
            let values: HashMap<String, String> = set
                .iter()
                .map(|pair| {
                    pair.split_once('=')
                        .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
                        .ok_or_else(|| anyhow::anyhow!("--set {pair}: write it as name=value"))
                })
                .collect::<anyhow::Result<_>>()?;
            let rendered = store.read(|c| {
                templates::render(
                    c,
                    TemplateId(id),
                    InteractionId(interaction),
                    &agent,
                    &values,
                    now,
                )
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&rendered)?);
            } else {
                println!("{}", rendered.text);
                if !rendered.blanks.is_empty() {
                    eprintln!("still to fill: {}", rendered.blanks.join(", "));
                }
                for finding in &rendered.findings {
                    eprintln!("voice: {}", finding.why);
                }
            }
        }
        Command::Search { query, brand, json } => {
            let hits = store.read(|c| {
                let brand = brand.as_deref().map(|b| brands::find(c, b)).transpose()?;
                templates::search(c, brand.map(|b| b.id), &query, &Prefer::default(), 20)
            })?;
            if json {
                println!("{}", serde_json::to_string_pretty(&hits)?);
            } else if hits.is_empty() {
                println!("no template matches \"{query}\"");
            } else {
                for h in hits {
                    println!("{:>5}  {}", h.template.id.0, h.template.title);
                }
            }
        }
    }
    Ok(())
}
