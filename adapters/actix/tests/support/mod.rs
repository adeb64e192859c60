//! A real actix-web server on 127.0.0.1:0 for the tests: its own thread and actix
//! system, one worker, stopped when dropped.

// Shared by the test crates: `pub` marks what they use.
#![allow(unreachable_pub, dead_code)]

use std::net::{SocketAddr, TcpListener};
use std::sync::mpsc;
use std::thread::JoinHandle;

use actix_web::dev::ServerHandle;
use actix_web::web::ServiceConfig;
use actix_web::{App, HttpServer};

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    handle: ServerHandle,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        // Sent at once; the thread ends when the server has stopped.
        drop(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts `App::new().configure(configure)` on an ephemeral loopback port.
pub fn serve<F>(configure: F) -> Result<Running, String>
where
    F: Fn(&mut ServiceConfig) + Send + Clone + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel();
    let thread = std::thread::spawn(move || {
        let system = actix_web::rt::System::new();
        let server = HttpServer::new(move || App::new().configure(configure.clone()))
            .workers(1)
            .disable_signals()
            .shutdown_timeout(0)
            .listen(listener)
            .map(HttpServer::run);
        match server {
            Ok(server) => {
                let _ = tx.send(Ok(server.handle()));
                let _ = system.block_on(server);
            }
            Err(e) => {
                let _ = tx.send(Err(e.to_string()));
            }
        }
    });
    let handle = rx.recv().map_err(|e| e.to_string())??;
    Ok(Running {
        addr,
        handle,
        thread: Some(thread),
    })
}
