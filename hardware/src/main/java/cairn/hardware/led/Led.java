package cairn.hardware.led;

/** The status LEDs on the box's front, in the order they sit on the panel. */
public enum Led {
    /** Cairn is running; the heartbeat stops when the process hangs or dies. */
    POWER,
    /** State of the cellular uplink. */
    LINK,
    /** At least one camera is being captured and recorded. */
    RECORDING,
    /** Segments are waiting in the spool for upload. */
    BACKLOG,
    /** Something needs a person's attention. */
    ERROR
}
