//! The walking skeleton, end to end: brands, Arabic, notifications — in the real app.

use majlis_e2e::App;

#[tokio::test]
async fn a_brand_created_in_the_window_is_listed_there_and_in_the_cli() -> anyhow::Result<()> {
    let app = App::launch("brand-create", "Asia/Riyadh").await?;
    app.sees("Welcome to Majlis").await?;
    app.screenshot("welcome-en").await?;

    app.click_button("Create your brand").await?;
    let name = app.find("dialog[open] #brand-name").await?;
    name.send_keys("Zaytoun Café").await?;
    // The zone defaults to the operating system's.
    let zone = app.find("#brand-zone").await?;
    assert_eq!(zone.prop("value").await?.as_deref(), Some("Asia / Riyadh"));
    app.screenshot("new-brand-en").await?;
    app.click_button("Create brand").await?;

    app.sees("Zaytoun Café is ready.").await?;
    app.sees("Your content plan for Zaytoun Café").await?;
    // A new brand's calendar says where to begin: its accounts, added in place.
    app.sees("Start with the accounts Zaytoun Café posts from")
        .await?;
    app.screenshot("calendar-en").await?;
    app.find("[data-testid=calendar-start] input[aria-label=Name]")
        .await?
        .send_keys("Café on Instagram")
        .await?;
    app.click_xpath("//*[@data-testid='calendar-start']//button[normalize-space(.)='Add channel']")
        .await?;
    app.sees("Café on Instagram added.").await?;
    let channels = app.cli(&["channel", "list", "--brand", "Zaytoun Café", "--json"])?;
    let channels: serde_json::Value = serde_json::from_slice(&channels.stdout)?;
    assert_eq!(channels[0]["name"], "Café on Instagram");
    assert_eq!(channels[0]["kind"], "instagram");
    // The calendar's channel filter knows it, and the start is done.
    app.click_xpath("//select[@aria-label='Channel']/option[text()='Café on Instagram']")
        .await?;
    app.sees_none("[data-testid=calendar-start]").await?;

    let out = app.cli(&["brand", "list", "--json"])?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let brands: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(brands[0]["name"], "Zaytoun Café");
    assert_eq!(brands[0]["timeZone"], "Asia/Riyadh");

    // The brand menu by keyboard: Down opens it on the brand worked on, Escape closes it
    // back to its button, Tab closes it and goes on.
    let key = |k: fantoccini::key::Key| char::from(k).to_string();
    let switcher = app.find(".switcher [aria-haspopup=menu]").await?;
    switcher.send_keys(&key(fantoccini::key::Key::Down)).await?;
    let current = app
        .find("[role=menu] [role=menuitemradio][aria-checked=true]")
        .await?;
    assert_eq!(
        app.eval("return document.activeElement.getAttribute('aria-checked')")
            .await?,
        "true"
    );
    current
        .send_keys(&key(fantoccini::key::Key::Escape))
        .await?;
    app.sees_none("[role=menu]").await?;
    assert_eq!(
        app.eval("return document.activeElement.getAttribute('aria-haspopup')")
            .await?,
        "menu"
    );
    switcher.send_keys(&key(fantoccini::key::Key::Down)).await?;
    app.find("[role=menu] [role=menuitemradio][aria-checked=true]")
        .await?
        .send_keys(&key(fantoccini::key::Key::Tab))
        .await?;
    app.sees_none("[role=menu]").await?;
    assert_eq!(
        app.eval("return document.activeElement.closest('nav') !== null")
            .await?,
        true,
        "Tab goes on from the button, to the views"
    );

    // A duplicate is refused with a clear, translated reason, and nothing is added.
    app.find("[aria-haspopup=menu]").await?.click().await?;
    app.click_button("New brand…").await?;
    // Typed once the dialog is open (its field is not focusable while it opens).
    app.find("dialog[open] #brand-name")
        .await?
        .send_keys("ZAYTOUN CAFÉ")
        .await?;
    app.click_button("Create brand").await?;
    app.sees("You already have a brand with this name.").await?;
    app.screenshot("new-brand-duplicate-en").await?;
    let out = app.cli(&["brand", "list", "--json"])?;
    let brands: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(brands.as_array().map(Vec::len), Some(1));
    app.quit().await
}

