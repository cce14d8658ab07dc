//! Reply templates in the real app, against a real local Bluesky network: a follower's
//! message answered with `;` and a template, its blanks filled with Tab, sent and read
//! back from the PDS; the same answer for a second follower is pointed out as an echo.

use fantoccini::key::Key;
use majlis_e2e::{App, eventually_within};
use majlis_peers::{Bluesky, BlueskyMode, PostExtras};
use std::time::Duration;

#[tokio::test]
async fn a_template_picked_with_a_semicolon_is_filled_sent_and_not_repeated_blindly()
-> anyhow::Result<()> {
    let network = Bluesky::start(BlueskyMode::Full)?;
    let bakery = network.create_account("bakery.test", "bakery-app-password")?;
    let omar = network.create_account("omar.test", "omar-password")?;
    let sara = network.create_account("sara.test", "sara-password")?;
    for (who, text) in [
        (&omar, "@bakery.test my order is late, where is it?"),
        (&sara, "@bakery.test my order is late too"),
    ] {
        network.post(
            who,
            text,
            PostExtras {
                mentioning: Some(&bakery),
                language: Some("en"),
                ..PostExtras::default()
            },
        )?;
    }

    let app = App::launch("templates", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.connect_bluesky(
        "Bakery on Bluesky",
        &network.pds,
        "bakery.test",
        "bakery-app-password",
    )
    .await?;
    app.press_ctrl('2').await?;
    eventually_within(
        "both messages in the inbox",
        Duration::from_secs(90),
        || async {
            let body = app.eval("return document.body.innerText").await?;
            let text = body.as_str().unwrap_or_default();
            Ok((text.contains("@omar.test") && text.contains("@sara.test")).then_some(()))
        },
    )
    .await?;

    let reply = answer(&app, "omar.test", ';').await?;
    let written = reply.prop("value").await?.unwrap_or_default();
    assert_eq!(
        written,
        "Hi Omar, we're so sorry your order is late. The van broke down on the way. We'll make it right. — Huda, Rayyan Bakery"
    );
    app.screenshot("template-filled-en").await?;
    app.click_xpath("//button[normalize-space(.)='Send reply']")
        .await?;
    app.sees("Reply sent.").await?;
    let sent = eventually_within("the reply on the PDS", Duration::from_secs(30), || async {
        Ok(network
            .posts(&bakery.did)?
            .into_iter()
            .find(|r| r["value"]["text"] == written.as_str()))
    })
    .await?;
    assert!(sent["value"]["reply"]["parent"]["uri"].is_string());

    // The same words for Sara, picked from an Arabic keyboard: Majlis points at what Omar
    // got, before anything is sent.
    answer(&app, "sara.test", '؛').await?;
    app.find("[data-testid=echo]").await?;
    app.sees("Nearly the same as what you sent @omar.test")
        .await?;
    app.screenshot("template-echo-en").await?;
    app.quit().await
}

/// Opens `who`'s message, picks the "Late order" template with `;late` (or `؛late`, as an
/// Arabic keyboard types it), and fills its two blanks (what happened, and who answers)
/// with Tab between them.
async fn answer(
    app: &App,
    who: &str,
    semicolon: char,
) -> anyhow::Result<fantoccini::elements::Element> {
    app.click_xpath(&format!(
        "//*[@data-interaction]//*[contains(@class, 'author') and text()='@{who}']"
    ))
    .await?;
    let reply = app.find("#reply-box").await?;
    reply.send_keys(&format!("{semicolon}late")).await?;
    app.find("[data-testid=template-picker] [aria-selected=true]")
        .await?;
    app.sees("Late order").await?;
    // The box names the highlighted template to assistive technology.
    let named = app
        .eval("const id = document.getElementById('reply-box').getAttribute('aria-activedescendant'); return document.getElementById(id)?.textContent.trim()")
        .await?;
    assert!(
        named.as_str().is_some_and(|t| t.contains("Late order")),
        "{named}"
    );
    reply.send_keys(&char::from(Key::Enter).to_string()).await?;
    app.sees("Fill in {what_happened}").await?;
    // The first blank is selected: typing fills it; Tab goes to the next.
    reply.send_keys("The van broke down on the way.").await?;
    reply.send_keys(&char::from(Key::Tab).to_string()).await?;
    reply.send_keys("Huda").await?;
    Ok(reply)
}

#[tokio::test]
async fn templates_are_written_with_a_live_preview_found_and_exported() -> anyhow::Result<()> {
    let app = App::launch("templates-view", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl('3').await?;
    app.sees("Late order").await?;

    app.click_button("New template").await?;
    app.find("#template-title")
        .await?
        .send_keys("Gift boxes")
        .await?;
    let body = app.find("#template-body").await?;
    // The follower's first name comes from the row of placeholders, where the cursor is.
    body.send_keys("Hi ").await?;
    app.click_xpath("//div[@role='group'][span[normalize-space(.)='Insert']]/button[normalize-space(.)='First name']")
        .await?;
    // Written by the name the button says, not the one code knows it by.
    assert_eq!(
        body.prop("value").await?.as_deref(),
        Some("Hi {first_name}")
    );
    body.send_keys("! Our gift boxes start at {price").await?;
    app.sees("At character 42: this { is never closed").await?;
    // The place is shown in the text, selected, to mend.
    app.click_button("Show where").await?;
    assert_eq!(
        app.eval("const b = document.activeElement; return [b.id, b.value.slice(b.selectionStart, b.selectionEnd)]")
            .await?,
        serde_json::json!(["template-body", "{"])
    );
    body.send_keys(&char::from(fantoccini::key::Key::End).to_string())
        .await?;
    body.send_keys("}. {personal_note}").await?;
    // What is left to fill shows as blanks in the sentence, named as people read them.
    app.sees("Hi Sara! Our gift boxes start at price. personal note")
        .await?;
    let blanks = app
        .eval("return [...document.querySelectorAll('[data-testid=template-preview] .blank')].map(b => b.textContent)")
        .await?;
    assert_eq!(blanks, serde_json::json!(["price", "personal note"]));
    app.sees("Blanks to fill when answering: price, personal note")
        .await?;
    app.screenshot("templates-editor-en").await?;
    // In the Arabic text the same button writes the placeholder's Arabic name, so the
    // sentence reads in one direction.
    app.click_xpath("//label[normalize-space(.)='العربية']")
        .await?;
    let body = app.find("#template-body").await?;
    body.send_keys("أهلًا ").await?;
    app.click_xpath("//div[@role='group'][span[normalize-space(.)='Insert']]/button[normalize-space(.)='First name']")
        .await?;
    majlis_e2e::eventually("the Arabic name inserted", || async {
        let value = body.prop("value").await?;
        Ok((value.as_deref() == Some("أهلًا {اسم_المتابع_الأول}")).then_some(()))
    })
    .await?;
    majlis_e2e::eventually("the Arabic preview filled in", || async {
        let shown = app
            .eval("return document.querySelector('[data-testid=template-preview] .text')?.textContent ?? ''")
            .await?;
        Ok((shown == "أهلًا سارة").then_some(()))
    })
    .await?;
    app.screenshot("templates-arabic-names").await?;
    // Another template chosen before saving: asked first, and kept, nothing is lost.
    app.click_xpath("//ul[@aria-label='Templates']//button[contains(., 'Late order')]")
        .await?;
    app.sees("“Gift boxes” has unsaved changes.").await?;
    app.click_button("Keep editing").await?;
    // So is another view, above this one.
    app.click_xpath("//nav//button[contains(., 'Inbox')]")
        .await?;
    app.sees("Leave without saving? Your changes to “Gift boxes” will be lost.")
        .await?;
    app.screenshot("leave-ask-en").await?;
    app.click_button("Keep editing").await?;
    app.sees_none("[data-testid=leave-check]").await?;
    let title = app.find("#template-title").await?.prop("value").await?;
    assert_eq!(title.as_deref(), Some("Gift boxes"));
    // Saved from the English text with the Arabic one unreadable: the Arabic one opens,
    // its preview saying where.
    body.send_keys(" {").await?;
    app.click_xpath("//label[normalize-space(.)='English']")
        .await?;
    app.click_xpath("//button[normalize-space(.)='Save template']")
        .await?;
    app.sees("A placeholder in the text can't be read: the preview says where.")
        .await?;
    majlis_e2e::eventually("the Arabic text open", || async {
        let open = app
            .eval("return document.querySelector('input[name=template-language]:checked').value")
            .await?;
        Ok((open == "ar").then_some(()))
    })
    .await?;
    app.find("[data-testid=template-preview] .problem").await?;
    app.screenshot("templates-unreadable-other-language")
        .await?;
    let body = app.find("#template-body").await?;
    body.send_keys(&char::from(fantoccini::key::Key::Backspace).to_string())
        .await?;
    body.send_keys(&char::from(fantoccini::key::Key::Backspace).to_string())
        .await?;
    app.click_xpath("//button[normalize-space(.)='Save template']")
        .await?;
    app.sees("“Gift boxes” saved.").await?;

    let search = app.find("input[type=search]").await?;
    search.send_keys("gift").await?;
    majlis_e2e::eventually("only the new template listed", || async {
        let rows = app
            .eval("return document.querySelectorAll('.list li .row').length")
            .await?;
        Ok((rows == 1).then_some(()))
    })
    .await?;
    // Deleted by a slip, and taken back from the confirmation.
    let listed = || async {
        app.eval("return document.querySelectorAll('.list li .row').length")
            .await
    };
    app.click_button("Delete").await?;
    app.sees("Template deleted.").await?;
    // The keyboard, on Delete, goes on from the list's search.
    assert_eq!(
        app.eval("return document.activeElement.type").await?,
        "search"
    );
    majlis_e2e::eventually("the template gone", || async {
        Ok((listed().await? == 0).then_some(()))
    })
    .await?;
    app.click_button("Undo").await?;
    app.sees("“Gift boxes” is back.").await?;
    majlis_e2e::eventually("the template back", || async {
        Ok((listed().await? == 1).then_some(()))
    })
    .await?;

    // Categories narrow the list.
    app.eval(
        "const s = document.querySelector('input[type=search]'); s.value = ''; s.dispatchEvent(new Event('input', { bubbles: true }));",
    )
    .await?;
    app.click_xpath("//select[@aria-label='Category']/option[text()='Thanks']")
        .await?;
    majlis_e2e::eventually("only the thanks template", || async {
        let rows = app
            .eval("return [...document.querySelectorAll('.list li .row .name')].map(n => n.textContent)")
            .await?;
        Ok((rows == serde_json::json!(["Thank you"])).then_some(()))
    })
    .await?;

    app.click_button("Export").await?;
    app.sees("Saved “Rayyan Bakery templates.json” in Downloads")
        .await?;

    // A file of templates with one that cannot be kept: nothing is imported, and the
    // entry is named with why; a file that is not UTF-8 is refused before it is read.
    let file = app.data_dir.join("from-a-friend.json");
    std::fs::write(
        &file,
        r#"[{"title": "Opening hours", "variants": [{"language": "en", "body": "We open at 7."}]},
            {"title": "Prices", "variants": [{"language": "en", "body": "Boxes start at {price"}]}]"#,
    )?;
    let importer = app.find("input[type=file][accept^='.json']").await?;
    importer.send_keys(&file.display().to_string()).await?;
    app.sees("1 template needs fixing. Nothing is imported until every one is right:")
        .await?;
    app.sees("Template 2").await?;
    app.sees("“Prices” (English), at character 15: this { is never closed")
        .await?;
    app.screenshot("templates-import-refused-en").await?;
    let cp1256 = app.data_dir.join("قوالب.json");
    std::fs::write(&cp1256, [0x5b, 0xe3, 0xd1, 0xcd, 0xc8, 0xc7, 0x5d])?;
    importer.send_keys(&cp1256.display().to_string()).await?;
    app.sees("This file isn't UTF-8 text, so nothing was read from it")
        .await?;

    // The brand's voice: a word it avoids is pointed out as a post is written.
    app.press_ctrl(',').await?;
    app.click_button("Add a word").await?;
    app.find("[aria-label='Word to avoid']")
        .await?
        .send_keys("cheap")
        .await?;
    app.find("[aria-label='Say instead']")
        .await?
        .send_keys("affordable")
        .await?;
    // A change elsewhere in Settings, saved at once, leaves the voice as typed.
    app.find("#late-posts")
        .await?
        .select_by_value("1440")
        .await?;
    majlis_e2e::eventually("the late posts' choice saved", || async {
        let out = app.cli(&["brand", "list", "--json"])?;
        let brands: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
        Ok(brands
            .iter()
            .any(|b| b["name"] == "Rayyan Bakery" && b["holdLateAfter"] == 1440)
            .then_some(()))
    })
    .await?;
    let kept = app
        .find("[aria-label='Word to avoid']")
        .await?
        .prop("value")
        .await?;
    assert_eq!(kept.as_deref(), Some("cheap"));
    app.click_button("Save voice").await?;
    app.sees("Voice saved.").await?;
    app.press_ctrl('1').await?;
    app.click_button("New post").await?;
    app.find("dialog[open] #post-body")
        .await?
        .send_keys("Cheap bread, fresh today")
        .await?;
    app.sees("The brand says “affordable”, not “cheap”.")
        .await?;
    app.screenshot("composer-voice-en").await?;
    app.eval("document.querySelector('dialog[open]').close()")
        .await?;

    app.press_ctrl(',').await?;
    app.find("input[name=language][value=ar]")
        .await?
        .click()
        .await?;
    app.press_ctrl('3').await?;
    app.sees("قالب جديد").await?;
    // The English sample's template, titled in English, read in Arabic.
    app.click_xpath("//*[contains(@class, 'row')]//*[contains(., 'Late order')]")
        .await?;
    app.find("input[name=template-language][value=ar]")
        .await?
        .click()
        .await?;
    app.sees("كما ستقرؤه سارة").await?;
    app.sees("أهلًا سارة، نعتذر جدًا عن تأخر طلبك").await?;
    app.screenshot("templates-editor-ar").await?;
    // What cannot be saved is said in Arabic too: a shortcut another template has, and
    // a placeholder never closed, as the preview points at it.
    let shortcut = app.find("#template-shortcut").await?;
    shortcut.clear().await?;
    shortcut.send_keys(";hours").await?;
    app.click_button("احفظ القالب").await?;
    app.sees("لقالب آخر هذا الاختصار.").await?;
    app.find("#template-body").await?.send_keys(" {").await?;
    app.sees("هذا القوس { لم يُغلق: أضِف } في آخر الخانة").await?;
    app.click_button("احفظ القالب").await?;
    app.sees("في النص خانة لا تُقرأ: تُبيّن المعاينة موضعها.")
        .await?;
    app.screenshot("templates-refused-ar").await?;
    app.quit().await
}

#[tokio::test]
async fn a_large_library_lists_the_best_and_finds_the_rest_by_category() -> anyhow::Result<()> {
    let app = App::launch("templates-many", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl('3').await?;
    app.sees("Late order").await?;
    // More templates than the view lists; the one cake template sorts after all of them.
    let mut library: Vec<serde_json::Value> = (0..205)
        .map(|i| {
            serde_json::json!({
                "title": format!("Order update {i:03}"),
                "category": "Orders",
                "shortcut": null,
                "variants": [{ "language": "en", "body": "Your order {order} is on its way" }],
            })
        })
        .collect();
    library.push(serde_json::json!({
        "title": "Zaatar cake",
        "category": "Cakes",
        "shortcut": null,
        "variants": [{ "language": "en", "body": "Our zaatar cake is back on Fridays" }],
    }));
    let file = app.data_dir.with_file_name("library.json");
    std::fs::write(&file, serde_json::to_string(&library)?)?;
    app.find("input[type=file][accept*=json]")
        .await?
        .send_keys(&file.display().to_string())
        .await?;
    app.sees("The 200 most used are listed: type a word to find the others.")
        .await?;
    let rows =
        "return [...document.querySelectorAll('.list li .row .name')].map(n => n.textContent)";
    let listed = app.eval(rows).await?;
    assert_eq!(listed.as_array().map(Vec::len), Some(200));
    assert!(!listed.to_string().contains("Zaatar cake"));
    // Its category is offered all the same, and lists it.
    app.click_xpath("//select[@aria-label='Category']/option[text()='Cakes']")
        .await?;
    majlis_e2e::eventually("the cake template alone", || async {
        Ok((app.eval(rows).await? == serde_json::json!(["Zaatar cake"])).then_some(()))
    })
    .await?;
    app.quit().await
}
