package dev.poolkit.bench.load;

/**
 * What the hostile clients of a load run did ({@link HostileClients}).
 *
 * @param slowReaders    slow readers connected
 * @param nonReaders     non-readers connected
 * @param bytesSent      bytes they got the server to take
 * @param bytesRead      bytes of echo they read (the slow readers' trickle)
 * @param closedByServer hostile connections the server closed before the run ended (its write or
 *                       idle timeout, say): its right, not an error
 */
public record HostileSummary(int slowReaders, int nonReaders, long bytesSent, long bytesRead, int closedByServer) {
}
