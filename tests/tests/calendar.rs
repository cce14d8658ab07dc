//! The content calendar in the real app: compose, see, drag, and in Arabic.

use chrono::{Days, NaiveDate, Utc};
use fantoccini::Locator;
use majlis_e2e::{App, eventually};

/// A day a few days ahead in Riyadh (UTC+3 all year), and the next one.
fn days_ahead() -> (NaiveDate, NaiveDate) {
    let today = (Utc::now() + chrono::Duration::hours(3)).date_naive();
    let day = today.checked_add_days(Days::new(3)).expect("date");
    (day, day.checked_add_days(Days::new(1)).expect("date"))
}

/// The month view's cell for `day`, moving to the next month if it is not shown.
async fn day_cell(app: &App, day: NaiveDate) -> anyhow::Result<fantoccini::elements::Element> {
    let selector = format!("time[datetime='{day}']");
    // Wait for the month to be drawn before deciding the day is not in it.
    app.find(".ec-day time[datetime]").await?;
    if app.client.find(Locator::Css(&selector)).await.is_err() {
        app.find(".ec-next").await?.click().await?;
    }
    app.find(&selector).await
}

/// Counts the posts the month view accounts for: those drawn and those in each day's
/// "+N more" (which of them a busy day draws depends on the sample's dates).
const POSTS_IN_MONTH: &str = "return document.querySelectorAll('.ec-event [data-post]').length
    + [...document.querySelectorAll('[data-more]')].reduce((n, m) => n + Number(m.innerText.match(/\\d+/)), 0)";

/// The post with `body` in `majlis posts list --json`.
fn listed_post(app: &App, body: &str) -> anyhow::Result<Option<serde_json::Value>> {
    let out = app.cli(&["posts", "list", "--brand", "Rayyan Bakery", "--json"])?;
    anyhow::ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    Ok(posts.into_iter().find(|p| p["body"] == body))
}

#[tokio::test]
async fn a_post_composed_in_the_window_lands_on_the_calendar_and_moves_by_drag_and_back()
-> anyhow::Result<()> {
    let app = App::launch("calendar", "Asia/Riyadh").await?;
    app.click_button("Try with a sample brand").await?;
    // The sample's queued posts are on the calendar.
    app.find(".ec-event [data-post]").await?;
    app.screenshot("calendar-month-en").await?;

    let (day, next_day) = days_ahead();
    day_cell(&app, day).await?.click().await?;
    let body = "Fresh manakeesh this Friday";
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(body)
        .await?;
    // The counters follow the text as it is typed, per network.
    app.find("[data-channel='Bakery on X']").await?;
    app.sees("27/280").await?;
    app.screenshot("composer-en").await?;
    // Escape with the text written asks before it is lost; kept, it is all there.
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    app.sees("Close without saving? Your changes will be lost.")
        .await?;
    app.screenshot("composer-discard-en").await?;
    app.click_button("Keep editing").await?;
    let kept = app
        .find("dialog[open] #post-body")
        .await?
        .prop("value")
        .await?;
    assert_eq!(kept.as_deref(), Some(body));
    // Back where Escape was pressed, to write on.
    assert_eq!(
        app.eval("return document.activeElement.id").await?,
        "post-body"
    );
    // The channels' own texts are tabs: one stop for Tab, the arrows choose among them.
    let tabs = "return [...document.querySelectorAll('dialog[open] [role=tab]')].map((t) => [t.tabIndex, t.getAttribute('aria-selected')])";
    assert_eq!(
        app.eval(tabs).await?,
        serde_json::json!([[0, "true"], [-1, "false"], [-1, "false"], [-1, "false"]])
    );
    let all = app
        .find("dialog[open] [role=tab][aria-selected=true]")
        .await?;
    all.send_keys(&char::from(fantoccini::key::Key::Right).to_string())
        .await?;
    app.find("dialog[open] #post-variant").await?;
    assert_eq!(
        app.eval("return document.activeElement.getAttribute('aria-selected')")
            .await?,
        "true"
    );
    assert_eq!(
        app.eval("return document.activeElement.dataset.channel")
            .await?,
        app.eval("return document.querySelectorAll('dialog[open] [role=tab]')[1].dataset.channel")
            .await?
    );
    let second = app
        .find("dialog[open] [role=tab][aria-selected=true]")
        .await?;
    second
        .send_keys(&char::from(fantoccini::key::Key::Home).to_string())
        .await?;
    let back = app
        .find("dialog[open] #post-body")
        .await?
        .prop("value")
        .await?;
    assert_eq!(back.as_deref(), Some(body));
    app.click_button("Schedule").await?;
    app.sees("Scheduled for").await?;

    let post = eventually("the post in the CLI", || async { listed_post(&app, body) }).await?;
    assert_eq!(post["at_local"], format!("{day} 09:00"));
    assert_eq!(post["deliveries"].as_array().map(Vec::len), Some(3));
    let id = post["id"].as_i64().expect("id");
    let event = app.find(&format!(".ec-event [data-post='{id}']")).await?;
    let shown = app.eval(POSTS_IN_MONTH).await?;

    let target = day_cell(&app, next_day).await?;
    app.drag(&event, &target).await?;
    app.sees("Moved to").await?;
    let moved = eventually("the new time in the CLI", || async {
        Ok(listed_post(&app, body)?.filter(|p| p["at_local"] == format!("{next_day} 09:00")))
    })
    .await?;
    assert_eq!(moved["status"], "scheduled");
    // A slip of the mouse is taken back from the confirmation.
    app.screenshot("calendar-moved-en").await?;
    app.click_button("Undo").await?;
    app.sees("Back on").await?;
    eventually("the old time in the CLI", || async {
        Ok(listed_post(&app, body)?.filter(|p| p["at_local"] == format!("{day} 09:00")))
    })
    .await?;
    // Every post is still on the calendar (the drop re-reads them from the store).
    eventually("every post back on the calendar", || async {
        let now = app.eval(POSTS_IN_MONTH).await?;
        Ok((now == shown).then_some(()))
    })
    .await?;
    app.quit().await
}

