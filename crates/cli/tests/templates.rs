//! Reply templates from a terminal: saved in two languages, filled in for an
//! interaction with its blanks named, found by their words.

use serde_json::Value;

#[allow(dead_code)]
mod common;
use common::{bakery_with, majlis, ok};

fn json(data: &std::path::Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(data, args)).expect("JSON")
}

/// A bakery whose inbox holds @sara's "Where is my order?" (interaction 1).
fn asked_by_sara() -> tempfile::TempDir {
    let data = tempfile::tempdir().expect("tempdir");
    let d = data.path();
    bakery_with(d, "instagram", "Bakery on Instagram", None);
    ok(
        d,
        &[
            "inbox",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Instagram",
            "--author",
            "@sara",
            "--text",
            "Where is my order?",
        ],
    );
    data
}

#[test]
fn templates_are_saved_filled_in_and_found() {
    let data = asked_by_sara();
    let d = data.path();
    let added = ok(
        d,
        &[
            "template",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--title",
            "Where is my order",
            "--category",
            "Shipping question",
            "--shortcut",
            "ship",
            "--body",
            "Hi {author_name:first}, order {order} is on its way! — {agent}",
        ],
    );
    assert!(added.contains("added template 1"), "{added}");
    ok(
        d,
        &[
            "template",
            "variant",
            "1",
            "--lang",
            "ar",
            "--body",
            "أهلًا {author_name}، طلبك {order} في الطريق! — {agent}",
        ],
    );
    let listed = json(
        d,
        &["template", "list", "--brand", "Rayyan Bakery", "--json"],
    );
    assert_eq!(listed[0]["shortcut"], ";ship");
    assert_eq!(listed[0]["variants"].as_array().map(Vec::len), Some(2));

    // The brand speaks Arabic (ar-SA): Sara's message has no language, so the Arabic text.
    let rendered = json(
        d,
        &[
            "template",
            "render",
            "1",
            "--interaction",
            "1",
            "--agent",
            "Huda",
            "--json",
        ],
    );
    assert_eq!(rendered["language"], "ar");
    assert_eq!(rendered["blanks"], serde_json::json!(["order"]));
    assert_eq!(rendered["text"], "أهلًا Sara، طلبك {order} في الطريق! — Huda");
    assert_eq!(
        rendered["findings"],
        serde_json::json!([]),
        "the default voice has nothing to say"
    );
    let filled = ok(
        d,
        &[
            "template",
            "render",
            "1",
            "--interaction",
            "1",
            "--agent",
            "Huda",
            "--set",
            "order=#42",
        ],
    );
    assert_eq!(filled.trim(), "أهلًا Sara، طلبك #42 في الطريق! — Huda");

    let found = json(
        d,
        &[
            "template",
            "search",
            "طلبك",
            "--brand",
            "Rayyan Bakery",
            "--json",
        ],
    );
    assert_eq!(found[0]["template"]["id"], 1);
    let by_shortcut = json(
        d,
        &[
            "template",
            "search",
            ";ship",
            "--brand",
            "Rayyan Bakery",
            "--json",
        ],
    );
    assert_eq!(by_shortcut[0]["template"]["id"], 1);
    assert!(ok(d, &["template", "search", "refund"]).contains("no template matches"));

    let broken = majlis(
        d,
        &[
            "template",
            "add",
            "--title",
            "Broken",
            "--body",
            "Hi {author_name",
        ],
    );
    assert!(!broken.status.success());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains("is never closed") && stderr.contains("at character 3"),
        "{stderr}"
    );
    let bad_set = majlis(
        d,
        &[
            "template",
            "render",
            "1",
            "--interaction",
            "1",
            "--set",
            "order",
        ],
    );
    assert!(String::from_utf8_lossy(&bad_set.stderr).contains("write it as name=value"));
}

#[test]
fn a_reply_written_to_a_follower_is_kept_naming_the_next() {
    let data = asked_by_sara();
    let d = data.path();
    ok(
        d,
        &[
            "template",
            "add",
            "--title",
            "On its way",
            "--written-to",
            "1",
            "--body",
            "أبشري يا Sara، طلبك {رقم_الطلب} في الطريق @sara",
        ],
    );
    let listed = json(
        d,
        &["template", "list", "--brand", "Rayyan Bakery", "--json"],
    );
    assert_eq!(
        listed[0]["variants"],
        serde_json::json!([{
            "language": "ar",
            "body": "أبشري يا {اسم_المتابع_الأول}، طلبك {رقم_الطلب} في الطريق {معرّف_المتابع}",
        }]),
        "the language is the text's; a blank stays a blank; the brand is the message's"
    );
    let unknown = majlis(
        d,
        &[
            "template",
            "add",
            "--title",
            "x",
            "--written-to",
            "99",
            "--body",
            "Hi",
        ],
    );
    assert!(!unknown.status.success());
    let said = String::from_utf8_lossy(&unknown.stderr);
    assert!(said.contains("no interaction with id 99"), "{said}");
}
