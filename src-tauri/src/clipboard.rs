//! The system clipboard, for a reminder's caption (ready to paste in the network's app).
//!
//! On X11 the copying program serves the clipboard to whoever pastes: one clipboard
//! lives as long as the app, so what it copied stays pasteable.

use std::sync::{Mutex, OnceLock};

static CLIPBOARD: OnceLock<Option<Mutex<arboard::Clipboard>>> = OnceLock::new();

/// Puts `text` on the clipboard; a desktop without one is logged, not fatal.
pub fn copy(text: &str) {
    let clipboard = CLIPBOARD.get_or_init(|| match arboard::Clipboard::new() {
        Ok(clipboard) => Some(Mutex::new(clipboard)),
        Err(e) => {
            tracing::warn!("no clipboard: {e}");
            None
        }
    });
    let Some(clipboard) = clipboard else { return };
    let copied = clipboard
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .set_text(text.to_owned());
    if let Err(e) = copied {
        tracing::warn!("cannot copy the caption: {e}");
    }
}
