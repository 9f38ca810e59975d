//! Finding the questionnaires to screen (查找问卷).
//!
//! PATHs may be files (taken as they are) or folders (searched recursively
//! for `*.yaml` / `*.yml`). Symlinked folders are followed once: a loop is
//! noted and skipped, never followed forever. A YAML entry that cannot be
//! read (a broken link, no permission) is rejected with its reason, so it is
//! accounted for rather than dropped. The result is sorted by path, which
//! makes every later order independent of the file system and of threads.

use super::Rejected;
use crate::diag::Code;
use crate::lang::Text;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Paths, compactly: each folder once, the file names in one buffer, and
/// 12 bytes of offsets per file. At 100,000 files a `Vec<PathBuf>` costs an
/// allocation (and its overhead) per file, and even one buffer of full paths
/// repeats the folder 100,000 times; this list is the only part of a
/// screening that grows with the number of files.
#[derive(Debug, Default)]
pub struct PathList {
    /// Folder prefixes, each with its trailing separator ("" for none).
    dirs: Vec<String>,
    /// File names, one after another.
    names: String,
    /// (folder, start, end) of each file's name.
    spans: Vec<(u32, u32, u32)>,
}

/// Most bytes of file names (and most folders) one list holds: offsets are
/// 32-bit to keep the list small. Far beyond any real batch (~200 million
/// files); past it, files are rejected with a reason, never dropped.
const PATHLIST_MAX: usize = u32::MAX as usize;

impl PathList {
    /// Add a path; `false` when the list is full.
    #[must_use]
    pub fn push(&mut self, p: &str) -> bool {
        let cut = p.rfind(std::path::is_separator).map_or(0, |i| i + 1);
        let (dir, name) = p.split_at(cut);
        if self.dirs.last().map(String::as_str) != Some(dir) {
            self.dirs.push(dir.to_string());
        }
        let start = self.names.len();
        if start + name.len() > PATHLIST_MAX || self.dirs.len() > PATHLIST_MAX {
            return false;
        }
        self.names.push_str(name);
        // In range: checked against PATHLIST_MAX just above.
        let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        self.spans
            .push((at(self.dirs.len() - 1), at(start), at(self.names.len())));
        true
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// None at all.
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn parts(&self, (d, s, e): (u32, u32, u32)) -> (&str, &str) {
        (&self.dirs[d as usize], &self.names[s as usize..e as usize])
    }

    /// The i-th path.
    pub fn get(&self, i: usize) -> PathBuf {
        let (dir, name) = self.parts(self.spans[i]);
        PathBuf::from(format!("{dir}{name}"))
    }

    /// All paths, in order.
    pub fn iter(&self) -> impl Iterator<Item = PathBuf> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }

    /// Drop every path that names a file met earlier in the list (same
    /// device and inode: a hard or symbolic link, `a/../a/x.yaml`); returns
    /// how many were dropped. Call after sorting, so the first path wins.
    fn drop_same_files(&mut self) -> usize {
        let mut ids = HashSet::new();
        let spans = std::mem::take(&mut self.spans);
        let before = spans.len();
        let kept: Vec<_> = spans
            .into_iter()
            .filter(|x| {
                let (d, n) = self.parts(*x);
                file_id(Path::new(&format!("{d}{n}"))).is_none_or(|id| ids.insert(id))
            })
            .collect();
        let dropped = before - kept.len();
        self.spans = kept;
        dropped
    }

    /// Sort by the bytes of the path and drop duplicates: any total order
    /// makes the run independent of the file system and of threads. Only
    /// the spans move (in place), so sorting costs no copy of the paths.
    fn sort_dedup(&mut self) {
        let mut spans = std::mem::take(&mut self.spans);
        let bytes = |x: (u32, u32, u32)| {
            let (d, n) = self.parts(x);
            d.bytes().chain(n.bytes())
        };
        spans.sort_unstable_by(|a, b| bytes(*a).cmp(bytes(*b)));
        spans.dedup_by(|a, b| bytes(*a).eq(bytes(*b)));
        self.spans = spans;
    }
}

/// A file's identity (device, inode) where the platform has one.
fn file_id(p: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(p).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = p;
        None
    }
}

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walked {
    /// Files to screen, sorted.
    pub files: PathList,
    /// Entries that look like questionnaires but cannot be read.
    pub rejected: Vec<Rejected>,
    /// Things skipped on purpose (symlink loops, non-YAML files), for the
    /// summary, in both languages (the summary is printed in either).
    pub notes: Vec<Text>,
}

fn is_yaml(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        || is_workbook(p)
}