#[tokio::test]
async fn arabic_mirrors_the_window_and_speaks_arabic_on_the_desktop() -> anyhow::Result<()> {
    let app = App::launch("arabic", "Asia/Riyadh").await?;
    // The first-run screen offers Arabic before anything else.
    app.click_button("العربية").await?;
    direction_is(&app, "rtl", "ar").await?;
    app.sees("أهلًا بك في مجلس").await?;
    app.screenshot("welcome-ar").await?;
    app.click_button("جرّب بعلامة تجارية نموذجية").await?;
    app.sees("خطة المحتوى لـمخبز الريّان").await?;
    app.screenshot("calendar-ar").await?;

    // Settings switches the whole window back and forth.
    app.press_ctrl(',').await?;
    // A time field WebKit drew in Arabic (quiet hours, not saved yet) is drawn anew in
    // English, keeping its time.
    app.click_xpath("//label[normalize-space(.)='ساعات الهدوء']/input")
        .await?;
    app.eval("document.querySelector('input[type=time]').dataset.drawnIn = 'ar'")
        .await?;
    app.find("input[name=language][value=en]")
        .await?
        .click()
        .await?;
    direction_is(&app, "ltr", "en").await?;
    majlis_e2e::eventually("the time field drawn anew", || async {
        let field = app
            .eval("const f = document.querySelector('input[type=time]'); return [f.dataset.drawnIn ?? null, f.value]")
            .await?;
        Ok((field == serde_json::json!([null, "22:00"])).then_some(()))
    })
    .await?;
    app.sees("How Majlis looks, speaks and reaches you").await?;
    app.find("input[name=language][value=ar]")
        .await?
        .click()
        .await?;
    direction_is(&app, "rtl", "ar").await?;
    app.sees("كيف يبدو مجلس").await?;
    app.screenshot("settings-ar").await?;

    app.click_button("أرسل إشعارًا تجريبيًا").await?;
    let notify = app.desktop.notification("إشعارات مجلس تعمل").await?;
    assert_eq!(notify.body, "هكذا سينبّهك مجلس عندما يتأخر رد على أحد.");
    app.quit().await
}

#[tokio::test]
async fn date_fields_follow_the_desktops_region() -> anyhow::Result<()> {
    // An English window on a British desktop: WebKit writes its date fields day first.
    let app = App::launch_with("region", "Europe/London", &[("LC_TIME", "en_GB.UTF-8")]).await?;
    app.click_button("Try with a sample brand").await?;
    webkit_speaks(&app, "en-GB").await?;
    // The window's own dates and times read the same way: the sample's evening posts at
    // 19:30, not 7:30 PM.
    let queue = majlis_e2e::eventually("the queue's times in 24 hours", || async {
        let queue = app.find("[data-testid=queue]").await?.text().await?;
        Ok(queue.contains("19:30").then_some(queue))
    })
    .await?;
    // A date with its time keeps the clock's two digits too ("10 Dec 2026, 09:00").
    let next = app.find("[data-testid=queue] .next").await?.text().await?;
    let time: Vec<char> = next.trim().chars().rev().take(5).collect();
    assert!(
        time.len() == 5
            && time[2] == ':'
            && time.iter().filter(|c| c.is_ascii_digit()).count() == 4,
        "{next:?} in {queue:?}"
    );
    app.screenshot("calendar-en-gb").await?;
    // Whatever day it is: the sample's morning post, at 7:00, reads "…, 07:00".
    app.click_xpath(
        "//*[contains(@class, 'ec-event')]//*[@data-post and contains(., 'Good morning')]",
    )
    .await?;
    let when = app.find("dialog[open] dd").await?.text().await?;
    assert!(when.contains(", 07:00"), "{when}");
    app.click_button("Close").await?;
    app.click_button("New post").await?;
    // A new post is planned for the queue's next free slot, the date field filled.
    app.find("dialog[open] #post-date").await?;
    // The field's day as the queue's line writes it (Intl's "Sept", not chrono's "Sep").
    let planned = app
        .eval(
            "const [date, time] = ['post-date', 'post-time'].map((id) => document.getElementById(id).value); \
             if (!date) return 'no date'; \
             const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }) \
               .format(new Date(`${date}T12:00:00`)); \
             return `${day}, ${time}`;",
        )
        .await?;
    let planned = planned.as_str().unwrap_or_default();
    assert!(next.trim().ends_with(planned), "{planned} for {next:?}");
    app.screenshot("composer-date-en-gb").await?;
    app.click_button("Cancel").await?;
    app.press_ctrl(',').await?;
    // In Arabic, plain Arabic: with a region ICU would count in the Hijri calendar.
    app.find("input[name=language][value=ar]")
        .await?
        .click()
        .await?;
    direction_is(&app, "rtl", "ar").await?;
    app.find("input[name=language][value=en]")
        .await?
        .click()
        .await?;
    webkit_speaks(&app, "en-GB").await?;
    app.quit().await
}

/// WebKit speaks `tag` (it draws date and time fields in it).
async fn webkit_speaks(app: &App, tag: &str) -> anyhow::Result<()> {
    majlis_e2e::eventually(&format!("WebKit to speak {tag}"), || async {
        Ok((app.eval("return navigator.language").await? == tag).then_some(()))
    })
    .await
}

/// The document reads `dir` in `lang`, and WebKit speaks `lang` too (it draws date and
/// time fields in its own language: `navigator.language`).
async fn direction_is(app: &App, dir: &str, lang: &str) -> anyhow::Result<()> {
    let wanted = serde_json::json!([dir, lang, lang]);
    majlis_e2e::eventually(&format!("the document to be {dir} in {lang}"), || async {
        let now = app
            .eval(
                "return [document.documentElement.dir, document.documentElement.lang, \
                 navigator.language]",
            )
            .await?;
        Ok((now == wanted).then_some(()))
    })
    .await
}

