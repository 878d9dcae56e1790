package dev.poolkit.bench.load;

/** What went wrong with a connection; each closes it and is counted. */
public enum ErrorKind {
    /** Could not connect. */
    CONNECT,
    /** An echoed byte differed from the byte sent, or more bytes came back than were sent. */
    CORRUPT,
    /** The server closed the connection while a message was in flight. */
    EOF,
    /** Any other I/O failure (reset, broken pipe). */
    IO,
    /** A message was not fully echoed within the timeout. */
    TIMEOUT
}
