package awrsr.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive use of a checkpoint folder by one training run: an operating-system lock on a file in the
 * folder, released when the run ends, however it ends (kill -9 included). The file says who holds it,
 * so that a second run is refused with the holder's process id.
 */
public final class CheckpointLock implements AutoCloseable {
    public static final String FILE = ".awrsr.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private CheckpointLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Claims {@code folder} ({@link Checkpoint#claimFolder}) and locks it, or says who holds it. */
    public static CheckpointLock acquire(Path folder) throws IOException {
        Checkpoint.claimFolder(folder);
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;                                     // held by this process, by another training run
        } catch (IOException e) {
            channel.close();
            throw new IOException(folder + ": cannot lock the folder (" + e.getMessage() + ")", e);
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new IOException(folder + ": in use by another training run (" + holder
                    + "); wait for it to end or give another folder");
        }
        String me = "process " + ProcessHandle.current().pid()
                + ProcessHandle.current().info().startInstant().map(t -> ", started " + t).orElse("");
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
        return new CheckpointLock(channel, lock);
    }

    /** Who holds the lock, as its file says; the holder writes it just after locking, so wait briefly. */
    private static String holder(FileChannel channel) {
        try {
            for (int attempt = 0; attempt < 20; attempt++) {
                ByteBuffer b = ByteBuffer.allocate(200);
                int n = channel.read(b, 0);
                String text = n <= 0 ? "" : new String(b.array(), 0, n, StandardCharsets.UTF_8).trim();
                if (!text.isEmpty()) {
                    return text;
                }
                Thread.sleep(25);
            }
        } catch (IOException e) {
            return "holder unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "holder unknown";
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
