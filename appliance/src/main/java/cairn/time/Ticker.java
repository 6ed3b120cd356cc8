package cairn.time;

/**
 * A monotonic nanosecond clock. Production code takes one by injection so that timing logic
 * (back-off, motion hold, key intervals) is tested by advancing a fake instead of sleeping.
 */
@FunctionalInterface
public interface Ticker {
  long nanos();

  static Ticker system() {
    return System::nanoTime;
  }
}