#[tokio::test]
async fn the_calendar_is_mirrored_in_arabic() -> anyhow::Result<()> {
    let app = App::launch("calendar-ar", "Asia/Riyadh").await?;
    app.open_arabic_sample().await?;
    let direction = app
        .eval("return getComputedStyle(document.querySelector('.ec')).direction")
        .await?;
    assert_eq!(direction, "rtl");
    app.sees("شهر").await?;
    app.screenshot("calendar-month-ar").await?;
    // The arrows, drawn as chevrons, are named in Arabic for the view's period.
    let arrows = app
        .eval("return [...document.querySelectorAll('button.ec-prev, button.ec-next')].map(b => b.getAttribute('aria-label'))")
        .await?;
    assert_eq!(arrows, serde_json::json!(["الشهر السابق", "الشهر التالي"]));
    app.sees("منشوران ينتظران اعتمادك").await?;
    app.click_button("راجِع المنشورات").await?;
    app.sees("جديد: نسهر معكم").await?;
    app.screenshot("in-review-ar").await?;
    app.click_button("راجِع المنشورات").await?;
    app.click_button("جدول").await?;
    app.find(".ec-list").await?;
    // The list is a week's: the sample's first posts are in this one or, late in the
    // week, the next.
    let listed = "return document.querySelector('[data-testid=calendar][aria-busy=false] .ec-list') \
        ? document.querySelectorAll('.ec-list [data-post]').length : null";
    let week = eventually("this week's list", || async {
        Ok(app.eval(listed).await?.as_u64())
    })
    .await?;
    assert_eq!(
        app.eval("return document.querySelector('button.ec-next').getAttribute('aria-label')")
            .await?,
        "الأسبوع التالي"
    );
    if week == 0 {
        app.find(".ec-next").await?.click().await?;
        eventually("next week's list", || async {
            Ok(app.eval(listed).await?.as_u64().filter(|n| *n > 0))
        })
        .await?;
    }
    app.screenshot("calendar-list-ar").await?;
    // The weekly series reads as such, in Arabic, in the queue and the post.
    app.click_xpath("//aside[@data-testid='queue']//button[contains(., 'صندوق فطور الجمعة')]")
        .await?;
    app.sees("كل أسبوع، ١٢ مرة").await?;
    app.screenshot("post-series-ar").await?;
    app.click_button("عدّل السلسلة").await?;
    app.sees("تعديل المنشور").await?;
    app.screenshot("composer-ar").await?;
    // A change, then Escape: asked in Arabic before it is lost.
    let body = app.find("dialog[open] #post-body").await?;
    body.send_keys(" ✨").await?;
    body.send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    app.sees("أتغلق دون حفظ؟ ستضيع تغييراتك.").await?;
    app.screenshot("composer-discard-ar").await?;
    // A scheduled post being edited is not offered "Save draft" here: it would unschedule it.
    assert_eq!(
        app.eval("return document.querySelector('[data-testid=discard-check]').innerText.includes('احفظ كمسودة')")
            .await?,
        false
    );
    // Escape on the question answers it the safe way: the composer stays, as written.
    app.find("[role=alertdialog] button.primary")
        .await?
        .send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    app.sees_none("[role=alertdialog]").await?;
    // …and not asked again by the dialog's own Escape: that would have come with the
    // key, before the question was seen gone.
    let asked = app
        .eval("return [document.querySelector('[role=alertdialog]') === null, document.querySelector('dialog[open] #post-body') !== null]")
        .await?;
    assert_eq!(asked, serde_json::json!([true, true]));
    app.quit().await
}

#[tokio::test]
async fn an_import_with_a_bad_row_is_reported_and_a_good_one_lands() -> anyhow::Result<()> {
    let app = App::launch("import", "Asia/Riyadh").await?;
    app.click_button("Try with a sample brand").await?;
    let (day, next_day) = days_ahead();
    let dmy = |d: NaiveDate| d.format("%d/%m/%Y").to_string();
    let bad = app.data_dir.join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "{} 09:00,عرض الجمعة: مناقيش طازجة\n31/02/2030 09:00,Bad date\n{} 18:30,\n",
            dmy(day),
            dmy(next_day)
        ),
    )?;
    app.click_button("Import").await?;
    app.find("#import-file")
        .await?
        .send_keys(&bad.display().to_string())
        .await?;
    app.sees("2 rows need fixing").await?;
    app.sees("“31/02/2030 09:00” is not a date and time")
        .await?;
    app.sees("The post has no text.").await?;
    let disabled = app.eval("return document.querySelector('#import-title').closest('form').querySelector('button[type=submit]').disabled").await?;
    assert_eq!(disabled, true, "nothing can be imported while a row is bad");
    app.screenshot("import-report-en").await?;

    let good = app.data_dir.join("good.csv");
    std::fs::write(
        &good,
        format!(
            "{} 09:00,عرض الجمعة: مناقيش طازجة\n{} 18:30,Friday offer: fresh manakeesh\n",
            dmy(day),
            dmy(next_day)
        ),
    )?;
    app.find("#import-file")
        .await?
        .send_keys(&good.display().to_string())
        .await?;
    app.sees("2 posts ready to import.").await?;
    app.click_button("Import 2 posts").await?;
    app.sees("Imported 2 posts.").await?;
    let imported = eventually("the imported post in the CLI", || async {
        listed_post(&app, "Friday offer: fresh manakeesh")
    })
    .await?;
    assert_eq!(imported["at_local"], format!("{next_day} 18:30"));
    assert_eq!(imported["deliveries"].as_array().map(Vec::len), Some(3));
    app.quit().await
}

