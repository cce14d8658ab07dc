//! The community board in the real app, on the sample brand: followers' content in
//! columns by its rights; a repost without permission is refused with the reason, its
//! credit line is not removed silently, a card dragged to "Permission given" records
//! the permission, and then the repost is scheduled with the credit line. An unsafe
//! file added by hand is refused. And in Arabic. And against a real local Bluesky
//! network: the sample's saved search finds a follower's photo, the request goes out
//! from the window, and the follower's "yes" moves the card by itself.

use std::time::Duration;

use chrono::{Days, Utc};
use fantoccini::Locator;
use majlis_e2e::{App, eventually, eventually_within};
use majlis_peers::{Bluesky, BlueskyMode, PostExtras};
use serde_json::{Value, json};

/// The brand's items as the CLI lists them.
fn board(app: &App, brand: &str) -> anyhow::Result<Vec<Value>> {
    let out = app.cli(&["ugc", "list", "--brand", brand, "--json"])?;
    anyhow::ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(serde_json::from_slice(&out.stdout)?)
}

fn item<'a>(items: &'a [Value], creator: &str) -> &'a Value {
    items
        .iter()
        .find(|i| i["creator"]["handle"] == creator)
        .unwrap_or(&Value::Null)
}

/// Writes the composer's text and its time (tomorrow at 10:00), as typed.
async fn compose(app: &App, body: &str) -> anyhow::Result<()> {
    let tomorrow = Utc::now()
        .date_naive()
        .checked_add_days(Days::new(1))
        .expect("date");
    app.eval(&format!(
        "const set = (id, v) => {{ const e = document.getElementById(id); e.value = v; e.dispatchEvent(new Event('input', {{ bubbles: true }})); }};
         set('post-body', {}); set('post-date', '{tomorrow}'); set('post-time', '10:00');",
        serde_json::to_string(body)?
    ))
    .await?;
    Ok(())
}

/// Waits until every card's picture is decoded, so a screenshot shows them.
async fn pictures_shown(app: &App) -> anyhow::Result<()> {
    eventually("the cards' pictures", || async {
        let done = app
            .eval("return [...document.querySelectorAll('.card img')].every(i => i.complete && i.naturalWidth > 0)")
            .await?;
        Ok((done == true).then_some(()))
    })
    .await
}

fn card(creator: &str) -> String {
    format!("//button[@data-item][.//span[normalize-space(.)='@{creator}']]")
}

