//! Writing output files atomically (原子写入): a temporary file in the same
//! folder, flushed and synced, then renamed over the target. A reader sees
//! either the old file or the complete new one, never half a report.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where to write `path` atomically, or `None` to write to it directly.
///
/// A device, named pipe or socket (`-o /dev/stdout`, `-o /dev/full`, a FIFO)
/// cannot be replaced by renaming, and renaming over it would replace the
/// node itself (as root, `-o /dev/null` would turn /dev/null into a file):
/// such a target is written to directly. A symbolic link to a file is
/// resolved, so the file it points to is replaced and the link stays.
pub fn atomic_target(path: &Path) -> Option<PathBuf> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => None,
        Ok(_) if std::fs::symlink_metadata(path).is_ok_and(|l| l.file_type().is_symlink()) => {
            std::fs::canonicalize(path).ok()
        }
        _ => Some(path.to_path_buf()),
    }
}

/// Write `bytes` to something that is not a regular file (see [`atomic_target`]).
pub fn write_direct(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
    f.write_all(bytes)?;
    f.flush()
}

/// Whether `a` and `b` name the same file (hard and symbolic links
/// included), so `-o` can refuse to overwrite an input. A path that does
/// not exist yet is no input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let Some(target) = atomic_target(path) else {
        return write_direct(path, bytes);
    };
    let path = target.as_path();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = temp_beside(dir)?;
    tmp.write_all(bytes)?;
    set_output_mode(tmp.path(), path)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A temporary file in `dir`, for a target in that folder. The error names
/// the folder (tempfile's own names the temporary file, which means nothing
/// to the user): "the folder out/ does not exist".
pub fn temp_beside(dir: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let tmp = tempfile::Builder::new()
        .prefix(".zhizao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| {
            let why = if dir.is_dir() {
                format!(
                    "cannot create a file in the folder {}: {}",
                    dir.display(),
                    std::io::Error::from(e.kind())
                )
            } else {
                format!("the folder {} does not exist", dir.display())
            };
            std::io::Error::new(e.kind(), why)
        })?;
    pending().push(tmp.path().to_path_buf());
    Ok(tmp)
}

/// Temporary files made by [`temp_beside`] in this process: what an
/// interrupt removes before exiting. A path already renamed over its target
/// no longer exists, so removing it again is harmless.
fn pending() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    static PENDING: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    // A panic while holding the lock leaves a list still worth cleaning.
    PENDING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Handle SIGINT and SIGTERM (Ctrl-C, `kill`): remove the temporary files
/// being written and exit with 128 + the signal (130, 143), as a shell
/// reports a process killed by it. SIGKILL cannot be caught; what it can
/// leave is listed in docs/testing.md.
pub fn clean_up_on_signals() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                for p in pending().iter() {
                    let _ = std::fs::remove_file(p);
                }
                std::process::exit(128 + sig);
            }
        });
    }
    Ok(())
}

/// An advisory lock on an output, held while a command writes it: two
/// `zhizao screen -o same.xlsx` at once would both report success while one
/// result is lost. Released, and its lock file removed, when dropped.
#[derive(Debug)]
pub struct OutputLock {
    held: Option<(std::fs::File, PathBuf)>,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked: a process that opened it meanwhile
        // finds, once it has the lock, that the name no longer leads to it,
        // and starts again on a new file (see `lock_output`).
        if let Some((_, path)) = &self.held {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Lock `path` for writing: `Ok(None)` when another process holds the lock.
///
/// The lock is on a hidden file beside the output (`.NAME.zhizao-lock`),
/// not on the output itself, which is replaced by renaming and so is a new
/// file after every run; the lock file is removed when the lock is
/// released (a kill can leave it, empty and harmless: a lock dies with its
/// process). A target that is not a regular file (`/dev/stdout`) is not
/// locked.
pub fn lock_output(path: &Path) -> std::io::Result<Option<OutputLock>> {
    let Some(target) = atomic_target(path) else {
        return Ok(Some(OutputLock { held: None }));
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lock = target.with_file_name(format!(".{name}.zhizao-lock"));
    // A few rounds at most: each retry means another run just finished.
    for _ in 0..8 {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Ok(None),
            Err(fs4::TryLockError::Error(e)) => return Err(e),
        }
        if same_node(&file, &lock) {
            // An interrupt exits without running destructors: let it remove the file.
            pending().push(lock.clone());
            return Ok(Some(OutputLock {
                held: Some((file, lock)),
            }));
        }
    }
    Ok(None)
}

/// Whether the open `file` is still the one `path` names.
fn same_node(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = file;
        path.exists()
    }
}

/// Give a finished temporary file the mode its target should have: a
/// temporary file is private (0600), a report or questionnaire is not, so
/// keep the mode of the file being replaced, else the usual 0644. Call it
/// before renaming `tmp` over `target`.
pub fn set_output_mode(tmp: &Path, target: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(target)
            .map(|m| m.permissions().mode() & 0o7777)
            .unwrap_or(0o644);
        std::fs::set_permissions(tmp, std::fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = (tmp, target);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("r.json");
        std::fs::write(&p, "old").unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_to_and_a_link_is_followed_not_replaced() {
        // Renaming over `-o /dev/stdout` or a FIFO replaced the node itself.
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.json");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            let f = fifo.clone();
            let reader = std::thread::spawn(move || std::fs::read(f).unwrap());
            write_atomic(&fifo, b"through the pipe").unwrap();
            assert_eq!(reader.join().unwrap(), b"through the pipe");
            use std::os::unix::fs::FileTypeExt;
            let t = std::fs::symlink_metadata(&fifo).unwrap().file_type();
            assert!(t.is_fifo(), "still a pipe");
        }
        let real = dir.path().join("real.json");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        assert!(atomic_target(Path::new("/dev/null")).is_none());
        let e = write_atomic(&dir.path().join("no/such/r.json"), b"x").unwrap_err();
        assert!(e.to_string().contains("the folder"), "{e}");
        assert!(e.to_string().ends_with("no/such does not exist"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_is_readable_by_others_and_a_replaced_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("report.xlsx");
        write_atomic(&p, b"a").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&p), 0o644);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"b").unwrap();
        assert_eq!(mode(&p), 0o600);
    }
}
