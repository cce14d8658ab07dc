//! Counting tests across layers into one closing line.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::root;

/// One test layer's result.
pub struct Layer {
    name: &'static str,
    passed: u64,
    failed: u64,
}

impl Layer {
    /// Runs `cargo ARGS`, echoing its output and adding up libtest's `test result:` lines.
    /// A run that fails without a failed test (it did not build) counts as one failure.
    pub fn cargo(name: &'static str, args: &[&str]) -> anyhow::Result<Self> {
        let mut child = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .spawn()?;
        let (mut passed, mut failed) = (0, 0);
        if let Some(stdout) = child.stdout.take() {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                println!("{line}");
                if let Some((p, f)) = parse_test_result(&line) {
                    passed += p;
                    failed += f;
                }
            }
        }
        let ok = child.wait()?.success();
        if !ok && failed == 0 {
            failed = 1;
        }
        Ok(Self {
            name,
            passed,
            failed,
        })
    }

    /// Runs vitest and reads its JSON report.
    pub fn ui(ui: &Path) -> anyhow::Result<Self> {
        let report = root().join("target/vitest.json");
        let status = Command::new("npx")
            .args(["vitest", "run", "--reporter=default", "--reporter=json"])
            .arg(format!("--outputFile.json={}", report.display()))
            .current_dir(ui)
            .status()?;
        let json: serde_json::Value = std::fs::read(&report)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        let count = |key: &str| json[key].as_u64().unwrap_or(0);
        let (passed, mut failed) = (count("numPassedTests"), count("numFailedTests"));
        if !status.success() && failed == 0 {
            failed = 1;
        }
        Ok(Self {
            name: "ui",
            passed,
            failed,
        })
    }
}

/// Parses `test result: ok. 3 passed; 0 failed; …`.
fn parse_test_result(line: &str) -> Option<(u64, u64)> {
    let rest = line.strip_prefix("test result: ")?;
    let number_before = |word: &str| -> Option<u64> {
        let end = rest.find(word)?;
        rest[..end].trim_end().rsplit(' ').next()?.parse().ok()
    };
    Some((number_before(" passed")?, number_before(" failed")?))
}

/// All layers and checks of one `cargo xtask test`.
#[derive(Default)]
pub struct Tally {
    layers: Vec<Layer>,
    failed_checks: Vec<&'static str>,
}

impl Tally {
    /// Records a check that is not a test (formatting, lints).
    pub fn check(&mut self, name: &'static str, ok: bool) {
        if !ok {
            self.failed_checks.push(name);
        }
    }

    /// Records a test layer.
    pub fn add(&mut self, layer: Layer) {
        self.layers.push(layer);
    }

    /// Prints each layer and the closing `N passed, N failed` line; true when all is green.
    pub fn report(&self) -> bool {
        println!();
        for layer in &self.layers {
            println!(
                "{:>4}: {} passed, {} failed",
                layer.name, layer.passed, layer.failed
            );
        }
        if !self.failed_checks.is_empty() {
            println!("failed checks: {}", self.failed_checks.join(", "));
        }
        let passed: u64 = self.layers.iter().map(|l| l.passed).sum();
        let failed: u64 =
            self.layers.iter().map(|l| l.failed).sum::<u64>() + self.failed_checks.len() as u64;
        println!("{passed} passed, {failed} failed");
        failed == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_libtest_summaries() {
        assert_eq!(
            parse_test_result(
                "test result: ok. 53 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.02s"
            ),
            Some((53, 0))
        );
        assert_eq!(
            parse_test_result("test result: FAILED. 1 passed; 2 failed; 0 ignored"),
            Some((1, 2))
        );
        assert_eq!(parse_test_result("running 3 tests"), None);
    }
}