#[tokio::test]
async fn a_post_sent_for_approval_goes_out_only_once_approved() -> anyhow::Result<()> {
    let app = App::launch("approval", "Asia/Riyadh").await?;
    app.click_button("Try with a sample brand").await?;
    let (day, _) = days_ahead();
    day_cell(&app, day).await?.click().await?;
    let body = "Eid ka'ak pre-orders open";
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(body)
        .await?;
    app.click_button("Send for approval").await?;
    app.sees("Sent for approval.").await?;
    let post = eventually("the post in the CLI", || async { listed_post(&app, body) }).await?;
    assert_eq!(post["status"], "in_review");

    let id = post["id"].as_i64().expect("id");
    app.find(&format!(".ec-event [data-post='{id}']"))
        .await?
        .click()
        .await?;
    app.sees("Waiting for approval.").await?;
    app.screenshot("post-in-review-en").await?;
    app.click_button("Approve").await?;
    app.sees("Approved by").await?;
    let approved = eventually("the approval in the CLI", || async {
        Ok(listed_post(&app, body)?.filter(|p| p["status"] == "scheduled"))
    })
    .await?;
    assert_eq!(approved["at_local"], format!("{day} 09:00"));
    app.click_button("Close").await?;

    // The sample's two posts the team sent for approval wait above the calendar: each
    // read whole from the list, sent back with what should change, or approved.
    app.sees("2 posts are waiting for your approval").await?;
    app.click_button("Review").await?;
    app.screenshot("in-review-en").await?;
    app.click_xpath("//*[@data-testid='in-review']//button[starts-with(., 'New: late nights')]")
        .await?;
    app.sees("Waiting for approval.").await?;
    app.click_button("Request changes").await?;
    app.find("#post-change")
        .await?
        .send_keys("Say which days, please")
        .await?;
    app.screenshot("post-request-changes-en").await?;
    app.click_button("Send back as a draft").await?;
    app.sees("Sent back as a draft.").await?;
    // The author edits the draft: the reviewer's line stays a line of its own.
    app.click_button("Edit").await?;
    app.sees("Edit post").await?;
    app.click_button("Save draft").await?;
    app.sees("Draft saved.").await?;
    app.sees("1 post is waiting for your approval").await?;
    app.click_button("Approve it").await?;
    app.sees("Approve it without opening it?").await?;
    app.click_button("Approve it").await?;
    app.sees("1 post approved.").await?;
    let evenings = eventually("nothing waiting in the CLI", || async {
        let out = app.cli(&["posts", "list", "--brand", "Rayyan Bakery", "--json"])?;
        let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
        Ok(posts.iter().all(|p| p["status"] != "in_review").then(|| {
            posts
                .into_iter()
                .filter(|p| {
                    p["body"]
                        .as_str()
                        .is_some_and(|b| b.contains("late nights") || b.contains("نسهر"))
                })
                .map(|p| (p["status"].clone(), p["notes"].clone()))
                .collect::<Vec<_>>()
        }))
    })
    .await?;
    assert_eq!(evenings.len(), 2);
    assert_eq!(evenings[0].0, "scheduled", "the Arabic one, approved");
    assert_eq!(evenings[1].0, "draft", "the English one, sent back");
    let notes = evenings[1].1.as_str().unwrap_or_default();
    let (before, asked) = notes.split_once('\n').unwrap_or_default();
    assert_eq!(
        before, "Photo to come from the shop on Thursday",
        "{notes:?}"
    );
    assert!(asked.ends_with(": Say which days, please"), "{notes:?}");
    app.sees_none("[data-testid=in-review]").await?;
    app.quit().await
}

/// The series in the sample brand, and the first line the calendar shows for it.
const WEEKLY_BOX: &str = "Friday family breakfast box";

/// Every post whose body contains `text`, from `majlis posts list --json`.
fn listed_posts(app: &App, text: &str) -> anyhow::Result<Vec<serde_json::Value>> {
    let out = app.cli(&["posts", "list", "--brand", "Rayyan Bakery", "--json"])?;
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    Ok(posts
        .into_iter()
        .filter(|p| p["body"].as_str().is_some_and(|b| b.contains(text)))
        .collect())
}

