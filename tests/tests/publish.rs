//! Publishing in the real app: a Bluesky channel connected in Settings to a real local
//! PDS, a post scheduled in the composer going out at its minute, and the reminder for
//! a network the person posts to by hand.

use chrono::{Duration as Minutes, Timelike, Utc};
use majlis_e2e::App;
use majlis_peers::{Bluesky, BlueskyMode};

#[tokio::test]
async fn a_post_goes_out_to_a_connected_bluesky_channel_and_reminds_for_x() -> anyhow::Result<()> {
    let network = Bluesky::start(BlueskyMode::PdsOnly)?;
    let account = network.create_account("bakery.test", "bakery-app-password")?;
    let app = App::launch("publish", "Asia/Riyadh").await?;
    app.open_sample().await?;

    // Settings → Channels: connect the sample's Bluesky channel to the local PDS.
    app.connect_bluesky(
        "Bakery on Bluesky",
        &network.pds,
        "bakery.test",
        "bakery-app-password",
    )
    .await?;
    app.sees("Connected · 127.0.0.1").await?;
    app.screenshot("channels-connected-en").await?;

    // A post for the next minute, to Bluesky and X, from the composer.
    app.press_ctrl('1').await?;
    app.click_button("New post").await?;
    let body = "Fresh manakeesh from the tannour, out now #Rayyan";
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(body)
        .await?;
    // The composer takes the brand's wall-clock time: Riyadh is UTC+3 all year.
    let now = Utc::now() + Minutes::hours(3);
    let at = now + Minutes::minutes(if now.second() > 45 { 2 } else { 1 });
    app.eval(&format!(
        "const set = (id, v) => {{ const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('input', {{ bubbles: true }})); }};
         set('post-date', '{}'); set('post-time', '{}');",
        at.format("%Y-%m-%d"),
        at.format("%H:%M")
    ))
    .await?;
    app.click_xpath(
        "//label[span[contains(@class, 'name') and text()='Bakery on Instagram']]/input",
    )
    .await?;
    app.click_button("Schedule").await?;
    app.sees("Scheduled for").await?;

    // X is a network the person posts to by hand: Majlis reminds them at the minute.
    let reminder = app
        .desktop
        .notification_within("Time to post on X", std::time::Duration::from_secs(150))
        .await?;
    assert_eq!(reminder.body, body);
    // A click on the reminder opens the post in the window, its caption copied.
    app.desktop.click_notification().await?;
    app.sees("Post it by hand").await?;
    majlis_e2e::eventually("the caption on the clipboard", || async {
        Ok((app.desktop.clipboard()? == body).then_some(()))
    })
    .await?;
    app.sees("Copy caption").await?;

    // Bluesky: the record is on the PDS, and the post says so with its link.
    let records = majlis_e2e::eventually("the post on the PDS", || async {
        let records = network.posts(&account.did)?;
        Ok((!records.is_empty()).then_some(records))
    })
    .await?;
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["value"]["text"], body);
    let rkey = records[0]["uri"]
        .as_str()
        .unwrap_or_default()
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned();

    app.sees("Published").await?;
    app.sees("Post it by hand").await?;
    app.screenshot("post-published-en").await?;
    app.click_button("View post").await?;
    let expected = format!("https://bsky.app/profile/bakery.test/post/{rkey}");
    majlis_e2e::eventually("the link opened in the browser", || async {
        Ok(app.opened_links().contains(&expected).then_some(()))
    })
    .await?;

    // The person posted on X by hand and says so: the post is published everywhere.
    app.click_button("Mark as posted").await?;
    app.sees("Marked as posted").await?;
    app.quit().await
}

