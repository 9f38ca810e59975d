//! Nothing lost under faults (故障下不丢数据):
//!
//! - `zhizao screen -o out.xlsx` killed (SIGKILL) at several moments leaves
//!   out.xlsx either exactly as it was or a complete new workbook, never half
//!   of one;
//! - an output that cannot be written (a folder that does not exist, a full
//!   device) is a clear error with exit code 2, and a device is never
//!   replaced by a file. Tests run as root, so permission bits would not stop
//!   a write: the cases use a missing folder and /dev/full (every write fails
//!   with ENOSPC, like a full disk) instead.

use assert_cmd::Command;
use calamine::{open_workbook, Reader, Xlsx};
use std::path::Path;
use std::time::{Duration, Instant};

fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").expect("binary builds");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env("CI", "1")
        .env("NO_COLOR", "1");
    c
}

/// Rows of the Enterprises sheet, or `None` when the file is not a readable workbook.
fn enterprise_rows(p: &Path) -> Option<usize> {
    let mut wb: Xlsx<_> = open_workbook(p).ok()?;
    let names = wb.sheet_names();
    for s in [
        "Summary",
        "Enterprises",
        "Tracks",
        "Budget",
        "Targets",
        "Rejected",
    ] {
        if !names.iter().any(|n| n == s) {
            return None;
        }
    }
    Some(wb.worksheet_range("Enterprises").ok()?.height())
}

#[test]
fn a_killed_screen_leaves_the_old_workbook_or_a_complete_new_one() {
    let t = tempfile::tempdir().unwrap();
    let batch = t.path().join("batch");
    zhizao::sample::write_samples(
        &batch,
        &zhizao::sample::SampleOptions {
            count: 2000,
            seed: 2016,
            invalid_share: 0.05,
        },
    )
    .unwrap();
    let out_dir = t.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("screen.xlsx");
    let old: &[u8] = b"the previous workbook: not to be lost";
    let bin = assert_cmd::cargo::cargo_bin("zhizao");
    let run = || {
        std::process::Command::new(&bin)
            .env("CI", "1")
            .args([
                "screen",
                "--allow-rejected",
                "--jobs",
                "2",
                "--lang",
                "en",
                "-o",
            ])
            .arg(&out)
            .arg(&batch)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawns")
    };
    // A complete run: how long it takes, and what a complete workbook holds.
    std::fs::write(&out, old).unwrap();
    let start = Instant::now();
    let status = run().wait().unwrap();
    let full = start.elapsed();
    assert!(status.success());
    let rows = enterprise_rows(&out).expect("a complete workbook");
    assert!(rows > 1700, "{rows} rows");
    let temp_in_out_dir = || {
        std::fs::read_dir(&out_dir)
            .unwrap()
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with(".zhizao-"))
    };
    // Kill it early (walking, assessing), then while the export is being
    // written: as soon as its temporary file appears, after a few delays.
    let mut outcomes = Vec::new();
    for (when, delay_ms) in [
        ("early", 100u64),
        ("export", 0),
        ("export", 10),
        ("export", 50),
        ("export", 150),
        ("export", 400),
    ] {
        std::fs::write(&out, old).unwrap();
        let mut child = run();
        let mut during_export = false;
        if when == "export" {
            let deadline = Instant::now() + full * 5;
            while Instant::now() < deadline && child.try_wait().unwrap().is_none() {
                if temp_in_out_dir() {
                    during_export = true;
                    break;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&out).unwrap();
        let outcome = if now == old {
            "old"
        } else {
            assert_eq!(
                enterprise_rows(&out),
                Some(rows),
                "killed {when} (+{delay_ms} ms): out.xlsx is neither the old file nor a complete workbook"
            );
            "new"
        };
        outcomes.push((when, delay_ms, during_export, outcome));
        // What a kill can leave behind is a hidden temporary file, never a second output.
        for e in std::fs::read_dir(&out_dir).unwrap().flatten() {
            let n = e.file_name().to_string_lossy().to_string();
            assert!(
                n == "screen.xlsx" || (n.starts_with(".zhizao-") && n.ends_with(".tmp")),
                "{n}"
            );
            if n != "screen.xlsx" {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
    }
    eprintln!("complete run {full:?}; kills (when, delay, seen writing, result): {outcomes:?}");
    assert_eq!(outcomes[0].3, "old", "killed early");
    assert!(
        outcomes.iter().any(|o| o.2),
        "no kill landed while the export was being written: {outcomes:?}"
    );
}

fn mini_batch(root: &Path) -> String {
    let b = root.join("batch");
    std::fs::create_dir_all(&b).unwrap();
    std::fs::copy(
        "questionnaires/examples/licheng-footwear.yaml",
        b.join("a.yaml"),
    )
    .unwrap();
    b.display().to_string()
}

#[test]
fn an_output_in_a_missing_folder_is_a_clear_error_with_exit_2() {
    let t = tempfile::tempdir().unwrap();
    let batch = mini_batch(t.path());
    let missing = t.path().join("no/such/folder");
    for (args, out) in [
        (vec!["screen", batch.as_str()], missing.join("s.xlsx")),
        (vec!["screen", batch.as_str()], missing.join("s.csv")),
        (
            vec!["assess", "questionnaires/examples/licheng-footwear.yaml"],
            missing.join("r.txt"),
        ),
    ] {
        let o = zhizao()
            .args(&args)
            .args(["--lang", "en", "-o"])
            .arg(&out)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("the folder {} does not exist", missing.display())),
            "{args:?}: {err}"
        );
        assert!(!err.contains(".zhizao-"), "names the temporary file: {err}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_device_is_an_error_with_exit_2_and_is_not_replaced() {
    let full = Path::new("/dev/full");
    if !full.exists() {
        return;
    }
    // The binary decides with the same function: only a target it writes to
    // directly is safe to try (renaming over /dev/full, as root, would replace it).
    assert!(zhizao::output::atomic_target(full).is_none());
    let t = tempfile::tempdir().unwrap();
    let batch = mini_batch(t.path());
    // screen picks the format from the extension: reach /dev/full through a link.
    let link = t.path().join("out.csv");
    std::os::unix::fs::symlink(full, &link).unwrap();
    let link = link.display().to_string();
    for args in [
        vec![
            "assess",
            "questionnaires/examples/licheng-footwear.yaml",
            "-o",
            "/dev/full",
        ],
        vec!["screen", batch.as_str(), "-o", link.as_str()],
    ] {
        let o = zhizao()
            .args(&args)
            .args(["--lang", "en"])
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("cannot write"), "{err}");
        assert!(err.contains("No space left on device"), "{err}");
    }
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    use std::os::unix::fs::FileTypeExt;
    let ft = std::fs::symlink_metadata(full).unwrap().file_type();
    assert!(ft.is_char_device(), "/dev/full is still the device");
}