#[tokio::test]
async fn one_occurrence_of_a_series_is_edited_alone_and_a_post_is_duplicated() -> anyhow::Result<()>
{
    let app = App::launch("series", "Asia/Riyadh").await?;
    app.click_button("Try with a sample brand").await?;
    // The weekly series is in the queue panel once per week: open its second week.
    let second = format!("(//aside[@data-testid='queue']//button[contains(., '{WEEKLY_BOX}')])[2]");
    app.click_xpath(&second).await?;
    app.sees("Every week, 12 times").await?;
    app.screenshot("post-series-en").await?;
    app.click_button("Edit this one").await?;
    app.sees("Edit this occurrence").await?;
    let body = app.find("dialog[open] #post-body").await?;
    body.clear().await?;
    body.send_keys("This week's box comes with fresh labneh 🧺")
        .await?;
    app.click_button("Save and schedule").await?;
    app.sees("Scheduled for").await?;

    let series = &listed_posts(&app, WEEKLY_BOX)?[0];
    let single = eventually("the edited occurrence in the CLI", || async {
        Ok(listed_posts(&app, "fresh labneh")?.pop())
    })
    .await?;
    assert!(single["repeat"].is_null(), "{single}");
    assert_eq!(series["repeat"], "FREQ=WEEKLY;COUNT=12");
    let first: NaiveDate = series["at_local"].as_str().expect("at")[..10].parse()?;
    let week_later = first.checked_add_days(Days::new(7)).expect("date");
    assert_eq!(single["at_local"], format!("{week_later} 12:00"));
    // The X channel keeps its own shorter text in the moved-out occurrence too.
    let x_text = single["deliveries"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["channel"] == "Bakery on X"))
        .map(|d| d["text"].clone());
    assert_eq!(
        x_text,
        Some("Friday breakfast box 🧺 order before midnight".into())
    );

    // Duplicate it: the composer opens as a copy, and saving makes a second post.
    app.click_xpath("//aside[@data-testid='queue']//button[contains(., 'fresh labneh')]")
        .await?;
    app.click_button("Duplicate").await?;
    app.sees("Copy of a post").await?;
    // A repeat of no times is refused beside the repeat, not saved as one time.
    app.find("#post-repeat")
        .await?
        .select_by_value("WEEKLY")
        .await?;
    let count = app.find("#post-repeat-count").await?;
    count.clear().await?;
    count.send_keys("0").await?;
    app.click_button("Schedule").await?;
    app.sees("How many times: a whole number from 1 to 365.")
        .await?;
    app.find("#post-repeat")
        .await?
        .select_by_value("none")
        .await?;
    app.click_button("Schedule").await?;
    eventually("two posts with that text", || async {
        Ok((listed_posts(&app, "fresh labneh")?.len() == 2).then_some(()))
    })
    .await?;

    // Call off the series' next week alone: it stays in the history, the series goes on.
    let in_queue = format!("//aside[@data-testid='queue']//button[contains(., '{WEEKLY_BOX}')]");
    let dates_in_queue =
        || async { anyhow::Ok(app.client.find_all(Locator::XPath(&in_queue)).await?.len()) };
    let planned = dates_in_queue().await?;
    app.click_xpath(&format!("({in_queue})[2]")).await?;
    app.click_button("Cancel post").await?;
    app.sees("Cancel this date only, or the whole series?")
        .await?;
    app.screenshot("post-cancel-occurrence-en").await?;
    app.click_button("This date").await?;
    app.sees("This date is cancelled; the series goes on.")
        .await?;
    let called_off = eventually("the cancelled date in the CLI", || async {
        Ok(listed_posts(&app, WEEKLY_BOX)?
            .into_iter()
            .find(|p| p["status"] == "cancelled"))
    })
    .await?;
    let two_weeks_later = first.checked_add_days(Days::new(14)).expect("date");
    assert_eq!(called_off["at_local"], format!("{two_weeks_later} 12:00"));
    assert!(
        listed_posts(&app, WEEKLY_BOX)?
            .iter()
            .any(|p| p["repeat"] == "FREQ=WEEKLY;COUNT=12" && p["status"] == "scheduled")
    );
    eventually("the date gone from the queue", || async {
        Ok((dates_in_queue().await? == planned - 1).then_some(()))
    })
    .await?;
    // Taken back from the confirmation: that date is the series' again, so a change to
    // the whole series reaches it; the post of its own it had become is gone.
    app.click_button("Undo").await?;
    app.sees("This date is back in the series.").await?;
    eventually("the date back in the series, in the CLI", || async {
        let posts = listed_posts(&app, WEEKLY_BOX)?;
        Ok((posts.len() == 1 && posts[0]["repeat"] == "FREQ=WEEKLY;COUNT=12").then_some(()))
    })
    .await?;
    eventually("the date back in the queue", || async {
        Ok((dates_in_queue().await? == planned).then_some(()))
    })
    .await?;

    // The whole series called off from one of its dates: every date to come leaves the
    // queue, and Undo brings them back.
    app.click_xpath(&format!("({in_queue})[2]")).await?;
    app.click_button("Cancel post").await?;
    app.click_button("The whole series").await?;
    app.sees("The series is cancelled.").await?;
    eventually("the series cancelled in the CLI", || async {
        let posts = listed_posts(&app, WEEKLY_BOX)?;
        Ok((posts.len() == 1 && posts[0]["status"] == "cancelled").then_some(()))
    })
    .await?;
    eventually("the series gone from the queue", || async {
        Ok((dates_in_queue().await? == 0).then_some(()))
    })
    .await?;
    app.click_button("Undo").await?;
    app.sees("The series is back on the calendar.").await?;
    eventually("the series back in the queue", || async {
        Ok((dates_in_queue().await? == planned).then_some(()))
    })
    .await?;
    app.quit().await
}