#[tokio::test]
async fn publishing_reads_in_arabic() -> anyhow::Result<()> {
    let app = App::launch("publish-ar", "Asia/Riyadh").await?;
    app.open_arabic_sample().await?;
    // The sample's morning post waits for the person on Instagram and X, and could not
    // go to Bluesky, which is not connected.
    // It is in the month (the queue starts today, and after midnight it was yesterday).
    app.click_xpath(
        "//*[contains(@class, 'ec-event')]//*[@data-post and contains(., 'صباح الخير')]",
    )
    .await?;
    app.sees("انشره بنفسك").await?;
    app.sees("هذه القناة غير مربوطة").await?;
    // The channel it failed on is not connected: the post offers to connect it.
    app.find("li[data-delivery-status='failed'] button.connect")
        .await?;
    app.screenshot("post-reminded-ar").await?;
    // Posted on Bluesky by hand instead: its address typed, then Escape asks before it
    // is lost, and kept it goes with the post.
    let posted = "https://bsky.app/profile/rayyan/post/3kmorning";
    let address = app
        .find("li[data-delivery-status='failed'] input[type=url]")
        .await?;
    address.send_keys(posted).await?;
    address
        .send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    app.sees("أتغلق دون حفظ؟").await?;
    app.click_button("تابع التحرير").await?;
    // No failure is left, the post waits for the person's reminders again.
    app.click_xpath("//li[@data-delivery-status='failed']//button[@type='submit']")
        .await?;
    app.sees("سُجّل أنه نُشر").await?;
    let out = app.cli(&["posts", "list", "--brand", "مخبز الريّان", "--json"])?;
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    let morning = posts
        .iter()
        .find(|p| {
            p["body"]
                .as_str()
                .is_some_and(|b| b.starts_with("صباح الخير"))
        })
        .expect("the morning post");
    assert_eq!(morning["status"], "scheduled", "{morning}");
    assert!(
        morning["deliveries"]
            .as_array()
            .is_some_and(|d| d.iter().all(|d| d["status"] != "failed")),
        "{morning}"
    );
    assert!(
        morning["deliveries"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["remote_url"] == posted)),
        "the address typed before Escape: {morning}"
    );
    app.eval("document.querySelector('dialog[open]').close()")
        .await?;
    app.press_ctrl(',').await?;
    app.sees("ينشر مجلس بنفسه على قنوات بلوسكاي").await?;
    app.find("[data-channel='المخبز على بلوسكاي'] button")
        .await?
        .click()
        .await?;
    app.find("#connect-secret").await?;
    app.screenshot("channels-connect-ar").await?;

    // A post due on that Bluesky channel cannot go out, and says why in Arabic (the
    // reason is Majlis's own, not the network's).
    due_since(
        &app,
        "مخبز الريّان",
        "المخبز على بلوسكاي",
        "كعك العيد جاهز 🎉",
        30,
    )?;
    app.eval("document.querySelector('dialog[open]')?.close()")
        .await?;
    app.find("#pause").await?.click().await?;
    app.find("#pause").await?.click().await?;
    let failed = app.desktop.notification("تعذّر النشر على بلوسكاي").await?;
    assert!(
        failed.body == "هذه القناة غير مربوطة: اربطها من الإعدادات",
        "{}",
        failed.body
    );
    // The failed post leads to Settings, where the channel is connected.
    app.press_ctrl('1').await?;
    app.click_xpath(
        "//*[contains(@class, 'ec-event')]//*[@data-post and contains(., 'كعك العيد')]",
    )
    .await?;
    app.find("li[data-delivery-status='failed'] button.connect")
        .await?
        .click()
        .await?;
    app.sees("ينشر مجلس بنفسه على قنوات بلوسكاي").await?;
    app.quit().await
}

#[tokio::test]
async fn a_networks_refusal_reads_in_arabic_around_its_own_words() -> anyhow::Result<()> {
    let mastodon = majlis_peers::Mastodon::start()?;
    let account = mastodon.create_account("rayyan")?;
    let app = App::launch("refusal-ar", "Asia/Riyadh").await?;
    app.open_arabic_sample().await?;
    let channel = "المخبز على ماستودون";
    // Settings → Channels: a token the instance does not know is refused, in Arabic.
    open_new_mastodon_channel(&app, "مخبز الريّان", channel, &mastodon).await?;
    let secret = app.find("#connect-secret").await?;
    secret.send_keys("not-a-token").await?;
    app.click_button("اختبر واربط").await?;
    app.sees("لم يقبل خادم ماستودون").await?;
    app.sees("بيانات الدخول هذه").await?;
    app.screenshot("channels-refused-ar").await?;
    secret.clear().await?;
    secret.send_keys(&account.token).await?;
    app.click_button("اختبر واربط").await?;
    app.sees(&format!("رُبطت قناة «{channel}» بالحساب \u{2068}@rayyan"))
        .await?;

    // The instance refuses a post: the notification and the post say so in Arabic, the
    // instance's own words kept as it gave them.
    let words = "Validation failed: Text character limit of 500 exceeded";
    mastodon.inject_fault(
        &majlis_peers::MastodonFault::status("/api/v1/statuses", 422)
            .method("POST")
            .body(serde_json::json!({ "error": words })),
    )?;
    due_since(
        &app,
        "مخبز الريّان",
        channel,
        "معمول التمر عاد إلى الرفوف",
        30,
    )?;
    app.find("#pause").await?.click().await?;
    app.find("#pause").await?.click().await?;
    let failed = app.desktop.notification("تعذّر النشر على ماستودون").await?;
    assert_eq!(
        failed.body,
        format!("لم يقبل ماستودون المنشور (\u{2068}422: {words}\u{2069})")
    );
    // Opened from the calendar (the newest notification may be the sample's overdue
    // replies, raised as the engine starts).
    app.press_ctrl('1').await?;
    app.click_xpath(
        "//*[contains(@class, 'ec-event')]//*[@data-post and contains(., 'معمول التمر')]",
    )
    .await?;
    app.sees("لم يقبل ماستودون المنشور").await?;
    app.screenshot("post-refused-ar").await?;

    // Read later in English, the same refusal is said in English: it was recorded in
    // both languages, not only in the one the window spoke then.
    app.eval("document.querySelector('dialog[open]').close()")
        .await?;
    app.press_ctrl(',').await?;
    app.find("input[name=language][value=en]")
        .await?
        .click()
        .await?;
    app.press_ctrl('1').await?;
    app.click_xpath(
        "//*[contains(@class, 'ec-event')]//*[@data-post and contains(., 'معمول التمر')]",
    )
    .await?;
    app.sees(&format!("Mastodon refused the post (422: {words})"))
        .await?;
    let out = app.cli(&["posts", "list", "--brand", "مخبز الريّان", "--json"])?;
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    let refused = posts
        .iter()
        .flat_map(|p| p["deliveries"].as_array().into_iter().flatten())
        .find(|d| d["channel"] == channel)
        .expect("the refused delivery");
    assert_eq!(
        refused["last_error"],
        format!("Mastodon refused the post (422: {words})"),
        "the terminal reads it in the language chosen: {refused}"
    );
    app.quit().await
}

