package cairn.supervise;

/** How a {@link Stage} tells its supervisor it is making progress; cheap, any thread. */
@FunctionalInterface
public interface CheckIn {
  void progress();
}
