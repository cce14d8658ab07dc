//! The inbox in the real app: the sample's conversations sorted by deadline and worked
//! by keyboard, hostile text shown as text, and — against a real local Bluesky network
//! — a complaint that falls overdue while the window is hidden raising a desktop
//! notification whose "Open inbox" opens it, answered as a threaded reply.

use std::time::Duration;

use majlis_e2e::{App, eventually, eventually_within};
use majlis_peers::{Bluesky, BlueskyMode, PostExtras};
use serde_json::json;

/// The rows the inbox list shows, top to bottom: (author, status).
async fn rows(app: &App) -> anyhow::Result<Vec<(String, String)>> {
    let rows = app
        .eval(
            "return [...document.querySelectorAll('[data-testid=inbox-list] [data-interaction]')]
               .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
               .map(r => [r.querySelector('.author').textContent, r.dataset.status]);",
        )
        .await?;
    Ok(serde_json::from_value(rows)?)
}

async fn overdue_badge(app: &App) -> anyhow::Result<String> {
    let badge = app
        .eval("const b = document.querySelector('[data-testid=overdue-badge]'); return b ? b.firstChild.textContent.trim() : '';")
        .await?;
    Ok(badge.as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn the_sample_inbox_waits_by_deadline_and_is_worked_by_keyboard() -> anyhow::Result<()> {
    let app = App::launch("inbox", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl('2').await?;
    app.sees("Sara Al-Harbi").await?;
    // The two overdue answers lead, most overdue first, and the sidebar counts them.
    let listed = rows(&app).await?;
    assert_eq!(listed[0].0, "Sara Al-Harbi", "{listed:?}");
    assert_eq!(listed[1].0, "Maha", "{listed:?}");
    eventually("the badge to count two", || async {
        Ok((overdue_badge(&app).await? == "2").then_some(()))
    })
    .await?;
    // Each row says how late it is, or how long is left ("1 h late", "3 h left").
    app.find("[data-testid=inbox-list] [data-interaction]")
        .await?;
    let times = app
        .eval("return [...document.querySelectorAll('[data-testid=inbox-list] [data-interaction]')].map((r) => r.innerText).join(' | ')")
        .await?;
    let times = times.as_str().unwrap_or_default();
    assert!(
        times.contains(" late") && times.contains(" left"),
        "{times}"
    );

    // j opens the next, e closes it: one fewer overdue.
    app.press('j').await?;
    app.sees("متى تفتحون في رمضان؟").await?;
    // The list tells assistive technology which row is open, where it is in the list.
    let open = app
        .eval(
            "const list = document.querySelector('[data-testid=inbox-list]'); \
             const row = document.getElementById(list.getAttribute('aria-activedescendant')); \
             return [row.getAttribute('aria-selected'), row.getAttribute('aria-posinset'), row.querySelector('.author').textContent];",
        )
        .await?;
    assert_eq!(open, json!(["true", "2", "Maha"]));
    app.press('e').await?;
    app.sees("Closed.").await?;
    eventually("the badge to count one", || async {
        Ok((overdue_badge(&app).await? == "1").then_some(()))
    })
    .await?;
    // A stray key is taken back (Ctrl+Z, or the confirmation's Undo), and closed for good.
    app.press_ctrl('z').await?;
    app.sees("Back as it was.").await?;
    eventually("the badge to count two again", || async {
        Ok((overdue_badge(&app).await? == "2").then_some(()))
    })
    .await?;
    eventually("Maha's message back in the list", || async {
        Ok(rows(&app)
            .await?
            .iter()
            .any(|(author, _)| author == "Maha")
            .then_some(()))
    })
    .await?;
    app.press('e').await?;
    eventually("the badge to count one", || async {
        Ok((overdue_badge(&app).await? == "1").then_some(()))
    })
    .await?;

    // Sara's complaint is on Bluesky, which is not connected yet: the pane says so before
    // anything is written, and a reply can be written but not sent until it is.
    app.click_xpath(
        "//*[@data-interaction]//*[contains(@class, 'author') and text()='Sara Al-Harbi']",
    )
    .await?;
    app.sees("In reply to").await?;
    app.sees("Bakery on Bluesky isn't connected yet").await?;
    let reply = "Sorry Sara! Your box is on its way, with a treat from us.";
    app.find("#reply-box").await?.send_keys(reply).await?;
    let send = app
        .eval("const b = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Send reply'); return [b.disabled, document.getElementById(b.getAttribute('aria-describedby'))?.textContent.includes('Connect in Settings')]")
        .await?;
    assert_eq!(
        send,
        serde_json::json!([true, true]),
        "Send waits for the channel, and says why"
    );
    app.screenshot("inbox-en").await?;
    // Escape leaves the reply (kept) for the list, on Sara's row, where j and k go on.
    app.find("#reply-box")
        .await?
        .send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    assert_eq!(
        app.eval("return document.activeElement.dataset.testid")
            .await?,
        "inbox-list"
    );

    // The reply is worth keeping: as a template, Sara's name is the next follower's.
    app.click_button("Save as template").await?;
    let body = app.find("#keep-body-en").await?.prop("value").await?;
    assert_eq!(
        body.as_deref(),
        Some("Sorry {first_name}! Your box is on its way, with a treat from us.")
    );
    app.find("#keep-title")
        .await?
        .send_keys("Box on its way")
        .await?;
    app.screenshot("keep-as-template-en").await?;
    app.click_xpath("//dialog[@open]//button[@type='submit']")
        .await?;
    app.sees("“Box on its way” saved.").await?;
    let out = app.cli(&["template", "list", "--brand", "Rayyan Bakery", "--json"])?;
    let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    let kept = listed
        .iter()
        .find(|t| t["title"] == "Box on its way")
        .expect("the template, for the brand");
    assert_eq!(
        kept["variants"][0]["body"],
        body.unwrap_or_default().as_str()
    );
    let draft = app.find("#reply-box").await?.prop("value").await?;
    assert_eq!(draft.as_deref(), Some(reply), "the reply stays as it was");
    // Away to the calendar and back: the unsent reply is still Sara's.
    app.press_ctrl('1').await?;
    app.find(".ec-event").await?;
    app.press_ctrl('2').await?;
    app.click_xpath(
        "//*[@data-interaction]//*[contains(@class, 'author') and text()='Sara Al-Harbi']",
    )
    .await?;
    app.sees("In reply to").await?;
    eventually("the draft back in the reply box", || async {
        let draft = app.find("#reply-box").await?.prop("value").await?;
        Ok((draft.as_deref() == Some(reply)).then_some(()))
    })
    .await?;
    // The templates are a button away too, the one just saved among them.
    app.click_button("Templates").await?;
    app.click_xpath("//*[@data-testid='template-picker']//li[.//span[text()='Box on its way']]")
        .await?;
    // The template, filled in for Sara, a space after what was written (once Rust has
    // filled it).
    eventually("the template in the reply box", || async {
        let draft = app.find("#reply-box").await?.prop("value").await?;
        Ok((draft.as_deref() == Some(&format!("{reply} {reply}"))).then_some(()))
    })
    .await?;

    // A message from Instagram is typed in by hand and joins the list with a deadline.
    app.click_button("Add by hand").await?;
    app.click_xpath("//select[@id='add-channel']/option[text()='Bakery on Instagram']")
        .await?;
    app.find("#add-author").await?.send_keys("@reem").await?;
    let text = app.find("#add-text").await?;
    text.send_keys("The delivery was late and the bread was cold")
        .await?;
    app.screenshot("inbox-add-en").await?;
    // Escape over what was typed asks first; keeping it gives the text back to write on.
    text.send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    app.sees("Close without saving? Your changes will be lost.")
        .await?;
    app.screenshot("inbox-add-discard-en").await?;
    app.click_button("Keep editing").await?;
    assert_eq!(
        app.eval("return document.activeElement.id").await?,
        "add-text"
    );
    assert_eq!(
        text.prop("value").await?.as_deref(),
        Some("The delivery was late and the bread was cold")
    );
    app.click_button("Add to inbox").await?;
    app.sees("The delivery was late and the bread was cold")
        .await?;
    app.sees("Majlis can't answer on Instagram itself").await?;
    app.click_button("Mark as replied").await?;
    app.sees("Marked as replied.").await?;

    // History from another tool comes in from a CSV file: all of it, or none.
    let file = app.data_dir.with_file_name("comments.csv");
    std::fs::write(
        &file,
        "author,text,received_at\nhuda,Still waiting?,yesterday\n",
    )?;
    app.click_button("Import CSV").await?;
    app.click_xpath("//select[@id='import-channel']/option[text()='Bakery on Instagram']")
        .await?;
    let chooser = app.find("#import-interactions-file").await?;
    chooser.send_keys(&file.display().to_string()).await?;
    app.click_button("Import").await?;
    app.sees("1 row needs fixing").await?;
    app.sees("The received_at column has “yesterday”, which is not a date and time")
        .await?;
    let file = app.data_dir.with_file_name("comments-fixed.csv");
    std::fs::write(
        &file,
        "author,text,received_at,url\nhuda,Still waiting for the cake?,2026-11-28 09:00,https://instagram.com/p/h1\nnour,Loved it,2026-11-28 10:00,https://instagram.com/p/h2\n",
    )?;
    chooser.send_keys(&file.display().to_string()).await?;
    app.click_button("Import").await?;
    app.sees("2 messages imported.").await?;

    // The same inbox, in Arabic.
    app.press_ctrl(',').await?;
    app.find("input[name=language][value=ar]")
        .await?
        .click()
        .await?;
    app.press_ctrl('2').await?;
    app.sees("بانتظار الرد").await?;
    app.click_xpath("//*[@data-interaction]//*[contains(@class, 'author') and text()='Lina']")
        .await?;
    app.sees("ياليت توفرون خبز الشعير").await?;
    app.screenshot("inbox-ar").await?;
    app.press('e').await?;
    app.sees("أُغلقت.").await?;
    app.screenshot("inbox-undo-ar").await?;
    app.press_ctrl('z').await?;
    app.sees("أُعيدت الرسالة كما كانت.").await?;
    app.press_ctrl(',').await?;
    app.sees("قواعد الفرز").await?;
    app.eval("document.getElementById('replies').scrollIntoView()")
        .await?;
    app.screenshot("inbox-settings-ar").await?;
    app.eval("document.getElementById('rules').scrollIntoView()")
        .await?;
    app.screenshot("inbox-rules-ar").await?;
    app.quit().await
}

#[tokio::test]
async fn reply_settings_say_in_arabic_what_cannot_be_saved() -> anyhow::Result<()> {
    let app = App::launch("replies-ar", "Asia/Riyadh").await?;
    app.open_arabic_sample().await?;
    app.press_ctrl(',').await?;
    app.click_xpath("//label[contains(., 'احسب ساعات العمل فقط')]/input")
        .await?;
    // The bakery's week starts on Sunday, and it is open but for Friday and Saturday.
    app.find(".days input").await?;
    let days = app
        .eval("return [...document.querySelectorAll('.days label')].map((d) => [d.innerText.trim(), d.querySelector('input').checked])")
        .await?;
    assert_eq!(
        days,
        json!([
            ["الأحد", true],
            ["الاثنين", true],
            ["الثلاثاء", true],
            ["الأربعاء", true],
            ["الخميس", true],
            ["الجمعة", false],
            ["السبت", false]
        ])
    );
    // Every open day unticked: business hours with no day cannot be kept.
    app.eval("document.querySelectorAll('.days input:checked').forEach((day) => day.click())")
        .await?;
    app.click_xpath("//form[.//input[@id='escalate-after']]//button[@type='submit']")
        .await?;
    // Said beside the days it is about, not at the foot of the form.
    app.find("fieldset:has([role=group]) [role=alert]").await?;
    app.sees("تحتاج ساعات العمل إلى يوم عمل واحد على الأقل.")
        .await?;
    // Its times read hour first, left to right, as a time in Arabic text does.
    let directions = app
        .eval("return [...document.querySelectorAll('input[type=time]')].map((t) => getComputedStyle(t).direction)")
        .await?;
    assert_eq!(directions, serde_json::json!(["ltr", "ltr"]));
    app.screenshot("replies-refused-ar").await?;
    // The voice's name for the one who answers is the placeholder as Arabic text writes it.
    app.sees("اسمك، يُكتب حيث يقول القالب {اسم_المجيب}").await?;

    // Going elsewhere over what was not saved asks first, above the view; Escape (on the
    // answer that keeps, which has the keyboard) stays, with the edit as it was.
    app.press_ctrl('1').await?;
    app.sees("أتغادر دون حفظ؟ ستضيع تغييراتك في أوقات الرد.")
        .await?;
    let keep = app
        .find("[data-testid=leave-check] .button.primary")
        .await?;
    assert_eq!(
        app.eval("return document.activeElement.textContent")
            .await?,
        "تابع التحرير"
    );
    app.screenshot("leave-ask-ar").await?;
    keep.send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    app.sees_none("[data-testid=leave-check]").await?;
    app.find("fieldset:has([role=group]) [role=alert]").await?;
    // Asked again from the sidebar, leaving goes, and the settings read back what holds.
    app.click_xpath("//nav//button[contains(., 'التقويم')]")
        .await?;
    app.click_button("غادر دون حفظ").await?;
    app.find(".ec-event").await?;
    app.press_ctrl(',').await?;
    app.find("#escalate-after").await?;
    app.sees_none(".days input").await?;
    // Nothing changed, nothing is asked.
    app.press_ctrl('1').await?;
    app.find(".ec-event").await?;
    app.sees_none("[data-testid=leave-check]").await?;
    app.quit().await
}

#[tokio::test]
async fn what_outsiders_write_is_shown_as_text_and_never_runs() -> anyhow::Result<()> {
    let app = App::launch("inbox-xss", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl('2').await?;
    app.sees("Sara Al-Harbi").await?;
    let payloads = [
        "<script>window.__xss = 'script'</script>",
        "<img src=x onerror=\"window.__xss = 'img'\">",
        "<svg onload=\"window.__xss = 'svg'\"><circle r=9 /></svg>",
        "<a href=\"javascript:window.__xss = 'link'\">click me</a>",
        "\"><iframe srcdoc=\"<script>parent.__xss = 'iframe'</script>\"></iframe>",
        "{@html '<b>svelte</b>'} <style>body { display: none }</style>",
    ];
    for (i, payload) in payloads.iter().enumerate() {
        let author = format!("<img src=x onerror=\"window.__xss='author{i}'\">");
        let out = app.cli(&[
            "inbox",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on Instagram",
            "--author",
            &author,
            "--text",
            payload,
        ])?;
        anyhow::ensure!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Shown in the list and, one by one, in the reading pane.
    app.find("input[name=inbox-view][value=all]")
        .await?
        .click()
        .await?;
    for payload in payloads {
        app.sees(payload).await?;
    }
    for i in 0..payloads.len() {
        app.click_xpath(&format!(
            "(//*[@data-interaction][.//*[contains(., 'onerror')]])[{}]",
            i + 1
        ))
        .await?;
        app.find("[data-testid=interaction-text]").await?;
    }
    app.screenshot("inbox-xss").await?;
    let ran = app
        .eval(
            "return { xss: window.__xss ?? null,
                      injected: document.querySelectorAll('main img, main iframe, main script, main a[href^=javascript], main style').length,
                      shown: getComputedStyle(document.body).display };",
        )
        .await?;
    assert_eq!(ran, json!({ "xss": null, "injected": 0, "shown": "block" }));
    app.quit().await
}

#[tokio::test]
async fn an_answer_overdue_while_hidden_notifies_and_opens_and_goes_back_threaded()
-> anyhow::Result<()> {
    let network = Bluesky::start(BlueskyMode::Full)?;
    let bakery = network.create_account("bakery.test", "bakery-app-password")?;
    let sara = network.create_account("sara.test", "sara-password")?;
    let app = App::launch("inbox-overdue", "Asia/Riyadh").await?;
    app.open_sample().await?;

    // The sample's two overdue answers are dealt with: selected with x, closed at once.
    app.press_ctrl('2').await?;
    app.find("input[name=inbox-view][value=overdue]")
        .await?
        .click()
        .await?;
    app.sees("Sara Al-Harbi").await?;
    app.press('j').await?;
    app.press('x').await?;
    app.press('k').await?;
    app.press('x').await?;
    app.sees("2 selected").await?;
    app.click_xpath("//*[@role='toolbar']//button[text()='Close']")
        .await?;
    app.sees("2 closed.").await?;

    // Complaints get a minute (high priority: half of it), and the brand may be told
    // once a minute.
    app.press_ctrl(',').await?;
    let minutes = app.find("#deadline-complaint").await?;
    minutes.clear().await?;
    minutes.send_keys("1").await?;
    let every = app.find("#notify-every").await?;
    // Minutes are whole: a fraction is refused beside its field, and nothing is lost.
    every.clear().await?;
    every.send_keys("1.5").await?;
    app.click_button("Save").await?;
    app.sees("must be a whole number of minutes apart, at least 1")
        .await?;
    let kept = app.find("#notify-every").await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some("1.5"));
    app.screenshot("reply-settings-en").await?;
    // Said until the person changes what it is about.
    every.clear().await?;
    every.send_keys("1").await?;
    app.sees_none("form [role=alert]").await?;
    app.click_button("Save").await?;
    app.sees("Saved.").await?;
    app.connect_bluesky(
        "Bakery on Bluesky",
        &network.pds,
        "bakery.test",
        "bakery-app-password",
    )
    .await?;

    // The window goes to the tray; then Sara complains, mentioning the bakery.
    app.press_ctrl('w').await?;
    let text = "@bakery.test my order never arrived";
    let complaint = network.post(
        &sara,
        text,
        PostExtras {
            mentioning: Some(&bakery),
            ..PostExtras::default()
        },
    )?;
    let told = app
        .desktop
        .notification_within(
            "A reply is overdue for Rayyan Bakery",
            Duration::from_secs(150),
        )
        .await?;
    assert!(
        told.body.starts_with("A complaint from @sara.test"),
        "{}",
        told.body
    );

    // "Open inbox" brings the window back on Sara's complaint.
    app.desktop.click_notification().await?;
    app.sees(text).await?;
    let reply = "Sara, we're so sorry: a fresh box is on its way now.";
    app.find("#reply-box").await?.send_keys(reply).await?;
    app.click_xpath("//button[normalize-space(.)='Send reply']")
        .await?;
    app.sees("Reply sent.").await?;
    app.screenshot("inbox-replied-en").await?;
    let records = eventually_within("the reply on the PDS", Duration::from_secs(30), || async {
        Ok(network
            .posts(&bakery.did)?
            .into_iter()
            .find(|r| r["value"]["text"] == reply))
    })
    .await?;
    assert_eq!(records["value"]["reply"]["parent"]["uri"], complaint["uri"]);
    let out = app.cli(&[
        "inbox",
        "list",
        "--brand",
        "Rayyan Bakery",
        "--status",
        "replied",
        "--json",
    ])?;
    let replied: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert!(
        replied
            .as_array()
            .is_some_and(|r| r.iter().any(|i| i["text"] == text)),
        "{replied}"
    );

    // Disconnecting asks first (the password would have to be typed again).
    app.press_ctrl(',').await?;
    let disconnect =
        "//li[@data-channel='Bakery on Bluesky']//button[normalize-space(.)='Disconnect']";
    app.click_xpath(disconnect).await?;
    app.sees("Disconnect Bakery on Bluesky? Majlis forgets how it signs in there")
        .await?;
    app.click_button("Keep connected").await?;
    app.sees_none("[role=alertdialog]").await?;
    app.click_xpath(disconnect).await?;
    app.click_xpath("//*[@role='alertdialog']//button[normalize-space(.)='Disconnect']")
        .await?;
    app.sees("Bakery on Bluesky is disconnected").await?;
    app.quit().await
}

#[tokio::test]
async fn a_rule_being_typed_is_not_left_behind_without_asking() -> anyhow::Result<()> {
    let app = App::launch("rules-leave", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl(',').await?;
    // Words typed into a rule (taken when the field is left) count before it is left.
    let words = app.find(".rule textarea").await?;
    words.send_keys(", refund").await?;
    app.press_ctrl('1').await?;
    app.sees("Leave without saving? Your changes to the sorting rules will be lost.")
        .await?;
    // Staying on the view is the answer too.
    app.click_xpath("//nav//button[contains(., 'Settings')]")
        .await?;
    app.sees_none("[data-testid=leave-check]").await?;
    let kept = app.find(".rule textarea").await?.prop("value").await?;
    assert!(
        kept.as_deref().is_some_and(|k| k.ends_with("refund")),
        "{kept:?}"
    );
    app.press_ctrl('1').await?;
    app.click_button("Leave without saving").await?;
    app.find(".ec-event").await?;
    app.quit().await
}

#[tokio::test]
async fn a_snooze_leaves_the_keyboard_on_the_list() -> anyhow::Result<()> {
    let app = App::launch("snooze-keys", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl('2').await?;
    app.find("[data-interaction]").await?;
    app.press('j').await?;
    // s opens the snooze choices; taking one snoozes the message, and the keyboard, whose
    // button is gone, is on the list again, where j and k go on.
    app.press('s').await?;
    app.click_button("30 minutes").await?;
    app.sees("Snoozed until").await?;
    eventually("the keyboard on the list", || async {
        let on = app
            .eval("return document.activeElement?.dataset.testid ?? ''")
            .await?;
        Ok((on == "inbox-list").then_some(()))
    })
    .await?;
    app.quit().await
}
