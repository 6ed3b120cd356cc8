package cairn.uplink;

/** What the uplink may send, and where it reports what it sent; {@link DataBudget} is the real one. */
public interface SendBudget {
  /** No data plan: everything may go. */
  SendBudget UNLIMITED = new SendBudget() {
    @Override
    public void add(long bytes) {}

    @Override
    public boolean segmentsAllowed() {
      return true;
    }

    @Override
    public boolean backlogAllowed() {
      return true;
    }
  };

  /** Bytes put on the wire. Any thread. */
  void add(long bytes);

  /** False once the budget is spent: segments stay in the spool, only snapshots go. */
  boolean segmentsAllowed();

  /** False while the budget is held to its pace: footage that did not go live waits. */
  boolean backlogAllowed();
}