/// Adds a Mastodon channel `name` to `brand` from the terminal, and opens its connection
/// form in Settings, pointed at `mastodon`.
async fn open_new_mastodon_channel(
    app: &App,
    brand: &str,
    name: &str,
    mastodon: &majlis_peers::Mastodon,
) -> anyhow::Result<()> {
    let out = app.cli(&[
        "channel", "add", "--brand", brand, "--kind", "mastodon", "--name", name,
    ])?;
    anyhow::ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    app.open_connection(name, &mastodon.url).await
}

/// Plans `body` on `channel` from the terminal, then moves it `seconds` into the past in
/// the store, as if it had fallen due then (the CLI plans only ahead).
fn due_since(
    app: &App,
    brand: &str,
    channel: &str,
    body: &str,
    seconds: i64,
) -> anyhow::Result<()> {
    let tomorrow = (Utc::now() + Minutes::days(1))
        .format("%Y-%m-%d 09:00")
        .to_string();
    let out = app.cli(&[
        "post",
        "add",
        "--brand",
        brand,
        "--channel",
        channel,
        "--at",
        &tomorrow,
        "--text",
        body,
    ])?;
    anyhow::ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    rusqlite::Connection::open(app.data_dir.join("majlis.db"))?.execute(
        "UPDATE posts SET at = unixepoch() - ?2 WHERE body = ?1",
        rusqlite::params![body, seconds],
    )?;
    Ok(())
}

#[tokio::test]
async fn a_post_missed_while_closed_waits_in_a_banner_until_published_now() -> anyhow::Result<()> {
    let app = App::launch("held", "Asia/Riyadh").await?;
    app.open_sample().await?;
    // A post for X that fell due two hours ago, as if Majlis had been closed since.
    let body = "Two hours late: the ka'ak is still warm";
    due_since(&app, "Rayyan Bakery", "Bakery on X", body, 7200)?;

    // The publisher looks again when it is resumed: the post is too late to go by itself.
    app.press_ctrl(',').await?;
    app.find("#pause").await?.click().await?;
    app.find("#pause").await?.click().await?;
    app.press_ctrl('1').await?;
    app.sees("1 post missed its time").await?;
    app.sees(body).await?;
    app.screenshot("held-banner-en").await?;
    app.click_xpath("//section[@data-testid='held']//button[contains(., 'Publish now')]")
        .await?;
    let reminder = app.desktop.notification("Time to post on X").await?;
    assert_eq!(reminder.body, body);
    app.sees_none("[data-testid='held']").await?;
    // The keyboard, on the button of the row now gone, is at the calendar's title.
    assert_eq!(
        app.eval("return document.activeElement.tagName").await?,
        "H1"
    );
    app.quit().await
}

#[tokio::test]
async fn a_mastodon_channel_is_connected_by_signing_in_in_the_browser() -> anyhow::Result<()> {
    let mastodon = majlis_peers::Mastodon::start()?;
    mastodon.create_account("bakery")?;
    let app = App::launch("mastodon-sign-in", "Asia/Riyadh").await?;
    app.open_sample().await?;
    open_new_mastodon_channel(&app, "Rayyan Bakery", "Bakery on Mastodon", &mastodon).await?;
    app.screenshot("channels-mastodon-en").await?;
    app.click_button("Sign in with your browser").await?;
    // Majlis opened the instance's sign-in page; the person picks their account there.
    let page = majlis_e2e::eventually("the sign-in page opened", || async {
        let prefix = format!("{}/oauth/authorize?", mastodon.url);
        Ok(app
            .opened_links()
            .into_iter()
            .find(|l| l.starts_with(&prefix)))
    })
    .await?;
    mastodon.approve(&page, "bakery")?;
    app.sees("Bakery on Mastodon is connected as @bakery@127.0.0.1")
        .await?;
    app.quit().await
}