#[tokio::test]
async fn a_repost_needs_permission_keeps_its_credit_and_goes_out_once_granted() -> anyhow::Result<()>
{
    let app = App::launch("community", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl('4').await?;
    app.find("[data-testid=ugc-board]").await?;
    app.sees("@ahmad.photos").await?;
    app.sees("Permission given").await?;
    pictures_shown(&app).await?;
    app.screenshot("community-board-en").await?;
    // Every column in sight in the window's first size, none behind a sideways scroll.
    let sideways = app
        .eval("const b = document.querySelector('[data-testid=ugc-board]'); return b.scrollWidth - b.clientWidth")
        .await?;
    assert_eq!(sideways, 0, "the board scrolls sideways by {sideways} px");

    // Dana's photo was just found. Dragged to "Asked", it opens at asking: the words
    // that would go out, in Dana's language, before anything goes to her.
    let dana = format!(
        "[data-item='{}']",
        item(&board(&app, "Rayyan Bakery")?, "dana.sa")["id"]
    );
    let asked = app.find("section[data-lane='requested']").await?;
    app.drag(&app.find(&dana).await?, &asked).await?;
    app.sees("Majlis asks by replying to the post on Bluesky:")
        .await?;
    let words = app
        .find("dialog[open] .request-words blockquote")
        .await?
        .text()
        .await?;
    assert!(words.starts_with("أعجبتنا صورتك يا Dana!"), "{words}");
    // The sample's Bluesky is not connected: asking waits for it, and the item says so.
    app.sees("channel isn't connected yet: a request can't go out")
        .await?;
    let ask = app
        .eval("return [...document.querySelectorAll('dialog[open] button')].find(b => b.textContent.trim() === 'Ask for permission').disabled")
        .await?;
    assert_eq!(ask, serde_json::json!(true));
    app.screenshot("ugc-item-en").await?;
    app.click_button("Draft the repost").await?;
    app.sees("Share @dana.sa's post").await?;
    app.find("[data-testid=repost-rights]").await?;
    app.find("#post-date").await?;
    let body = app
        .find("dialog[open] #post-body")
        .await?
        .prop("value")
        .await?;
    assert_eq!(body.as_deref().map(str::trim), Some("📸 @dana.sa"));
    compose(&app, "Dana's first tannour loaf 😍\n\n📸 @dana.sa").await?;
    // Until Dana says yes it can only wait as a draft: the ways onto the schedule wait too.
    let waiting = app
        .eval(
            "return ['Schedule', 'Add to queue', 'Send for approval', 'Save draft'].map(words => \
             [...document.querySelectorAll('dialog[open] footer button')].find(b => b.textContent.trim() === words)?.disabled)",
        )
        .await?;
    assert_eq!(waiting, serde_json::json!([true, true, true, false]));
    app.screenshot("repost-waiting-en").await?;

    // The credit line is not dropped silently: taken out, it is asked about.
    compose(&app, "Dana's first tannour loaf 😍").await?;
    app.click_button("Save draft").await?;
    app.find("[data-testid=credit-check]").await?;
    app.screenshot("repost-credit-check-en").await?;
    app.click_button("Put it back").await?;
    app.click_button("Save draft").await?;
    app.sees("Draft saved.").await?;
    let draft = eventually("the draft in the CLI", || async {
        let out = app.cli(&["posts", "list", "--brand", "Rayyan Bakery", "--json"])?;
        let posts: Vec<Value> = serde_json::from_slice(&out.stdout)?;
        Ok(posts.into_iter().find(|p| {
            p["body"]
                .as_str()
                .is_some_and(|b| b.starts_with("Dana's first"))
        }))
    })
    .await?;
    assert_eq!(draft["status"], "draft");
    assert_eq!(draft["body"], "Dana's first tannour loaf 😍\n\n📸 @dana.sa");
    assert_eq!(draft["media"].as_array().map(Vec::len), Some(1));

    // Dragged to "Permission given": the permission is recorded, with its note.
    let granted = app.find("section[data-lane='granted']").await?;
    app.drag(&app.find(&dana).await?, &granted).await?;
    app.sees("How did they give permission?").await?;
    app.find("#ugc-note")
        .await?
        .send_keys("She said yes by phone, 2 December")
        .await?;
    app.click_xpath("//form[contains(@class, 'step')]//button[@type='submit']")
        .await?;
    app.sees("Permission recorded.").await?;
    app.sees("She said yes by phone, 2 December").await?;
    app.screenshot("ugc-granted-en").await?;
    let now = board(&app, "Rayyan Bakery")?;
    assert_eq!(item(&now, "dana.sa")["state"], "granted");
    assert_eq!(item(&now, "dana.sa")["grant"]["manual"], true);

    // Now the repost goes on the schedule, credit and picture with it.
    app.click_button("Schedule repost").await?;
    app.find("dialog[open] #post-date").await?;
    compose(&app, "Dana's first tannour loaf 😍\n\n📸 @dana.sa").await?;
    app.click_button("Schedule").await?;
    app.sees("Scheduled for").await?;
    let used = eventually("the item in use", || async {
        let items = board(&app, "Rayyan Bakery")?;
        Ok((item(&items, "dana.sa")["state"] == "used").then_some(()))
    })
    .await;
    used?;
    // Its trail leads to the post that uses it.
    app.find(&dana).await?.click().await?;
    app.find("[data-testid=ugc-trail]").await?;
    app.eval("document.querySelector('[data-testid=ugc-trail]').scrollIntoView()")
        .await?;
    app.screenshot("ugc-trail-used-en").await?;
    app.click_button("Open the post").await?;
    app.find("dialog[open] #post-title").await?;
    app.sees("Dana's first tannour loaf").await?;
    app.eval("document.querySelector('dialog[open]').close()")
        .await?;

    // A file that is no picture, added by hand, is refused and nothing is added.
    app.click_button("Add by hand").await?;
    app.find("#ugc-url")
        .await?
        .send_keys("https://www.instagram.com/p/not-a-photo/")
        .await?;
    app.find("#ugc-creator").await?.send_keys("@sneaky").await?;
    let svg = app.data_dir.join("cute.png");
    std::fs::write(
        &svg,
        br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>"#,
    )?;
    app.find("#ugc-file")
        .await?
        .send_keys(&svg.display().to_string())
        .await?;
    app.click_xpath("//dialog[@open]//button[@type='submit']")
        .await?;
    app.sees("Majlis could not open that file as a picture")
        .await?;
    app.screenshot("ugc-add-refused-en").await?;
    assert!(item(&board(&app, "Rayyan Bakery")?, "sneaky").is_null());
    // Cancel over what was typed asks first; closing without saving closes.
    app.click_xpath("//dialog[@open]//button[normalize-space(.)='Cancel']")
        .await?;
    app.click_button("Close without saving").await?;
    app.sees_none("dialog[open]").await?;

    // Praise in the inbox goes on the board in one click.
    app.press_ctrl('2').await?;
    app.click_xpath("//*[@data-interaction]//*[contains(@class, 'author') and text()='Noura']")
        .await?;
    app.click_button("Save to Community").await?;
    app.sees("Saved to the community board.").await?;
    app.press_ctrl('4').await?;
    app.sees("@noura_m").await?;
    let noura = item(&board(&app, "Rayyan Bakery")?, "noura_m").clone();
    assert_eq!(
        (&noura["state"], &noura["origin"]),
        (&json!("found"), &json!("inbox"))
    );
    assert_eq!(noura["canAsk"], false, "X: Majlis cannot ask there itself");

    // Searches and terms: a search already kept is refused beside the searches, and a
    // wait that is not whole days beside the terms; nothing typed is lost.
    app.click_button("Searches & terms").await?;
    let query = app.find("input[aria-label='What to look for']").await?;
    query.send_keys("RayyanBakery").await?;
    app.click_button("Add search").await?;
    let said = app.find("#ugc-search-problem").await?.text().await?;
    assert_eq!(said, "Majlis looks for this already.");
    let wait = app.find("#terms-wait").await?;
    wait.clear().await?;
    wait.send_keys("2.5").await?;
    app.click_button("Save terms").await?;
    app.sees("A request waits a whole number of days for an answer, at least 1.")
        .await?;
    assert_eq!(wait.prop("value").await?.as_deref(), Some("2.5"));
    app.quit().await
}

#[tokio::test]
async fn the_board_reads_right_to_left_in_arabic() -> anyhow::Result<()> {
    let app = App::launch("community-ar", "Asia/Riyadh").await?;
    app.open_arabic_sample().await?;
    app.press_ctrl('4').await?;
    app.find("[data-testid=ugc-board]").await?;
    app.sees("أُعطي الإذن").await?;
    let direction = app
        .eval(
            "return getComputedStyle(document.querySelector('[data-testid=ugc-board]')).direction",
        )
        .await?;
    assert_eq!(direction, "rtl");
    pictures_shown(&app).await?;
    app.screenshot("community-board-ar").await?;
    // The ends of a request share the last lane, each under its own heading; an asked
    // item dropped there opens at recording the "no".
    app.sees("مُغلق").await?;
    app.find("ul[data-state=declined] [data-item]").await?;
    let closed = app.find("section[data-lane='closed']").await?;
    let reem = app.client.find(Locator::XPath(&card("reem.eats"))).await?;
    app.drag(&reem, &closed).await?;
    app.sees("ماذا كان الرد؟").await?;
    app.screenshot("ugc-declining-ar").await?;
    app.click_xpath("//dialog[@open]//button[@aria-label='أغلق']")
        .await?;
    app.click_xpath(&card("ahmad.photos")).await?;
    app.sees("أجاب صاحب المحتوى").await?;
    app.sees("أكيد، تشرفت!").await?;
    app.screenshot("ugc-item-ar").await?;
    // Dana's photo, not asked yet: the request's words in her language, to edit.
    app.click_xpath("//dialog[@open]//button[@aria-label='أغلق']")
        .await?;
    app.click_xpath(&card("dana.sa")).await?;
    app.click_button("تعديل").await?;
    let words = app
        .find("dialog[open] .request-words textarea")
        .await?
        .prop("value")
        .await?
        .unwrap_or_default();
    assert!(words.starts_with("أعجبتنا صورتك يا Dana!"), "{words}");
    app.screenshot("ugc-own-words-ar").await?;
    // Changed, the words are not closed away without asking.
    app.find("dialog[open] .request-words textarea")
        .await?
        .send_keys(" شكرًا")
        .await?;
    app.click_xpath("//dialog[@open]//button[@aria-label='أغلق']")
        .await?;
    app.sees("أتغلق دون حفظ؟ ستضيع تغييراتك.").await?;
    app.screenshot("ugc-discard-ar").await?;
    app.click_button("أغلق دون حفظ").await?;
    app.sees_none("dialog[open]").await?;

    // A request template with a blank Majlis cannot fill: the item says so, and asking
    // waits for the person's own words.
    let added = app.cli(&[
        "template",
        "add",
        "--brand",
        "مخبز الريّان",
        "--title",
        "هدية",
        "--category",
        "Rights request",
        "--body",
        "صورتك رائعة يا {اسم_المتابع_الأول}! {الهدية}",
    ])?;
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    app.click_xpath(&card("dana.sa")).await?;
    app.sees("لا تستطيع قوالبك كتابة هذا الطلب").await?;
    app.click_button("اكتبها").await?;
    app.find("dialog[open] .request-words textarea").await?;
    app.screenshot("ugc-unworded-ar").await?;
    app.quit().await
}

#[tokio::test]
async fn a_found_photo_is_asked_for_from_the_window_and_granted_by_the_followers_yes()
-> anyhow::Result<()> {
    let network = Bluesky::start(BlueskyMode::Full)?;
    let bakery = network.create_account("bakery.test", "bakery-app-password")?;
    let sara = network.create_account("sara.test", "sara-password")?;
    let photo = include_bytes!("../../crates/core/assets/sample/breakfast-box.png");
    let original = network.post(
        &sara,
        "Family breakfast, Rayyan style 🥐 #RayyanBakery",
        PostExtras {
            picture: Some(photo),
            language: Some("en"),
            ..PostExtras::default()
        },
    )?;
    // The sample brand's saved search (#RayyanBakery) runs as soon as its Bluesky
    // channel is connected: once the AppView can find the post.
    eventually_within("the post searchable", Duration::from_secs(90), || async {
        let found = network.xrpc_get(
            "app.bsky.feed.searchPosts",
            Some(&bakery.access_jwt),
            &[("q", "#RayyanBakery")],
        )?;
        Ok(found["posts"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
            .then_some(()))
    })
    .await?;

    let app = App::launch("community-network", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.connect_bluesky(
        "Bakery on Bluesky",
        &network.pds,
        "bakery.test",
        "bakery-app-password",
    )
    .await?;
    app.press_ctrl('4').await?;
    // The find arrives on the board by itself, its photo fetched and re-encoded.
    eventually_within("sara's photo on the board", Duration::from_secs(60), || async {
        let shown = app
            .eval("return [...document.querySelectorAll('ul[data-state=found] .card')].some(c => c.innerText.includes('@sara.test') && c.querySelector('img')?.src.startsWith('data:image/jpeg'))")
            .await?;
        Ok((shown == true).then_some(()))
    })
    .await?;
    pictures_shown(&app).await?;
    app.screenshot("community-found-en").await?;

    // The person reads the template's words, and makes them their own.
    app.click_xpath(&card("sara.test")).await?;
    app.click_button("Edit").await?;
    let words = app.find("dialog[open] .request-words textarea").await?;
    let template = words.prop("value").await?.unwrap_or_default();
    assert!(template.starts_with("We love this photo"), "{template}");
    words.clear().await?;
    let own = "Sara, your family breakfast made our day! May we share it?";
    words.send_keys(own).await?;
    app.screenshot("ugc-own-words-en").await?;
    app.click_button("Ask for permission").await?;
    app.sees("Asked @sara.test for permission.").await?;
    let request = eventually("the request on the PDS", || async {
        Ok(network
            .posts(&bakery.did)?
            .into_iter()
            .find(|r| r["value"]["reply"]["parent"]["uri"] == original["uri"]))
    })
    .await?;
    let text = request["value"]["text"].as_str().unwrap_or_default();
    assert!(text.starts_with(own), "{text}");
    assert!(text.contains("#YesRayyanBakery"), "added: {text}");
    app.sees("Permission asked").await?;
    app.screenshot("ugc-asked-en").await?;
    app.click_xpath("//dialog[@open]//button[@aria-label='Close']")
        .await?;

    // Sara says yes (once the AppView knows the request, so it tells the bakery): the
    // card moves to "Permission given" by itself, at the inbox's next look.
    let uri = request["uri"].as_str().unwrap_or_default().to_owned();
    eventually_within("the request indexed", Duration::from_secs(60), || async {
        let found = network.xrpc_get(
            "app.bsky.feed.getPosts",
            Some(&bakery.access_jwt),
            &[("uris", uri.as_str())],
        )?;
        Ok(found["posts"]
            .as_array()
            .is_some_and(|p| !p.is_empty())
            .then_some(()))
    })
    .await?;
    network.post(
        &sara,
        "Of course! #YesRayyanBakery",
        PostExtras {
            reply_to: Some(&json!({ "uri": request["uri"], "cid": request["cid"] })),
            ..PostExtras::default()
        },
    )?;
    eventually_within("the card granted", Duration::from_secs(150), || async {
        let moved = app
            .eval("return [...document.querySelectorAll('ul[data-state=granted] .card')].some(c => c.innerText.includes('@sara.test'))")
            .await?;
        Ok((moved == true).then_some(()))
    })
    .await?;
    app.click_xpath(&card("sara.test")).await?;
    app.sees("Of course! #YesRayyanBakery").await?;
    app.sees("The creator said yes").await?;
    app.screenshot("ugc-granted-by-answer-en").await?;
    app.quit().await
}
