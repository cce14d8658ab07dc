// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! The Majlis desktop app.

fn main() -> std::process::ExitCode {
    majlis_app::run()
}