#[tokio::test]
async fn a_channel_gets_its_own_text_and_the_calendar_filters_by_category() -> anyhow::Result<()> {
    let app = App::launch("variants", "Asia/Riyadh").await?;
    app.open_sample().await?;
    let (day, _) = days_ahead();
    day_cell(&app, day).await?.click().await?;
    let body = "Our new sourdough is here: slow-fermented for 48 hours, baked every morning.";
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(body)
        .await?;
    app.click_button("Bakery on X").await?;
    app.find("#post-variant")
        .await?
        .send_keys("New sourdough: 48h ferment")
        .await?;
    app.sees("own text 26/280").await?;
    // The preview shows what goes to X: its own text.
    eventually("X's own text in the preview", || async {
        let preview = app.find("[data-testid=preview]").await?;
        let kind = preview.attr("data-kind").await?;
        let shown = preview.text().await?;
        Ok(
            (kind.as_deref() == Some("x") && shown.contains("New sourdough: 48h ferment"))
                .then_some(()),
        )
    })
    .await?;
    app.screenshot("composer-variant-en").await?;
    app.click_button("Schedule").await?;
    app.sees("Scheduled for").await?;
    let post = eventually("the post in the CLI", || async { listed_post(&app, body) }).await?;
    let texts: Vec<(String, String)> = post["deliveries"]
        .as_array()
        .expect("deliveries")
        .iter()
        .map(|d| (d["channel"].to_string(), d["text"].to_string()))
        .collect();
    assert!(
        texts.contains(&(
            "\"Bakery on X\"".into(),
            "\"New sourdough: 48h ferment\"".into()
        )),
        "{texts:?}"
    );
    assert!(
        texts.contains(&("\"Bakery on Bluesky\"".into(), format!("\"{body}\""))),
        "{texts:?}"
    );

    // Filtering by a category leaves only its posts on the calendar, and clears.
    let count = || async {
        app.eval("return document.querySelectorAll('.ec-event [data-post]').length")
            .await
            .map(|n| n.as_u64().unwrap_or(0))
    };
    // Counted only once the new post is drawn: the calendar shows the sample
    // posts first and the new one after its own refresh.
    let id = post["id"].as_i64().expect("id");
    app.find(&format!(".ec-event [data-post='{id}']")).await?;
    let all = count().await?;
    app.find("select[aria-label='Category']")
        .await?
        .select_by_label("Question or poll")
        .await?;
    eventually("fewer posts under the filter", || async {
        let n = count().await?;
        Ok((0 < n && n < all).then_some(()))
    })
    .await?;
    // Every post still drawn is a question or poll.
    let drawn = app
        .eval("return [...document.querySelectorAll('.ec-event [data-post]')].map((e) => Number(e.dataset.post))")
        .await?;
    let out = app.cli(&["posts", "list", "--brand", "Rayyan Bakery", "--json"])?;
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    for id in drawn.as_array().expect("ids") {
        let post = posts.iter().find(|p| &p["id"] == id).expect("listed");
        assert_eq!(post["category"], "Question or poll", "{post}");
    }
    app.screenshot("calendar-filtered-en").await?;
    app.click_button("Clear filters").await?;
    eventually("every post again", || async {
        Ok((count().await? == all).then_some(()))
    })
    .await?;
    app.quit().await
}

