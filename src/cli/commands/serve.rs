//! `zhizao serve`: the web form and API on a local address, until Ctrl-C.

use crate::cli::args::ServeArgs;
use crate::cli::{engine, CliError, CliResult, Settings};
use std::sync::Arc;
use zhizao::serve;

/// Load the packs, bind, print the address, serve until Ctrl-C (requests
/// under way finish first). A bind failure is an I/O error (2).
pub fn exec(args: ServeArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let engine = Arc::new(engine::load(&args.packs, &[], lang)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| bind_error(args.addr, e))?;
        let addr = listener.local_addr()?;
        if !serve::is_loopback(&addr) {
            eprintln!(
                "{}",
                lang.pick(
                    "警告: 此地址可从网络访问; 任何能连到它的人都可以提交问卷。只在本机使用请用 127.0.0.1。",
                    "warning: this address is reachable from the network; anyone who can connect may submit questionnaires. Use 127.0.0.1 to keep it on this machine."
                )
            );
        }
        println!(
            "{} http://{addr}/  ({})",
            lang.pick("zhizao 表单已启动:", "zhizao form at"),
            lang.pick("按 Ctrl-C 停止", "Ctrl-C to stop")
        );
        let mut options = serve::Options::new(lang);
        options.local_hosts_only = serve::is_loopback(&addr);
        let app = serve::router(engine, options);
        serve::serve(listener, app, stop_signal()).await?;
        eprintln!("{}", lang.pick("已停止", "stopped"));
        Ok(())
    })
}

/// Ctrl-C (SIGINT) or SIGTERM; a second Ctrl-C while requests finish
/// stops at once.
async fn stop_signal() {
    first_signal().await;
    tokio::spawn(async {
        if tokio::signal::ctrl_c().await.is_ok() {
            std::process::exit(130);
        }
    });
}

async fn first_signal() {
    use std::future::Future;
    use std::task::Poll;
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    #[cfg(unix)]
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    std::future::poll_fn(|cx| {
        if ctrl_c.as_mut().poll(cx).is_ready() {
            return Poll::Ready(());
        }
        #[cfg(unix)]
        if let Some(t) = term.as_mut() {
            if t.poll_recv(cx).is_ready() {
                return Poll::Ready(());
            }
        }
        Poll::Pending
    })
    .await
}

fn bind_error(addr: std::net::SocketAddr, e: std::io::Error) -> CliError {
    CliError::localized(
        format!("无法监听 {addr}: {e}\n  提示: 端口可能已被占用, 可换一个, 例如 --addr 127.0.0.1:8090"),
        format!("cannot listen on {addr}: {e}\n  hint: the port may be in use; pick another, e.g. --addr 127.0.0.1:8090"),
        2,
    )
}
