//! The language server adapter (`copydesk lsp`): the core's findings as diagnostics and code
//! actions, over stdin/stdout. Only this module knows LSP, JSON-RPC and UTF-16.
//!
//! - [`server`]: handlers, document state, checking and publishing
//! - [`documents`]: the ropes and how edits apply to them
//! - [`positions`]: byte offsets <-> LSP positions (UTF-8 / UTF-16), the only place that converts
//! - [`diagnostics`]: findings as diagnostics
//! - [`actions`]: quick fixes, fix-all, dictionary and ignore commands
//! - [`settings`]: copydesk.toml + client settings, and edits to copydesk.toml
//! - [`transport`]: the guard that keeps malformed messages from ending the session
//! - [`memory`]: resident memory (measured in tests) and giving freed memory back
//! - [`trace`]: timestamps of a push's steps, for the latency bench

pub mod actions;
pub mod diagnostics;
pub mod documents;
pub mod memory;
pub mod positions;
pub mod server;
pub mod settings;
pub mod trace;
pub mod transport;

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use futures::future::BoxFuture;
use futures::FutureExt;
use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::jsonrpc::{Request, Response};
use tower_lsp_server::LspService;

pub use server::{CheckFn, Options};

/// Run the language server on stdin/stdout until the client exits; returns the exit code
/// (0 after `shutdown` then `exit`, 1 if the client went away without shutting down).
pub fn run() -> i32 {
    memory::unmap_large_blocks();
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("copydesk lsp: cannot start: {e}");
            return 2;
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), Options::default()));
    // Reading stdin may still be blocked; do not wait for it.
    runtime.shutdown_background();
    if clean {
        0
    } else {
        1
    }
}

/// Serve one client on `input`/`output` until it sends `exit` or closes `input`. Returns
/// whether the client shut the server down properly.
pub async fn serve<I, O>(input: I, output: O, options: Options) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin,
{
    let (to_server, from_guard) = tokio::io::duplex(1 << 16);
    let guard = tokio::spawn(transport::guard(input, to_server, options.max_message_bytes));
    // The library's output and the server's own publishes meet in one writer.
    let (library_out, from_library) = tokio::io::duplex(1 << 16);
    let (publishes, published) = tokio::sync::mpsc::channel(16);
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) = LspService::build(move |client| server::Server::new(client, options, flag, publishes))
        .custom_method(transport::INVALID_MESSAGE, server::Server::invalid_message)
        .custom_method(transport::SKIPPED_MESSAGE, server::Server::skipped_message)
        .finish();
    let serve = async move {
        tower_lsp_server::Server::new(from_guard, library_out, socket).serve(CatchPanic(service)).await;
    };
    tokio::join!(serve, transport::merge_output(from_library, published, output));
    guard.abort();
    shutdown.load(Ordering::SeqCst)
}

/// Wraps the protocol service so that a panicking handler answers with an internal error
/// (and is logged to stderr by the panic hook) instead of taking the server down.
struct CatchPanic<S>(S);

impl<S> tower::Service<Request> for CatchPanic<S>
where
    S: tower::Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, req: Request) -> Self::Future {
        let req = server::spec_capabilities(req);
        let id = req.id().cloned();
        let method = req.method().to_string();
        let answer = move || {
            eprintln!("copydesk lsp: the handler for `{method}` panicked (a bug in copydesk); serving on");
            Ok(id.map(|id| Response::from_error(id, tower_lsp_server::jsonrpc::Error::internal_error())))
        };
        match std::panic::catch_unwind(AssertUnwindSafe(|| self.0.call(req))) {
            Ok(fut) => AssertUnwindSafe(fut).catch_unwind().map(|r| r.unwrap_or_else(|_| answer())).boxed(),
            Err(_) => futures::future::ready(answer()).boxed(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::Service;

    /// A service whose handlers panic: while building the future, or while running it.
    struct Panicky;

    impl Service<Request> for Panicky {
        type Response = Option<Response>;
        type Error = std::convert::Infallible;
        type Future = BoxFuture<'static, Result<Option<Response>, Self::Error>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, req: Request) -> Self::Future {
            if req.method() == "early" {
                panic!("panic while building the handler future");
            }
            async { panic!("panic inside the handler") }.boxed()
        }
    }

    #[tokio::test]
    async fn a_panicking_handler_answers_with_an_internal_error() {
        let mut service = CatchPanic(Panicky);
        for method in ["early", "late"] {
            let request = Request::build(method).id(7).finish();
            let response = service.call(request).await.expect("answered").expect("a response for a request");
            let (id, result) = response.into_parts();
            assert_eq!(id, tower_lsp_server::jsonrpc::Id::Number(7));
            assert_eq!(result.expect_err("an error").code, tower_lsp_server::jsonrpc::ErrorCode::InternalError);
        }
        // A notification has no answer.
        let note = Request::build("late").finish();
        assert!(service.call(note).await.expect("survived").is_none());
    }
}