#[tokio::test]
async fn the_composer_previews_the_post_as_each_channel_will_show_it() -> anyhow::Result<()> {
    let app = App::launch("preview", "Asia/Riyadh").await?;
    app.open_sample().await?;
    let (day, _) = days_ahead();
    day_cell(&app, day).await?.click().await?;
    let preview = "[data-testid=preview]";
    // 287 characters: within Bluesky's 300, seven past X's 280.
    let body = format!("{} #RayyanBakery", "Fresh bread. ".repeat(21));
    assert_eq!(body.chars().count(), 287);
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(&body)
        .await?;
    eventually("the text in the preview", || async {
        let shown = app.find(preview).await?.text().await?;
        Ok(shown.contains("#RayyanBakery").then_some(()))
    })
    .await?;
    assert_eq!(
        app.find(preview).await?.attr("data-kind").await?.as_deref(),
        Some("bluesky")
    );
    assert!(
        app.eval("return document.querySelector('[data-testid=preview] mark.over')")
            .await?
            .is_null()
    );

    // On X the last seven characters go past the limit, and are marked.
    app.find("select[aria-label='Channel to preview']")
        .await?
        .select_by_label("Bakery on X")
        .await?;
    let over = eventually("the part past X's limit", || async {
        let over = app
            .eval("return document.querySelector('[data-testid=preview] mark.over')?.textContent ?? null")
            .await?;
        Ok(over.as_str().map(str::to_owned))
    })
    .await?;
    assert_eq!(over, "nBakery");
    app.sees("The highlighted part is past this network's limit")
        .await?;
    app.screenshot("composer-preview-en").await?;

    // Instagram shows nothing without a picture, and opens no link in a caption.
    app.find("select[aria-label='Channel to preview']")
        .await?
        .select_by_label("Bakery on Instagram")
        .await?;
    app.sees("Instagram shows nothing without a picture")
        .await?;
    app.find("#post-link")
        .await?
        .send_keys("https://rayyan.example/box")
        .await?;
    app.sees("Instagram does not open links in a caption")
        .await?;
    // The note shows from the link's first letter: wait for the whole of it.
    eventually("the link at the caption's end", || async {
        let shown = app.find(preview).await?.text().await?;
        Ok(shown
            .ends_with("#RayyanBakery\nhttps://rayyan.example/box")
            .then_some(()))
    })
    .await?;
    // Without the link, the post is its text again.
    app.eval(
        "const link = document.getElementById('post-link'); link.value = ''; \
         link.dispatchEvent(new Event('input', { bubbles: true }));",
    )
    .await?;
    eventually("the link gone from the preview", || async {
        let shown = app.find(preview).await?.text().await?;
        Ok(shown.ends_with("#RayyanBakery").then_some(()))
    })
    .await?;
    let notes =
        "return [...document.querySelectorAll('[role=note]')].map(n => n.innerText).join('\\n')";
    let without_link = app.eval(notes).await?;
    assert!(
        !without_link.to_string().contains("does not open links"),
        "{without_link}"
    );
    // A web address written in the text is a link too.
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(" https://rayyan.example/menu")
        .await?;
    app.sees("Instagram does not open links in a caption")
        .await?;

    // In the narrowest window the preview goes below the form, a post's width.
    app.client.set_window_size(880, 640).await?;
    let below = "const pane = document.querySelector('.preview-pane').getBoundingClientRect(); \
        const form = document.querySelector('.editor').getBoundingClientRect(); \
        return pane.top >= form.bottom && pane.width <= 26 * 16 + 1";
    eventually("the preview below the form", || async {
        Ok((app.eval(below).await? == true).then_some(()))
    })
    .await?;
    app.eval("document.querySelector('.preview-pane').scrollIntoView()")
        .await?;
    app.screenshot("composer-narrow-en").await?;
    app.quit().await
}

#[tokio::test]
async fn the_calendar_exports_as_csv_and_ics_into_downloads() -> anyhow::Result<()> {
    let app = App::launch("export", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.click_button("Export").await?;
    app.screenshot("export-menu-en").await?;
    app.click_xpath("//button[@role='menuitem'][contains(., 'Posts as CSV')]")
        .await?;
    let csv = app.saved_path().await?;
    let name = csv.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    assert!(
        name.starts_with("Rayyan Bakery posts ") && name.ends_with(".csv"),
        "{csv:?}"
    );
    let text = std::fs::read_to_string(&csv)?;
    assert!(
        text.starts_with("id,status,body,link,category,at_utc,at_local,zone,repeat,deliveries")
    );
    assert!(text.contains(WEEKLY_BOX));

    app.click_button("Export").await?;
    app.click_xpath("//button[@role='menuitem'][contains(., 'Calendar file')]")
        .await?;
    let ics = eventually("a second export", || async {
        let path = app.saved_path().await?;
        Ok((path.extension().is_some_and(|e| e == "ics")).then_some(path))
    })
    .await?;
    let text = std::fs::read_to_string(&ics)?;
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("RRULE:FREQ=WEEKLY;COUNT=12"));
    app.quit().await
}

#[tokio::test]
async fn a_picture_goes_with_the_post_with_its_description() -> anyhow::Result<()> {
    let app = App::launch("pictures", "Asia/Riyadh").await?;
    app.open_sample().await?;
    let (day, _) = days_ahead();
    day_cell(&app, day).await?.click().await?;
    let body = "Saturday's breakfast box is back";
    app.find("dialog[open] #post-body")
        .await?
        .send_keys(body)
        .await?;
    let picture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/core/assets/sample/breakfast-box.png")
        .canonicalize()?;
    // Chosen with a file that is no picture: that one is named with why, the picture
    // is added all the same.
    let not_a_picture = app.data_dir.join("menu.png");
    std::fs::write(&not_a_picture, "Monday: manakeesh, Tuesday: ka'ak")?;
    app.find("#post-pictures")
        .await?
        .send_keys(&format!(
            "{}\n{}",
            not_a_picture.display(),
            picture.display()
        ))
        .await?;
    app.sees("menu.png: Majlis could not open that file as a picture")
        .await?;
    // The window draws its own preview, and asks for a description.
    app.find(".picture img[src^='data:image/jpeg']").await?;
    app.sees("No description yet").await?;
    app.sees("Description (alt text)").await?;
    app.find("textarea[aria-label='Description of picture 1']")
        .await?
        .send_keys("Two round loaves, white cheese and za'atar in a basket")
        .await?;
    app.screenshot("composer-picture-en").await?;
    app.click_button("Schedule").await?;
    app.sees("Scheduled for").await?;
    let post = eventually("the post in the CLI", || async { listed_post(&app, body) }).await?;
    assert_eq!(
        post["media"][0]["alt"],
        "Two round loaves, white cheese and za'atar in a basket"
    );
    let stored = app
        .data_dir
        .join(post["media"][0]["file"].as_str().unwrap_or_default());
    assert_eq!(std::fs::read(stored)?, std::fs::read(&picture)?);
    app.quit().await
}

