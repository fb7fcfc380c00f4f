package io.github.meddistill.teachers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.meddistill.core.FileException;
import io.github.meddistill.core.MedDistillException;
import io.github.meddistill.core.TokenUsage;
import io.github.meddistill.teachers.spi.AnswerStatus;
import io.github.meddistill.teachers.spi.ModelAnswer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed, append-only store of model answers in a directory.
 *
 * <p>Layout: any number of journal files {@code answers-*.jsonl}. Each cache instance appends to a
 * file of its own, created on the first answer, so concurrent writers (threads of one instance,
 * several instances, several processes) never interleave bytes. One line per answer:
 * {@code <crc32 of the JSON, 8 hex digits> TAB <JSON> LF}, written with one write call before
 * {@link #put} returns, so a killed process loses nothing; a background thread forces the journal to
 * disk right after each write (lines written meanwhile share one fsync), so a power loss can lose at
 * most the answers of the last fsync, which are then requested again, and workers never wait for the
 * disk. {@link #close()} and {@link #flush()} wait until everything is on disk. On open every journal is read; a line that fails its checksum or
 * lacks its final newline (a crash mid-write) is skipped and counted, never trusted. Invalid answers
 * (truncated, refused, not JSON) are stored like any other, for inspection and so that a re-run does
 * not pay for them again.
 *
 * <p>Thread-safe. The files hold model answers, which quote the notes: protect the directory like the
 * notes themselves.
 */
public final class AnswerCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnswerCache.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final Map<String, CachedAnswer> entries = new ConcurrentHashMap<>();
    private final Object readLock = new Object();
    private final Map<Path, Long> readUpTo = new HashMap<>();
    private int skippedLines;
    private final Object writeLock = new Object();
    private final Object syncLock = new Object();
    private long written;
    private long synced;
    private boolean closing;
    private IOException flushFailure;
    private Thread flusher;
    private FileChannel journal;
    private Path journalPath;
    private boolean closed;

    private AnswerCache(Path directory) {
        this.directory = directory;
        if (directory != null) {
            load();
        }
    }

    /** A cache that keeps answers in memory only (nothing survives the process). */
    public static AnswerCache inMemory() {
        return new AnswerCache(null);
    }

    /** Opens (creating if needed) the cache in {@code directory} and reads every journal in it. */
    public static AnswerCache open(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new MedDistillException("cannot create answer cache directory " + directory + ": " + e.getMessage(), e);
        }
        return new AnswerCache(directory);
    }

    public Optional<CachedAnswer> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Number of answers held. */
    public int size() {
        return entries.size();
    }

    /** Lines skipped on open (or {@link #refresh()}) because they were torn or failed their checksum. */
    public int skippedLines() {
        synchronized (readLock) {
            return skippedLines;
        }
    }

    /**
     * Reads the lines that other caches (other processes, other instances) have appended to the directory's journals
     * since this one opened or last refreshed, and returns how many answers it read. A line still being written
     * (no final newline yet) is left for the next refresh. For a cache in memory, does nothing and returns 0.
     */
    public int refresh() {
        if (directory == null) {
            return 0;
        }
        synchronized (readLock) {
            return scan(false);
        }
    }

    /** The directory, if this cache has one. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    /**
     * Appends {@code answer} to the journal and makes it visible to {@link #get}. When this returns, the
     * line is in the operating system's file cache (a killed process loses nothing); the background
     * flusher forces it to disk within about one fsync ({@link #flush()} waits for that).
     */
    public void put(CachedAnswer answer) {
        if (directory == null) {
            entries.merge(answer.key(), answer, AnswerCache::preferComplete);
            return;
        }
        byte[] json = Json.write(toJson(answer)).getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(json);
        byte[] prefix = String.format("%08x\t", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer line = ByteBuffer.allocate(prefix.length + json.length + 1).put(prefix).put(json).put((byte) '\n').flip();
        try {
            synchronized (writeLock) {
                FileChannel channel = channel();
                while (line.hasRemaining()) {
                    channel.write(line);
                }
                synchronized (syncLock) {
                    written++;
                    syncLock.notifyAll();
                }
            }
        } catch (IOException e) {
            throw new MedDistillException("cannot append to answer cache journal " + journalPath + ": " + e.getMessage(), e);
        }
        entries.merge(answer.key(), answer, AnswerCache::preferComplete);
    }

    /** Waits until every answer put so far is forced to disk. */
    public void flush() {
        synchronized (syncLock) {
            long target = written;
            try {
                while (synced < target && flushFailure == null) {
                    syncLock.wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MedDistillException("interrupted while flushing answer cache journal " + journalPath, e);
            }
            if (flushFailure != null) {
                throw new MedDistillException("cannot force answer cache journal " + journalPath + " to disk: "
                        + flushFailure.getMessage(), flushFailure);
            }
        }
    }

    /** Group commit: one fsync covers every line written before it, so writers never wait for the disk. */
    private void flushLoop(FileChannel channel) {
        while (true) {
            long target;
            synchronized (syncLock) {
                try {
                    while (synced >= written && !closing) {
                        syncLock.wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (synced >= written) {
                    return;
                }
                target = written;
            }
            try {
                channel.force(false);
            } catch (IOException e) {
                LOG.error("cannot force answer cache journal {} to disk: {}", journalPath, e.toString());
                synchronized (syncLock) {
                    flushFailure = e;
                    syncLock.notifyAll();
                }
                return;
            }
            synchronized (syncLock) {
                synced = target;
                syncLock.notifyAll();
            }
        }
    }

    private FileChannel channel() throws IOException {
        if (closed) {
            throw new IllegalStateException("answer cache " + directory + " is closed");
        }
        if (journal == null) {
            journalPath = directory.resolve("answers-" + STAMP.format(Instant.now()) + "-" + ProcessHandle.current().pid()
                    + "-" + UUID.randomUUID().toString().substring(0, 8) + ".jsonl");
            journal = FileChannel.open(journalPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
            syncDirectory();
            FileChannel channel = journal;
            flusher = new Thread(() -> flushLoop(channel), "answer-cache-flusher");
            flusher.setDaemon(true);
            flusher.start();
        }
        return journal;
    }

    /** Makes the new file's directory entry durable (Linux allows forcing a directory). */
    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            LOG.debug("cannot fsync directory {}: {}", directory, notSupported.toString());
        }
    }

    private static CachedAnswer preferComplete(CachedAnswer existing, CachedAnswer added) {
        boolean existingComplete = existing.answer().status() == AnswerStatus.COMPLETE;
        boolean addedComplete = added.answer().status() == AnswerStatus.COMPLETE;
        return !existingComplete && addedComplete ? added : existing;
    }

    private void load() {
        synchronized (readLock) {
            scan(true);
            if (skippedLines > 0) {
                LOG.warn("answer cache {}: skipped {} torn or corrupt journal line(s); their answers will be requested"
                        + " again", directory, skippedLines);
            }
        }
    }

    /** Reads every journal from where the last scan stopped; returns the number of answers read. */
    private int scan(boolean opening) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "answers-*.jsonl")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new FileException(directory, "cannot list the answer cache directory", e);
        }
        files.sort(null);
        Path own;
        synchronized (writeLock) {
            own = journalPath;
        }
        int read = 0;
        for (Path file : files) {
            if (!file.equals(own)) {
                read += readFile(file, opening);
            }
        }
        return read;
    }

    private int readFile(Path file, boolean opening) {
        long from = readUpTo.getOrDefault(file, 0L);
        byte[] bytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size <= from) {
                return 0;
            }
            ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(size - from));
            while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
                // reads until the size seen above
            }
            bytes = buffer.array();
        } catch (IOException e) {
            throw new FileException(file, "cannot read the answer cache journal", e);
        }
        int read = 0;
        int start = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (end == bytes.length) {
                if (opening) {
                    LOG.warn("answer cache journal {}: last line has no final newline (write interrupted or still under"
                            + " way), skipped", file);
                    skippedLines++;
                }
                break;
            }
            if (end > start) {
                if (loadLine(bytes, start, end)) {
                    read++;
                } else {
                    LOG.warn("answer cache journal {} at byte {}: checksum or format mismatch, skipped", file, from + start);
                    skippedLines++;
                }
            }
            start = end + 1;
        }
        readUpTo.put(file, from + start);
        return read;
    }

    private boolean loadLine(byte[] bytes, int start, int end) {
        if (end - start < 10 || bytes[start + 8] != '\t') {
            return false;
        }
        long expected;
        try {
            expected = Long.parseLong(new String(bytes, start, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return false;
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, start + 9, end - start - 9);
        if (crc.getValue() != expected) {
            return false;
        }
        try {
            CachedAnswer answer = fromJson(Json.read(new String(bytes, start + 9, end - start - 9, StandardCharsets.UTF_8)));
            entries.merge(answer.key(), answer, AnswerCache::preferComplete);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static ObjectNode toJson(CachedAnswer a) {
        ObjectNode node = Json.object();
        node.put("key", a.key());
        node.put("provider", a.provider());
        node.put("model", a.model());
        node.put("status", a.answer().status().name());
        node.put("finishReason", a.answer().finishReason());
        node.put("content", a.answer().content());
        TokenUsage u = a.answer().usage();
        ObjectNode usage = node.putObject("usage");
        usage.put("input", u.inputTokens());
        usage.put("cachedInput", u.cachedInputTokens());
        usage.put("output", u.outputTokens());
        usage.put("reasoning", u.reasoningTokens());
        node.put("latencyMs", a.latencyMillis());
        node.put("batch", a.batch());
        node.put("time", Instant.now().toString());
        return node;
    }

    private static CachedAnswer fromJson(JsonNode n) {
        JsonNode u = n.path("usage");
        TokenUsage usage = new TokenUsage(Json.longAt(u, "input"), Json.longAt(u, "cachedInput"), Json.longAt(u, "output"),
                Json.longAt(u, "reasoning"));
        ModelAnswer answer = new ModelAnswer(n.get("content").asText(), AnswerStatus.valueOf(n.get("status").asText()),
                n.path("finishReason").asText(""), usage);
        return new CachedAnswer(n.get("key").asText(), n.get("provider").asText(), n.get("model").asText(), answer,
                n.path("latencyMs").asLong(), n.path("batch").asBoolean());
    }

    /** Forces everything to disk, stops the flusher and closes the journal. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (journal == null) {
            return;
        }
        try {
            flush();
        } finally {
            synchronized (syncLock) {
                closing = true;
                syncLock.notifyAll();
            }
            try {
                flusher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("closing answer cache journal {} failed: {}", journalPath, e.toString());
            }
        }
    }
}
