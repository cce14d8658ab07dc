//! Printing the client report with WebKit's own print operation, on a web view of its
//! own: off screen, with script turned off, showing nothing but the report's page. It
//! prints straight to a PDF file, or through the system's print dialog to a printer.
//!
//! GTK lives on the main thread: the work is handed to it, and the caller (a command,
//! on a worker thread) waits for the printing to finish.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use gtk::prelude::*;
use tauri::{AppHandle, Manager, Runtime};
use webkit2gtk::{LoadEvent, PrintOperation, PrintOperationExt, SettingsExt, WebView, WebViewExt};

/// Where the page goes.
pub enum Destination<'a> {
    /// A PDF file, written over.
    Pdf(&'a Path),
    /// The print dialog, over the app's window.
    Dialog,
}

/// How long printing a report to a file may take before the caller gives up waiting
/// (the dialog waits for the person, however long they take).
const PATIENCE: Duration = Duration::from_secs(60);

/// Prints `html` (a self-contained page) to `destination`; returns when it is done.
/// From the dialog, a person who cancels is done too.
pub fn print<R: Runtime>(
    app: &AppHandle<R>,
    html: String,
    destination: Destination<'_>,
) -> Result<(), String> {
    let (done, finished) = mpsc::channel::<Result<(), String>>();
    let to_file = matches!(destination, Destination::Pdf(_));
    let output = match destination {
        Destination::Pdf(path) => Some(
            url::Url::from_file_path(path)
                .map_err(|()| format!("{} is not a path a PDF can go to", path.display()))?
                .to_string(),
        ),
        Destination::Dialog => None,
    };
    let main = app.get_webview_window("main");
    app.run_on_main_thread(move || {
        // The dialog sits over the app's window.
        let parent = match output {
            Some(_) => None,
            None => main.and_then(|w| w.gtk_window().ok()),
        };
        let window = gtk::OffscreenWindow::new();
        let view = WebView::new();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_enable_javascript(false);
        }
        window.add(&view);
        window.show_all();
        let (unloaded, offscreen) = (done.clone(), window.clone());
        view.connect_load_failed(move |_, _, _, error| {
            let _ = unloaded.send(Err(error.to_string()));
            offscreen.close();
            true
        });
        view.connect_load_changed(move |view, event| {
            if event != LoadEvent::Finished {
                return;
            }
            let operation = PrintOperation::new(view);
            let page = gtk::PageSetup::new();
            page.set_paper_size_and_default_margins(&gtk::PaperSize::new(Some("iso_a4")));
            operation.set_page_setup(&page);
            let (ok, failed) = (done.clone(), done.clone());
            let offscreen = window.clone();
            operation.connect_finished(move |_| {
                let _ = ok.send(Ok(()));
                offscreen.close();
            });
            operation.connect_failed(move |_, error| {
                let _ = failed.send(Err(error.to_string()));
            });
            match (&output, &parent) {
                (Some(uri), _) => {
                    let settings = gtk::PrintSettings::new();
                    // GTK names its file printer in the desktop's language.
                    let printer = gtk::glib::dgettext(Some("gtk30"), "Print to File");
                    settings.set_printer(&printer);
                    settings.set(gtk::PRINT_SETTINGS_OUTPUT_FILE_FORMAT, Some("pdf"));
                    settings.set(gtk::PRINT_SETTINGS_OUTPUT_URI, Some(uri));
                    operation.set_print_settings(&settings);
                    operation.print();
                }
                (None, parent) => {
                    if operation.run_dialog(parent.as_ref())
                        == webkit2gtk::PrintOperationResponse::Cancel
                    {
                        let _ = done.send(Ok(()));
                        window.close();
                    }
                }
            }
        });
        view.load_html(&html, None);
    })
    .map_err(|e| e.to_string())?;
    if to_file {
        finished
            .recv_timeout(PATIENCE)
            .map_err(|_| "printing did not finish within a minute".to_owned())?
    } else {
        finished
            .recv()
            .map_err(|_| "printing stopped without saying how".to_owned())?
    }
}