#[tokio::test]
async fn posting_times_are_edited_beside_the_queue() -> anyhow::Result<()> {
    let app = App::launch("slots", "Asia/Riyadh").await?;
    app.click_button("Try with a sample brand").await?;
    app.click_button("Posting times").await?;
    app.sees("Add to queue puts each post in the next free time")
        .await?;
    // Saturday had no posting time in the sample: give it one at 10:00, and drop Friday's.
    // WebKitWebDriver cannot type into the native time field's parts: set it as the
    // picker does, with an input event.
    app.find("input[aria-label='New time on Saturday']").await?;
    app.eval(
        "const field = document.querySelector(\"input[aria-label='New time on Saturday']\");
         field.value = '10:00';
         field.dispatchEvent(new Event('input', { bubbles: true }));",
    )
    .await?;
    app.find("button[aria-label='Add a time on Saturday']")
        .await?
        .click()
        .await?;
    app.find("button[aria-label^='Remove Friday']")
        .await?
        .click()
        .await?;
    // The keyboard goes on to Friday's new time, not out of the dialog.
    let focused = app
        .eval("return document.activeElement.getAttribute('aria-label')")
        .await?;
    assert_eq!(focused, "New time on Friday");
    // A time typed for Sunday without "+" is saved with the rest.
    app.eval(
        "const field = document.querySelector(\"input[aria-label='New time on Sunday']\");
         field.value = '06:15';
         field.dispatchEvent(new Event('input', { bubbles: true }));",
    )
    .await?;
    app.screenshot("posting-times-en").await?;
    app.click_button("Save posting times").await?;
    app.sees("Posting times saved.").await?;
    let out = app.cli(&["slot", "list", "--brand", "Rayyan Bakery", "--json"])?;
    let slots: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    assert!(
        slots.contains(&serde_json::json!({"day": "sat", "time": "10:00"})),
        "{slots:?}"
    );
    assert!(
        slots.contains(&serde_json::json!({"day": "sun", "time": "06:15"})),
        "{slots:?}"
    );
    assert!(!slots.iter().any(|s| s["day"] == "fri"), "{slots:?}");
    assert_eq!(slots.len(), 12);

    // Closing the queue is remembered: the window read afresh, as at the next start,
    // opens with it closed, until the person opens it again.
    app.click_xpath("//button[@aria-pressed='true'][contains(., 'Queue')]")
        .await?;
    eventually("the queue to close", || async {
        queue_shown(&app, false).await
    })
    .await?;
    app.reload("[data-testid='calendar'] .ec-day").await?;
    assert_eq!(
        app.eval(QUEUE_SHOWN).await?,
        serde_json::json!(false),
        "the queue is closed after the window was read again"
    );
    app.click_xpath("//button[@aria-pressed='false'][contains(., 'Queue')]")
        .await?;
    eventually("the queue to open again", || async {
        queue_shown(&app, true).await
    })
    .await?;
    app.quit().await
}

/// Whether the queue panel is beside the calendar, in the page.
const QUEUE_SHOWN: &str = "return document.querySelector(\"[data-testid='queue']\") !== null";

async fn queue_shown(app: &App, shown: bool) -> anyhow::Result<Option<()>> {
    Ok((app.eval(QUEUE_SHOWN).await? == serde_json::json!(shown)).then_some(()))
}

#[tokio::test]
async fn a_busy_day_shows_a_few_posts_and_opens_whole_as_a_list() -> anyhow::Result<()> {
    let app = App::launch("busy-day", "Asia/Riyadh").await?;
    let (day, _) = days_ahead();
    let out = app.cli(&["sample"])?;
    anyhow::ensure!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for hour in 10..16 {
        let at = format!("{day} {hour}:00");
        let text = format!("Tasting at {hour}:00");
        let out = app.cli(&[
            "post",
            "add",
            "--brand",
            "Rayyan Bakery",
            "--channel",
            "Bakery on X",
            "--at",
            &at,
            "--text",
            &text,
        ])?;
        anyhow::ensure!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The window may have read the store before the CLI wrote all of it: read afresh,
    // it opens on the sample's calendar with every post.
    app.reload("[data-testid='calendar'] .ec-day").await?;
    let more = format!("[data-more='{day}']");
    day_cell(&app, day).await?;
    app.find(&more).await?;
    // The sample may have posts of its own that day.
    let out = app.cli(&["posts", "list", "--brand", "Rayyan Bakery", "--json"])?;
    let posts: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout)?;
    let that_day: Vec<i64> = posts
        .iter()
        .filter(|p| {
            p["at_local"]
                .as_str()
                .is_some_and(|at| at.starts_with(&day.to_string()))
        })
        .filter_map(|p| p["id"].as_i64())
        .collect();
    app.sees(&format!("+{} more", that_day.len() - 2)).await?;
    let drawn = app
        .eval("return [...document.querySelectorAll('.ec-event [data-post]')].map(e => Number(e.dataset.post))")
        .await?;
    let drawn_that_day = that_day
        .iter()
        .filter(|id| drawn.as_array().is_some_and(|d| d.contains(&(**id).into())))
        .count();
    assert_eq!(
        drawn_that_day,
        2,
        "two of the day's {} posts drawn in the month",
        that_day.len()
    );
    app.screenshot("calendar-busy-month-en").await?;
    app.find(&more).await?.click().await?;
    app.find(".ec-list").await?;
    // Shown as chosen, to the eye and to assistive technology.
    let chosen = "return [...document.querySelectorAll('.ec-end .ec-button[aria-pressed=true]')].map(b => b.innerText.trim())";
    eventually("the Day view shown as chosen", || async {
        Ok((app.eval(chosen).await? == serde_json::json!(["Day"])).then_some(()))
    })
    .await?;
    for hour in 10..16 {
        app.sees(&format!("Tasting at {hour}:00")).await?;
    }
    // A list's times read as the queue's ("10:00 AM"), and still do once the calendar
    // has drawn again with another filter.
    let times =
        "return [...document.querySelectorAll('.ec-list .time')].map(t => t.textContent.trim())";
    let listed = |times: serde_json::Value| {
        let times: Vec<String> = serde_json::from_value(times).unwrap_or_default();
        times.iter().any(|t| t == "10:00 AM") && !times.iter().any(|t| t == "10 AM")
    };
    anyhow::ensure!(listed(app.eval(times).await?), "{}", app.eval(times).await?);
    app.find("select[aria-label='Channel']")
        .await?
        .select_by_label("Bakery on X")
        .await?;
    app.find("select[aria-label='Channel']")
        .await?
        .select_by_label("All channels")
        .await?;
    eventually("the list drawn again, its times as the queue's", || async {
        Ok(listed(app.eval(times).await?).then_some(()))
    })
    .await?;
    app.screenshot("calendar-busy-day-en").await?;
    app.quit().await
}

