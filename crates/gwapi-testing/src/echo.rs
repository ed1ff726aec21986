//! A tiny HTTP/1.1 backend on 127.0.0.1 that answers every request with `NAME PATH`, so tests can see which
//! backend a request reached.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// A running echo backend; stops accepting when dropped.
#[derive(Debug)]
pub struct EchoBackend {
    address: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl EchoBackend {
    /// Starts a backend named `name` on an ephemeral port of 127.0.0.1.
    ///
    /// # Errors
    /// When the socket cannot be bound.
    pub fn start(name: &str) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let (name, stopped) = (name.to_owned(), Arc::clone(&stop));
        std::thread::spawn(move || {
            for connection in listener.incoming() {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                if let Ok(connection) = connection {
                    let name = name.clone();
                    std::thread::spawn(move || serve(&name, connection));
                }
            }
        });
        Ok(Self { address, stop })
    }

    /// The backend's address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for EchoBackend {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop up so that it sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_millis(200));
    }
}

/// Answers the requests of one keep-alive connection (bodies are not expected) until it closes or idles
/// for 10 s.
fn serve(name: &str, connection: TcpStream) {
    let _ = connection.set_read_timeout(Some(Duration::from_secs(10)));
    let Ok(mut writer) = connection.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(connection);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut close = false;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if header.eq_ignore_ascii_case("connection: close") {
                close = true;
            }
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("/");
        let body = format!("{name} {path}");
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if writer.write_all(response.as_bytes()).is_err() || close {
            return;
        }
    }
}
