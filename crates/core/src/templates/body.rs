//! A template's body: text with placeholders.
//!
//! `{author_name}` is filled by Majlis; any other `{name}` is a blank the person fills;
//! `{name|fallback}` uses the fallback when there is no value; `{name:filter}` changes
//! the value (`first`: its first word, `upper`, `lower`). Majlis's own placeholders
//! are written by names a person reads (`{first_name}`, and in Arabic `{اسم_المتابع_الأول}`,
//! so Arabic text reads in one direction); their names in code (`{author_name:first}`)
//! are read too.
//! `{{` and `}}` are literal braces. A body that cannot be read is refused with the position (in characters) of
//! what is wrong, so the editor can point at it.

use serde::de::IntoDeserializer;
use serde::{Deserialize, Serialize};

use crate::words::normalize;

/// A placeholder Majlis fills by itself; any other name is a blank the person fills.
/// The editor names each by the name serde gives it (its name in code), and writes it
/// between braces by its name in the text's language ([`Automatic::written`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Automatic {
    /// The follower's name.
    AuthorName,
    /// The follower's handle, with its "@".
    AuthorHandle,
    /// The brand's name.
    Brand,
    /// Who answers (the person's name in Settings).
    Agent,
    /// Today's date in the brand's zone, in the reply's language.
    Today,
    /// The hashtag a follower answers with to agree to a repost.
    Hashtag,
    /// The Arabic word a follower answers with to agree.
    Word,
    /// The link to the brand's terms for reposts.
    Terms,
}

/// The names the placeholders Majlis fills are written by, as the editor's buttons
/// say them: `{first_name}` reads as what it is where `{author_name:first}` reads as
/// code, and in Arabic text `{author_name}` is a left-to-right island whose braces turn
/// the wrong way where `{اسم_المتابع}` reads along. The Arabic names say whose it is
/// (the follower's, the brand's), so that no blank a person names in a word ("{التاريخ}"
/// for a delivery date) is taken for one of Majlis's. Each is what it stands for, the
/// filter it implies, and its English and Arabic names.
const NAMES: [(Automatic, Option<Filter>, &str, &str); 9] = [
    (Automatic::AuthorName, None, "full_name", "اسم_المتابع"),
    (
        Automatic::AuthorName,
        Some(Filter::First),
        "first_name",
        "اسم_المتابع_الأول",
    ),
    (Automatic::AuthorHandle, None, "handle", "معرّف_المتابع"),
    (Automatic::Brand, None, "brand_name", "اسم_العلامة"),
    (Automatic::Agent, None, "your_name", "اسم_المجيب"),
    (Automatic::Today, None, "today", "تاريخ_اليوم"),
    (
        Automatic::Hashtag,
        None,
        "agreement_hashtag",
        "وسم_الموافقة",
    ),
    (Automatic::Word, None, "agreement_word", "كلمة_الموافقة"),
    (Automatic::Terms, None, "terms_link", "رابط_الشروط"),
];

/// Every placeholder Majlis fills, as the editor names it (its name in code,
/// `author_name:first`) and as it is written in a text in `language` (`first_name`,
/// `اسم_المتابع_الأول` in Arabic), for its buttons.
pub fn names(language: &str) -> Vec<(String, String)> {
    NAMES
        .iter()
        .map(|&(automatic, filter, ..)| {
            (
                automatic.in_code(filter),
                automatic.written(filter, language),
            )
        })
        .collect()
}

/// The placeholder a person's name `name` stands for, in English or Arabic (written with
/// or without its marks and hamzas), and the filter it implies.
fn readable(name: &str) -> Option<(Automatic, Option<Filter>)> {
    let name = normalize(name);
    NAMES
        .iter()
        .find(|(.., english, arabic)| normalize(english) == name || normalize(arabic) == name)
        .map(|&(automatic, filter, ..)| (automatic, filter))
}

impl Automatic {
    /// The placeholder written `name` (by its name in code, or a person's name in
    /// English or Arabic), if Majlis fills it.
    pub fn named(name: &str) -> Option<Self> {
        Self::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(name))
            .ok()
            .or_else(|| readable(name).map(|(automatic, _)| automatic))
    }

    /// How it is written between braces (with `filter`) in a text in `language`:
    /// `first_name`, or in Arabic `اسم_المتابع_الأول`; by its name in code when it has no
    /// other with that filter (`author_handle:upper`).
    pub fn written(self, filter: Option<Filter>, language: &str) -> String {
        NAMES
            .iter()
            .find(|&&(a, f, ..)| a == self && f == filter)
            .map(|&(.., english, arabic)| if language == "ar" { arabic } else { english })
            .map_or_else(|| self.in_code(filter), str::to_owned)
    }

    /// Its name in code, with `filter`: `author_name:first`.
    fn in_code(self, filter: Option<Filter>) -> String {
        let name = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        match filter {
            Some(filter) => format!("{name}:{}", filter.name()),
            None => name,
        }
    }
}

