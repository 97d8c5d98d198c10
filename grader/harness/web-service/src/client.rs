//! The load generator's HTTP/1.1 client: hyper's connection-level client over a loopback TCP
//! stream, one request at a time per connection, every wait bounded.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::net::TcpStream;

/// The longest answer read: no page of the shop's API comes near it.
const MAX_BODY: usize = 8 << 20;

/// One request of a workload, as the client sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    /// `GET`, `POST` or `PUT`.
    pub method: &'static str,
    /// Path and query.
    pub path: String,
    /// A JSON body, for writes.
    pub body: Option<String>,
}

impl Call {
    /// A `GET` of `path`.
    pub fn get(path: impl Into<String>) -> Call {
        Call {
            method: "GET",
            path: path.into(),
            body: None,
        }
    }

    /// A request with a JSON body.
    pub fn with_body(method: &'static str, path: impl Into<String>, body: String) -> Call {
        Call {
            method,
            path: path.into(),
            body: Some(body),
        }
    }
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if let Some(body) = &self.body {
            write!(f, " {body}")?;
        }
        Ok(())
    }
}

/// A server's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// The body, as sent.
    pub body: Bytes,
}

/// Why no answer came.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Nothing within the time allowed.
    TimedOut(Duration),
    /// The connection failed or was closed (the server crashed, or refused).
    Broken(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::TimedOut(limit) => write!(f, "no answer within {:.0} s", limit.as_secs_f64()),
            Failure::Broken(why) => write!(f, "the connection failed: {why}"),
        }
    }
}

/// One keep-alive connection to a server on 127.0.0.1.
#[derive(Debug)]
pub struct Connection {
    sender: SendRequest<Full<Bytes>>,
}

impl Connection {
    /// Connects to `port` on the loopback address (never anywhere else).
    pub async fn open(port: u16, limit: Duration) -> Result<Connection, Failure> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let connect = async {
            let stream = TcpStream::connect(address).await.map_err(broken)?;
            stream.set_nodelay(true).map_err(broken)?;
            let (sender, connection) = http1::handshake(TokioIo::new(stream)).await.map_err(broken)?;
            // The connection's I/O runs beside the requests; it ends when the sender is dropped.
            tokio::spawn(async move {
                let _ = connection.await;
            });
            Ok(Connection { sender })
        };
        tokio::time::timeout(limit, connect)
            .await
            .unwrap_or(Err(Failure::TimedOut(limit)))
    }

    /// Sends `call` and reads the whole answer, within `limit`.
    pub async fn send(&mut self, call: &Call, limit: Duration) -> Result<Reply, Failure> {
        let exchange = async {
            self.sender.ready().await.map_err(broken)?;
            let mut request = hyper::Request::builder()
                .method(call.method)
                .uri(&call.path)
                .header("host", "127.0.0.1");
            if call.body.is_some() {
                request = request.header("content-type", "application/json");
            }
            let body = Full::new(Bytes::from(call.body.clone().unwrap_or_default()));
            let request = request.body(body).map_err(broken)?;
            let response = self.sender.send_request(request).await.map_err(broken)?;
            let status = response.status().as_u16();
            let limited = http_body_util::Limited::new(response.into_body(), MAX_BODY);
            let body = limited
                .collect()
                .await
                .map_err(|e| Failure::Broken(e.to_string()))?;
            Ok(Reply {
                status,
                body: body.to_bytes(),
            })
        };
        tokio::time::timeout(limit, exchange)
            .await
            .unwrap_or(Err(Failure::TimedOut(limit)))
    }
}

/// Sends one call on a connection of its own: what a new visitor does.
pub async fn send_once(port: u16, call: &Call, limit: Duration) -> Result<Reply, Failure> {
    let started = tokio::time::Instant::now();
    let mut connection = Connection::open(port, limit).await?;
    let left = limit.saturating_sub(started.elapsed());
    connection.send(call, left).await
}

fn broken(error: impl std::fmt::Display) -> Failure {
    Failure::Broken(error.to_string())
}
