//! Stdio transport that survives bad input. `lsp-server`'s own stdio reader stops at the first
//! body that is not JSON; this reader logs such a frame, skips it and goes on.

use std::io::{BufRead, Write};
use std::thread;

use crossbeam_channel::{bounded, Receiver, Sender};
use lsp_server::Message;

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
enum Frame {
    Message(Message),
    /// A frame that could not be read as a message; the text says why.
    Bad(String),
    End,
}

fn read_frame(input: &mut impl BufRead) -> Frame {
    let mut length: Option<usize> = None;
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => return Frame::End,
            Ok(_) => {}
            Err(err) => return Frame::Bad(format!("cannot read a header: {err}")),
        }
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            if length.is_some() {
                break;
            }
            continue;
        }
        if let Some((name, value)) = trimmed.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            }
        }
    }
    let Some(length) = length.filter(|&l| l <= 256 << 20) else {
        return Frame::Bad("missing or oversized Content-Length".to_string());
    };
    let mut body = vec![0; length];
    if let Err(err) = input.read_exact(&mut body) {
        return Frame::Bad(format!("truncated body: {err}"));
    }
    match serde_json::from_slice::<Message>(&body) {
        Ok(message) => Frame::Message(message),
        Err(err) => Frame::Bad(format!("body is not a JSON-RPC message: {err}")),
    }
}

/// Starts reader and writer threads over stdin and stdout.
pub fn stdio() -> (Sender<Message>, Receiver<Message>, IoThreads) {
    let (reader_sender, reader_receiver) = bounded::<Message>(64);
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
            for message in writer_receiver {
                if message.write(&mut out).is_err() {
                    return;
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

    #[test]
    fn skips_a_bad_body_and_reads_the_next() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let stream = format!("Content-Length: 5\r\n\r\n{{bad}}Content-Length: {}\r\n\r\n{good}", good.len());
        let mut input = std::io::Cursor::new(stream.into_bytes());
        assert!(matches!(read_frame(&mut input), Frame::Bad(_)));
        assert!(matches!(read_frame(&mut input), Frame::Message(Message::Notification(_))));
        assert!(matches!(read_frame(&mut input), Frame::End));
    }
}
