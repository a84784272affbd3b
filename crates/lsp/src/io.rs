//! Stdio transport that survives bad input. `lsp-server`'s own stdio reader stops at the first
//! body that is not JSON, reads header lines of any length into memory, and takes a request
//! whose id is neither an `i32` nor a string for a notification; this reader logs a bad frame,
//! skips it and goes on, reads header lines only up to a bound, and answers such a request
//! with an `InvalidRequest` error.

use std::io::{BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{bounded, Receiver, Sender};
use lsp_server::{ErrorCode, Message};

/// The longest header line kept; a longer one is skipped (read to its end without keeping it)
/// and its frame is dropped.
const MAX_HEADER_LINE: usize = 8 * 1024;
/// The most header lines one frame may have.
const MAX_HEADER_LINES: usize = 64;
/// The largest body read.
const MAX_BODY: usize = 256 << 20;

/// The reader and writer threads.
pub struct IoThreads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl IoThreads {
    /// Waits for the writer to flush (the reader may be blocked on stdin; it is not joined).
    pub fn join_writer(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// One frame's outcome.
#[derive(Debug)]
enum Frame {
    Message(Message),
    /// A request whose id `lsp-server` cannot hold; the value is the id to answer with.
    BadId(serde_json::Value),
    /// A frame that could not be read as a message; the text says why.
    Bad(String),
    End,
}

/// One header line, without its line break.
enum HeaderLine {
    Text(String),
    /// Longer than [`MAX_HEADER_LINE`]; it was read to its end and dropped.
    TooLong,
    End,
}

fn read_header_line(input: &mut impl BufRead) -> std::io::Result<HeaderLine> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buffer = match input.fill_buf() {
            Ok(buffer) => buffer,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if buffer.is_empty() {
            // A header cut off by the end of the stream is no message.
            return Ok(HeaderLine::End);
        }
        let (taken, complete) = match buffer.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (buffer.len(), false),
        };
        if !too_long {
            if line.len() + taken <= MAX_HEADER_LINE + 2 {
                line.extend_from_slice(&buffer[..taken]);
            } else {
                too_long = true;
                line = Vec::new();
            }
        }
        input.consume(taken);
        if complete {
            if too_long {
                return Ok(HeaderLine::TooLong);
            }
            let text = String::from_utf8_lossy(&line);
            return Ok(HeaderLine::Text(text.trim_end_matches(['\r', '\n']).to_string()));
        }
    }
}

/// The value of a `Content-Length` header in a line; found anywhere in the line, so that a
/// stream gets back in step after a body shorter than its length said.
fn content_length(line: &str) -> Option<Option<usize>> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find("content-length:")?;
    Some(line[at + "content-length:".len()..].trim().parse().ok())
}

fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length: Option<usize> = None;
    let mut problem: Option<String> = None;
    let mut lines = 0;
    loop {
        let line = match read_header_line(input) {
            Ok(HeaderLine::Text(line)) => line,
            Ok(HeaderLine::TooLong) => {
                problem.get_or_insert(format!("a header line longer than {MAX_HEADER_LINE} bytes"));
                lines += 1;
                continue;
            }
            Ok(HeaderLine::End) => return Frame::End,
            Err(err) => return Frame::Bad(format!("cannot read a header: {err}")),
        };
        if line.is_empty() {
            if length.is_some() || problem.is_some() {
                break;
            }
            continue;
        }
        lines += 1;
        if lines > MAX_HEADER_LINES {
            problem.get_or_insert(format!("more than {MAX_HEADER_LINES} header lines"));
        }
        if let Some(value) = content_length(&line) {
            length = value;
            if value.is_none() {
                problem.get_or_insert("a Content-Length that is not a number".to_string());
            }
        }
    }
    let Some(length) = length else {
        return Frame::Bad(problem.unwrap_or_else(|| "no Content-Length".to_string()));
    };
    if length > MAX_BODY {
        // Skipped as it comes, never held.
        let _ = std::io::copy(&mut input.take(length as u64), &mut std::io::sink());
        return Frame::Bad(format!("a body of {length} bytes, over the {MAX_BODY} byte limit"));
    }
    let mut body = Vec::new();
    match input.take(length as u64).read_to_end(&mut body) {
        Ok(n) if n == length => {}
        Ok(n) => return Frame::Bad(format!("truncated body: {n} of {length} bytes")),
        Err(err) => return Frame::Bad(format!("truncated body: {err}")),
    }
    if let Some(problem) = problem {
        return Frame::Bad(problem);
    }
    match serde_json::from_slice::<Message>(&body) {
        // `lsp-server` reads a request whose id is not an i32 or a string as a notification.
        Ok(Message::Notification(notification)) => match request_id(&body) {
            Some(id) => Frame::BadId(id),
            None => Frame::Message(Message::Notification(notification)),
        },
        Ok(message) => Frame::Message(message),
        Err(err) => Frame::Bad(format!("body is not a JSON-RPC message: {err}")),
    }
}

