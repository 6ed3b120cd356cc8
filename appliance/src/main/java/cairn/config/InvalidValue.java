package cairn.config;

/** Thrown by a {@link ValueType} that cannot read a value; the loader adds file, line and key. */
final class InvalidValue extends Exception {
  InvalidValue(String problem) {
    super(problem);
  }
}