/// One piece of a body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text as written.
    Text(String),
    /// A placeholder.
    Field(Field),
}

/// `{name:filter|fallback}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// What it stands for.
    pub name: String,
    /// How its value is changed.
    pub filter: Option<Filter>,
    /// What stands in when there is no value; `None`: it must be filled.
    pub fallback: Option<String>,
}

/// A change to a placeholder's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Its first word ("Sara Al-Harbi" → "Sara").
    First,
    /// Upper case.
    Upper,
    /// Lower case.
    Lower,
}

/// Why a body cannot be read, and where (a character position, from 0).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{problem} (at character {position})")]
pub struct BodyError {
    /// Where, in characters from the start.
    pub position: u32,
    /// What is wrong: a value, so the editor says it in its language.
    pub problem: BodyProblem,
}

impl BodyError {
    /// This error as the store says it, naming the variant (by language) it is in.
    pub(crate) fn in_variant(self, language: &str) -> crate::Error {
        crate::Error::InvalidTemplate {
            language: language.to_owned(),
            position: self.position,
            problem: self.problem,
        }
    }
}

/// What is wrong in a body that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum BodyProblem {
    /// A `}` with no `{` before it.
    #[error("a closing brace }} without its opening {{: write }}}} for a brace")]
    StrayClose,
    /// A `{` never closed.
    #[error("this {{ is never closed: end the placeholder with }}")]
    Unclosed,
    /// A placeholder's name with other signs than letters, digits and `_`.
    #[error("\"{name}\" is not a placeholder name: use letters, digits and _")]
    BadName {
        /// The name as written.
        name: String,
    },
    /// A filter that is none of `first`, `upper`, `lower`.
    #[error("\"{filter}\" is not a filter: use first, upper or lower")]
    BadFilter {
        /// The filter as written.
        filter: String,
    },
    /// A filter on a placeholder that is a first name already (`{اسم_المتابع_الأول}`).
    #[error("\"{name}\" is a first name already: write {{{name}}} alone")]
    FirstAlready {
        /// The name as written.
        name: String,
    },
}

