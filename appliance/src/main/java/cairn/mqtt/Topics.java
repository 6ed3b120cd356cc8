package cairn.mqtt;

/** The topics of one box under its root {@code PREFIX/DEVICE-ID}, as CONTRACTS.md lists them. */
public record Topics(String root) {
  public String state() {
    return root + "/state";
  }

  public String health() {
    return root + "/health";
  }

  public String event() {
    return root + "/event";
  }

  public String cmd() {
    return root + "/cmd";
  }

  public String cmdResult() {
    return root + "/cmd/result";
  }

  /** True for the topics that carry pictures rather than text. */
  public boolean isSnapshot(String topic) {
    return topic.startsWith(root + "/snapshot/");
  }

  public String snapshot(String camera) {
    return root + "/snapshot/" + camera;
  }
}