/// A questionnaire workbook; not Excel's `~$name.xlsx` lock file of an open workbook.
fn is_workbook(p: &Path) -> bool {
    crate::workbook::read::is_workbook(p)
        && !p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("~$"))
}

/// An entry that could not be used, with its reason.
fn io_rejected(p: &Path, reason: Text) -> Rejected {
    Rejected {
        file: p.display().to_string(),
        line: None,
        column: None,
        code: Code::Io.as_str().into(),
        path: None,
        reason,
        errors: 1,
    }
}

fn unreadable(p: &Path, e: &std::io::Error) -> Rejected {
    io_rejected(
        p,
        Text::new(format!("无法读取: {e}"), format!("cannot read: {e}")),
    )
}

fn not_utf8(p: &Path) -> Rejected {
    io_rejected(
        p,
        Text::new(
            "文件名不是有效的 UTF-8, 未读取; 请重命名",
            "the file name is not valid UTF-8; not read — rename it",
        ),
    )
}

fn not_a_file(p: &Path) -> Rejected {
    io_rejected(
        p,
        Text::new(
            "不是普通文件 (命名管道、套接字或设备), 未读取",
            "not a regular file (a named pipe, socket or device); not read",
        ),
    )
}

fn add_file(w: &mut Walked, p: &Path) {
    match p.to_str() {
        Some(s) => {
            if !w.files.push(s) {
                w.rejected.push(io_rejected(
                    p,
                    Text::new(
                        "本次筛选的文件过多, 未读取; 请分批筛选",
                        "too many files for one run; not read — screen the folders in batches",
                    ),
                ));
            }
        }
        None => w.rejected.push(not_utf8(p)),
    }
}

/// Walk the given paths without leaving them (see [`walk_with`]).
pub fn walk(paths: &[PathBuf]) -> Walked {
    walk_with(paths, false)
}

/// What a walk keeps track of besides its result.
struct State {
    /// Canonical folders already listed (a symlink loop is seen twice).
    seen: HashSet<PathBuf>,
    /// Canonical folders given on the command line: links are followed only
    /// to places inside one of them, unless `outside` is set.
    roots: Vec<PathBuf>,
    outside: bool,
    ignored: usize,
    /// Links not followed because they lead out of the roots.
    left_out: usize,
}

impl State {
    /// Whether the entry `p` (found inside a root) may be used: anything
    /// that is not a link, and a link whose target is inside a root.
    fn inside(&self, p: &Path) -> bool {
        if self.outside || !std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink()) {
            return true;
        }
        // A broken link leads nowhere: it is kept, to be rejected with its reason.
        std::fs::canonicalize(p).map_or(true, |c| self.roots.iter().any(|r| c.starts_with(r)))
    }
}

/// Walk the given paths. Folders are searched recursively; a symbolic link
/// inside them is followed only when it leads to a place inside one of the
/// given folders, unless `follow_outside` (a link to `/` made a run read
/// every `*.yaml` on the machine). A file reached twice — through a link
/// or a path given twice — is screened once, under its first path in
/// sorted order.
pub fn walk_with(paths: &[PathBuf], follow_outside: bool) -> Walked {
    let mut w = Walked::default();
    let mut st = State {
        seen: HashSet::new(),
        roots: paths
            .iter()
            .filter(|p| p.is_dir())
            .filter_map(|p| std::fs::canonicalize(p).ok())
            .collect(),
        outside: follow_outside,
        ignored: 0,
        left_out: 0,
    };
    for p in paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => dir(p, &mut w, &mut st),
            Ok(_) => add_file(&mut w, p),
            Err(e) => w.rejected.push(unreadable(p, &e)),
        }
    }
    if st.ignored > 0 {
        w.notes.push(Text::new(
            format!("忽略了 {} 个非 YAML 文件", st.ignored),
            format!("{} non-YAML files ignored", st.ignored),
        ));
    }
    if st.left_out > 0 {
        w.notes.push(Text::new(
            format!(
                "{} 个链接指向所给文件夹之外, 未跟随 (加 --follow-links 则跟随)",
                st.left_out
            ),
            format!(
                "{} links leading out of the given folders not followed (--follow-links follows them)",
                st.left_out
            ),
        ));
    }
    w.files.sort_dedup();
    let twice = w.files.drop_same_files();
    if twice > 0 {
        w.notes.push(Text::new(
            format!("{twice} 个文件被找到两次 (经链接或重复给出的路径), 只筛选一次"),
            format!("{twice} files reached twice (a link or a repeated path), screened once"),
        ));
    }
    w
}

