// Keep a console window from opening next to the window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

//! A bare Tauri 2 window showing a static page: no plugins, no state, no commands. It is
//! the floor of DESIGN.md's start-up and memory budgets, which `cargo xtask startup`
//! measures Majlis against in the same run.

use std::process::ExitCode;

fn main() -> ExitCode {
    match tauri::Builder::default().run(tauri::generate_context!()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bare-window: {e}");
            ExitCode::FAILURE
        }
    }
}
