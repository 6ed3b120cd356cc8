package cairn.spool;

/**
 * {@code storage.dir} cannot hold the spool. The message is the one line people see:
 * {@code storage error: storage.dir /path: what is wrong}.
 */
public final class StorageUnusable extends Exception {
  StorageUnusable(String key, Object path, String problem) {
    super("storage error: " + key + " " + path + ": " + problem);
  }
}