fn dir(d: &Path, w: &mut Walked, st: &mut State) {
    // Canonical paths identify a folder however it is reached, so a symlink
    // loop is recognised the second time round.
    let canon = match std::fs::canonicalize(d) {
        Ok(c) => c,
        Err(e) => {
            w.notes.push(Text::new(
                format!("{}: 无法读取此文件夹 ({e})", d.display()),
                format!("{}: {e}", d.display()),
            ));
            return;
        }
    };
    if !st.seen.insert(canon) {
        w.notes.push(Text::new(
            format!("{}: 此文件夹已筛选过 (符号链接成环), 跳过", d.display()),
            format!(
                "{}: folder already screened (symlink loop), skipped",
                d.display()
            ),
        ));
        return;
    }
    let entries = match std::fs::read_dir(d) {
        Ok(e) => e,
        Err(e) => {
            w.rejected.push(unreadable(d, &e));
            return;
        }
    };
    // Entries are taken in directory order; the list is sorted once at the
    // end. Sub-folders are visited after the listing is read, so no more than
    // one folder's handle is open at a time.
    let mut subdirs = Vec::new();
    for e in entries.flatten() {
        let p = e.path();
        if !st.inside(&p) {
            st.left_out += 1;
            continue;
        }
        match std::fs::metadata(&p) {
            Ok(m) if m.is_dir() => subdirs.push(p),
            // Opening a named pipe waits for a writer: it would hang the whole run.
            Ok(m) if is_yaml(&p) && !m.is_file() => w.rejected.push(not_a_file(&p)),
            Ok(_) if is_yaml(&p) => add_file(w, &p),
            Ok(_) => st.ignored += 1,
            // A YAML name that cannot be followed (broken link, link loop) is an input we could not use.
            Err(e) if is_yaml(&p) => w.rejected.push(unreadable(&p, &e)),
            Err(_) => st.ignored += 1,
        }
    }
    subdirs.sort();
    for d in subdirs {
        dir(&d, w, st);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recursive_sorted_and_loop_safe() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        std::fs::create_dir_all(root.join("b/c")).unwrap();
        std::fs::write(root.join("b/c/z.yaml"), "x").unwrap();
        std::fs::write(root.join("a.yml"), "x").unwrap();
        std::fs::write(root.join("notes.txt"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(root, root.join("b/loop")).unwrap();
            std::os::unix::fs::symlink(root.join("missing.yaml"), root.join("broken.yaml"))
                .unwrap();
        }
        let w = walk(&[root.to_path_buf()]);
        let names: Vec<String> = w
            .files
            .iter()
            .map(|p| p.strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, vec!["a.yml", "b/c/z.yaml"]);
        #[cfg(unix)]
        {
            assert_eq!(w.rejected.len(), 1, "the broken link is accounted for");
            assert!(w.notes.iter().any(|n| n.en.contains("symlink loop")));
        }
        assert!(w.notes.iter().any(|n| n.en.contains("1 non-YAML")));
    }

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_roots_are_not_followed_and_a_file_counts_once() {
        // Found by the outside test: a link to `/` in a submissions folder
        // made screen read every *.yaml on the machine.
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("subs");
        let outside = t.path().join("elsewhere");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::fs::write(outside.join("secret.yaml"), "x").unwrap();
        std::fs::write(root.join("a.yaml"), "x").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("out")).unwrap();
        std::os::unix::fs::symlink(outside.join("secret.yaml"), root.join("s.yaml")).unwrap();
        // Inside the root: followed, but the file behind it counts once.
        std::os::unix::fs::symlink(root.join("a.yaml"), root.join("b.yaml")).unwrap();
        let names = |w: &Walked| {
            w.files
                .iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        let w = walk(&[root.clone(), root.join("a.yaml")]);
        assert_eq!(names(&w), ["a.yaml"]);
        assert!(
            w.notes
                .iter()
                .any(|n| n.en.starts_with("2 links leading out")),
            "{:?}",
            w.notes
        );
        assert!(
            w.notes
                .iter()
                .any(|n| n.en.starts_with("1 files reached twice")),
            "{:?}",
            w.notes
        );
        // Allowed out: the file outside is read once, under its first path
        // (out/secret.yaml sorts before s.yaml, which names the same file).
        let w = walk_with(&[root], true);
        assert_eq!(names(&w), ["a.yaml", "secret.yaml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_rejected_not_opened() {
        // Found by the hostile corpus: a FIFO named *.yaml in a screened folder
        // made `zhizao screen` wait forever for a writer.
        let t = tempfile::tempdir().unwrap();
        let fifo = t.path().join("pipe.yaml");
        let ok = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return; // no mkfifo here: nothing to test
        }
        let w = walk(&[t.path().to_path_buf()]);
        assert!(w.files.is_empty());
        assert_eq!(w.rejected.len(), 1);
        assert!(w.rejected[0].reason.en.contains("not a regular file"));
    }
}
