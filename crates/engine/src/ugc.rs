//! The engine's side of featuring the community: running saved searches, fetching
//! the pictures they find (re-encoded before anything shows them), asking creators for
//! permission, and letting requests and grants run out.

use majlis_core::media;
use majlis_core::time::{Clock, SystemClock};
use majlis_core::ugc::request;
use majlis_core::ugc::rights;
use majlis_core::ugc::searches::{self, SearchRun};
use majlis_core::ugc::{FoundPicture, UgcId};

use crate::connectors::RemotePicture;
use crate::engine::Engine;
use crate::{Error, Result, messages};

impl Engine {
    /// Lets unanswered requests and ended grants expire (holding their posts), then
    /// runs every saved search that is due. Returns how many items came onto the
    /// board; a search that fails is logged and tried again next time.
    pub async fn curate_due(&self) -> Result<usize> {
        let expired = self
            .store()
            .write(|tx| rights::expire_due(tx, SystemClock.now()))?;
        let runs = self.store().read(|c| searches::due(c, SystemClock.now()))?;
        let mut added = 0;
        for run in &runs {
            match self.run_search(run).await {
                Ok(n) => added += n,
                Err(e) => tracing::warn!(
                    search = run.search.id.0,
                    channel = run.route.channel.0,
                    "cannot run the saved search: {e}"
                ),
            }
        }
        if added > 0 || !expired.is_empty() {
            self.ugc_changed();
            if !expired.is_empty() {
                // Held posts left the schedule.
                self.schedule_changed();
            }
        }
        Ok(added)
    }

    async fn run_search(&self, run: &SearchRun) -> Result<usize> {
        let connector = self
            .publisher()
            .connector(&run.route)
            .map_err(|f| Error::Listen(f.to_string()))?;
        let discovered = connector
            .search(&run.search, run.cursor.as_deref())
            .await
            .map_err(|f| Error::Listen(f.to_string()))?;
        let mut found = Vec::with_capacity(discovered.items.len());
        for (mut item, pictures) in discovered.items {
            item.pictures = self.fetch(&pictures).await;
            found.push(item);
        }
        let added = self.store().write(|tx| {
            searches::found(
                tx,
                &run.search,
                run.route.channel,
                &found,
                discovered.cursor.as_deref(),
                SystemClock.now(),
            )
        })?;
        Ok(added.len())
    }

    /// Fetches `pictures` and stores them re-encoded; one that cannot be fetched or
    /// read is left out (the item still comes onto the board, with its address).
    async fn fetch(&self, pictures: &[RemotePicture]) -> Vec<FoundPicture> {
        let mut stored = Vec::with_capacity(pictures.len());
        for picture in pictures {
            let mut problems = Vec::new();
            for url in &picture.urls {
                match self.fetch_one(url).await {
                    Ok(cleaned) => {
                        stored.push(FoundPicture {
                            file: cleaned.file,
                            thumbnail: Some(cleaned.thumbnail),
                            alt: picture.alt.clone(),
                            original_url: picture.urls.first().cloned(),
                        });
                        problems.clear();
                        break;
                    }
                    Err(e) => problems.push(e.to_string()),
                }
            }
            if !problems.is_empty() {
                tracing::warn!("cannot take a found picture: {}", problems.join("; "));
            }
        }
        stored
    }

    async fn fetch_one(&self, url: &str) -> Result<media::Cleaned> {
        let failed = |e: String| Error::Listen(format!("{url}: {e}"));
        let url = url::Url::parse(url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https"))
            .ok_or_else(|| failed("not a web address".into()))?;
        let mut response = self
            .publisher()
            .http()
            .get(url.clone())
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| failed(e.to_string()))?;
        // Read no further than the largest picture Majlis takes, whatever the server says.
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| failed(e.to_string()))? {
            if bytes.len() + chunk.len() > media::MAX_BYTES {
                return Err(failed(format!(
                    "larger than {} MB",
                    media::MAX_BYTES / (1024 * 1024)
                )));
            }
            bytes.extend_from_slice(&chunk);
        }
        let data_dir = self.data_dir().to_owned();
        let cleaned = tokio::task::spawn_blocking(move || {
            media::store_untrusted(&data_dir, "a found picture", &bytes)
        })
        .await
        .map_err(|e| failed(e.to_string()))??;
        Ok(cleaned)
    }

    /// Asks the creator of item `id` for permission: a reply to their post, in the
    /// person's words or the brand's rights request templates'. When it does not go
    /// out, the item stays as it was and the error says why.
    pub async fn ask_rights(&self, id: UgcId, wording: request::Words<'_>) -> Result<()> {
        let outgoing = self
            .store()
            .write(|tx| request::begin(tx, id, wording, SystemClock.now()))?;
        let sent = self.send_reply(&outgoing.route, &outgoing.envelope).await;
        self.store()
            .write(|tx| request::record(tx, &outgoing, &sent, SystemClock.now()))?;
        self.ugc_changed();
        match sent {
            majlis_core::inbox::replies::Sent::Landed { .. } => Ok(()),
            majlis_core::inbox::replies::Sent::Failed(why) => Err(Error::RequestFailed(
                why.in_language(messages::language(self.store())).to_owned(),
            )),
        }
    }
}