#[tokio::test]
async fn the_test_notification_reaches_the_desktop() -> anyhow::Result<()> {
    let app = App::launch("notification", "Europe/London").await?;
    app.click_button("Try with a sample brand").await?;
    app.sees("Your content plan for Rayyan Bakery").await?;
    // Every section is a shortcut away.
    app.press_ctrl('2').await?;
    app.sees("Comments, mentions and messages for Rayyan Bakery")
        .await?;
    app.press_ctrl('3').await?;
    app.sees("Replies in Rayyan Bakery's voice").await?;
    app.press_ctrl('4').await?;
    app.sees("Content your followers made for Rayyan Bakery")
        .await?;
    app.press_ctrl(',').await?;
    app.click_button("Send a test notification").await?;

    let notify = app
        .desktop
        .notification("Majlis notifications are on")
        .await?;
    assert_eq!(notify.app_name, "Majlis");
    assert_eq!(
        notify.body,
        "This is how Majlis will tell you when a reply is overdue."
    );
    app.sees("Sent. Look for it on your desktop.").await?;
    app.screenshot("settings-en").await?;

    app.find("input[name=theme][value=dark]")
        .await?
        .click()
        .await?;
    majlis_e2e::eventually("the dark theme", || async {
        let scheme = app
            .eval("return getComputedStyle(document.documentElement).colorScheme")
            .await?;
        Ok((scheme == "dark").then_some(()))
    })
    .await?;
    app.screenshot("settings-dark-en").await?;
    app.quit().await
}

#[tokio::test]
async fn a_second_launch_hands_over_to_the_running_app() -> anyhow::Result<()> {
    let app = App::launch("single-instance", "UTC").await?;
    app.sees("Welcome to Majlis").await?;
    let second = app.launch_again().await?;
    assert!(
        second.success(),
        "the second instance exits quietly: {second}"
    );
    // The first is still there and still answers.
    app.click_button("Try with a sample brand").await?;
    app.sees("Rayyan Bakery").await?;
    app.quit().await
}

#[tokio::test]
async fn pausing_publishing_shows_in_the_window_until_resumed() -> anyhow::Result<()> {
    let app = App::launch("pause", "UTC").await?;
    app.click_button("Try with a sample brand").await?;
    app.find("[aria-keyshortcuts='Control+,']")
        .await?
        .click()
        .await?;
    app.find("#pause").await?.click().await?;
    app.sees("Publishing paused").await?;
    app.screenshot("paused-en").await?;

    // Resume from the sidebar's banner; the switch in Settings follows.
    app.click_button("Resume").await?;
    majlis_e2e::eventually("the switch to turn off", || async {
        let checked = app
            .eval("return document.getElementById('pause').checked")
            .await?;
        Ok((checked == false).then_some(()))
    })
    .await?;
    app.quit().await
}

#[tokio::test]
async fn the_keyboard_sheet_lists_the_shortcuts_in_either_language() -> anyhow::Result<()> {
    let app = App::launch("shortcuts", "Asia/Riyadh").await?;
    app.open_sample().await?;
    // ? opens the sheet from anywhere outside a field.
    app.press('?').await?;
    app.find("dialog[open][data-testid=shortcuts]").await?;
    app.sees("Keyboard shortcuts").await?;
    app.sees("Next message").await?;
    app.sees("Pick a template").await?;
    app.screenshot("shortcuts-en").await?;
    app.click_button("Done").await?;

    // What it lists works: Ctrl+N starts a new post from another view, the inbox.
    app.press_ctrl('2').await?;
    app.sees("Comments, mentions and messages").await?;
    app.press_ctrl('n').await?;
    app.find("dialog[open][aria-labelledby=composer-title]")
        .await?;
    app.click_button("Cancel").await?;
    // A ? typed in a reply is the person writing, not the sheet.
    app.click_xpath(
        "//*[@data-interaction]//*[contains(@class, 'author') and text()='Sara Al-Harbi']",
    )
    .await?;
    let reply = app.find("#reply-box").await?;
    reply.send_keys("Yes, we do?").await?;
    // The sheet (loaded above) would open on the ?'s keydown, before the ? reaches the
    // field: once the reply holds it, an open sheet would show.
    majlis_e2e::eventually("the ? in the reply", || async {
        let value = app
            .eval("return document.getElementById('reply-box').value")
            .await?;
        Ok((value == "Yes, we do?").then_some(()))
    })
    .await?;
    let open = app
        .eval("return document.querySelector('dialog[open]') === null && document.getElementById('reply-box').value")
        .await?;
    assert_eq!(
        open,
        serde_json::json!("Yes, we do?"),
        "no dialog, and the ? in the reply"
    );

    // In Arabic, from the sidebar's keyboard button.
    app.press_ctrl(',').await?;
    app.find("input[name=language][value=ar]")
        .await?
        .click()
        .await?;
    app.find("[aria-keyshortcuts='?']").await?.click().await?;
    app.sees("اختصارات لوحة المفاتيح").await?;
    app.sees("الرسالة التالية").await?;
    app.screenshot("shortcuts-ar").await?;
    app.quit().await
}
