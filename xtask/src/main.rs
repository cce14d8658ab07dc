//! `cargo xtask`: everything a fresh Debian/Ubuntu machine with Rust and Node needs.
//!
//! - `run`      install what is missing, build the UI and the app, launch it
//! - `test`     the same set-up plus the test tools, then every test layer, ending
//!   with one line `N passed, N failed`
//! - `bench`    the criterion benchmarks of the performance budgets (release build)
//! - `startup`  the app's start and idle memory against a bare Tauri window (release build)
//! - `ui`       build the UI into ui/dist (the app embeds it)
//! - `bindings` regenerate ui/src/lib/bindings.ts from the Rust command types

mod setup;
mod startup;
mod tally;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};

use tally::{Layer, Tally};

const USAGE: &str = "usage: cargo xtask <run|test|bench|startup|ui|bindings> [args for the app…]";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    let result = match task.as_str() {
        "run" => run(args.collect()),
        "test" => test(),
        "bench" => bench().map(|()| true),
        "startup" => startup::run(),
        "ui" => setup::ui_dependencies()
            .and_then(|()| build_ui())
            .map(|()| true),
        "bindings" => bindings(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("xtask {task}: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The repository root, wherever in it `cargo xtask` was started.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

/// The benchmarks: criterion's in core, and the real runs against peers (publishing
/// through `majlis engine run`; overdue notifications on a private desktop, with the
/// release CLI).
fn bench() -> anyhow::Result<()> {
    cargo(&["bench", "-p", "majlis-core", "-p", "majlis-cli"])?;
    setup::system_packages(setup::TEST_PACKAGES)?;
    cargo(&["build", "--release", "-p", "majlis-cli"])?;
    checked(
        Command::new(env!("CARGO"))
            .args(["bench", "-p", "majlis-e2e", "--bench", "notify"])
            .env("MAJLIS_CLI_BIN", root().join("target/release/majlis"))
            .current_dir(root()),
    )
}

fn run(app_args: Vec<String>) -> anyhow::Result<bool> {
    setup::system_packages(setup::BUILD_PACKAGES)?;
    setup::ui_dependencies()?;
    build_ui()?;
    cargo(&["build", "-p", "majlis-app", "-p", "majlis-cli"])?;
    let status = Command::new(root().join("target/debug/majlis-app"))
        .args(app_args)
        .status()?;
    Ok(status.success())
}

fn test() -> anyhow::Result<bool> {
    setup::system_packages(setup::BUILD_PACKAGES)?;
    setup::system_packages(setup::TEST_PACKAGES)?;
    setup::tauri_driver()?;
    setup::ui_dependencies()?;

    let mut tally = Tally::default();
    step("checking formatting")?;
    tally.check(
        "cargo fmt",
        cargo(&["fmt", "--all", "--", "--check"]).is_ok(),
    );
    tally.check("svelte-check", npm(&["run", "check"]).is_ok());
    build_ui()?;
    step("linting")?;
    tally.check(
        "clippy",
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])
        .is_ok(),
    );

    step("UI unit tests (vitest)")?;
    tally.add(Layer::ui(&root().join("ui"))?);
    step("Rust tests (core, engine, CLI, app)")?;
    tally.add(Layer::cargo(
        "rust",
        &[
            "test",
            "--workspace",
            "--exclude",
            "majlis-e2e",
            "--no-fail-fast",
        ],
    )?);
    step("end-to-end tests (the real app under Xvfb)")?;
    cargo(&["build", "-p", "majlis-app", "-p", "majlis-cli"])?;
    tally.add(Layer::cargo(
        "e2e",
        &["test", "-p", "majlis-e2e", "--no-fail-fast"],
    )?);

    Ok(tally.report())
}

fn bindings() -> anyhow::Result<bool> {
    let status = Command::new(env!("CARGO"))
        .args([
            "test",
            "-p",
            "majlis-app",
            "typescript_bindings_are_current",
        ])
        .env("MAJLIS_WRITE_BINDINGS", "1")
        .current_dir(root())
        .status()?;
    Ok(status.success())
}

fn build_ui() -> anyhow::Result<()> {
    step("building the UI")?;
    npm(&["run", "build"])
}

fn step(what: &str) -> anyhow::Result<()> {
    eprintln!("\n==> {what}");
    Ok(())
}

/// Runs cargo in the repository root, failing on a non-zero exit.
pub fn cargo(args: &[&str]) -> anyhow::Result<()> {
    checked(Command::new(env!("CARGO")).args(args).current_dir(root()))
}

/// Runs npm in `ui/`, failing on a non-zero exit.
pub fn npm(args: &[&str]) -> anyhow::Result<()> {
    checked(
        Command::new("npm")
            .args(args)
            .current_dir(root().join("ui")),
    )
}

fn checked(command: &mut Command) -> anyhow::Result<()> {
    let status = command
        .status()
        .with_context(|| format!("cannot start {command:?}"))?;
    if !status.success() {
        bail!("{command:?} failed ({status})");
    }
    Ok(())
}