#[tokio::test]
async fn a_post_closed_unsaved_can_be_kept_as_a_draft_from_the_question() -> anyhow::Result<()> {
    let app = App::launch("composer-draft", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.click_button("New post").await?;
    let body = "Sourdough Saturday: first loaves at 7";
    let text = app.find("dialog[open] #post-body").await?;
    text.send_keys(body).await?;
    text.send_keys(&char::from(fantoccini::key::Key::Escape).to_string())
        .await?;
    app.sees("Close without saving? Your changes will be lost.")
        .await?;
    app.click_xpath("//*[@data-testid='discard-check']//button[normalize-space(.)='Save draft']")
        .await?;
    app.sees("Draft saved.").await?;
    app.sees_none("dialog[open]").await?;
    let post = eventually("the draft in the CLI", || async { listed_post(&app, body) }).await?;
    assert_eq!(post["status"], "draft");
    app.quit().await
}

#[tokio::test]
async fn today_is_the_brand_s_day_wherever_the_computer_is() -> anyhow::Result<()> {
    // The computer at UTC+14, the brand at UTC−11 (neither keeps summer time): their
    // days are never the same one.
    let app = App::launch("calendar-today", "Pacific/Kiritimati").await?;
    let add_brand = |name: &str, zone: &str| {
        let added = app.cli(&["brand", "add", name, "--timezone", zone])?;
        anyhow::ensure!(
            added.status.success(),
            "{}",
            String::from_utf8_lossy(&added.stderr)
        );
        Ok(())
    };
    add_brand("Harbour Café", "Pacific/Pago_Pago")?;
    app.reload("[data-testid='calendar'] .ec-day").await?;
    let brand_today = || {
        (Utc::now() - chrono::Duration::hours(11))
            .date_naive()
            .to_string()
    };
    let before = brand_today();
    let is_brand_today = |day: &serde_json::Value| *day == before || *day == brand_today();
    let marked = "return document.querySelector('.ec-today time[datetime]')?.getAttribute('datetime') ?? null";
    let month = app.eval(marked).await?;
    assert!(
        is_brand_today(&month),
        "the month marks {month} as today; the brand's day is {before}"
    );
    app.screenshot("calendar-brand-today-en").await?;
    // "Today" in the week view goes to the brand's week, and marks its day.
    app.click_button("Week").await?;
    app.find(".ec-next").await?.click().await?;
    app.click_button("Today").await?;
    let week = eventually("the brand's week", || async {
        Ok(Some(app.eval(marked).await?).filter(|day| !day.is_null()))
    })
    .await?;
    assert!(is_brand_today(&week), "the week marks {week}");
    // Insights' "last 30 days" end on the brand's today.
    app.press_ctrl('5').await?;
    app.sees("Answering on time").await?;
    let to = app
        .eval("return document.querySelectorAll('input[type=date]')[1].value")
        .await?;
    assert!(is_brand_today(&to), "Insights end on {to}");
    // A brand on UTC all year: the library reads a zero offset as none, so the window
    // gives it a minute east (at the computer's UTC+14 the days differ from 10:00 UTC).
    add_brand("Reykjavik Roasters", "Atlantic/Reykjavik")?;
    app.press_ctrl('1').await?;
    app.reload("[data-testid='calendar'] .ec-day").await?;
    app.find(".switcher [aria-haspopup=menu]")
        .await?
        .click()
        .await?;
    app.click_xpath("//*[@role='menuitemradio'][contains(., 'Reykjavik Roasters')]")
        .await?;
    app.sees("Your content plan for Reykjavik Roasters").await?;
    let utc_today = || Utc::now().date_naive().to_string();
    let before = utc_today();
    let day = eventually("Reykjavik's month", || async {
        Ok(Some(app.eval(marked).await?).filter(|day| !day.is_null()))
    })
    .await?;
    assert!(
        day == before || day == utc_today(),
        "Reykjavik's today marked {day}"
    );
    app.quit().await
}