/// Reads `body` into its pieces.
pub fn parse(body: &str) -> Result<Vec<Piece>, BodyError> {
    let chars: Vec<char> = body.chars().collect();
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    let error = |position: usize, problem: BodyProblem| BodyError {
        position: u32::try_from(position).unwrap_or(u32::MAX),
        problem,
    };
    while i < chars.len() {
        match (chars[i], chars.get(i + 1)) {
            ('{', Some('{')) | ('}', Some('}')) => {
                text.push(chars[i]);
                i += 2;
            }
            ('}', _) => {
                return Err(error(i, BodyProblem::StrayClose));
            }
            ('{', _) => {
                let close = chars[i + 1..]
                    .iter()
                    .position(|&c| c == '}' || c == '{')
                    .map(|p| p + i + 1)
                    .filter(|&p| chars[p] == '}')
                    .ok_or_else(|| error(i, BodyProblem::Unclosed))?;
                let inside: String = chars[i + 1..close].iter().collect();
                if !text.is_empty() {
                    pieces.push(Piece::Text(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Field(
                    field(&inside, i + 1).map_err(|(at, problem)| error(at, problem))?,
                ));
                i = close + 1;
            }
            (c, _) => {
                text.push(c);
                i += 1;
            }
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
    Ok(pieces)
}

/// Reads what is between the braces, which starts at character `start`.
fn field(inside: &str, start: usize) -> Result<Field, (usize, BodyProblem)> {
    let (head, fallback) = match inside.split_once('|') {
        Some((head, fallback)) => (head, Some(fallback.to_owned())),
        None => (inside, None),
    };
    let (name, filter) = match head.split_once(':') {
        Some((name, filter)) => (name, Some(filter)),
        None => (head, None),
    };
    let name = name.trim();
    let valid = |c: char| c.is_alphanumeric() || c == '_';
    if name.is_empty() || !name.chars().all(valid) {
        return Err((
            start,
            BodyProblem::BadName {
                name: name.to_owned(),
            },
        ));
    }
    let filter = filter
        .map(|f| match f.trim() {
            f if f == Filter::First.name() => Ok(Filter::First),
            f if f == Filter::Upper.name() => Ok(Filter::Upper),
            f if f == Filter::Lower.name() => Ok(Filter::Lower),
            other => Err((
                start + head.chars().take_while(|&c| c != ':').count() + 1,
                BodyProblem::BadFilter {
                    filter: other.to_owned(),
                },
            )),
        })
        .transpose()?;
    // `{first_name}` is `{author_name:first}`: a second filter is one too many.
    let implied = readable(name).and_then(|(_, implied)| implied);
    if implied.is_some() && filter.is_some() {
        return Err((
            start + head.chars().take_while(|&c| c != ':').count() + 1,
            BodyProblem::FirstAlready {
                name: name.to_owned(),
            },
        ));
    }
    let filter = filter.or(implied);
    Ok(Field {
        name: name.to_owned(),
        filter,
        fallback,
    })
}

impl Filter {
    /// As written after a placeholder's name and `:`.
    fn name(self) -> &'static str {
        match self {
            Filter::First => "first",
            Filter::Upper => "upper",
            Filter::Lower => "lower",
        }
    }

    fn apply(self, value: &str) -> String {
        match self {
            Filter::First => value
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_owned(),
            Filter::Upper => value.to_uppercase(),
            Filter::Lower => value.to_lowercase(),
        }
    }
}

/// A body filled in: the text, and the blanks still to fill (in order, once each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Filled {
    /// The text, with each unfilled blank left as `{name}`.
    pub text: String,
    /// The names of the blanks without a value or fallback.
    pub blanks: Vec<String>,
}

/// Fills `pieces` with `value(name)`; a name without a value takes its fallback, or
/// stays a blank.
pub fn fill(pieces: &[Piece], value: impl Fn(&str) -> Option<String>) -> Filled {
    let mut text = String::new();
    let mut blanks: Vec<String> = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(t) => text.push_str(t),
            Piece::Field(f) => match value(&f.name).filter(|v| !v.trim().is_empty()) {
                Some(v) => text.push_str(&f.filter.map_or(v.clone(), |filter| filter.apply(&v))),
                None => match &f.fallback {
                    Some(fallback) => text.push_str(fallback),
                    None => {
                        text.push('{');
                        text.push_str(&f.name);
                        text.push('}');
                        if !blanks.contains(&f.name) {
                            blanks.push(f.name.clone());
                        }
                    }
                },
            },
        }
    }
    Filled { text, blanks }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn filled(body: &str, values: &[(&str, &str)]) -> Filled {
        let pieces = parse(body).expect("a body");
        fill(&pieces, |name| {
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    /// The editor inserts the name the window receives; the body must read it as the same.
    #[test]
    fn an_automatic_placeholder_is_read_by_the_name_it_is_sent_with() {
        for automatic in [Automatic::AuthorName, Automatic::Today, Automatic::Terms] {
            let sent = serde_json::to_value(automatic).expect("serialises");
            assert_eq!(
                Automatic::named(sent.as_str().expect("a name")),
                Some(automatic)
            );
        }
        assert_eq!(
            Automatic::named("author_handle"),
            Some(Automatic::AuthorHandle)
        );
        assert_eq!(Automatic::named("price"), None);
        assert_eq!(Automatic::named("AuthorName"), None);
    }

    #[test]
    fn fills_names_filters_and_fallbacks_in_both_languages() {
        let got = filled(
            "Hi {author_name:first}! Your order {order_number} ships {day|soon}. {{thanks}}",
            &[("author_name", "Sara Al-Harbi")],
        );
        assert_eq!(
            got.text,
            "Hi Sara! Your order {order_number} ships soon. {thanks}"
        );
        assert_eq!(got.blanks, ["order_number"]);
        let got = filled(
            "أهلًا {author_name}، طلبك رقم {رقم_الطلب} في الطريق — فريق {brand}",
            &[
                ("author_name", "سارة"),
                ("رقم_الطلب", "٤٢"),
                ("brand", "مخبز الريّان"),
            ],
        );
        assert_eq!(
            got.text,
            "أهلًا سارة، طلبك رقم ٤٢ في الطريق — فريق مخبز الريّان"
        );
        assert!(got.blanks.is_empty());
    }

    #[test]
    fn arabic_names_are_the_same_placeholders_with_or_without_marks() {
        let got = filled(
            "أهلًا {اسم_المتابع_الأول}، {اسم_المتابع} ({معرف_المتابع}) — {اسم_المجيب}، {اسم_العلامة}",
            &[
                ("اسم_المتابع_الأول", "سارة الحربي"),
                ("اسم_المتابع", "سارة الحربي"),
                ("معرف_المتابع", "@sara"),
                ("اسم_المجيب", "هدى"),
                ("اسم_العلامة", "مخبز الريّان"),
            ],
        );
        assert_eq!(got.text, "أهلًا سارة، سارة الحربي (@sara) — هدى، مخبز الريّان");
        for (automatic, filter, english, arabic) in NAMES {
            for language in ["ar", "en"] {
                let name = automatic.written(filter, language);
                let pieces = parse(&format!("{{{name}}}")).expect("read");
                let [Piece::Field(field)] = pieces.as_slice() else {
                    panic!("one placeholder: {name}");
                };
                assert_eq!(Automatic::named(&field.name), Some(automatic), "{name}");
                assert_eq!(field.filter, filter, "{name}");
                assert_eq!(name, if language == "ar" { arabic } else { english });
            }
            // Its name in code is read too, as templates written before say it.
            let pieces = parse(&format!("{{{}}}", automatic.in_code(filter))).expect("read");
            let [Piece::Field(field)] = pieces.as_slice() else {
                panic!("one placeholder");
            };
            assert_eq!(
                (Automatic::named(&field.name), field.filter),
                (Some(automatic), filter)
            );
        }
        assert_eq!(
            Automatic::named("معرّف_المتابع"),
            Automatic::named("معرف_المتابع")
        );
        // Words a person may name a blank with stay blanks.
        for word in [
            "الاسم",
            "التاريخ",
            "العلامة",
            "اسمك",
            "اسم",
            "name",
            "date",
            "order",
        ] {
            assert_eq!(Automatic::named(word), None, "{word}");
        }
        assert_eq!(
            parse("{first_name:upper}")
                .expect_err("two filters")
                .problem,
            BodyProblem::FirstAlready {
                name: "first_name".into()
            }
        );
        assert_eq!(
            parse("{اسم_المتابع_الأول:upper}")
                .expect_err("two filters")
                .problem,
            BodyProblem::FirstAlready {
                name: "اسم_المتابع_الأول".into()
            }
        );
        // Every placeholder Majlis fills has its Arabic name (a new one fails here).
        for automatic in [
            Automatic::AuthorName,
            Automatic::AuthorHandle,
            Automatic::Brand,
            Automatic::Agent,
            Automatic::Today,
            Automatic::Hashtag,
            Automatic::Word,
            Automatic::Terms,
        ] {
            let named = match automatic {
                Automatic::AuthorName
                | Automatic::AuthorHandle
                | Automatic::Brand
                | Automatic::Agent
                | Automatic::Today
                | Automatic::Hashtag
                | Automatic::Word
                | Automatic::Terms => NAMES
                    .iter()
                    .any(|&(a, f, ..)| a == automatic && f.is_none()),
            };
            assert!(named, "{automatic:?}");
        }
    }

    #[test]
    fn a_blank_asked_twice_is_one_blank() {
        assert_eq!(filled("{x} and {x}", &[]).blanks, ["x"]);
    }

    #[test]
    fn errors_say_where() {
        let at = |body: &str| parse(body).expect_err("refused");
        assert_eq!(at("Hello {author_name").position, 6);
        assert_eq!(at("Hello {author_name").problem, BodyProblem::Unclosed);
        assert_eq!(
            at("Hello {author_name").to_string(),
            "this { is never closed: end the placeholder with } (at character 6)"
        );
        assert_eq!(at("Hi } there").position, 3);
        assert_eq!(at("Hi {author_name:shout}").position, 16);
        assert_eq!(
            at("Hi {author_name:shout}").problem.to_string(),
            "\"shout\" is not a filter: use first, upper or lower"
        );
        assert_eq!(
            at("Hi } there").problem.to_string(),
            "a closing brace } without its opening {: write }} for a brace"
        );
        assert_eq!(
            at("Hi {a b}").problem.to_string(),
            "\"a b\" is not a placeholder name: use letters, digits and _"
        );
        assert_eq!(at("Hi { }").position, 4);
        assert_eq!(at("Hi {a{b}}").position, 3, "a brace inside a placeholder");
        assert_eq!(
            at("مرحبا {الاسم").position,
            6,
            "positions count characters, not bytes"
        );
    }

    proptest! {
        #[test]
        fn any_text_is_read_or_refused_with_a_position_inside_it(body in "[a-z {}|:_\u{0621}-\u{064A}]{0,40}") {
            match parse(&body) {
                Ok(pieces) => { let _ = fill(&pieces, |_| None); }
                Err(e) => prop_assert!((e.position as usize) <= body.chars().count()),
            }
        }
    }
}
