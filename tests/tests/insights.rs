//! Insights in the real app, on the sample brand: the figures with their definitions,
//! the chart by week and its numbers as a table, the topics; in English and Arabic.

use majlis_e2e::{App, eventually};

/// Waits until the chart fills its panel (it draws at its container's size).
async fn chart_drawn(app: &App) -> anyhow::Result<()> {
    eventually("the chart across its panel", || async {
        let filled = app
            .eval("const c = document.querySelector('.chart canvas'); return !!c && c.getBoundingClientRect().width >= 0.9 * c.parentElement.getBoundingClientRect().width")
            .await?;
        Ok((filled == true).then_some(()))
    })
    .await
}

#[tokio::test]
async fn the_figures_read_with_their_meaning_as_a_chart_or_a_table() -> anyhow::Result<()> {
    let app = App::launch("insights", "Asia/Riyadh").await?;
    app.open_sample().await?;
    app.press_ctrl('5').await?;
    app.sees("Answering on time").await?;
    app.sees("Of the messages that needed an answer").await?;
    // The window shows what the core computes for the last 30 days (Riyadh days).
    let today = (chrono::Utc::now() + chrono::Duration::hours(3)).date_naive();
    let from = (today - chrono::Days::new(29)).to_string();
    let out = app.cli(&[
        "insights",
        "response",
        "--brand",
        "Rayyan Bakery",
        "--from",
        &from,
        "--to",
        &today.to_string(),
        "--json",
    ])?;
    let figures: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    let expected = format!(
        "{} %",
        (figures["overall"]["responseRate"]
            .as_f64()
            .unwrap_or_default()
            * 100.0)
            .round()
    );
    let rate = app
        .eval("return document.querySelector('[data-testid=insight-rate] strong').innerText")
        .await?;
    assert_eq!(rate, expected.as_str());
    chart_drawn(&app).await?;
    app.screenshot("insights-en").await?;
    app.click_button("Show the numbers").await?;
    app.find("table").await?;
    app.sees("Week of").await?;
    app.sees("What you published").await?;
    app.sees("Content mix").await?;
    app.click_button("Last 7 days").await?;
    app.sees("What people raise").await?;
    app.quit().await
}

#[tokio::test]
async fn insights_read_right_to_left_in_arabic() -> anyhow::Result<()> {
    let app = App::launch("insights-ar", "Asia/Riyadh").await?;
    app.click_button("العربية").await?;
    app.click_button("جرّب بعلامة تجارية نموذجية").await?;
    app.find(".ec-event [data-post]").await?;
    app.press_ctrl('5').await?;
    app.sees("الرد في الوقت").await?;
    chart_drawn(&app).await?;
    app.screenshot("insights-ar").await?;
    app.quit().await
}
