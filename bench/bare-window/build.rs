//! Generates the Tauri context (config, embedded page, icons) for the bare window.

fn main() {
    tauri_build::build();
}
