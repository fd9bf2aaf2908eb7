//! Helpers of the search tests: build a site, run Node's test runner on it.

use std::path::{Path, PathBuf};
use std::process::Command;

use wegwijs::{NoProgress, Overrides};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds a fixture site into a temporary folder.
pub fn build_site(root: &Path, out: &Path) {
    // Plain names: the Node tests load js/search-core.js and read zoeken/index/ by name.
    // Fingerprinted names are tested in tests/deploy.rs and tests/browser/.
    let overrides = Overrides { output_dir: Some(out.to_path_buf()), no_fingerprint: true, ..Default::default() };
    if let Err(e) = wegwijs::build(root, &overrides, &NoProgress) {
        panic!("building {} failed: {e:?}", root.display());
    }
}

/// Runs Node's test runner on `tests` with `env` set; skips (with a message) without Node.
pub fn node_test(tests: &[&str], env: &[(&str, &Path)]) {
    let Ok(version) = Command::new("node").arg("--version").output() else {
        eprintln!("SKIPPED: `node` is not installed, so the JavaScript half of the search was not tested");
        return;
    };
    assert!(version.status.success());
    let mut cmd = Command::new("node");
    cmd.arg("--test").args(tests.iter().map(|t| repo().join(t))).current_dir(repo());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "node --test failed:\n{stdout}");
}