/// The id of a message that has one, as the response to it must name it: a number as it came
/// (2^63, 1e308), anything that JSON-RPC does not allow as an id as null.
fn request_id(body: &[u8]) -> Option<serde_json::Value> {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default, deserialize_with = "present")]
        id: Option<serde_json::Value>,
    }
    fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
        serde::Deserialize::deserialize(d).map(Some)
    }
    let id = serde_json::from_slice::<Probe>(body).ok()?.id?;
    Some(match id {
        serde_json::Value::Number(_) | serde_json::Value::String(_) => id,
        _ => serde_json::Value::Null,
    })
}

/// The error response to a request whose id the server cannot take.
fn bad_id_response(id: &serde_json::Value) -> Vec<u8> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {
            "code": ErrorCode::InvalidRequest as i32,
            "message": "a request id must be an integer of 32 bits or a string",
        }
    })
    .to_string();
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

/// Starts reader and writer threads over stdin and stdout.
pub fn stdio() -> (Sender<Message>, Receiver<Message>, IoThreads) {
    let (reader_sender, reader_receiver) = bounded::<Message>(64);
    // Frames the reader answers itself, written by the writer between messages.
    let (raw_sender, raw_receiver) = bounded::<Vec<u8>>(64);
    let reader = thread::Builder::new()
        .name("cm-lsp-reader".into())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            loop {
                match read_frame(&mut input) {
                    Frame::Message(message) => {
                        if reader_sender.send(message).is_err() {
                            return;
                        }
                    }
                    Frame::BadId(id) => {
                        let _ = writeln!(std::io::stderr(), "cm-lsp: refused a request whose id is {id}");
                        let _ = raw_sender.send(bad_id_response(&id));
                    }
                    Frame::Bad(why) => {
                        let _ = writeln!(std::io::stderr(), "cm-lsp: skipped a malformed message: {why}");
                    }
                    Frame::End => return,
                }
            }
        })
        .expect("spawn the reader thread");
    let (writer_sender, writer_receiver) = bounded::<Message>(64);
    let writer = thread::Builder::new()
        .name("cm-lsp-writer".into())
        .spawn(move || {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            let mut raw = raw_receiver;
            loop {
                crossbeam_channel::select! {
                    recv(writer_receiver) -> message => {
                        let Ok(message) = message else { return };
                        if message.write(&mut out).is_err() {
                            return;
                        }
                    }
                    recv(raw) -> frame => match frame {
                        Ok(frame) => {
                            if out.write_all(&frame).is_err() {
                                return;
                            }
                        }
                        // The reader is done; the server may still be talking.
                        Err(_) => raw = crossbeam_channel::never(),
                    }
                }
                let _ = out.flush();
            }
        })
        .expect("spawn the writer thread");
    (writer_sender, reader_receiver, IoThreads { reader, writer })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const GOOD: &str = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;

    #[test]
    fn skips_a_bad_body_and_reads_the_next() {
        let stream = format!("Content-Length: 5\r\n\r\n{{bad}}{}", frame(GOOD));
        let mut input = std::io::Cursor::new(stream.into_bytes());
        assert!(matches!(read_frame(&mut input), Frame::Bad(_)));
        assert!(matches!(read_frame(&mut input), Frame::Message(Message::Notification(_))));
        assert!(matches!(read_frame(&mut input), Frame::End));
    }

    /// Request ids that are neither i32 nor string were taken for notifications and never
    /// answered (#15).
    #[test]
    fn requests_with_ids_lsp_server_cannot_hold_are_refused_with_their_id() {
        let cases = [
            ("9223372036854775808", serde_json::json!(9_223_372_036_854_775_808_u64)),
            ("1e308", serde_json::json!(1e308)),
            ("2147483648", serde_json::json!(2_147_483_648_u64)),
            ("-1.5", serde_json::json!(-1.5)),
            ("null", serde_json::Value::Null),
            ("true", serde_json::Value::Null),
            ("{\"a\":1}", serde_json::Value::Null),
            ("[1]", serde_json::Value::Null),
        ];
        for (raw, expected) in cases {
            let body = format!(r#"{{"jsonrpc":"2.0","id":{raw},"method":"textDocument/hover","params":{{}}}}"#);
            let mut input = std::io::Cursor::new(format!("{}{}", frame(&body), frame(GOOD)).into_bytes());
            match read_frame(&mut input) {
                Frame::BadId(id) => assert_eq!(id, expected, "{raw}"),
                other => panic!("{raw}: {other:?}"),
            }
            assert!(matches!(read_frame(&mut input), Frame::Message(Message::Notification(_))), "{raw}");
            let written = String::from_utf8(bad_id_response(&expected)).unwrap();
            let (header, body) = written.split_once("\r\n\r\n").unwrap();
            assert_eq!(header, format!("Content-Length: {}", body.len()));
            let response: serde_json::Value = serde_json::from_str(body).unwrap();
            assert_eq!(response["id"], expected);
            assert_eq!(response["error"]["code"], -32600);
        }
        // A notification (no id at all) stays one; ids that fit are requests.
        for body in [
            GOOD,
            r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#,
            r#"{"jsonrpc":"2.0","id":"x","method":"shutdown"}"#,
        ] {
            let mut input = std::io::Cursor::new(frame(body).into_bytes());
            assert!(matches!(read_frame(&mut input), Frame::Message(_)), "{body}");
        }
    }

    /// Bytes without a line break, produced as they are read, never held.
    struct Endless {
        left: u64,
        then: std::io::Cursor<Vec<u8>>,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.left == 0 {
                return self.then.read(buf);
            }
            let n = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
            buf[..n].fill(b'x');
            self.left -= n as u64;
            Ok(n)
        }
    }

    /// A header line with no line break grew memory without bound (#15): 256 MiB of it is now
    /// read in fixed memory, the frame is dropped, and the next one is read.
    #[test]
    fn an_endless_header_line_is_skipped_in_bounded_memory() {
        let then = std::io::Cursor::new(format!("\r\n\r\n{}", frame(GOOD)).into_bytes());
        let mut input = std::io::BufReader::with_capacity(64 * 1024, Endless { left: 256 << 20, then });
        match read_frame(&mut input) {
            Frame::Bad(why) => assert!(why.contains("header line longer"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(read_frame(&mut input), Frame::Message(Message::Notification(_))));
        assert!(matches!(read_frame(&mut input), Frame::End));
    }

    #[test]
    fn too_many_header_lines_or_a_long_one_drop_the_frame_and_its_body() {
        let many = format!(
            "{}{}",
            "X-Junk: 1\r\n".repeat(100),
            frame("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"shutdown\"}")
        );
        let long = format!("X-Junk: {}\r\n{}", "y".repeat(MAX_HEADER_LINE + 1), frame(GOOD));
        for stream in [many, long] {
            let mut input = std::io::Cursor::new(format!("{stream}{}", frame(GOOD)).into_bytes());
            assert!(matches!(read_frame(&mut input), Frame::Bad(_)));
            assert!(matches!(read_frame(&mut input), Frame::Message(Message::Notification(_))));
            assert!(matches!(read_frame(&mut input), Frame::End));
        }
        // A length over the limit: the body is skipped, not held.
        let huge = format!("Content-Length: {}\r\n\r\n", MAX_BODY + 1);
        let mut input = std::io::Cursor::new(format!("{huge}{}", frame(GOOD)).into_bytes());
        assert!(matches!(read_frame(&mut input), Frame::Bad(_)));
    }
}
